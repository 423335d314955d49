/**
 * The Content Security Policy of the app's page, for the desktop app and the browser host:
 * scripts and styles only from the app's own files (no inline code, no eval), nothing remote.
 * renderer/index.html carries the same policy in a meta tag.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
