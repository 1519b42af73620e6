import net from 'node:net';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Credential } from './helpers/api-client.ts';
import { appRequest, localhostLookup } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let server: TestServer;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let hello: { id: string; url: string };
let echo: { id: string; url: string };
let stream: { id: string; url: string };
let reader: { id: string; secret: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  hello = await fx.app('infrastructureascode/hello-world', { group: 'A' });
  echo = await fx.app('tollgate/echo', { group: 'A' });
  stream = await fx.app('tollgate/stream', { group: 'A' });
  reader = await fx.token('group=A');
  await Promise.all([hello, echo, stream].map((app) => fx.state(app.id, 'RUNNING')));
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('gateway: who gets through', () => {
  it('a read token scoped group=A gets "Hello, World!" from a matching app', async () => {
    const res = await appRequest(hello.url, { headers: bearer(reader.secret) });
    expect(res.status).toBe(200);
    expect(res.body).toBe('Hello, World!');
  });

  it('no credential: API clients get 401 JSON with WWW-Authenticate, browsers the Login with token page', async () => {
    const api = await appRequest(hello.url);
    expect(api.status).toBe(401);
    expect(api.headers['www-authenticate']).toBe('Bearer realm="tollgate"');
    expect(JSON.parse(api.body).error.code).toBe('unauthenticated');
    const browser = await appRequest(hello.url + 'some/page?x=1', { headers: { accept: 'text/html' } });
    expect(browser.status).toBe(302);
    expect(browser.headers.location).toBe('/__tollgate/login?next=%2Fsome%2Fpage%3Fx%3D1');
    const login = await appRequest(new URL(browser.headers.location!, hello.url).toString(), { headers: { accept: 'text/html' } });
    expect(login.status).toBe(200);
    expect(login.body).toContain('Sign in with a token');
    expect(login.body).toContain('action="/__tollgate/logout"');
    expect(login.body).toContain('value="/some/page?x=1"');
  });

  it('refuses a token out of scope with 403 naming the failed check: selector, region, project', async () => {
    const other = await fx.app('infrastructureascode/hello-world', { group: 'B' });
    const bhs = await fx.app('infrastructureascode/hello-world', { group: 'A' }, { region: 'BHS' });
    const project = await fx.call(admin, 'POST', '/v1/project', { name: 'gateway-other' });
    const otherProject = { cookie: (admin as { cookie: string }).cookie, project: project.body.id } as Credential;
    const foreign = await fx.token('group=A', 'operator', 'GRA', otherProject);

    const miss = await appRequest(other.url, { headers: bearer(reader.secret) });
    expect(miss.status).toBe(403);
    expect(JSON.parse(miss.body).error).toEqual({
      code: 'forbidden',
      message: "the token's selector group=A does not match this app",
      details: { reason: 'selector_miss' },
    });
    const region = await appRequest(bhs.url, { headers: bearer(reader.secret) });
    expect(region.status).toBe(403);
    expect(JSON.parse(region.body).error.details.reason).toBe('other_region');
    const cross = await appRequest(hello.url, { headers: bearer(foreign.secret) });
    expect(cross.status).toBe(403);
    expect(JSON.parse(cross.body).error.details.reason).toBe('other_project');
  });

  it('a forged checksum, an unknown token and a malformed header are 401', async () => {
    const forged = reader.secret.slice(0, -1) + (reader.secret.endsWith('x') ? 'y' : 'x');
    for (const authorization of [`Bearer ${forged}`, 'Bearer tg_0000000000000000000000000000', 'Basic Zm9vOmJhcg==']) {
      const res = await appRequest(hello.url, { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
    }
  });

  it('unknown hosts are 404 before any auth, and absolute-form request URIs are refused', async () => {
    const unknown = await appRequest(`http://00000000-0000-4000-8000-000000000000.app.gra.localhost:${server.port}/`, { headers: bearer(reader.secret) });
    expect(unknown.status).toBe(404);
    const notUuid = await appRequest(`http://nope.app.gra.localhost:${server.port}/`);
    expect(notUuid.status).toBe(404);
    const wrongRegion = await appRequest(hello.url.replace('.app.gra.', '.app.bhs.'), { headers: bearer(reader.secret) });
    expect(wrongRegion.status).toBe(404);

    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.end(`GET http://evil.example/ HTTP/1.1\r\nHost: ${new URL(hello.url).host}\r\nAuthorization: Bearer ${reader.secret}\r\nConnection: close\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).not.toContain('Hello, World!');
  });

  it('an unsecureHttp app is open to anyone', async () => {
    const open = await fx.app('infrastructureascode/hello-world', {}, { unsecureHttp: true });
    await fx.state(open.id, 'RUNNING');
    const res = await appRequest(open.url);
    expect(res.status).toBe(200);
    expect(res.body).toBe('Hello, World!');
  });
});

describe('gateway: what the app sees', () => {
  it('never the Tollgate token or gate cookie; forged X-Forwarded-* replaced; hop-by-hop dropped; its own cookies pass', async () => {
    const res = await appRequest(echo.url + 'inspect?q=1', {
      method: 'POST',
      headers: {
        ...bearer(reader.secret),
        cookie: 'tg_gate=stolen-session; theme=dark; __Host-tg_gate=other',
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
        forwarded: 'for=6.6.6.6',
        'x-custom': 'kept',
        connection: 'keep-alive, x-drop-me',
        'x-drop-me': 'secret-hop',
        'content-type': 'application/json',
      },
      body: '{"hello":"app"}',
    });
    expect(res.status).toBe(200);
    const seen = JSON.parse(res.body) as { method: string; path: string; headers: Record<string, string>; body: string };
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/inspect?q=1');
    expect(seen.body).toBe('{"hello":"app"}');
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers.cookie).toBe('theme=dark');
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-host']).toBe(new URL(echo.url).host);
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers.forwarded).toBeUndefined();
    expect(seen.headers['x-drop-me']).toBeUndefined();
    expect(seen.headers['x-custom']).toBe('kept');
    expect(JSON.stringify(seen)).not.toContain(reader.secret);
    expect(res.headers['set-cookie']).toEqual(['echo_seen=1; Path=/']);
    expect(res.headers['x-echo-app']).toBe('1');
  });

  it('passes a non-Tollgate Authorization header through when the gate cookie is the credential', async () => {
    const cookie = await connect(echo.url, reader.secret);
    const res = await appRequest(echo.url, { headers: { cookie, authorization: 'Basic YXBwOnBhc3M=' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).headers.authorization).toBe('Basic YXBwOnBhc3M=');
  });
});

/** Login with token: POST the form, return the gate cookie ("name=value"). */
async function connect(appUrl: string, secret: string, next = '/'): Promise<string> {
  const res = await appRequest(appUrl + '__tollgate/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: secret, next }).toString(),
  });
  expect(res.status, res.body).toBe(303);
  return res.headers['set-cookie']![0]!.split(';')[0]!;
}

describe('gateway: request smuggling', () => {
  it('a chunked body on a GET reaches the app as that request\'s body, never as a second request', async () => {
    const host = new URL(echo.url).host;
    const inner = `GET /smuggled HTTP/1.1\r\nHost: ${host}\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n`;
    const chunk = `${Buffer.byteLength(inner).toString(16)}\r\n${inner}\r\n0\r\n\r\n`;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(`GET /outer HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${reader.secret}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk}`);
      });
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, ''));
    expect(body.path).toBe('/outer');
    expect(body.body).toBe(inner);
    // The next user's request gets its own answer.
    const next = await appRequest(echo.url + 'victim', { headers: bearer(reader.secret) });
    expect(JSON.parse(next.body).path).toBe('/victim');
  });
});

describe('gateway: Login with token', () => {
  it('Connect sets a host-only, HttpOnly, SameSite=Lax cookie holding a random id (not the token) and goes to next', async () => {
    const res = await appRequest(hello.url + '__tollgate/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: reader.secret, next: '/after?x=1' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/after?x=1');
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^tg_gate=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toContain('Domain');
    expect(cookie).not.toContain(reader.secret);
    const page = await appRequest(hello.url, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.body).toBe('Hello, World!');
  });

  it('a session opens only the app it was made for', async () => {
    const cookie = await connect(hello.url, reader.secret);
    const elsewhere = await appRequest(echo.url, { headers: { cookie } });
    expect(elsewhere.status).toBe(401);
  });

  it.each([
    ['//evil.example/x'],
    ['https://evil.example/'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['/./\\evil.example'],
    ['javascript:alert(1)'],
  ])('refuses the open redirect next=%j and goes to / instead', async (next) => {
    const res = await appRequest(hello.url + '__tollgate/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: reader.secret, next }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('a wrong token re-shows the form with an error; repeated failures are rate-limited per IP', async () => {
    const attempt = () =>
      appRequest(stream.url + '__tollgate/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: 'token=tg_wrong&next=%2F',
        // A client of its own (loopback has all of 127/8), so the limit hits no other test.
        localAddress: '127.0.0.2',
      });
    const first = await attempt();
    expect(first.status).toBe(401);
    expect(first.body).toContain('This token is not valid');
    let last = first;
    for (let i = 0; i < 10; i++) last = await attempt();
    expect(last.status).toBe(429);
    expect(last.body).toMatch(/Too many attempts, try again in \d+ s/);
    expect(last.headers['retry-after']).toMatch(/^\d+$/);
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['a sandboxed frame (Origin: null)', { origin: 'null' }],
    ['a cross-site browser form without Origin', { 'sec-fetch-site': 'cross-site' }],
  ])('a form post from %s is refused', async (_from, headers) => {
    const res = await appRequest(hello.url + '__tollgate/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ token: reader.secret, next: '/' }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('logout ends the session on the very next request; a cross-site logout is refused', async () => {
    const cookie = await connect(hello.url, reader.secret);
    const crossSite = await appRequest(hello.url + '__tollgate/logout', { method: 'POST', headers: { cookie, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect((await appRequest(hello.url, { headers: { cookie } })).status).toBe(200);
    const out = await appRequest(hello.url + '__tollgate/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(303);
    expect(out.headers['set-cookie']![0]).toMatch(/^tg_gate=; .*Max-Age=0/);
    expect((await appRequest(hello.url, { headers: { cookie } })).status).toBe(401);
  });

  it('a gate cookie planted ahead of the real one does not lock the user out', async () => {
    const cookie = await connect(hello.url, reader.secret);
    const res = await appRequest(hello.url, { headers: { cookie: `tg_gate=planted-by-a-sibling-app; ${cookie}` } });
    expect(res.status).toBe(200);
  });
});

describe('gateway: revocation', () => {
  it('a regenerated token: the old secret gets 401 on the very next request, and its gate session is gone', async () => {
    const token = await fx.token('group=A');
    const cookie = await connect(hello.url, token.secret);
    expect((await appRequest(hello.url, { headers: bearer(token.secret) })).status).toBe(200);
    expect((await appRequest(hello.url, { headers: { cookie } })).status).toBe(200);
    const renewed = await fx.call(admin, 'POST', `/v1/token/${token.id}/renew`);
    expect((await appRequest(hello.url, { headers: bearer(token.secret) })).status).toBe(401);
    expect((await appRequest(hello.url, { headers: { cookie } })).status).toBe(401);
    expect((await appRequest(hello.url, { headers: bearer(renewed.body.status.value) })).body).toBe('Hello, World!');
  });

  it('a deleted token: refused on the very next request, session included', async () => {
    const token = await fx.token('group=A');
    const cookie = await connect(hello.url, token.secret);
    expect((await appRequest(hello.url, { headers: bearer(token.secret) })).status).toBe(200);
    await fx.call(admin, 'DELETE', `/v1/token/${token.id}`);
    expect((await appRequest(hello.url, { headers: bearer(token.secret) })).status).toBe(401);
    expect((await appRequest(hello.url, { headers: { cookie, accept: 'text/html' } })).status).toBe(302);
  });

  it('open SSE streams and WebSockets of a regenerated token are closed', async () => {
    const token = await fx.token('group=A');
    const sse = await openSse(stream.url + 'sse', token.secret);
    const ws = await openWs(stream.url, token.secret);
    const wsClosed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const started = Date.now();
    await fx.call(admin, 'POST', `/v1/token/${token.id}/renew`);
    await sse.ended;
    await wsClosed;
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('gateway: streaming and WebSockets', () => {
  it('SSE arrives event by event: the first in under a second, then more while the stream stays open', async () => {
    const sse = await openSse(stream.url + 'sse', reader.secret);
    const first = await sse.next();
    expect(first.at - sse.openedAt).toBeLessThan(1_000);
    const second = await sse.next();
    const third = await sse.next();
    expect(JSON.parse(third.data).n).toBeGreaterThan(JSON.parse(second.data).n);
    expect(third.at).toBeGreaterThan(first.at);
    sse.close();
  });

  it('WebSocket echo works with a token and is refused without one or from another site', async () => {
    const ws = await openWs(stream.url, reader.secret);
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    ws.send('ping over the gate');
    expect(await reply).toBe('ping over the gate');
    ws.close();

    await expect(openWs(stream.url, null)).rejects.toThrow(/401/);
    await expect(openWs(stream.url, reader.secret, 'https://evil.example')).rejects.toThrow(/403/);
  });
});

describe('gateway: app lifecycle', () => {
  it('stop → 503 with Retry-After (a page for browsers) → start → 200', async () => {
    const app = await fx.app('infrastructureascode/hello-world', { group: 'A' });
    await fx.state(app.id, 'RUNNING');
    const operator = await fx.token(`ovh/id=${app.id}`, 'operator');
    expect((await fx.call({ token: operator.secret }, 'PUT', `/v1/app/${app.id}/stop`)).status).toBe(200);
    await fx.state(app.id, 'STOPPED');
    const stopped = await appRequest(app.url, { headers: bearer(reader.secret) });
    expect(stopped.status).toBe(503);
    expect(stopped.headers['retry-after']).toBe('5');
    const page = await appRequest(app.url, { headers: { ...bearer(reader.secret), accept: 'text/html' } });
    expect(page.body).toContain('This app is not running');
    // It names the app and reloads itself until the app is back.
    expect(page.body).toMatch(/<p>App <strong>gw-[a-z0-9]+-\d+<\/strong><\/p>/);
    expect(page.body).toContain('<meta http-equiv="refresh" content="5">');
    // A stranger learns nothing of the state: still 401.
    expect((await appRequest(app.url)).status).toBe(401);

    expect((await fx.call({ token: operator.secret }, 'PUT', `/v1/app/${app.id}/start`)).status).toBe(200);
    await fx.state(app.id, 'RUNNING');
    expect((await appRequest(app.url, { headers: bearer(reader.secret) })).body).toBe('Hello, World!');

    const history = (await fx.call(admin, 'GET', `/v1/app/${app.id}`)).body.status.history.map((h: { state: string }) => h.state);
    expect(history).toEqual(['QUEUED', 'INITIALIZING', 'RUNNING', 'STOPPING', 'STOPPED', 'INITIALIZING', 'RUNNING']);

    expect((await fx.call({ token: operator.secret }, 'DELETE', `/v1/app/${app.id}`)).status).toBe(200);
    // Once DELETED the app is gone for every caller: the API and its URL both answer 404.
    await waitFor(async () => ((await fx.call(admin, 'GET', `/v1/app/${app.id}`)).status === 404 ? true : undefined), 'app deletion');
    expect((await appRequest(app.url, { headers: bearer(reader.secret) })).status).toBe(404);
  });
});

interface SseEvent {
  data: string;
  at: number;
}

function openSse(url: string, secret: string) {
  return new Promise<{ openedAt: number; next(): Promise<SseEvent>; close(): void; ended: Promise<void> }>((resolve, reject) => {
    const openedAt = Date.now();
    const queue: SseEvent[] = [];
    const waiters: ((e: SseEvent) => void)[] = [];
    let endedResolve: () => void;
    const ended = new Promise<void>((r) => (endedResolve = r));
    const req = http.get(url, { headers: { ...bearer(secret), accept: 'text/event-stream' }, lookup: localhostLookup, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE answered ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let idx;
        while ((idx = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          const event = { data, at: Date.now() };
          const waiter = waiters.shift();
          if (waiter) waiter(event);
          else queue.push(event);
        }
      });
      res.on('close', () => endedResolve());
      res.on('error', () => endedResolve());
      resolve({
        openedAt,
        ended,
        next: () => new Promise<SseEvent>((r) => (queue.length ? r(queue.shift()!) : waiters.push(r))),
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => {
      endedResolve();
      reject(error);
    });
  });
}

function openWs(appUrl: string, secret: string | null, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(appUrl.replace(/^http/, 'ws') + 'ws', {
      headers: { ...(secret ? bearer(secret) : {}), ...(origin ? { origin } : {}) },
      lookup: localhostLookup,
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
