import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { authorize, type Denial } from '../authz/authorize';
import { RateLimiter } from '../auth/rate-limiter';
import type { Upstream } from '../runtime/runtime-driver';
import type { AppHost } from '../server/app-host';
import { AccessResolver, DatabaseUnavailableError, type ResolvedToken } from './access-resolver';
import { hashSessionId, readGateCookies } from './gate-cookie';
import type { GatewayApp, GatewayStore } from './gateway-store';
import { LiveConnections } from './live-connections';
import { handleGatePath } from './gate-login';
import { proxyHttp } from './proxy-http';
import { proxyUpgrade } from './proxy-upgrade';
import { respond, type Reply } from './reply';
import { isSecure } from './upstream-headers';

export interface GatewayOptions {
  store: GatewayStore;
  resolver: AccessResolver;
  upstream(appId: string): Upstream | null;
  log?: (line: string) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GATE_PATH = '/__tollgate/';

type Access =
  | { ok: true; app: GatewayApp; token: ResolvedToken | null }
  | { ok: false; reply: Reply };

/**
 * The data path for app hosts: find the app, decide with `authorize`, and only
 * then look at whether it runs, so a stranger learns nothing of its state.
 * No Next.js here: this runs on every request to every app.
 */
export class Gateway {
  readonly live = new LiveConnections();
  private readonly connectLimiter = new RateLimiter(10, 5 * 60_000);

  constructor(private readonly options: GatewayOptions) {}

  /**
   * Serves one request. When everything it needs is cached (the common case)
   * the decision is taken synchronously: no promise is created on the hot path,
   * which matters because Next's AsyncLocalStorage makes every promise in the
   * process pay for async hooks.
   */
  handle(req: IncomingMessage, res: ServerResponse, host: AppHost): Promise<void> | void {
    const cached = this.checkCached(req, host);
    if (cached) return this.serve(req, res, cached);
    return this.check(req, host, false).then((access) => this.serve(req, res, access));
  }

  private serve(req: IncomingMessage, res: ServerResponse, access: Access): void {
    if (!access.ok) return respond(req, res, access.reply);
    const upstream = this.runningUpstream(access.app);
    if (!upstream) return respond(req, res, notRunning());
    if (access.token) {
      this.options.store.touchToken(access.token.record);
      const release = this.live.add(access.token.record.id, () => res.destroy());
      res.once('close', release);
    }
    proxyHttp(req, res, upstream, () => respond(req, res, { status: 502, title: 'Bad gateway', message: 'The app did not answer' }));
  }

  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, host: AppHost): Promise<void> {
    socket.on('error', () => socket.destroy());
    const access = await this.check(req, host, true);
    if (!access.ok) return rejectUpgrade(socket, access.reply);
    // A page on another site must not open a socket riding the user's gate cookie.
    const origin = req.headers.origin;
    if (origin && !sameHost(origin, req.headers.host)) {
      return rejectUpgrade(socket, { status: 403, code: 'forbidden', message: 'Cross-origin WebSocket refused' });
    }
    const upstream = this.runningUpstream(access.app);
    if (!upstream) return rejectUpgrade(socket, notRunning());
    if (access.token) {
      this.options.store.touchToken(access.token.record);
      const release = this.live.add(access.token.record.id, () => socket.destroy());
      socket.once('close', release);
    }
    proxyUpgrade(req, socket, head, upstream);
  }

  /** A token was regenerated or deleted: cut its open streams. */
  tokenChanged(tokenId: string): void {
    const closed = this.live.closeToken(tokenId);
    if (closed > 0) this.options.log?.(`closed ${closed} open connection(s) of a revoked token`);
  }

  /** The decision from cached data alone, or undefined when the database must be asked. */
  private checkCached(req: IncomingMessage, host: AppHost): Access | undefined {
    const early = targetProblem(req, host);
    if (early) return { ok: false, reply: early };
    const app = this.options.resolver.peekApp(host.appId);
    if (app === undefined) return undefined;
    const missing = appProblem(app, host);
    if (missing) return { ok: false, reply: missing };
    if ((req.url ?? '').startsWith(GATE_PATH)) return undefined;
    if (app!.unsecureHttp) return { ok: true, app: app!, token: null };
    const bearer = bearerSecret(req);
    // Gate-cookie sessions take the general path; programs send Bearer.
    if (bearer === undefined) return req.headers.cookie ? undefined : decide(req, app!, undefined);
    const token = this.options.resolver.peekTokenBySecret(bearer);
    return token === undefined ? undefined : decide(req, app!, token);
  }

  private async check(req: IncomingMessage, host: AppHost, isUpgrade: boolean): Promise<Access> {
    const early = targetProblem(req, host);
    if (early) return { ok: false, reply: early };
    try {
      const app = await this.options.resolver.app(host.appId);
      const missing = appProblem(app, host);
      if (missing) return { ok: false, reply: missing };
      if (!isUpgrade && (req.url ?? '').startsWith(GATE_PATH)) {
        return { ok: false, reply: await handleGatePath(req, app!, { resolver: this.options.resolver, store: this.options.store, limiter: this.connectLimiter }) };
      }
      if (app!.unsecureHttp) return { ok: true, app: app!, token: null };
      return decide(req, app!, await this.credential(req, app!));
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) {
        this.options.log?.(`database unavailable: ${error.message}`);
        return { ok: false, reply: { status: 503, code: 'unavailable', message: 'Access cannot be checked right now; try again shortly', retryAfter: 5 } };
      }
      throw error;
    }
  }

  /**
   * The request's token: from `Authorization: Bearer`, else from the gate cookie's session.
   * undefined = no credential presented; null = one was presented and is not valid.
   */
  private async credential(req: IncomingMessage, app: GatewayApp): Promise<ResolvedToken | null | undefined> {
    const bearer = bearerSecret(req);
    if (bearer !== undefined) return this.options.resolver.tokenBySecret(bearer);
    const sessionIds = readGateCookies(req.headers.cookie, isSecure(req));
    if (sessionIds.length === 0) return undefined;
    for (const sessionId of sessionIds) {
      const session = await this.options.resolver.session(hashSessionId(sessionId));
      // A session opens one app, for one version of its token: regenerating ends it.
      if (!session || session.appId !== app.id || session.expiresAt.getTime() <= Date.now()) continue;
      const token = await this.options.resolver.tokenById(session.tokenId);
      if (token && token.record.version === session.tokenVersion) return token;
    }
    return null;
  }

  private runningUpstream(app: GatewayApp): Upstream | null {
    return app.state === 'RUNNING' ? this.options.upstream(app.id) : null;
  }
}

/** Refusals that need no lookup: an absolute-form target, a host that cannot name an app. */
function targetProblem(req: IncomingMessage, host: AppHost): Reply | null {
  // Absolute-form (`GET http://elsewhere/`) or `*`: not a request for this app.
  if (!(req.url ?? '').startsWith('/')) return { status: 400, code: 'bad_request', message: 'Request target must be a path' };
  if (!UUID.test(host.appId)) return noSuchApp();
  return null;
}

function appProblem(app: GatewayApp | null, host: AppHost): Reply | null {
  return !app || app.state === 'DELETED' || app.region.toUpperCase() !== host.region ? noSuchApp() : null;
}

/** The Bearer secret, if the request carries one. */
function bearerSecret(req: IncomingMessage): string | undefined {
  const authorization = req.headers.authorization;
  if (!authorization) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}

/** `authorize` on the request's credential (undefined: none presented; null: presented, not valid). */
function decide(req: IncomingMessage, app: GatewayApp, token: ResolvedToken | null | undefined): Access {
  const decision = authorize({ credential: token?.credential ?? null, app, action: 'app:query' });
  if (!decision.allow) return { ok: false, reply: denied(req, decision, token === undefined) };
  return { ok: true, app, token: token ?? null };
}

function noSuchApp(): Reply {
  return { status: 404, code: 'not_found', title: 'No app here', message: 'No app is served at this address' };
}

function notRunning(): Reply {
  return {
    status: 503,
    code: 'app_not_running',
    title: 'This app is not running',
    message: 'The app is stopped or still starting. This page will work again once it runs.',
    retryAfter: 5,
  };
}

function denied(req: IncomingMessage, decision: Denial, noCredential: boolean): Reply {
  if (decision.status === 401) {
    return {
      status: 401,
      code: 'unauthenticated',
      message: noCredential ? 'This app needs a token: send Authorization: Bearer <token>' : 'Invalid or expired token',
      wwwAuthenticate: noCredential ? 'Bearer realm="tollgate"' : 'Bearer realm="tollgate", error="invalid_token"',
      loginRedirect: req.url ?? '/',
    };
  }
  return { status: 403, code: 'forbidden', title: 'Access denied', message: decision.message, details: { reason: decision.reason } };
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function rejectUpgrade(socket: Duplex, reply: Reply): void {
  const body = JSON.stringify({ error: { code: reply.code, message: reply.message } });
  socket.end(
    `HTTP/1.1 ${reply.status} ${reply.status === 401 ? 'Unauthorized' : reply.status === 403 ? 'Forbidden' : 'Error'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

