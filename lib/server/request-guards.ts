import type { IncomingMessage } from 'node:http';

/**
 * More than one Host header. Node keeps the first in `req.headers.host`, but a
 * proxy in front may have routed on the last: the two would disagree on which
 * site (panel or which app) the request is for.
 */
export function hasDuplicateHost(req: IncomingMessage): boolean {
  return (req.headersDistinct.host?.length ?? 0) > 1;
}

/** A request path that is not valid percent-encoded UTF-8 (`/apps/%E0%A4%A`), which Next would answer with a 500. */
export function hasMalformedPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?', 1)[0]!;
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Paths Next serves as JSON (the /v1 API, next-auth's endpoints); the rest are pages. */
export function isApiPath(url: string | undefined): boolean {
  const path = url ?? '/';
  return path === '/v1' || path.startsWith('/v1/') || path.startsWith('/v1?') || path.startsWith('/api/');
}
