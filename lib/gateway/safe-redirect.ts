// oauth2-proxy's rule for relative redirects: `//`, `/\` and the same with
// whitespace or dot segments in between are other hosts in a browser's eyes.
const HOST_SWITCH = /[/\\](?:[\s\v]*|\.{1,2})[/\\]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const BASE = 'http://gate.invalid';

/**
 * `next` after Login with token: a path on this same host, or null. Absolute
 * URLs are refused outright (an app host never sends users elsewhere). The
 * answer is the path as a browser would request it: dot segments resolved and
 * anything outside ASCII percent-encoded, so it can always be sent as a
 * `Location` header.
 */
export function safeRedirectPath(candidate: string | null | undefined): string | null {
  if (!candidate || candidate.length > 2048) return null;
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return null;
  if (HOST_SWITCH.test(candidate) || CONTROL.test(candidate) || candidate.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = url.pathname + url.search + url.hash;
  // Back to the login page would loop.
  if (path.startsWith('/__tollgate/')) return null;
  return path;
}
