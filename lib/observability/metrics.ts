import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheName } from '../gateway/access-resolver.ts';
import type { GatewayDecision, StreamKind } from '../gateway/gateway-observer.ts';
import type { Change } from '../events/change-bus.ts';
import type { RuntimeEvent } from '../runtime/drivers/runtime-driver.ts';

/** Label value for ids past a label's cap: the series count stays bounded whatever happens. */
export const OTHER = '_other';

/**
 * An id label with a ceiling: the first `max` distinct ids are their own
 * value, any later one is `_other` (Prometheus keeps a series per value).
 */
export class CappedLabel {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}

  value(id: string): string {
    if (this.seen.has(id)) return id;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(id);
    return id;
  }
}

const STATUS_CLASSES = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;
const statusClassIndex = (status: number) => (status >= 100 && status < 600 ? Math.floor(status / 100) : 0);

/** Seconds. The gateway's own time is sub-millisecond when it answers from cache. */
const OVERHEAD_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const UPSTREAM_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const PANEL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const APP_STATES = ['QUEUED', 'INITIALIZING', 'RUNNING', 'SCALING', 'STOPPING', 'STOPPED', 'FAILED', 'DELETING', 'DELETED'] as const;

export interface MetricsOptions {
  /** Distinct app ids a label may take (default 1,000). */
  maxApps?: number;
  /** Distinct token ids a label may take (default 1,000). */
  maxTokens?: number;
  /** Node's default process metrics (default true; tests that build several registries turn them off). */
  processMetrics?: boolean;
}

/**
 * Every metric Tollgate exports, on a registry of its own.
 *
 * The gateway's per-request counts never touch prom-client on the request
 * path: prom-client's `labels(...).inc()` hashes the label values into a
 * string on every call, even on a cached child (about 0.7 µs here for three
 * labels). They go into plain numbers held per app and decision instead
 * (two Map lookups and an increment, nothing allocated once a combination has
 * been seen), and are copied into the prom-client counters when /metrics is
 * scraped, through prom-client's `collect` hook. Histograms use cached
 * children: an observation hashes a one-label object, about 0.2-0.35 µs.
 */
export class Metrics {
  readonly registry = new Registry();

  private readonly apps: CappedLabel;
  private readonly tokens: CappedLabel;
  /** app label → decision → count per status class (index: STATUS_CLASSES). */
  private readonly requests = new Map<string, Map<GatewayDecision, number[]>>();
  private readonly tokenUses = new Map<string, number>();
  private readonly apiTokenUses = new Map<string, number>();
  /** [cache][0 = miss, 1 = hit] */
  private readonly lookups: Record<CacheName, [number, number]> = { app: [0, 0], token: [0, 0], session: [0, 0], user: [0, 0] };

  private readonly overhead: Histogram<'decided_from'>;
  private readonly overheadCache: ReturnType<Histogram<'decided_from'>['labels']>;
  private readonly overheadDatabase: ReturnType<Histogram<'decided_from'>['labels']>;
  private readonly upstream: Histogram<'app'>;
  private readonly upstreamByApp = new Map<string, ReturnType<Histogram<'app'>['labels']>>();
  private readonly streams: Gauge<'kind'>;
  private readonly notifications: Counter<'kind'>;
  private readonly crashes: Counter<'app' | 'will_restart'>;
  private readonly probes: Counter<'result'>;
  private readonly leader: Gauge;
  private readonly panelRequests: Counter<'handler' | 'status_class'>;
  private readonly panelDuration: Histogram<'handler'>;
  private appStates: (() => Promise<Record<string, number>>) | null = null;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.apps = new CappedLabel(options.maxApps ?? 1_000);
    this.tokens = new CappedLabel(options.maxTokens ?? 1_000);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });

    const requests = this.requests;
    new Counter({
      name: 'tollgate_gateway_requests_total',
      help: 'Requests to app hosts, by app (empty when the host names no app here), decision (allow or the reason for refusing) and status class',
      labelNames: ['app', 'decision', 'status_class'] as const,
      registers,
      collect() {
        this.reset();
        for (const [app, byDecision] of requests) {
          for (const [decision, counts] of byDecision) {
            counts.forEach((n, i) => n > 0 && this.inc({ app, decision, status_class: STATUS_CLASSES[i]! }, n));
          }
        }
      },
    });
    const tokenUses = this.tokenUses;
    const apiTokenUses = this.apiTokenUses;
    new Counter({
      name: 'tollgate_token_requests_total',
      help: `Requests a token was let through with, by token id (never the secret; past ${options.maxTokens ?? 1_000} tokens: "${OTHER}") and where: the gateway or the /v1 API`,
      labelNames: ['token_id', 'via'] as const,
      registers,
      collect() {
        this.reset();
        for (const [token_id, n] of tokenUses) this.inc({ token_id, via: 'gateway' }, n);
        for (const [token_id, n] of apiTokenUses) this.inc({ token_id, via: 'api' }, n);
      },
    });
    const lookups = this.lookups;
    new Counter({
      name: 'tollgate_gateway_cache_lookups_total',
      help: 'Lookups in the gateway caches (app by id, token by secret hash or id, gate session), by result',
      labelNames: ['cache', 'result'] as const,
      registers,
      collect() {
        this.reset();
        for (const cache of Object.keys(lookups) as CacheName[]) {
          this.inc({ cache, result: 'miss' }, lookups[cache][0]);
          this.inc({ cache, result: 'hit' }, lookups[cache][1]);
        }
      },
    });
    this.overhead = new Histogram({
      name: 'tollgate_gateway_overhead_seconds',
      help: "Time the gateway itself adds to a request, the app's time excluded: from arrival until the request leaves for the app (or the gateway's own answer is sent), plus from the app's response head to the client's",
      labelNames: ['decided_from'] as const,
      buckets: OVERHEAD_BUCKETS,
      registers,
    });
    this.overheadCache = this.overhead.labels('cache');
    this.overheadDatabase = this.overhead.labels('database');
    this.upstream = new Histogram({
      name: 'tollgate_gateway_upstream_seconds',
      help: "Time from sending a request to the app until the app's response head arrives, by app",
      labelNames: ['app'] as const,
      buckets: UPSTREAM_BUCKETS,
      registers,
    });
    this.streams = new Gauge({
      name: 'tollgate_gateway_open_streams',
      help: 'Open long-lived connections through the gateway: WebSockets and server-sent event streams',
      labelNames: ['kind'] as const,
      registers,
    });
    this.streams.labels('websocket').set(0);
    this.streams.labels('sse').set(0);
    this.notifications = new Counter({
      name: 'tollgate_change_notifications_total',
      help: 'Cache invalidations received from other instances over PostgreSQL NOTIFY, by kind (flush: after each (re)connect)',
      labelNames: ['kind'] as const,
      registers,
    });
    this.crashes = new Counter({
      name: 'tollgate_app_crashes_total',
      help: 'Replica crashes the runtime reported, by app and whether it restarts the replica',
      labelNames: ['app', 'will_restart'] as const,
      registers,
    });
    this.probes = new Counter({
      name: 'tollgate_app_probes_total',
      help: 'Readiness probes of replicas (GET probe.path while a replica starts), by result',
      labelNames: ['result'] as const,
      registers,
    });
    this.probes.labels('ok').inc(0);
    this.probes.labels('failed').inc(0);
    const appStates = () => this.appStates;
    new Gauge({
      name: 'tollgate_apps',
      help: 'Apps by state (read from the database at each scrape)',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        const read = appStates();
        if (!read) return;
        const counts = await read().catch(() => null);
        // The database did not answer: no value rather than a wrong one.
        if (!counts) return this.reset();
        for (const state of APP_STATES) this.set({ state }, counts[state] ?? 0);
      },
    });
    this.leader = new Gauge({
      name: 'tollgate_controller_leader',
      help: '1 while this instance holds the controller lease and runs the apps (always 1 on the embedded database)',
      registers,
    });
    this.panelRequests = new Counter({
      name: 'tollgate_http_requests_total',
      help: 'Requests to the panel host, by handler (panel pages, /v1 API, /api/auth sign-in) and status class',
      labelNames: ['handler', 'status_class'] as const,
      registers,
    });
    this.panelDuration = new Histogram({
      name: 'tollgate_http_request_duration_seconds',
      help: 'Time to answer a request to the panel host, by handler',
      labelNames: ['handler'] as const,
      buckets: PANEL_BUCKETS,
      registers,
    });
    new Gauge({ name: 'tollgate_build_info', help: 'Always 1; the labels say which Tollgate and Node run', labelNames: ['version', 'node'] as const, registers }).set(
      { version: packageVersion(), node: process.version },
      1,
    );
  }

  /** One gateway request, once it is over. Runs on the request path: no allocation once its labels were seen. */
  gatewayRequest(appId: string | null, decision: GatewayDecision, status: number, tokenId: string | null): void {
    const app = appId === null ? '' : this.apps.value(appId);
    let byDecision = this.requests.get(app);
    if (!byDecision) this.requests.set(app, (byDecision = new Map()));
    let counts = byDecision.get(decision);
    if (!counts) byDecision.set(decision, (counts = [0, 0, 0, 0, 0, 0]));
    counts[statusClassIndex(status)]!++;
    if (tokenId !== null && decision === 'allow') {
      const token = this.tokens.value(tokenId);
      this.tokenUses.set(token, (this.tokenUses.get(token) ?? 0) + 1);
    }
  }

  /** Seconds the gateway itself spent on a request (see the histogram's help). */
  gatewayOverhead(seconds: number, fromCache: boolean): void {
    (fromCache ? this.overheadCache : this.overheadDatabase).observe(seconds);
  }

  upstreamLatency(appId: string, seconds: number): void {
    const app = this.apps.value(appId);
    let child = this.upstreamByApp.get(app);
    if (!child) this.upstreamByApp.set(app, (child = this.upstream.labels(app)));
    child.observe(seconds);
  }

  streamOpened(kind: StreamKind): void {
    this.streams.labels(kind).inc();
  }

  streamClosed(kind: StreamKind): void {
    this.streams.labels(kind).dec();
  }

  cacheLookup(cache: CacheName, hit: boolean): void {
    this.lookups[cache][hit ? 1 : 0]++;
  }

  apiTokenUse(tokenId: string): void {
    const token = this.tokens.value(tokenId);
    this.apiTokenUses.set(token, (this.apiTokenUses.get(token) ?? 0) + 1);
  }

  panelRequest(handler: 'panel' | 'api' | 'auth', status: number, seconds: number): void {
    this.panelRequests.labels(handler, STATUS_CLASSES[statusClassIndex(status)]!).inc();
    this.panelDuration.labels(handler).observe(seconds);
  }

  changeReceived(change: Change): void {
    this.notifications.labels(change.kind).inc();
  }

  runtimeEvent(event: RuntimeEvent): void {
    if (event.type === 'crash') this.crashes.labels(this.apps.value(event.appId), String(event.willRestart)).inc();
  }

  probe(ok: boolean): void {
    this.probes.labels(ok ? 'ok' : 'failed').inc();
  }

  leading(leading: boolean): void {
    this.leader.set(leading ? 1 : 0);
  }

  /** Where the apps-by-state gauge reads from at scrape time. */
  readAppStatesWith(read: () => Promise<Record<string, number>>): void {
    this.appStates = read;
  }

  /** PostgreSQL only: the LISTEN connection's state, read at scrape time (no such series on the embedded database). */
  readListenerWith(connected: () => boolean): void {
    new Gauge({
      name: 'tollgate_change_listener_connected',
      help: '1 while the PostgreSQL LISTEN connection is up',
      registers: [this.registry],
      collect() {
        this.set(connected() ? 1 : 0);
      },
    });
  }

  /** The Prometheus text exposition. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** package.json's version: the server runs from the project folder (scripts/start.mjs makes sure of it). */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
