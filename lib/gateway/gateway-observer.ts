import type { IncomingMessage } from 'node:http';
import type { DenyReason } from '../authz/authorize.ts';
import type { TokenRecord } from '../tokens/token-record.ts';
import type { ProxyMeter } from './proxy-http.ts';

/**
 * What the gateway made of a request: `allow`, the deny reason `authorize` or
 * `checkToken` gave, or why it answered before any access check:
 * `not_found` (no such app here), `bad_request` (not a path), `unavailable`
 * (the database could not decide), `cross_origin` (a WebSocket from another
 * site), `gate` (the app host's own Login with token pages).
 */
export type GatewayDecision =
  | 'allow'
  | DenyReason
  | 'not_found'
  | 'bad_request'
  | 'unavailable'
  | 'cross_origin'
  | 'gate'
  // Forward auth's own refusals (lib/forward-auth).
  | 'not_the_proxy'
  | 'app_mismatch'
  | 'gate_path';

/** Long-lived connections: an upgraded (WebSocket) socket, or a `text/event-stream` response. */
export type StreamKind = 'websocket' | 'sse';

/**
 * One request through the gateway, filled in as it goes. Times are
 * `performance.now()` milliseconds; 0 means the step did not happen.
 * A class with every field set in the constructor: one object of one shape
 * per request, the only allocation the observation adds to the hot path.
 */
export class Exchange implements ProxyMeter {
  decision: GatewayDecision = 'allow';
  /** The host named an app that exists in this region (metrics label by app id only then). */
  appFound = false;
  /** The token the request presented, when it was found (also on a denial: who was refused). */
  token: TokenRecord | null = null;
  /** Decided from cached data alone, synchronously. */
  fromCache = false;
  /** When the request went to the app. */
  dispatchedAt = 0;
  /** When the app's response head arrived. */
  upstreamHeadersAt = 0;
  /** When the response head went to the client. */
  respondedAt = 0;
  /** Response body bytes sent to the client (for an upgrade: every byte sent after the handshake). */
  bytes = 0;
  /** The status sent; 499 when the client left before any. For an upgrade, 101 once the app accepted it. */
  status = 0;
  finishedAt = 0;
  stream: StreamKind | null = null;

  constructor(
    readonly req: IncomingMessage,
    readonly appId: string,
    readonly startedAt: number,
    readonly upgrade: boolean,
    private readonly opened: StreamOpened,
  ) {}

  /** Called by the proxy once, when the app answers with an event stream: it stays open until one side closes. */
  eventStream(end: () => void): void {
    this.opened(this, 'sse', end);
  }
}

/** The gateway's bookkeeping of long-lived connections: `close` ends one cleanly. */
export type StreamOpened = (exchange: Exchange, kind: StreamKind, close: () => void) => void;

/**
 * Told what the gateway does, so metrics and access logs stay outside it
 * (lib/observability implements it; tests can record). Called synchronously on
 * the request path: implementations must be cheap and must not throw.
 */
export interface GatewayObserver {
  /** The request is over: answered, proxied to its end, refused, or cut. Once per exchange. */
  finished(exchange: Exchange): void;
  /** A WebSocket was spliced, or an event stream began. */
  streamOpened(exchange: Exchange): void;
  /** That stream ended (before `finished`). */
  streamClosed(exchange: Exchange): void;
}

export const NO_OBSERVER: GatewayObserver = Object.freeze({
  finished() {},
  streamOpened() {},
  streamClosed() {},
});
