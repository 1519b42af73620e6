import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppHost } from '../apps/app-host.ts';
import { isRecordId } from '../db/record-id.ts';
import { requestClientIp } from '../http/forwarded-headers.ts';
import { AccessResolver, DatabaseUnavailableError } from '../gateway/access-resolver.ts';
import type { GatewayStore } from '../gateway/gateway-store.ts';
import { decideAccess, decideFromCache, findApp, identityOf, isGatePath, presentedCredential, targetProblem, type Outcome } from '../gateway/gateway.ts';
import { replyBody, respond, type Reply } from '../gateway/reply.ts';
import type { AssertionSigner } from '../identity/identity-assertion.ts';
import { allowHeaders, DENY_CACHE_CONTROL } from './identity-headers.ts';
import { findTarget, isProblem, protocolOf, readOriginalRequest, type OriginalRequest, type Problem, type Protocol, type Target } from './original-request.ts';

export interface ForwardAuthOptions {
  store: GatewayStore;
  resolver: AccessResolver;
  baseDomain: string;
  /** When set, every call must carry it in X-Tollgate-Authz-Secret. */
  secret?: string;
  /** Signs the identity assertion the proxy passes on (X-Tollgate-Jwt-Assertion). */
  assertions?: AssertionSigner;
  log?: (line: string) => void;
}

export const SECRET_HEADER = 'x-tollgate-authz-secret';

/**
 * The decision endpoint for a proxy in front of the apps (nginx, Traefik,
 * Caddy, Envoy): it answers "may this request through?" with the gateway's own
 * steps — the same app lookup, `decideAccess`, credential caches with their
 * NOTIFY invalidation, gate sessions — and never proxies a byte itself.
 */
export class ForwardAuth {
  private readonly secretDigest: Buffer | null;

  constructor(private readonly options: ForwardAuthOptions) {
    this.secretDigest = options.secret ? digest(options.secret) : null;
  }

  /** Serves one call. Synchronous when everything it needs is cached, like the gateway. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void {
    // Bodies are never read (proxies send none, or one nobody needs): drain it.
    req.resume();
    const route = protocolOf(req.url ?? '');
    if (!route) {
      respond(req, res, { status: 404, code: 'not_found', message: 'No such endpoint' });
      return;
    }
    if (!this.fromProxy(req)) {
      return this.answer(req, req, res, route.protocol, reply({ status: 403, code: 'forbidden', message: 'This endpoint answers the proxy only (X-Tollgate-Authz-Secret)', reason: 'not_the_proxy' }));
    }
    const original = readOriginalRequest(req, route.protocol, route.rest);
    if (isProblem(original)) return this.answer(req, req, res, route.protocol, reply(original));
    const view = originalView(req, original);
    const target = findTarget(req, original, this.options.baseDomain);
    if (isProblem(target)) return this.answer(req, view, res, route.protocol, reply(target));
    const cached = this.decideFromCache(view, target);
    if (cached) return this.answer(req, view, res, route.protocol, cached);
    return this.decide(view, target).then((outcome) => this.answer(req, view, res, route.protocol, outcome));
  }

  private fromProxy(req: IncomingMessage): boolean {
    if (!this.secretDigest) return true;
    const sent = req.headers[SECRET_HEADER];
    return typeof sent === 'string' && timingSafeEqual(digest(sent), this.secretDigest);
  }

  private decideFromCache(view: IncomingMessage, target: Target): Outcome | undefined {
    if (isGatePath(view)) return reply(gatePathProblem());
    const host = this.hostFromCache(target);
    return host && decideFromCache(view, host, this.options.resolver);
  }

  private async decide(view: IncomingMessage, target: Target): Promise<Outcome> {
    const { resolver } = this.options;
    try {
      const host = this.hostFromCache(target) ?? (await this.hostFromDatabase(target));
      const early = targetProblem(view, host);
      if (early) return early;
      const found = findApp(await resolver.app(host.appId), host);
      if ('reply' in found) return reply(found.reply);
      return decideAccess(view, found.app, await presentedCredential(view, found.app, resolver));
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) {
        this.options.log?.(`forward-auth: database unavailable: ${error.message}`);
        return reply({ status: 503, code: 'unavailable', message: 'Access cannot be checked right now; try again shortly', retryAfter: 5 });
      }
      throw error;
    }
  }

  /**
   * The app host the gateway's steps expect. An app named by X-Tollgate-App
   * under a host name of the proxy's own is checked against its own region.
   */
  private hostFromCache(target: Target): AppHost | undefined {
    if (target.kind === 'host') return target.host;
    if (target.hostRegion) return { appId: target.appId, region: target.hostRegion };
    if (!isRecordId(target.appId)) return { appId: target.appId, region: '' };
    const app = this.options.resolver.peekApp(target.appId);
    return app === undefined ? undefined : { appId: target.appId, region: app?.region.toUpperCase() ?? '' };
  }

  private async hostFromDatabase(target: Target): Promise<AppHost> {
    if (target.kind === 'host') return target.host;
    const app = await this.options.resolver.app(target.appId);
    return { appId: target.appId, region: app?.region.toUpperCase() ?? '' };
  }

  private answer(req: IncomingMessage, view: IncomingMessage, res: ServerResponse, protocol: Protocol, outcome: Outcome): void {
    if (outcome.kind === 'proxy') {
      if (outcome.token) this.options.store.touchToken(outcome.token.record, requestClientIp(view));
      if (protocol === 'nginx-denied') {
        // Allowed between nginx's two calls (a token created or widened meanwhile): ask again.
        res.writeHead(307, { location: view.url ?? '/', 'cache-control': DENY_CACHE_CONTROL, 'content-length': 0 });
        res.end();
        return;
      }
      const token = outcome.token;
      const identity = identityOf(outcome);
      const signer = this.options.assertions;
      const allow = (assertion: string | undefined) => {
        res.writeHead(200, allowHeaders(token, assertion));
        res.end();
      };
      if (!identity || !signer) return allow(undefined);
      const cached = signer.peek(identity, outcome.app.id);
      if (cached) return allow(cached);
      signer.sign(identity, outcome.app.id).then(allow, () => {
        res.writeHead(503, { 'cache-control': DENY_CACHE_CONTROL, 'retry-after': '5', 'content-length': 0 });
        res.end();
      });
      return;
    }
    const r = outcome.reply;
    // nginx's auth_request knows only 2xx, 401 and 403 (anything else becomes a 500), and
    // shows its own page for those: its snippet asks nginx/denied for the full answer.
    if (protocol === 'nginx') return plainDenial(req, res, r);
    // Everything else is the gateway's own answer: a login redirect or page for browsers,
    // JSON with WWW-Authenticate for programs, 403 with the failed check.
    respond(view, res, r);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function reply(r: Reply | Problem): Outcome {
  if ('reason' in r && r.reason !== undefined) {
    const { reason, ...rest } = r;
    return { kind: 'reply', reply: { ...rest, details: { reason } }, decision: reason };
  }
  return { kind: 'reply', reply: r as Reply, decision: 'not_found' };
}

function gatePathProblem(): Problem {
  return {
    status: 403,
    code: 'forbidden',
    message: 'The /__tollgate/ paths are Tollgate\'s own: route them to Tollgate, not through forward auth',
    reason: 'gate_path',
  };
}

/**
 * The original request as the gateway's steps read it: its method and URI, on
 * top of the call itself (its headers carry the client's credential, its
 * socket says how Tollgate was reached). For a HEAD asked about over GET the
 * answer keeps its body, as the call expects one.
 */
function originalView(req: IncomingMessage, original: OriginalRequest): IncomingMessage {
  const view = Object.create(req) as IncomingMessage;
  view.url = original.uri;
  view.method = original.method === 'HEAD' && req.method !== 'HEAD' ? 'GET' : original.method;
  return view;
}

/**
 * A denial for nginx's auth_request: status and JSON body, never a redirect.
 * No WWW-Authenticate: nginx would copy it into the client's answer, beside
 * the one of the full answer its snippet fetches from nginx/denied.
 */
function plainDenial(req: IncomingMessage, res: ServerResponse, r: Reply): void {
  const body = Buffer.from(JSON.stringify(replyBody(r)));
  const headers: Record<string, string | number> = {
    'cache-control': DENY_CACHE_CONTROL,
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
  };
  if (r.retryAfter) headers['retry-after'] = String(r.retryAfter);
  res.writeHead(r.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
