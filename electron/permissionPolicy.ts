import { isAppAddress } from './appAddress';

/**
 * What the app's pages may be granted, for Electron's session permission handlers. Newsmark
 * needs one permission: `clipboard-sanitized-write`, which `navigator.clipboard.writeText`
 * asks for ("Copy list"). It is granted to the app's own page only — its main frame, at one
 * of the app's origins — and every other permission (camera, notifications, clipboard reads,
 * devices, fullscreen…) is refused to everyone.
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** The parts of Electron's permission request details this policy reads. */
export interface PermissionRequestFacts {
  isMainFrame: boolean;
  /** The last URL the requesting frame loaded. */
  requestingUrl: string;
}

/** The parts of Electron's permission check details this policy reads. */
export interface PermissionCheckFacts {
  isMainFrame: boolean;
  /** Set only for a cross-origin subframe's check: the origin embedding it. */
  embeddingOrigin?: string;
}

/** For `session.setPermissionRequestHandler`: whether to grant a request. */
export function allowsPermissionRequest(permission: string, request: PermissionRequestFacts, appOrigins: readonly string[]): boolean {
  return GRANTED_PERMISSIONS.has(permission) && request.isMainFrame && isAppAddress(request.requestingUrl, appOrigins);
}

/** For `session.setPermissionCheckHandler`: whether a permission is held already. */
export function allowsPermissionCheck(permission: string, requestingOrigin: string, check: PermissionCheckFacts, appOrigins: readonly string[]): boolean {
  return GRANTED_PERMISSIONS.has(permission) && check.isMainFrame && check.embeddingOrigin === undefined && isAppAddress(requestingOrigin, appOrigins);
}
