import type { CacheName, CacheObserver } from '../gateway/access-resolver.ts';
import type { Exchange, GatewayObserver } from '../gateway/gateway-observer.ts';
import { requestId } from '../gateway/upstream-headers.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

/**
 * The gateway's observer: its metrics, and one access line per request.
 * Lines are written when the request is over (for a WebSocket or an event
 * stream: when it closes), like nginx's access log.
 */
export class GatewayTelemetry implements GatewayObserver, CacheObserver {
  constructor(
    private readonly metrics: Metrics,
    /** Access lines; null: none (metrics only). */
    private readonly access: Logger | null,
  ) {}

  finished(exchange: Exchange): void {
    const { metrics } = this;
    const token = exchange.token;
    metrics.gatewayRequest(exchange.appFound ? exchange.appId : null, exchange.decision, exchange.status, token ? token.id : null);
    if (exchange.dispatchedAt > 0) {
      // Arrival to dispatch (the decision, and the database when the cache could not answer), then the
      // relay of the app's response head; the app's own time in between is the upstream histogram's.
      const relay = exchange.upstreamHeadersAt > 0 && exchange.respondedAt > 0 ? exchange.respondedAt - exchange.upstreamHeadersAt : 0;
      metrics.gatewayOverhead((exchange.dispatchedAt - exchange.startedAt + relay) / 1000, exchange.fromCache);
      if (exchange.upstreamHeadersAt > 0) metrics.upstreamLatency(exchange.appId, (exchange.upstreamHeadersAt - exchange.dispatchedAt) / 1000);
    } else if (!exchange.upgrade) {
      metrics.gatewayOverhead((exchange.finishedAt - exchange.startedAt) / 1000, exchange.fromCache);
    }
    if (this.access?.isLevelEnabled('info')) this.log(this.access, exchange);
  }

  streamOpened(exchange: Exchange): void {
    if (exchange.stream) this.metrics.streamOpened(exchange.stream);
  }

  streamClosed(exchange: Exchange): void {
    if (exchange.stream) this.metrics.streamClosed(exchange.stream);
  }

  lookup(cache: CacheName, hit: boolean): void {
    this.metrics.cacheLookup(cache, hit);
  }

  private log(access: Logger, exchange: Exchange): void {
    const { req, decision } = exchange;
    const path = pathOf(req.url);
    access.info(
      {
        kind: 'gateway',
        requestId: requestId(req),
        method: req.method,
        path,
        appId: exchange.appId,
        tokenId: exchange.token?.id ?? null,
        tokenName: exchange.token?.name ?? null,
        decision: decision === 'allow' || decision === 'gate' ? decision : 'deny',
        reason: decision === 'allow' || decision === 'gate' ? null : decision,
        status: exchange.status,
        durationMs: round(exchange.finishedAt - exchange.startedAt),
        upstreamMs: exchange.upstreamHeadersAt > 0 ? round(exchange.upstreamHeadersAt - exchange.dispatchedAt) : null,
        bytes: exchange.bytes,
        stream: exchange.stream,
        ip: req.socket.remoteAddress ?? '',
      },
      `${req.method} ${path} ${exchange.status}`,
    );
  }
}

/** The path without its query: a query string may carry anything, secrets included, so it is never logged. */
export function pathOf(url: string | undefined): string {
  if (!url) return '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

const round = (ms: number) => Math.round(ms * 100) / 100;
