import type { IncomingMessage } from 'node:http';
import { parseAppHost, type AppHost } from '../apps/app-host.ts';

/**
 * The decision endpoint's paths. All sit under `/__tollgate/`, the prefix of
 * the app hosts' own gate paths: App Router folders starting with `_` are
 * private, so no panel route can ever be served there.
 */
export const AUTHZ_PATH = '/__tollgate/authz';

/**
 * How the proxy describes the request it is about to route, one convention per
 * path. Each reads only the headers its proxy sets itself, so a header the
 * client sent under another convention's name is never believed.
 * - `forward`: Traefik `forwardAuth`, Caddy `forward_auth`: X-Forwarded-Method/Proto/Host/Uri.
 * - `nginx`: `auth_request`: X-Original-URL (+ X-Original-Method). Answers only 2xx, 401 or 403.
 * - `nginx-denied`: the same headers; the full answer for nginx's `error_page 401 403`
 *   (the login redirect for browsers, the JSON error for programs).
 * - `envoy`: `ext_authz` HTTP service: the original Host, method and path (after the prefix).
 */
export type Protocol = 'forward' | 'nginx' | 'nginx-denied' | 'envoy';

export const PROTOCOL_PATHS: Readonly<Record<Protocol, string>> = {
  forward: AUTHZ_PATH,
  nginx: `${AUTHZ_PATH}/nginx`,
  'nginx-denied': `${AUTHZ_PATH}/nginx/denied`,
  envoy: `${AUTHZ_PATH}/envoy`,
};

/** True for any path of the endpoint (checked on every request of the panel port: string compare only). */
export function isAuthzPath(url: string | undefined): boolean {
  if (!url || !url.startsWith(AUTHZ_PATH)) return false;
  const next = url.charAt(AUTHZ_PATH.length);
  return next === '' || next === '/' || next === '?';
}

/** Which convention a request to the endpoint uses, and for Envoy the original path it carries; null: no such path. */
export function protocolOf(url: string): { protocol: Protocol; rest: string } | null {
  const envoy = PROTOCOL_PATHS.envoy;
  if (url === envoy || url.startsWith(envoy + '/') || url.startsWith(envoy + '?')) return { protocol: 'envoy', rest: url.slice(envoy.length) };
  const path = url.split('?', 1)[0]!;
  if (path === PROTOCOL_PATHS.forward) return { protocol: 'forward', rest: '' };
  if (path === PROTOCOL_PATHS.nginx) return { protocol: 'nginx', rest: '' };
  if (path === PROTOCOL_PATHS['nginx-denied']) return { protocol: 'nginx-denied', rest: '' };
  return null;
}

/** The request the proxy is about to route, as the proxy described it. */
export interface OriginalRequest {
  method: string;
  /** Origin-form: path and query, always starting with `/`. */
  uri: string;
  /** The Host the client asked for (may carry a port); undefined when the proxy named none. */
  host: string | undefined;
}

/** The app the decision is for: from `X-Tollgate-App`, else from an app host name. */
export type Target = { kind: 'host'; host: AppHost } | { kind: 'app'; appId: string; hostRegion: string | undefined };

export type Problem = { status: 400 | 403 | 404; code: string; message: string; reason?: 'app_mismatch' | 'gate_path' | 'not_the_proxy' };

const SINGLE = (req: IncomingMessage, name: string): string | undefined | null => {
  const values = req.headersDistinct[name];
  if (!values || values.length === 0) return undefined;
  // Sent twice: the proxy and the client could each have meant another one.
  if (values.length > 1) return null;
  return values[0];
};

const METHOD = /^[A-Z]{1,20}$/;
const ABSOLUTE = /^(https?):\/\/([^/?#\s]+)([^#\s]*)/i;

/** Reads the original request from the headers of `protocol`; a Problem when the proxy did not say enough. */
export function readOriginalRequest(req: IncomingMessage, protocol: Protocol, rest: string): OriginalRequest | Problem {
  const bad = (message: string): Problem => ({ status: 400, code: 'bad_request', message });
  let method: string | undefined | null;
  let uri: string;
  let host: string | undefined | null;
  switch (protocol) {
    case 'nginx':
    case 'nginx-denied': {
      const url = SINGLE(req, 'x-original-url');
      if (url === null) return bad('Send one X-Original-URL header');
      if (url === undefined) return bad('X-Original-URL is missing: the proxy must send the URL it is about to route');
      const match = ABSOLUTE.exec(url);
      if (!match) return bad('X-Original-URL must be an absolute http(s) URL');
      host = match[2];
      uri = match[3] || '/';
      method = SINGLE(req, 'x-original-method');
      break;
    }
    case 'forward': {
      host = SINGLE(req, 'x-forwarded-host');
      const forwardedUri = SINGLE(req, 'x-forwarded-uri');
      if (host === null || forwardedUri === null) return bad('Send one X-Forwarded-Host and one X-Forwarded-Uri header');
      if (host === undefined) return bad('X-Forwarded-Host is missing: the proxy must send the host it is about to route');
      uri = forwardedUri || '/';
      method = SINGLE(req, 'x-forwarded-method');
      break;
    }
    case 'envoy':
      host = req.headers.host;
      uri = rest || '/';
      method = req.method;
      break;
  }
  if (method === null) return bad('Send one method header');
  method = (method ?? req.method ?? 'GET').toUpperCase();
  if (!METHOD.test(method)) return bad('The original method is not a method');
  // A query alone (`?a=1`, Envoy's prefix + `?…`) is the root path's.
  if (uri.startsWith('?')) uri = '/' + uri;
  if (!uri.startsWith('/')) return bad('The original URI must be a path');
  return { method, uri, host: host ?? undefined };
}

/**
 * The app to decide for. `X-Tollgate-App` names it outright (the proxy sets it
 * per site, for any host name); otherwise the host must be an app host
 * `<app id>.app.<region>.<BASE_DOMAIN>`. When both are there they must agree:
 * a client-sent `X-Tollgate-App` that a careless proxy passed on can then never
 * get the decision made for another app than the one the host names.
 */
export function findTarget(req: IncomingMessage, original: OriginalRequest, baseDomain: string): Target | Problem {
  const explicit = SINGLE(req, 'x-tollgate-app');
  if (explicit === null) return { status: 400, code: 'bad_request', message: 'Send one X-Tollgate-App header' };
  const appHost = parseAppHost(original.host, baseDomain);
  if (explicit === undefined || explicit === '') {
    if (appHost) return { kind: 'host', host: appHost };
    return { status: 404, code: 'not_found', message: 'No app is served at this address: name it in X-Tollgate-App, or use its app host name' };
  }
  const appId = explicit.trim().toLowerCase();
  if (appHost && appHost.appId !== appId) {
    return {
      status: 403,
      code: 'forbidden',
      message: 'X-Tollgate-App names another app than the host does',
      reason: 'app_mismatch',
    };
  }
  return { kind: 'app', appId, hostRegion: appHost?.region };
}

export function isProblem(value: object): value is Problem {
  return 'status' in value && 'code' in value;
}
