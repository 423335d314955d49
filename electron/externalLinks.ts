/**
 * The address a link may be opened at in the user's browser, or null when it must not be:
 * only absolute http: and https: addresses with a host, and none carrying a user name or
 * password (which phishing links use to disguise their host). Everything else — javascript:,
 * file:, data:, custom schemes that start other programs, our own newsmark: — is refused.
 * Returns the address as the URL parser normalised it, which is what gets opened.
 */
export function externalUrlToOpen(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    // Not an absolute address: nothing to open.
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}
