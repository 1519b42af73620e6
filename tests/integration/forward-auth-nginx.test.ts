// Forward auth behind real nginx (Debian's nginx-light), configured by docs/forward-auth/nginx.conf:
// nginx proxies to an app of its own while Tollgate, on its dedicated AUTHZ_PORT with a shared
// secret, only decides. The app's id is one created through /v1.
import net from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findBrowser } from '../../e2e/find-browser.ts';
import type { Credential } from './helpers/api-client.ts';
import { appRequest, type HostResponse } from './helpers/app-host-request.ts';
import { hasTool, startEchoApp, startNginx, type EchoApp, type RunningProxy } from './helpers/forward-auth-proxies.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { freePort, signIn, startTestServer, type TestServer } from './helpers/test-server.ts';

const AUTHZ_SECRET = 'forward-auth-test-secret-0123456789abcdef';

if (!hasTool('nginx', ['-v'])) {
  throw new Error('the forward-auth tests run real nginx: apt-get install -y nginx-light');
}

let server: TestServer;
let authzPort: number;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let echo: EchoApp;
let nginx: RunningProxy;
let cached: RunningProxy;
let app: { id: string; url: string };
let other: { id: string; url: string };
let reader: { id: string; secret: string };
let browser: Browser | undefined;

/** The app's Tollgate host name, served by nginx on its own port. */
const viaProxy = (proxy: RunningProxy, target = app) => `http://${new URL(target.url).hostname}:${proxy.port}/`;

beforeAll(async () => {
  authzPort = await freePort();
  server = await startTestServer({ env: { AUTHZ_PORT: String(authzPort), AUTHZ_SECRET } });
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  app = await fx.app('infrastructureascode/hello-world', { group: 'A' });
  other = await fx.app('infrastructureascode/hello-world', { group: 'B' });
  reader = await fx.token('group=A');
  echo = await startEchoApp();
  const values = (target: { id: string; url: string }) => ({
    APP_HOST: new URL(target.url).hostname,
    APP_ID: target.id,
    APP_UPSTREAM: `127.0.0.1:${echo.port}`,
    TOLLGATE: `127.0.0.1:${server.port}`,
    TOLLGATE_AUTHZ: `127.0.0.1:${authzPort}`,
    AUTHZ_SECRET,
  });
  nginx = await startNginx(values(app), { withoutCache: true });
  cached = await startNginx(values(app));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
  await cached?.stop();
  await echo?.close();
  await server?.stop();
});

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const seenBody = (res: HostResponse) => JSON.parse(res.body) as { url: string; headers: Record<string, string> };

describe('forward auth behind nginx: the decision', () => {
  it('allows a token in scope: nginx proxies to its app, which gets the identity and never the token', async () => {
    const res = await appRequest(viaProxy(nginx) + 'inspect?q=1', {
      headers: {
        ...bearer(reader.secret),
        cookie: 'theme=dark; tg_gate=not-for-the-app',
        'x-tollgate-token-id': 'forged',
        'x-tollgate-app': other.id,
        'x-original-url': `http://${new URL(other.url).hostname}/`,
      },
    });
    expect(res.status, res.body).toBe(200);
    const seen = seenBody(res);
    expect(seen.url).toBe('/inspect?q=1');
    expect(seen.headers['x-tollgate-token-id']).toBe(reader.id);
    expect(decodeURIComponent(seen.headers['x-tollgate-token-name']!)).toMatch(/^gw-token-/);
    // The signed identity, from Tollgate's answer (tests/integration/identity.test.ts verifies one).
    expect(seen.headers['x-tollgate-jwt-assertion']).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers.cookie).toBe('theme=dark');
    expect(seen.headers['x-tollgate-authz-secret']).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain(reader.secret);
  });

  it('an absolute-form request line naming another app host gets the decision refused, never made for that app', async () => {
    // The client holds a token for `other`'s group and asks nginx for `other`'s host in the
    // request line while its Host header names this site: the site still decides for its own app.
    const scoped = await fx.token('group=B');
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(nginx.port, '127.0.0.1', () => {
        // write, not end: a half-closed client is one that left, and nginx would abort the
        // auth subrequest for it. Connection: close has nginx close after its answer.
        socket.write(
          `GET http://${new URL(other.url).hostname}/ HTTP/1.1\r\nHost: ${new URL(viaProxy(nginx)).host}\r\n` +
            `Authorization: Bearer ${scoped.secret}\r\nConnection: close\r\n\r\n`,
        );
      });
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 403 /);
    expect(raw).toContain('app_mismatch');
    expect(raw).not.toContain('"headers"');
  });

  it('no credential: 401 JSON with WWW-Authenticate for programs; browsers are sent to the login page', async () => {
    const api = await appRequest(viaProxy(nginx) + 'api');
    expect(api.status).toBe(401);
    expect(api.headers['www-authenticate']).toBe('Bearer realm="tollgate"');
    expect(JSON.parse(api.body).error.code).toBe('unauthenticated');
    const page = await appRequest(viaProxy(nginx) + 'some/page?x=1', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/__tollgate/login?next=%2Fsome%2Fpage%3Fx%3D1');
    const login = await appRequest(new URL(page.headers.location!, viaProxy(nginx)).toString(), { headers: { accept: 'text/html' } });
    expect(login.status).toBe(200);
    expect(login.body).toContain('Sign in with a token');
    expect(echo.seen.some((r) => r.url.startsWith('/some/page') || r.url === '/api')).toBe(false);
  });

  it('a token out of scope: 403 with the failed check', async () => {
    const scoped = await fx.token('group=B');
    const res = await appRequest(viaProxy(nginx), { headers: bearer(scoped.secret) });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'forbidden', details: { reason: 'selector_miss' } });
  });

  it('a regenerated token is refused on the very next request (no decision cache)', async () => {
    const token = await fx.token('group=A');
    expect((await appRequest(viaProxy(nginx), { headers: bearer(token.secret) })).status).toBe(200);
    const renewed = await fx.call(admin, 'POST', `/v1/token/${token.id}/renew`);
    expect(renewed.status).toBe(200);
    expect((await appRequest(viaProxy(nginx), { headers: bearer(token.secret) })).status).toBe(401);
    expect((await appRequest(viaProxy(nginx), { headers: bearer(renewed.body.status.value) })).status).toBe(200);
  });

  it('with the decision cache, an allow is reused for under 3 s (max-age=2 on nginx\'s whole-second clock), a denial never', async () => {
    const token = await fx.token('group=A');
    expect((await appRequest(viaProxy(cached), { headers: bearer(token.secret) })).status).toBe(200);
    // nginx stored the allow before this moment, and keeps it while its clock (whole seconds) has not
    // passed store-second + max-age: under 3 s after it was stored.
    const cachedBy = Date.now();
    const renewed = await fx.call(admin, 'POST', `/v1/token/${token.id}/renew`);
    expect(renewed.status).toBe(200);
    // Right after the change the cached allow still holds (the cache is really used)...
    expect((await appRequest(viaProxy(cached), { headers: bearer(token.secret) })).status).toBe(200);
    // ...and no request sent 3 s or more after it was stored is let through.
    let lastAllowSentAfter = 0;
    let status = 200;
    while (Date.now() - cachedBy < 6_000) {
      const sentAfter = Date.now() - cachedBy;
      status = (await appRequest(viaProxy(cached), { headers: bearer(token.secret) })).status;
      if (status !== 200) break;
      lastAllowSentAfter = sentAfter;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    expect(lastAllowSentAfter).toBeLessThan(3_000);
    // A denial is not cached: the new secret works at once.
    expect((await appRequest(viaProxy(cached), { headers: bearer(renewed.body.status.value) })).status).toBe(200);
  });

  it('the cache answers the identity headers too', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await appRequest(viaProxy(cached), { headers: bearer(reader.secret) });
      expect(res.status).toBe(200);
      expect(seenBody(res).headers['x-tollgate-token-id']).toBe(reader.id);
    }
  });

  it('with AUTHZ_PORT the endpoint is on that listener only, and refuses calls without the shared secret', async () => {
    const headers = { 'x-original-url': `http://${new URL(app.url).hostname}/`, ...bearer(reader.secret) };
    const direct = await appRequest(`http://127.0.0.1:${authzPort}/__tollgate/authz/nginx`, { headers });
    expect(direct.status).toBe(403);
    expect(JSON.parse(direct.body).error.details.reason).toBe('not_the_proxy');
    const withSecret = await appRequest(`http://127.0.0.1:${authzPort}/__tollgate/authz/nginx`, { headers: { ...headers, 'x-tollgate-authz-secret': AUTHZ_SECRET } });
    expect(withSecret.status).toBe(200);
    const panel = await appRequest(`http://127.0.0.1:${server.port}/__tollgate/authz/nginx`, { headers: { ...headers, 'x-tollgate-authz-secret': AUTHZ_SECRET } });
    expect(panel.status).toBe(404);
  });
});

describe('forward auth behind nginx: Login with token in Chromium', () => {
  it('login page through nginx, Connect, back to the page; logout ends it on the next request', async () => {
    browser = await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = viaProxy(nginx) + 'dashboard?tab=1';
    const first = await page.goto(start);
    expect(first?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/__tollgate/login');
    await page.getByRole('button', { name: 'Sign in with a token' }).click();
    await page.getByLabel('Token').fill(reader.secret);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(start);
    const seen = JSON.parse((await page.locator('body').textContent()) ?? '{}') as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe('/dashboard?tab=1');
    expect(seen.headers['x-tollgate-token-id']).toBe(reader.id);
    expect(seen.headers.cookie ?? '').not.toContain('tg_gate');
    const cookies = await context.cookies();
    const gate = cookies.find((c) => c.name === 'tg_gate');
    expect(gate?.domain).toBe(new URL(app.url).hostname);
    expect(gate?.httpOnly).toBe(true);

    // Logout (a same-origin form post through nginx): the very next request needs the login again.
    const out = await page.evaluate(async () => (await fetch('/__tollgate/logout', { method: 'POST', redirect: 'manual' })).type);
    expect(out).toBe('opaqueredirect');
    const after = await appRequest(viaProxy(nginx), { headers: { cookie: `tg_gate=${gate!.value}` } });
    expect(after.status).toBe(401);
    await context.close();
  });

  it('a session from the login through nginx ends when its token is regenerated', async () => {
    const token = await fx.token('group=A');
    const login = await appRequest(viaProxy(nginx) + '__tollgate/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: token.secret, next: '/' }).toString(),
    });
    expect(login.status).toBe(303);
    const cookie = login.headers['set-cookie']![0]!.split(';')[0]!;
    expect((await appRequest(viaProxy(nginx), { headers: { cookie } })).status).toBe(200);
    await fx.call(admin, 'POST', `/v1/token/${token.id}/renew`);
    expect((await appRequest(viaProxy(nginx), { headers: { cookie } })).status).toBe(401);
  });
});
