/**
 * Whether an address belongs to one of the app's own origins ("newsmark://app", or the dev
 * server's "http://localhost:5173" under `npm run dev`). Compared as scheme and host (port
 * included), because Node's URL gives a custom scheme's origin as "null". An address that does
 * not parse belongs to no one.
 */
export function isAppAddress(address: string | undefined, appOrigins: readonly string[]): boolean {
  const origin = schemeAndHost(address);
  return origin !== null && appOrigins.some((appOrigin) => schemeAndHost(appOrigin) === origin);
}

function schemeAndHost(address: string | undefined): string | null {
  if (!address) return null;
  try {
    const url = new URL(address);
    // "newsmark:foo" parses with an empty host: it names no origin of ours.
    return url.host ? `${url.protocol}//${url.host}` : null;
  } catch {
    return null;
  }
}
