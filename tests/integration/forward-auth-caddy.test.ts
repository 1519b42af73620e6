// Forward auth behind real Caddy (Debian's caddy), configured by docs/forward-auth/Caddyfile,
// against the endpoint on Tollgate's own port (no AUTHZ_PORT): Traefik's and Caddy's
// X-Forwarded-Method/Proto/Host/Uri convention. The app's id is one created through /v1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from './helpers/api-client.ts';
import { appRequest, type HostResponse } from './helpers/app-host-request.ts';
import { hasTool, startCaddy, startEchoApp, type EchoApp, type RunningProxy } from './helpers/forward-auth-proxies.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';

if (!hasTool('caddy', ['version'])) {
  throw new Error('the forward-auth tests run real Caddy: apt-get install -y caddy');
}

let server: TestServer;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let echo: EchoApp;
let caddy: RunningProxy;
let app: { id: string; url: string };
let open: { id: string; url: string };
let reader: { id: string; secret: string };

const viaProxy = (target = app) => `http://${new URL(target.url).hostname}:${caddy.port}/`;

beforeAll(async () => {
  server = await startTestServer();
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  app = await fx.app('infrastructureascode/hello-world', { group: 'A' });
  open = await fx.app('infrastructureascode/hello-world', {}, { unsecureHttp: true });
  reader = await fx.token('group=A');
  echo = await startEchoApp();
  caddy = await startCaddy({
    APP_HOST: new URL(app.url).hostname,
    APP_ID: app.id,
    APP_UPSTREAM: `127.0.0.1:${echo.port}`,
    TOLLGATE: `127.0.0.1:${server.port}`,
    TOLLGATE_AUTHZ: `127.0.0.1:${server.port}`,
    AUTHZ_SECRET: '',
  });
}, 180_000);

afterAll(async () => {
  await caddy?.stop();
  await echo?.close();
  await server?.stop();
});

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const seenBody = (res: HostResponse) => JSON.parse(res.body) as { url: string; headers: Record<string, string> };

describe('forward auth behind Caddy', () => {
  it('allows a token in scope: the app gets the identity, never the token, gate cookie or forged identity', async () => {
    const res = await appRequest(viaProxy() + 'inspect?q=1', {
      headers: { ...bearer(reader.secret), cookie: 'tg_gate=not-for-the-app; theme=dark', 'x-tollgate-token-id': 'forged', 'x-original-url': `http://${new URL(open.url).hostname}/` },
    });
    expect(res.status, res.body).toBe(200);
    const seen = seenBody(res);
    expect(seen.url).toBe('/inspect?q=1');
    expect(seen.headers['x-tollgate-token-id']).toBe(reader.id);
    expect(decodeURIComponent(seen.headers['x-tollgate-token-name']!)).toMatch(/^gw-token-/);
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers.cookie).toBe('theme=dark');
    expect(JSON.stringify(seen)).not.toContain(reader.secret);
  });

  it('a client-sent X-Tollgate-App cannot move the decision to another app', async () => {
    const res = await appRequest(viaProxy(), { headers: { 'x-tollgate-app': open.id } });
    expect(res.status).toBe(401);
  });

  it('no credential: 401 JSON with WWW-Authenticate for programs, the login redirect and page for browsers', async () => {
    const api = await appRequest(viaProxy() + 'api');
    expect(api.status).toBe(401);
    expect(api.headers['www-authenticate']).toBe('Bearer realm="tollgate"');
    expect(JSON.parse(api.body).error.code).toBe('unauthenticated');
    const page = await appRequest(viaProxy() + 'some/page?x=1', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/__tollgate/login?next=%2Fsome%2Fpage%3Fx%3D1');
    const login = await appRequest(new URL(page.headers.location!, viaProxy()).toString(), { headers: { accept: 'text/html' } });
    expect(login.status).toBe(200);
    expect(login.body).toContain('Sign in with a token');
  });

  it('a token out of scope: 403 with the failed check', async () => {
    const scoped = await fx.token('group=B');
    const res = await appRequest(viaProxy(), { headers: bearer(scoped.secret) });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'forbidden', details: { reason: 'selector_miss' } });
  });

  it('Login with token through Caddy sets the gate cookie for the app host; regenerating ends it on the next request', async () => {
    const token = await fx.token('group=A');
    const host = new URL(viaProxy()).host;
    const login = await appRequest(viaProxy() + '__tollgate/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://${host}` },
      body: new URLSearchParams({ token: token.secret, next: '/after' }).toString(),
    });
    expect(login.status, login.body).toBe(303);
    expect(login.headers.location).toBe('/after');
    const cookie = login.headers['set-cookie']![0]!.split(';')[0]!;
    const after = await appRequest(viaProxy() + 'after', { headers: { cookie } });
    expect(after.status).toBe(200);
    expect(seenBody(after).headers['x-tollgate-token-id']).toBe(token.id);
    await fx.call(admin, 'POST', `/v1/token/${token.id}/renew`);
    expect((await appRequest(viaProxy(), { headers: { cookie } })).status).toBe(401);
  });

  it('a regenerated bearer token is refused on the very next request', async () => {
    const token = await fx.token('group=A');
    expect((await appRequest(viaProxy(), { headers: bearer(token.secret) })).status).toBe(200);
    await fx.call(admin, 'POST', `/v1/token/${token.id}/renew`);
    expect((await appRequest(viaProxy(), { headers: bearer(token.secret) })).status).toBe(401);
  });

  it('Envoy\'s call (the app\'s own Host, the original path after the prefix) is the decision, not the gateway', async () => {
    const envoy = (path: string, headers: Record<string, string>) =>
      appRequest(`http://127.0.0.1:${server.port}/__tollgate/authz/envoy${path}`, { headers: { host: new URL(app.url).host, ...headers } });
    const browser = await envoy('/chat?x=1', { accept: 'text/html' });
    expect(browser.status).toBe(302);
    expect(browser.headers.location).toBe('/__tollgate/login?next=%2Fchat%3Fx%3D1');
    const ok = await envoy('/chat', bearer(reader.secret));
    expect(ok.status).toBe(200);
    expect(ok.headers['x-tollgate-token-id']).toBe(reader.id);
  });

  it('the endpoint on the panel port answers any caller, about its own credential only', async () => {
    const res = await appRequest(`http://127.0.0.1:${server.port}/__tollgate/authz`, {
      headers: { 'x-forwarded-host': new URL(app.url).host, 'x-forwarded-uri': '/', ...bearer(reader.secret) },
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-tollgate-token-id']).toBe(reader.id);
    expect(res.headers['cache-control']).toBe('max-age=2');
  });
});
