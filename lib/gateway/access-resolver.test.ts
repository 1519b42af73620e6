import { describe, expect, it } from 'vitest';
import { generateTokenSecret } from '../tokens/token-format';
import type { TokenRecord } from '../tokens/token-record';
import { tokenRecordFixture as record } from '../tokens/test-support/token-record-fixture';
import { AccessResolver, DatabaseUnavailableError } from './access-resolver';
import { fakeGatewayStore } from './test-support/fake-gateway-store';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AccessResolver', () => {
  it('asks the database once, then answers from the cache, even synchronously', async () => {
    const store = fakeGatewayStore();
    const secret = generateTokenSecret();
    store.addToken(secret, record());
    const resolver = new AccessResolver(store);
    expect(resolver.peekTokenBySecret(secret)).toBeUndefined();
    expect((await resolver.tokenBySecret(secret))?.record.id).toBe('t1');
    expect((await resolver.tokenBySecret(secret))?.record.id).toBe('t1');
    expect(resolver.peekTokenBySecret(secret)?.credential.selector.requirements).toHaveLength(1);
    expect(store.calls.tokenByHash).toBe(1);
  });

  it('tells its observer of every lookup, hit or miss, by cache', async () => {
    const store = fakeGatewayStore();
    const secret = generateTokenSecret();
    store.addToken(secret, record());
    store.apps.set('a1', { id: 'a1', projectId: 'p1', region: 'GRA', labels: {}, unsecureHttp: false, name: 'demo', allowPanelUsers: true, state: 'RUNNING', replicas: [] });
    const seen: string[] = [];
    const resolver = new AccessResolver(store, { observer: { lookup: (cache, hit) => seen.push(`${cache}:${hit ? 'hit' : 'miss'}`) } });
    resolver.peekApp('a1');
    await resolver.app('a1');
    resolver.peekApp('a1');
    resolver.peekTokenBySecret(secret);
    await resolver.tokenBySecret(secret);
    resolver.peekTokenBySecret(secret);
    // A forged checksum is no lookup at all.
    resolver.peekTokenBySecret('tg_' + 'a'.repeat(28));
    await resolver.session('nope');
    expect(seen).toEqual(['app:miss', 'app:miss', 'app:hit', 'token:miss', 'token:miss', 'token:hit', 'session:miss']);
  });

  it('answers a forged checksum with null, without a lookup', async () => {
    const store = fakeGatewayStore();
    const resolver = new AccessResolver(store);
    expect(await resolver.tokenBySecret('tg_' + 'a'.repeat(28))).toBeNull();
    expect(resolver.peekTokenBySecret('not a token')).toBeNull();
    expect(store.calls.tokenByHash).toBe(0);
  });

  it('shares one query among concurrent misses', async () => {
    const store = fakeGatewayStore();
    store.apps.set('a1', { id: 'a1', projectId: 'p1', region: 'GRA', labels: {}, unsecureHttp: false, name: 'demo', allowPanelUsers: true, state: 'RUNNING', replicas: [] });
    const resolver = new AccessResolver(store);
    const answers = await Promise.all([resolver.app('a1'), resolver.app('a1'), resolver.app('a1')]);
    expect(answers.map((a) => a?.id)).toEqual(['a1', 'a1', 'a1']);
    expect(store.calls.app).toBe(1);
  });

  it('forgets a token the moment a change names it: the next lookup asks again', async () => {
    const store = fakeGatewayStore();
    const secret = generateTokenSecret();
    store.addToken(secret, record());
    const resolver = new AccessResolver(store);
    await resolver.tokenBySecret(secret);
    store.tokens.clear();
    resolver.invalidate({ kind: 'token', id: 't1' });
    expect(resolver.peekTokenBySecret(secret)).toBeUndefined();
    expect(await resolver.tokenBySecret(secret)).toBeNull();
  });

  it('does not cache the answer of a lookup that started before a change', async () => {
    const slow = deferred<TokenRecord | null>();
    const store = fakeGatewayStore();
    let lookups = 0;
    store.findTokenById = () => (++lookups === 1 ? slow.promise : Promise.resolve(null));
    const resolver = new AccessResolver(store);
    const stale = resolver.tokenById('t1');
    // The token is deleted while the first lookup is still on its way.
    resolver.invalidate({ kind: 'token', id: 't1' });
    slow.resolve(record());
    expect((await stale)?.record.id).toBe('t1');
    // The stale row was not kept: the database is asked again, and says "gone".
    expect(await resolver.tokenById('t1')).toBeNull();
    expect(lookups).toBe(2);
  });

  it('does not join a lookup that started before a change', async () => {
    const slow = deferred<TokenRecord | null>();
    const store = fakeGatewayStore();
    let lookups = 0;
    store.findTokenById = () => (++lookups === 1 ? slow.promise : Promise.resolve(null));
    const resolver = new AccessResolver(store);
    const before = resolver.tokenById('t1');
    resolver.invalidate({ kind: 'token', id: 't1' });
    const after = resolver.tokenById('t1');
    slow.resolve(record());
    expect((await before)?.record.id).toBe('t1');
    expect(await after).toBeNull();
  });

  it('turns a failed lookup into DatabaseUnavailableError and caches nothing', async () => {
    const store = fakeGatewayStore();
    let fail = true;
    store.findApp = async () => {
      if (fail) throw new Error('connection refused');
      return null;
    };
    const resolver = new AccessResolver(store);
    await expect(resolver.app('a1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    fail = false;
    expect(await resolver.app('a1')).toBeNull();
  });

  it('drops the sessions of a changed token, and everything on a flush', async () => {
    const store = fakeGatewayStore();
    store.sessions.set('h1', { idHash: 'h1', appId: 'a1', tokenId: 't1', tokenVersion: 1, userId: null, expiresAt: new Date(Date.now() + 60_000) });
    const resolver = new AccessResolver(store);
    await resolver.session('h1');
    resolver.invalidate({ kind: 'token', id: 't1' });
    await resolver.session('h1');
    expect(store.calls.session).toBe(2);
    resolver.invalidate({ kind: 'flush' });
    await resolver.session('h1');
    expect(store.calls.session).toBe(3);
  });

  it('expires entries after the TTL backstop even without a change event', async () => {
    const store = fakeGatewayStore();
    const resolver = new AccessResolver(store, { ttlMs: 20 });
    await resolver.app('a1');
    await new Promise((r) => setTimeout(r, 40));
    await resolver.app('a1');
    expect(store.calls.app).toBe(2);
  });
});
