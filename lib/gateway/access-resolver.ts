import type { Change } from '../events/change-bus.ts';
import { hasValidChecksum } from '../tokens/token-format.ts';
import { resolveToken, type ResolvedToken, type TokenRecord } from '../tokens/token-record.ts';
import { hashTokenSecret } from '../tokens/token-secret.ts';
import type { GatewayApp, GatewaySession, GatewayStore, PanelUser } from './gateway-store.ts';
import { TtlCache } from './ttl-cache.ts';

/** The database could not answer and the cache holds nothing fresh enough: refuse (503), never guess. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export type CacheName = 'app' | 'token' | 'session' | 'user';

/** Told of every cache lookup (metrics): called on the request path, must be cheap. */
export interface CacheObserver {
  lookup(cache: CacheName, hit: boolean): void;
}

export interface AccessResolverOptions {
  /** How long a database answer is trusted without asking again: the backstop behind change events. */
  ttlMs?: number;
  maxEntries?: number;
  observer?: CacheObserver;
}

/**
 * Cached lookups for the gateway's per-request questions: which app, which
 * token, which session. Entries are dropped the moment a change event names
 * them and expire after `ttlMs` regardless; concurrent misses share one query.
 */
export class AccessResolver {
  private readonly apps: TtlCache<string, GatewayApp | null>;
  private readonly tokensByHash: TtlCache<string, ResolvedToken | null>;
  private readonly tokensById: TtlCache<string, ResolvedToken | null>;
  private readonly sessions: TtlCache<string, GatewaySession | null>;
  private readonly users: TtlCache<string, PanelUser | null>;
  private readonly inflight = new Map<string, Promise<unknown>>();
  // Bumped by every invalidation: a lookup that started before a change must
  // not put its (possibly stale) answer into the cache after it.
  private epoch = 0;
  private readonly observer: CacheObserver | undefined;

  constructor(
    private readonly store: GatewayStore,
    options: AccessResolverOptions = {},
  ) {
    const ttl = options.ttlMs ?? 5_000;
    const max = options.maxEntries ?? 200_000;
    this.apps = new TtlCache(ttl, max);
    this.tokensByHash = new TtlCache(ttl, max);
    this.tokensById = new TtlCache(ttl, max);
    this.sessions = new TtlCache(ttl, max);
    this.users = new TtlCache(ttl, max);
    this.observer = options.observer;
  }

  /** The cached app (null: known not to exist), or undefined when only the database can say. */
  peekApp(id: string): GatewayApp | null | undefined {
    const hit = this.apps.get(id);
    this.observer?.lookup('app', hit !== undefined);
    return hit;
  }

  /** Like tokenBySecret from the cache alone: undefined when the database must be asked. */
  peekTokenBySecret(secret: string): ResolvedToken | null | undefined {
    if (!hasValidChecksum(secret)) return null;
    const hit = this.tokensByHash.get(hashTokenSecret(secret));
    this.observer?.lookup('token', hit !== undefined);
    return hit;
  }

  app(id: string): Promise<GatewayApp | null> {
    return this.cached('app', this.apps, `app:${id}`, id, () => this.store.findApp(id));
  }

  /** Null for a forged checksum without touching the database, or for an unknown secret. */
  async tokenBySecret(secret: string): Promise<ResolvedToken | null> {
    if (!hasValidChecksum(secret)) return null;
    const hash = hashTokenSecret(secret);
    return this.cached('token', this.tokensByHash, `hash:${hash}`, hash, () => this.store.findTokenByHash(hash));
  }

  tokenById(id: string): Promise<ResolvedToken | null> {
    return this.cached('token', this.tokensById, `token:${id}`, id, async () => resolve(await this.store.findTokenById(id)));
  }

  session(idHash: string): Promise<GatewaySession | null> {
    return this.cached('session', this.sessions, `session:${idHash}`, idHash, () => this.store.findSession(idHash));
  }

  /** A panel user behind a "Sign in with Tollgate" session; their memberships are re-read at most every `ttlMs`. */
  panelUser(id: string): Promise<PanelUser | null> {
    return this.cached('user', this.users, `user:${id}`, id, () => this.store.findPanelUser(id));
  }

  invalidate(change: Change): void {
    this.epoch++;
    this.inflight.clear();
    switch (change.kind) {
      case 'app':
        this.apps.delete(change.id);
        return;
      case 'token':
        this.tokensById.delete(change.id);
        this.tokensByHash.deleteWhere((entry) => entry?.record.id === change.id);
        this.sessions.deleteWhere((session) => session?.tokenId === change.id);
        return;
      case 'session':
        this.sessions.delete(change.idHash);
        return;
      case 'flush':
        this.apps.clear();
        this.tokensByHash.clear();
        this.tokensById.clear();
        this.sessions.clear();
        this.users.clear();
    }
  }

  private async cached<V>(name: CacheName, cache: TtlCache<string, V>, flightKey: string, key: string, load: () => Promise<V>): Promise<V> {
    const hit = cache.get(key);
    this.observer?.lookup(name, hit !== undefined);
    if (hit !== undefined) return hit;
    const pending = this.inflight.get(flightKey) as Promise<V> | undefined;
    if (pending) return pending;
    const epoch = this.epoch;
    const promise = load()
      .then(
        (value) => {
          if (epoch === this.epoch) cache.set(key, value);
          return value;
        },
        (error: unknown) => {
          throw new DatabaseUnavailableError(error instanceof Error ? error.message : String(error));
        },
      )
      .finally(() => {
        if (this.inflight.get(flightKey) === promise) this.inflight.delete(flightKey);
      });
    this.inflight.set(flightKey, promise);
    return promise;
  }
}

function resolve(record: TokenRecord | null): ResolvedToken | null {
  return record ? resolveToken(record) : null;
}
