// The one same-origin policy for requests that ride ambient credentials (the
// panel's session cookie on /v1, the gate cookie on an app host's login,
// logout and WebSocket upgrades). CSRF is an attack through a victim's
// browser, and browsers say where a request comes from:
// - `Origin` present: it must be exactly this origin: scheme, host and port.
//   `Origin: null` (sandboxed frames, data: URLs, some redirects) is foreign.
// - no `Origin`: `Sec-Fetch-Site`, when sent, must be same-origin, or none
//   (the user typed the address).
// - neither: not a browser (curl, a script holding its own cookie), so there is
//   no victim to forge a request through.

export interface RequestOrigin {
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The Host header, as received. */
  host: string | undefined;
  /** How this server was reached. */
  secure: boolean;
}

export function isSameOrigin(request: RequestOrigin): boolean {
  if (request.origin !== undefined) {
    if (request.host === undefined) return false;
    return request.origin.toLowerCase() === `${request.secure ? 'https' : 'http'}://${request.host.toLowerCase()}`;
  }
  const site = request.secFetchSite;
  return site === undefined || site === 'same-origin' || site === 'none';
}
