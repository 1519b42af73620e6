import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../auth/rate-limiter';
import { generateTokenSecret } from '../tokens/token-format';
import type { TokenRecord } from '../tokens/token-record';
import { tokenRecordFixture } from '../tokens/test-support/token-record-fixture';
import { AccessResolver } from './access-resolver';
import { hashSessionId } from './gate-cookie';
import { handleGatePath } from './gate-login';
import type { GatewayApp } from './gateway-store';
import { fakeGatewayStore } from './test-support/fake-gateway-store';
import { fakeRequest } from './test-support/fake-request';

const HOST = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f.app.gra.localhost:3000';
const app: GatewayApp = { id: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f', projectId: 'p1', region: 'GRA', labels: { group: 'A' }, unsecureHttp: false, name: 'demo', allowPanelUsers: true, state: 'RUNNING', replicas: [] };

function setup(token: Partial<TokenRecord> = {}) {
  const store = fakeGatewayStore();
  const secret = generateTokenSecret();
  store.addToken(secret, tokenRecordFixture({ version: 3, ...token }));
  const deps = { store, resolver: new AccessResolver(store), limiter: new RateLimiter(3, 60_000) };
  const post = (fields: Record<string, string>, headers: Record<string, string> = {}, remoteAddress = '10.0.0.1') =>
    handleGatePath(
      fakeRequest({
        method: 'POST',
        url: '/__tollgate/login',
        headers: { host: HOST, origin: `http://${HOST}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
        remoteAddress,
      }),
      app,
      deps,
    );
  return { store, secret, deps, post };
}

describe('Login with token', () => {
  it('opens a session bound to this app and to the token version, and sends the user on', async () => {
    const { store, secret, post } = setup();
    const reply = await post({ token: secret, next: '/chat?x=1' });
    expect(reply).toMatchObject({ status: 303, location: '/chat?x=1' });
    const cookie = String(reply.headers?.['set-cookie']);
    expect(cookie).toMatch(/^tg_gate=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    const id = /^tg_gate=([\w-]+)/.exec(cookie)![1]!;
    expect(store.sessions.get(hashSessionId(id))).toMatchObject({ appId: app.id, tokenId: 't1', tokenVersion: 3 });
    // The cookie holds a random id, never the token.
    expect(cookie).not.toContain(secret);
  });

  it('percent-encodes a non-Latin-1 next, so the redirect can be written', async () => {
    const { secret, post } = setup();
    expect(await post({ token: secret, next: '/日本' })).toMatchObject({ status: 303, location: '/%E6%97%A5%E6%9C%AC' });
  });

  it('sends an open redirect home instead', async () => {
    const { secret, post } = setup();
    expect(await post({ token: secret, next: '//evil.example/' })).toMatchObject({ status: 303, location: '/' });
  });

  it('says an expired token has expired, not that it is invalid, and opens no session', async () => {
    const { store, secret, post } = setup({ expiresAt: new Date(Date.now() - 1000) });
    const reply = await post({ token: secret, next: '/' });
    expect(reply.status).toBe(401);
    expect(reply.html).toContain('This token has expired');
    expect(store.sessions.size).toBe(0);
  });

  it('names the failed check for a token out of scope', async () => {
    const { secret, post } = setup({ labelSelector: 'group=B' });
    const reply = await post({ token: secret });
    expect(reply.status).toBe(403);
    expect(reply.html).toContain('does not match this app');
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['the same host over https (this is http)', { origin: `https://${HOST}` }],
    ['the same host on another port', { origin: `http://${HOST.replace(':3000', ':4000')}` }],
    ['a sandboxed frame', { origin: 'null' }],
  ])('refuses a form posted from %s (login CSRF)', async (_label, headers) => {
    const { store, secret, post } = setup();
    expect((await post({ token: secret }, headers)).status).toBe(403);
    expect(store.sessions.size).toBe(0);
  });

  it('limits wrong tokens per client address, without locking out another address', async () => {
    const { secret, post } = setup();
    for (let i = 0; i < 3; i++) expect((await post({ token: generateTokenSecret() })).status).toBe(401);
    const limited = await post({ token: secret });
    expect(limited).toMatchObject({ status: 429, retryAfter: expect.any(Number) });
    expect((await post({ token: secret }, {}, '10.0.0.2')).status).toBe(303);
  });

  it('signs out only from its own origin, ending every gate session the browser sent', async () => {
    const { store, secret, deps, post } = setup();
    const id = /^tg_gate=([\w-]+)/.exec(String((await post({ token: secret })).headers?.['set-cookie']))![1]!;
    const logout = (origin: string) =>
      handleGatePath(fakeRequest({ method: 'POST', url: '/__tollgate/logout', headers: { host: HOST, origin, cookie: `tg_gate=${id}` } }), app, deps);
    expect((await logout('https://evil.example')).status).toBe(403);
    expect(store.sessions.size).toBe(1);
    const out = await logout(`http://${HOST}`);
    expect(out).toMatchObject({ status: 303, location: '/__tollgate/login' });
    expect(String(out.headers?.['set-cookie'])).toMatch(/^tg_gate=; Max-Age=0/);
    expect(store.sessions.size).toBe(0);
  });
});
