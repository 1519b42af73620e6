import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessResolver } from '../gateway/access-resolver.ts';
import { hashSessionId, newSessionId } from '../gateway/gate-cookie.ts';
import type { GatewayApp } from '../gateway/gateway-store.ts';
import { fakeGatewayStore } from '../gateway/test-support/fake-gateway-store.ts';
import { generateTokenSecret } from '../tokens/token-format.ts';
import { tokenRecordFixture as record } from '../tokens/test-support/token-record-fixture.ts';
import { ForwardAuth } from './forward-auth.ts';

const APP = '6f1c3b1e-4a8f-4d2c-9f00-0123456789ab';
const OTHER = '7f1c3b1e-4a8f-4d2c-9f00-0123456789ab';
const OPEN = '8f1c3b1e-4a8f-4d2c-9f00-0123456789ab';
const host = (id: string, region = 'gra') => `${id}.app.${region}.example.test`;

const store = fakeGatewayStore();
const resolver = new AccessResolver(store);
const secret = generateTokenSecret();
const session = newSessionId();
let base = '';
let server: http.Server;
let secretServer: http.Server;
let secretBase = '';

function app(id: string, labels: Record<string, string>, extra: Partial<GatewayApp> = {}): GatewayApp {
  return { id, projectId: 'p1', region: 'GRA', labels, unsecureHttp: false, name: 'demo', allowPanelUsers: true, state: 'RUNNING', replicas: [], ...extra };
}

async function listen(forwardAuth: ForwardAuth): Promise<[http.Server, string]> {
  const srv = http.createServer((req, res) => void forwardAuth.handle(req, res));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return [srv, `http://127.0.0.1:${(srv.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  store.apps.set(APP, app(APP, { group: 'A' }));
  store.apps.set(OTHER, app(OTHER, { group: 'B' }));
  store.apps.set(OPEN, app(OPEN, {}, { unsecureHttp: true }));
  store.addToken(secret, record({ name: 'ci bot ✓' }));
  store.sessions.set(session.idHash, { idHash: hashSessionId(session.id), appId: APP, tokenId: 't1', tokenVersion: 1, userId: null, expiresAt: new Date(Date.now() + 60_000) });
  [server, base] = await listen(new ForwardAuth({ store, resolver, baseDomain: 'example.test' }));
  [secretServer, secretBase] = await listen(new ForwardAuth({ store, resolver, baseDomain: 'example.test', secret: 's'.repeat(32) }));
});

afterAll(() => {
  server?.close();
  secretServer?.close();
});

function call(path: string, headers: Record<string, string>, method = 'GET', root = base): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(root + path, { method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const bearer = { authorization: `Bearer ${secret}` };
const traefik = (h: string, uri = '/', extra: Record<string, string> = {}) => ({ 'x-forwarded-host': h, 'x-forwarded-uri': uri, 'x-forwarded-method': 'GET', 'x-forwarded-proto': 'https', ...extra });
const nginx = (url: string, extra: Record<string, string> = {}) => ({ 'x-original-url': url, 'x-original-method': 'GET', ...extra });

describe('forward auth: the decision', () => {
  it('allows a token in scope, with its identity and a short cache lifetime keyed by the credential', async () => {
    for (const headers of [traefik(host(APP), '/x'), nginx(`http://${host(APP)}/x`)]) {
      const path = 'x-original-url' in headers ? '/__tollgate/authz/nginx' : '/__tollgate/authz';
      const res = await call(path, { ...headers, ...bearer });
      expect(res.status, path).toBe(200);
      expect(res.headers['x-tollgate-token-id']).toBe('t1');
      expect(decodeURIComponent(res.headers['x-tollgate-token-name'] as string)).toBe('ci bot ✓');
      expect(res.headers['cache-control']).toBe('max-age=2');
      expect(res.headers.vary).toBe('Authorization, Cookie');
    }
  });

  it('the gate cookie counts like on the app host', async () => {
    const res = await call('/__tollgate/authz', { ...traefik(host(APP)), cookie: `theme=dark; tg_gate=${session.id}` });
    expect(res.status).toBe(200);
    expect(res.headers['x-tollgate-token-id']).toBe('t1');
    const elsewhere = await call('/__tollgate/authz', { ...traefik(host(OTHER)), cookie: `tg_gate=${session.id}` });
    expect(elsewhere.status).toBe(401);
  });

  it('no credential: 401 JSON for programs, the login redirect for browsers; nginx gets a plain 401', async () => {
    const api = await call('/__tollgate/authz', traefik(host(APP), '/api?q=1'));
    expect(api.status).toBe(401);
    expect(api.headers['www-authenticate']).toBe('Bearer realm="tollgate"');
    expect(api.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(api.body).error.code).toBe('unauthenticated');
    const browser = await call('/__tollgate/authz', { ...traefik(host(APP), '/page?q=1'), accept: 'text/html' });
    expect(browser.status).toBe(302);
    expect(browser.headers.location).toBe('/__tollgate/login?next=%2Fpage%3Fq%3D1');
    const viaNginx = await call('/__tollgate/authz/nginx', { ...nginx(`http://${host(APP)}/page`), accept: 'text/html' });
    expect(viaNginx.status).toBe(401);
    const denied = await call('/__tollgate/authz/nginx/denied', { ...nginx(`http://${host(APP)}/page`), accept: 'text/html' });
    expect(denied.status).toBe(302);
    expect(denied.headers.location).toBe('/__tollgate/login?next=%2Fpage');
  });

  it('out of scope: 403 with the failed check', async () => {
    const res = await call('/__tollgate/authz/nginx', { ...nginx(`http://${host(OTHER)}/`), ...bearer });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.details.reason).toBe('selector_miss');
  });

  it('Envoy: the original host, method and path after the prefix', async () => {
    const res = await call('/__tollgate/authz/envoy/some/path?x=1', { host: host(APP), accept: 'text/html' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/__tollgate/login?next=%2Fsome%2Fpath%3Fx%3D1');
    const ok = await call('/__tollgate/authz/envoy/some/path', { host: host(APP), ...bearer }, 'POST');
    expect(ok.status).toBe(200);
  });

  it('an app open to anyone is allowed without identity (empty headers, replacing any the client sent)', async () => {
    const res = await call('/__tollgate/authz', traefik(host(OPEN)));
    expect(res.status).toBe(200);
    expect(res.headers['x-tollgate-token-id']).toBe('');
    expect(res.headers['x-tollgate-token-name']).toBe('');
  });
});

describe('forward auth: which app', () => {
  it('X-Tollgate-App names the app under any host name, checked against its own region', async () => {
    const res = await call('/__tollgate/authz', { ...traefik('chat.example.com'), 'x-tollgate-app': APP, ...bearer });
    expect(res.status).toBe(200);
    const other = await call('/__tollgate/authz', { ...traefik('chat.example.com'), 'x-tollgate-app': OTHER, ...bearer });
    expect(other.status).toBe(403);
  });

  it('a client-sent X-Tollgate-App that disagrees with the app host is refused, not believed', async () => {
    const res = await call('/__tollgate/authz', { ...traefik(host(OTHER)), 'x-tollgate-app': APP, ...bearer });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.details.reason).toBe('app_mismatch');
  });

  it('each convention reads its own headers only: X-Original-URL means nothing to the forward-auth path', async () => {
    const res = await call('/__tollgate/authz', { ...traefik(host(OTHER)), 'x-original-url': `http://${host(APP)}/`, ...bearer });
    expect(res.status).toBe(403);
    const missing = await call('/__tollgate/authz', { 'x-original-url': `http://${host(APP)}/`, ...bearer });
    expect(missing.status).toBe(400);
  });

  it('unknown apps, other regions, duplicated routing headers and gate paths are refused', async () => {
    expect((await call('/__tollgate/authz', { ...traefik(host('00000000-0000-4000-8000-000000000000')), ...bearer })).status).toBe(404);
    expect((await call('/__tollgate/authz', { ...traefik(host(APP, 'bhs')), ...bearer })).status).toBe(404);
    expect((await call('/__tollgate/authz', { ...traefik('chat.example.com'), ...bearer })).status).toBe(404);
    expect((await call('/__tollgate/authz', { ...traefik('chat.example.com'), 'x-tollgate-app': 'nope', ...bearer })).status).toBe(404);
    const twice = await new Promise<number>((resolve, reject) => {
      const req = http.request(base + '/__tollgate/authz', { agent: false, headers: [['x-forwarded-host', host(APP)], ['x-forwarded-host', host(OTHER)], ['x-forwarded-uri', '/'], ['authorization', bearer.authorization]] as unknown as Record<string, string> }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(twice).toBe(400);
    const gate = await call('/__tollgate/authz', { ...traefik(host(APP), '/__tollgate/login'), ...bearer });
    expect(gate.status).toBe(403);
    expect(JSON.parse(gate.body).error.details.reason).toBe('gate_path');
  });

  it('with a shared secret, calls without it are refused', async () => {
    const without = await call('/__tollgate/authz', { ...traefik(host(APP)), ...bearer }, 'GET', secretBase);
    expect(without.status).toBe(403);
    const wrong = await call('/__tollgate/authz', { ...traefik(host(APP)), ...bearer, 'x-tollgate-authz-secret': 't'.repeat(32) }, 'GET', secretBase);
    expect(wrong.status).toBe(403);
    const right = await call('/__tollgate/authz', { ...traefik(host(APP)), ...bearer, 'x-tollgate-authz-secret': 's'.repeat(32) }, 'GET', secretBase);
    expect(right.status).toBe(200);
  });
});
