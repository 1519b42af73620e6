import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { authorize, type Denial } from '../authz/authorize.ts';
import { RateLimiter } from '../auth/rate-limiter.ts';
import type { AppHost } from '../apps/app-host.ts';
import { isRecordId } from '../db/record-id.ts';
import { parseBearer } from '../http/bearer.ts';
import { isSecure, requestClientIp } from '../http/forwarded-headers.ts';
import { isSameOrigin } from '../http/same-origin.ts';
import type { AssertionSigner, Identity } from '../identity/identity-assertion.ts';
import { checkToken } from '../tokens/check-token.ts';
import type { ResolvedToken } from '../tokens/token-record.ts';
import { AccessResolver, DatabaseUnavailableError } from './access-resolver.ts';
import { handleGatePath } from './gate-login.ts';
import { findGateSession } from './gate-session.ts';
import { Exchange, NO_OBSERVER, type GatewayDecision, type GatewayObserver, type StreamKind } from './gateway-observer.ts';
import type { GatewayApp, GatewayStore, PanelUser } from './gateway-store.ts';
import { LiveConnections } from './live-connections.ts';
import { canRetryElsewhere, isConnectFailure, proxyHttp } from './proxy-http.ts';
import { proxyUpgrade } from './proxy-upgrade.ts';
import { replyBody, respond, type Reply } from './reply.ts';
import { ReplicaPicker } from './replica-picker.ts';
import type { Upstream } from './upstream.ts';

export interface GatewayOptions {
  store: GatewayStore;
  resolver: AccessResolver;
  /** Signs the identity assertion apps receive (X-Tollgate-Jwt-Assertion); none: apps get no assertion. */
  assertions?: AssertionSigner;
  log?: (line: string) => void;
  /** Metrics and access logs (lib/observability); none by default. */
  observer?: GatewayObserver;
  /** The panel's origin (PUBLIC_URL): the login page's "Sign in with Tollgate" starts there. */
  panelOrigin?: string;
}

const GATE_PATH = '/__tollgate/';

/** What the gateway does with a request: send it on to the app, or answer it itself. */
export type Outcome =
  | { kind: 'proxy'; app: GatewayApp; token: ResolvedToken | null; user?: PanelUser }
  | { kind: 'reply'; reply: Reply; decision: GatewayDecision };

/**
 * The credential a request presented: none at all, a token as its lookup
 * found it (null: a forged, unknown, regenerated or deleted secret, or a gate
 * cookie whose session no longer holds), or a panel user's gate session.
 */
export type Presented = { kind: 'none' } | { kind: 'token'; found: ResolvedToken | null } | { kind: 'user'; user: PanelUser };

const NONE: Presented = Object.freeze({ kind: 'none' });

/**
 * The data path for app hosts: find the app, decide with `authorize`, and only
 * then look at whether it runs, so a stranger learns nothing of its state.
 * No Next.js here: this runs on every request to every app.
 */
export class Gateway {
  readonly live = new LiveConnections();
  private readonly connectLimiter = new RateLimiter(10, 5 * 60_000);
  private readonly picker = new ReplicaPicker();
  private readonly observer: GatewayObserver;
  /** Open WebSockets and event streams, each with the way to end it cleanly (shutdown). */
  private readonly streams = new Map<Exchange, () => void>();
  private draining = false;

  constructor(private readonly options: GatewayOptions) {
    this.observer = options.observer ?? NO_OBSERVER;
  }

  /**
   * Serves one request. When everything it needs is cached (the common case)
   * the decision is taken synchronously: no promise is created on the hot path,
   * which matters because Next's AsyncLocalStorage makes every promise in the
   * process pay for async hooks.
   */
  handle(req: IncomingMessage, res: ServerResponse, host: AppHost): Promise<void> | void {
    const exchange = new Exchange(req, host.appId, performance.now(), false, this.streamOpened);
    res.once('close', () => this.finish(exchange, res.headersSent ? res.statusCode : 499));
    const cached = this.decideFromCache(req, host, exchange);
    if (cached) {
      exchange.fromCache = true;
      return this.serve(req, res, cached, exchange);
    }
    return this.decide(req, host, false, exchange).then((outcome) => this.serve(req, res, outcome, exchange));
  }

  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, host: AppHost): Promise<void> {
    socket.on('error', () => socket.destroy());
    const exchange = new Exchange(req, host.appId, performance.now(), true, this.streamOpened);
    socket.once('close', () => this.finish(exchange, exchange.status || 499, socket));
    const refuse = (r: Reply) => {
      exchange.status = r.status;
      rejectUpgrade(socket, r);
    };
    if (this.draining) return refuse(shuttingDown());
    const outcome = await this.decide(req, host, true, exchange);
    this.noteDecision(exchange, outcome);
    if (outcome.kind === 'reply') return refuse(outcome.reply);
    // A page on another site must not open a socket riding the user's gate cookie.
    if (!isSameOrigin({ origin: req.headers.origin, secFetchSite: req.headers['sec-fetch-site'], host: req.headers.host, secure: isSecure(req) })) {
      exchange.decision = 'cross_origin';
      return refuse({ status: 403, code: 'forbidden', message: 'Cross-origin WebSocket refused' });
    }
    // A WebSocket stays on the replica it was opened on, for its whole life.
    const upstream = this.runningUpstream(outcome.app);
    if (!upstream) return refuse(notRunning(outcome.app));
    this.track(outcome.token, requestClientIp(req), socket, () => socket.destroy());
    const assertion = await this.assertionFor(outcome).catch(() => undefined);
    exchange.dispatchedAt = performance.now();
    proxyUpgrade(req, socket, head, upstream, assertion, {
      spliced: (goAway) => {
        exchange.status = 101;
        exchange.respondedAt = performance.now();
        this.streamOpened(exchange, 'websocket', goAway);
      },
    });
  }

  /**
   * Shutdown: refuse new WebSockets, and end the open ones (Close 1001) and
   * event streams (a clean end of the response; EventSource reconnects, to
   * another instance). Other requests in flight run to their end.
   */
  drain(): number {
    this.draining = true;
    const closers = [...this.streams.values()];
    for (const close of closers) close();
    return closers.length;
  }

  /** A token was regenerated or deleted: cut its open streams. */
  tokenChanged(tokenId: string): void {
    // A renamed, renewed or deleted token's assertions must not outlive the change.
    this.options.assertions?.forget(tokenId);
    void this.options.resolver.tokenById(tokenId).then(
      (token) => this.closeRevoked(tokenId, token),
      () => this.closeRevoked(tokenId, null),
    );
  }

  /**
   * Ends the token's open streams whose secret no longer works: all of them
   * for a deleted token; after a renew, all but the new secret's and (until
   * its grace ends, when they are cut too) the previous one's.
   */
  private closeRevoked(tokenId: string, token: ResolvedToken | null): void {
    const report = (closed: number) => closed > 0 && this.options.log?.(`closed ${closed} open connection(s) of a revoked token`);
    if (!token) return void report(this.live.closeToken(tokenId));
    const { version, previousSecretExpiresAt } = token.record;
    const graceLeft = (previousSecretExpiresAt?.getTime() ?? 0) - Date.now();
    report(this.live.closeToken(tokenId, (used) => used === version || (used === version - 1 && graceLeft > 0)));
    if (graceLeft > 0) {
      const timer = setTimeout(() => report(this.live.closeToken(tokenId, (used) => used === version)), graceLeft);
      timer.unref();
    }
  }

  private serve(req: IncomingMessage, res: ServerResponse, outcome: Outcome, exchange: Exchange): void {
    this.noteDecision(exchange, outcome);
    if (outcome.kind === 'reply') {
      exchange.bytes = respond(req, res, outcome.reply);
      return;
    }
    const upstream = this.runningUpstream(outcome.app);
    if (!upstream) {
      exchange.bytes = respond(req, res, notRunning(outcome.app));
      return;
    }
    this.track(outcome.token, requestClientIp(req), res, () => res.destroy());
    // The assertion is signed once per identity and app and reused: the hot path only looks it up.
    const cached = this.cachedAssertion(outcome);
    if (cached !== null) return this.forward(req, res, outcome.app, upstream, false, exchange, cached);
    this.assertionFor(outcome).then(
      (assertion) => this.forward(req, res, outcome.app, upstream, false, exchange, assertion),
      (error: unknown) => {
        this.options.log?.(`could not sign the identity assertion: ${error instanceof Error ? error.message : String(error)}`);
        exchange.bytes = respond(req, res, { status: 503, code: 'unavailable', message: 'Access cannot be checked right now; try again shortly', retryAfter: 5 });
      },
    );
  }

  /** The cached assertion for this outcome; undefined when none is due; null when one must be signed. */
  private cachedAssertion(outcome: Extract<Outcome, { kind: 'proxy' }>): string | undefined | null {
    const identity = identityOf(outcome);
    if (!identity || !this.options.assertions) return undefined;
    return this.options.assertions.peek(identity, outcome.app.id) ?? null;
  }

  private async assertionFor(outcome: Extract<Outcome, { kind: 'proxy' }>): Promise<string | undefined> {
    const identity = identityOf(outcome);
    if (!identity || !this.options.assertions) return undefined;
    return this.options.assertions.sign(identity, outcome.app.id);
  }

  /** Proxies to one replica; a request that could not reach it goes once to another, when replaying it is safe. */
  private forward(req: IncomingMessage, res: ServerResponse, app: GatewayApp, upstream: Upstream, retried: boolean, exchange: Exchange, assertion: string | undefined): void {
    proxyHttp(
      req,
      res,
      upstream,
      assertion,
      (error) => {
        if (isConnectFailure(error)) this.picker.eject(upstream);
        const other = !retried && canRetryElsewhere(req, error) ? this.picker.pick(app, upstream) : null;
        if (other) return this.forward(req, res, app, other, true, exchange, assertion);
        exchange.bytes = respond(req, res, { status: 502, title: 'Bad gateway', message: 'The app did not answer' });
      },
      exchange,
    );
  }

  private noteDecision(exchange: Exchange, outcome: Outcome): void {
    if (outcome.kind === 'reply') exchange.decision = outcome.decision;
    else {
      exchange.appFound = true;
      exchange.token = outcome.token?.record ?? null;
    }
  }

  /** Called when an event stream begins or a WebSocket is spliced (one function for every exchange). */
  private readonly streamOpened = (exchange: Exchange, kind: StreamKind, close: () => void): void => {
    exchange.stream = kind;
    this.streams.set(exchange, close);
    this.observer.streamOpened(exchange);
    if (this.draining) close();
  };

  private finish(exchange: Exchange, status: number, socket?: Duplex): void {
    exchange.status = status;
    exchange.finishedAt = performance.now();
    if (socket) exchange.bytes = (socket as { bytesWritten?: number }).bytesWritten ?? 0;
    if (exchange.stream && this.streams.delete(exchange)) this.observer.streamClosed(exchange);
    this.observer.finished(exchange);
  }

  /** Counts the token's use, and keeps the connection cuttable while it lasts (SSE, WebSockets, downloads). */
  private track(token: ResolvedToken | null, clientAddress: string, connection: { once(event: 'close', listener: () => void): unknown }, close: () => void): void {
    if (!token) return;
    this.options.store.touchToken(token.record, clientAddress);
    const { record } = token;
    connection.once('close', this.live.add(record.id, token.viaPrevious ? record.version - 1 : record.version, close));
    // A stream on the secret a renew replaced lasts until that secret's grace ends, and no longer.
    const until = token.viaPrevious ? (record.previousSecretExpiresAt?.getTime() ?? 0) : 0;
    if (until > 0) {
      const timer = setTimeout(close, Math.max(0, until - Date.now()));
      timer.unref();
      connection.once('close', () => clearTimeout(timer));
    }
  }

  /** The outcome from cached data alone, or undefined when the database must be asked. */
  private decideFromCache(req: IncomingMessage, host: AppHost, exchange: Exchange): Outcome | undefined {
    return decideFromCache(req, host, this.options.resolver, exchange);
  }

  private async decide(req: IncomingMessage, host: AppHost, isUpgrade: boolean, exchange: Exchange): Promise<Outcome> {
    const early = targetProblem(req, host);
    if (early) return early;
    try {
      const found = findApp(await this.options.resolver.app(host.appId), host);
      if ('reply' in found) return reply(found.reply, 'not_found');
      exchange.appFound = true;
      if (!isUpgrade && isGatePath(req)) {
        const { resolver, store, panelOrigin } = this.options;
        return reply(await handleGatePath(req, found.app, { resolver, store, limiter: this.connectLimiter, panelOrigin }), 'gate');
      }
      const presented = await this.presented(req, found.app);
      if (presented.kind === 'token') exchange.token = presented.found?.record ?? null;
      return decideAccess(req, found.app, presented);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) {
        this.options.log?.(`database unavailable: ${error.message}`);
        return reply({ status: 503, code: 'unavailable', message: 'Access cannot be checked right now; try again shortly', retryAfter: 5 }, 'unavailable');
      }
      throw error;
    }
  }

  /** The request's credential: `Authorization: Bearer`, else the gate cookie's session. */
  private presented(req: IncomingMessage, app: GatewayApp): Promise<Presented> {
    return presentedCredential(req, app, this.options.resolver);
  }

  private runningUpstream(app: GatewayApp): Upstream | null {
    return app.state === 'RUNNING' || app.state === 'SCALING' ? this.picker.pick(app) : null;
  }
}

const reply = (r: Reply, decision: GatewayDecision): Outcome => ({ kind: 'reply', reply: r, decision });

/** Who the app is told the request comes from; null for an open app reached without a token. */
export function identityOf(outcome: Extract<Outcome, { kind: 'proxy' }>): Identity | null {
  if (outcome.user) return { subject: outcome.user.id, name: outcome.user.email, project: outcome.app.projectId, role: 'member', kind: 'user' };
  const token = outcome.token;
  if (!token) return null;
  const { record, credential } = token;
  return { subject: record.id, name: record.name, project: record.projectId, role: credential.role, kind: 'token' };
}

// The gateway's steps are exported one by one for lib/forward-auth, which takes
// the same decision for a proxy in front (nginx auth_request, Traefik, Caddy, Envoy).

/** The outcome from cached data alone, or undefined when the database must be asked. `exchange` hears what was found. */
export function decideFromCache(req: IncomingMessage, host: AppHost, resolver: AccessResolver, exchange?: Exchange): Outcome | undefined {
  const early = targetProblem(req, host);
  if (early) return early;
  const cached = resolver.peekApp(host.appId);
  if (cached === undefined) return undefined;
  const found = findApp(cached, host);
  if ('reply' in found) return reply(found.reply, 'not_found');
  if (exchange) exchange.appFound = true;
  if (isGatePath(req)) return undefined;
  const bearer = parseBearer(req.headers.authorization);
  if (typeof bearer === 'string') {
    const token = resolver.peekTokenBySecret(bearer);
    if (token === undefined) return undefined;
    if (exchange) exchange.token = token?.record ?? null;
    return decideAccess(req, found.app, { kind: 'token', found: token });
  }
  // Gate-cookie sessions take the general path; programs send Bearer.
  return req.headers.cookie ? undefined : decideAccess(req, found.app, NONE);
}

/** The request's credential: `Authorization: Bearer`, else the gate cookie's session. */
export async function presentedCredential(req: IncomingMessage, app: GatewayApp, resolver: AccessResolver): Promise<Presented> {
  const bearer = parseBearer(req.headers.authorization);
  if (typeof bearer === 'string') return { kind: 'token', found: await resolver.tokenBySecret(bearer) };
  return findGateSession(req, app, resolver);
}

export const isGatePath = (req: IncomingMessage) => (req.url ?? '').startsWith(GATE_PATH);

/** Refusals that need no lookup: an absolute-form target, a host that cannot name an app. */
export function targetProblem(req: IncomingMessage, host: AppHost): Outcome | null {
  // Absolute-form (`GET http://elsewhere/`) or `*`: not a request for this app.
  if (!(req.url ?? '').startsWith('/')) return reply({ status: 400, code: 'bad_request', message: 'Request target must be a path' }, 'bad_request');
  if (!isRecordId(host.appId)) return reply(noSuchApp(), 'not_found');
  return null;
}

/** The app this host names, or the 404 for a missing, deleted or other-region app. */
export function findApp(app: GatewayApp | null, host: AppHost): { app: GatewayApp } | { reply: Reply } {
  if (!app || app.state === 'DELETED' || app.region.toUpperCase() !== host.region) return { reply: noSuchApp() };
  return { app };
}

/**
 * The one access decision of the gateway, for both the cached and the
 * database path. `authorize` is asked first with no credential at all, so an
 * app open to anyone (unsecureHttp) lets every request through whatever it
 * carries; otherwise the token must be usable (`checkToken`) and in scope,
 * or the panel user a member of the app's project.
 */
export function decideAccess(req: IncomingMessage, app: GatewayApp, presented: Presented): Outcome {
  const anonymous = authorize({ credential: null, app, action: 'app:query' });
  if (anonymous.allow) return { kind: 'proxy', app, token: null };
  if (presented.kind === 'none') return reply(denied(req, anonymous, true), anonymous.reason);
  if (presented.kind === 'user') {
    const { user } = presented;
    const member = authorize({ credential: { kind: 'user', userId: user.id, projectIds: user.projectIds }, app, action: 'app:query' });
    return member.allow ? { kind: 'proxy', app, token: null, user } : reply(denied(req, member, false), member.reason);
  }
  const check = checkToken(presented.found);
  if (!check.ok) return reply(denied(req, check.denial, false), check.denial.reason);
  const decision = authorize({ credential: check.token.credential, app, action: 'app:query', clientIp: requestClientIp(req) });
  return decision.allow ? { kind: 'proxy', app, token: check.token } : reply(denied(req, decision, false), decision.reason);
}

function shuttingDown(): Reply {
  return { status: 503, code: 'unavailable', message: 'The server is shutting down; try again', retryAfter: 1 };
}

function noSuchApp(): Reply {
  return { status: 404, code: 'not_found', title: 'No app here', message: 'No app is served at this address' };
}

function notRunning(app: GatewayApp): Reply {
  return {
    appName: app.name,
    refreshSeconds: 5,
    status: 503,
    code: 'app_not_running',
    title: 'This app is not running',
    message: 'The app is stopped or still starting. This page will work again once it runs.',
    retryAfter: 5,
  };
}

function denied(req: IncomingMessage, denial: Denial, noCredential: boolean): Reply {
  if (denial.status === 401) {
    return {
      status: 401,
      code: 'unauthenticated',
      message: noCredential ? 'This app needs a token: send Authorization: Bearer <token>' : capitalize(denial.message),
      details: noCredential ? undefined : { reason: denial.reason },
      wwwAuthenticate: noCredential ? 'Bearer realm="tollgate"' : 'Bearer realm="tollgate", error="invalid_token"',
      loginRedirect: req.url ?? '/',
    };
  }
  return { status: 403, code: 'forbidden', title: 'Access denied', message: denial.message, details: { reason: denial.reason } };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function rejectUpgrade(socket: Duplex, r: Reply): void {
  const body = JSON.stringify(replyBody(r));
  socket.end(
    `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? 'Error'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
