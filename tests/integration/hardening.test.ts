import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import WebSocket from 'ws';
import type { Credential } from './helpers/api-client.ts';
import { appRequest, localhostLookup, type HostResponse } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, TEST_ADMIN, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

// Findings of a black-box security probe, one describe per item.

let server: TestServer;
let base: string;
let admin: Credential & { cookie: string };

beforeAll(async () => {
  // Debug logging on, so item 6 can wait for the one line it expects instead of sleeping.
  server = await startTestServer({ env: { LOG_LEVEL: 'debug' } });
  base = `http://127.0.0.1:${server.port}`;
  admin = { cookie: await signIn(server.url) };
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('hardening 1: sign-in lockout', () => {
  /** A client whose TCP connections come from `localAddress` (loopback has all of 127/8). */
  function client(localAddress: string) {
    // A client option: undici sets the connection's local address itself, over any given in `connect`.
    const dispatcher = new Agent({ localAddress });
    const jar = new Map<string, string>();
    const keep = (res: Awaited<ReturnType<typeof undiciFetch>>) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return {
      cookie,
      async get(path: string) {
        const res = await undiciFetch(base + path, { dispatcher, redirect: 'manual', headers: { cookie: cookie() } });
        return { status: res.status, headers: res.headers, text: await res.text() };
      },
      /** One credentials sign-in; `error` is next-auth's error message, absent on success. */
      async signIn(email: string, password: string): Promise<{ ok: boolean; error?: string }> {
        if (!jar.has('next-auth.csrf-token')) keep(await undiciFetch(`${base}/api/auth/csrf`, { dispatcher }));
        const csrfToken = decodeURIComponent(jar.get('next-auth.csrf-token')!).split('|')[0]!;
        const res = await undiciFetch(`${base}/api/auth/callback/credentials`, {
          dispatcher,
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
          body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
        });
        keep(res);
        const { url } = (await res.json()) as { url: string };
        const error = new URL(url).searchParams.get('error');
        return error === null ? { ok: true } : { ok: false, error };
      },
      close: () => dispatcher.close(),
    };
  }

  it('15 wrong passwords from one client do not lock the owner out from another, and the owner is told', async () => {
    const attacker = client('127.0.0.1');
    const owner = client('127.0.0.2');
    try {
      // All at once, as a guessing script would: the limit must hold under concurrency.
      const guesses = await Promise.all(Array.from({ length: 15 }, (_, i) => attacker.signIn(TEST_ADMIN.email, `guess-${i}`)));
      expect(guesses.filter((g) => g.error === 'Wrong email or password')).toHaveLength(10);
      expect(guesses.filter((g) => /^Too many attempts, try again in \d+ s$/.test(g.error ?? ''))).toHaveLength(5);
      // The guessing client stays refused, even with the right password.
      expect((await attacker.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).error).toMatch(/^Too many attempts/);

      expect(await owner.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toEqual({ ok: true });
      const apps = await owner.get('/apps');
      expect(apps.status).toBe(200);
      expect(apps.text).toContain('10 failed sign-in attempts on your account since your last sign-in');

      // Told once: the next sign-in starts from zero.
      const again = client('127.0.0.3');
      expect(await again.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toEqual({ ok: true });
      expect((await again.get('/apps')).text).not.toContain('failed sign-in attempt');
      await again.close();
    } finally {
      await attacker.close();
      await owner.close();
    }
  });
});

describe('hardening 3: malformed percent-encoding', () => {
  it('the API answers 400 in its JSON error shape', async () => {
    for (const path of ['/v1/app/%E0%A4%A', '/v1/%ZZ', '/api/auth/%E0%A4%A']) {
      const res = await fetch(base + path, { headers: { cookie: admin.cookie } });
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type'), path).toContain('application/json');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toMatch(/percent-encoding/);
    }
  });

  it('a panel page answers the not-found page with 404, without a redirect', async () => {
    for (const path of ['/apps/%E0%A4%A', '/%E0%A4%A', '/tokens/%C0?x=1']) {
      const res = await fetch(base + path, { headers: { cookie: admin.cookie }, redirect: 'manual' });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(await res.text(), path).toContain('This page could not be found');
    }
  });
});

describe('hardening 4: upgrade responses are filtered like HTTP ones', () => {
  let stream: { id: string; url: string };
  let secret: string;

  beforeAll(async () => {
    const fx = gatewayFixture(server, admin);
    stream = await fx.app('tollgate/stream', { group: 'hardening' });
    secret = (await fx.token('group=hardening')).secret;
    await fx.state(stream.id, 'RUNNING');
  }, 60_000);

  function open(path: string) {
    return new WebSocket(stream.url.replace(/^http/, 'ws') + path, { headers: { authorization: `Bearer ${secret}` }, lookup: localhostLookup });
  }

  it('an app answering 200 to an Upgrade cannot set the gate cookie or pass hop-by-hop headers', async () => {
    const ws = open('ws-refused');
    const res = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      ws.once('unexpected-response', (_req, response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      ws.once('open', () => reject(new Error('the app did not refuse the upgrade')));
      ws.once('error', () => {});
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('no WebSocket here\n');
    expect(res.headers['set-cookie']).toEqual(['stream_seen=1; Path=/']);
    expect(res.headers['x-stream-app']).toBe('1');
    expect(res.headers['x-stream-hop']).toBeUndefined();
    expect(res.headers['keep-alive']).toBeUndefined();
    expect(res.headers.connection).toBe('close');
  });

  it("a 101 keeps the handshake headers but not the app's gate cookie or hop-by-hop headers", async () => {
    const ws = open('ws?cookies=1');
    let headers: Record<string, string | string[] | undefined> = {};
    ws.once('upgrade', (response) => (headers = response.headers));
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('unexpected-response', (_req, response) => reject(new Error(`upgrade refused with ${response.statusCode}`)));
      ws.once('error', reject);
    });
    expect(headers['set-cookie']).toEqual(['stream_seen=1; Path=/']);
    expect(headers['x-stream-app']).toBe('1');
    expect(headers['x-stream-hop']).toBeUndefined();
    expect(headers['keep-alive']).toBeUndefined();
    expect(headers.upgrade).toBe('websocket');
    expect(headers.connection).toBe('Upgrade');
    expect(headers['sec-websocket-accept']).toBeTruthy();
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    ws.send('still a WebSocket');
    expect(await reply).toBe('still a WebSocket');
    ws.close();
  });
});

describe('hardening 5: panel pages cannot be framed and run only their own scripts', () => {
  const expectFrameGuards = (headers: Headers, what: string) => {
    expect(headers.get('x-frame-options'), what).toBe('DENY');
    expect(headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(headers.get('referrer-policy'), what).toBe('same-origin');
    expect(headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
  };

  it('/apps, /tokens and /signin send a nonce CSP whose nonce is on every script of the page', async () => {
    const nonces = new Set<string>();
    for (const [path, cookie] of [['/apps', admin.cookie], ['/tokens', admin.cookie], ['/signin', '']] as const) {
      const res = await fetch(base + path, { headers: { cookie }, redirect: 'manual' });
      expect(res.status, path).toBe(200);
      expectFrameGuards(res.headers, path);
      const csp = res.headers.get('content-security-policy')!;
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
      expect(nonce, `${path}: ${csp}`).toBeTruthy();
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      nonces.add(nonce!);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(3);
  });

  it('/v1 answers with a deny-all CSP and the same frame guards', async () => {
    const res = await fetch(`${base}/v1/app`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expectFrameGuards(res.headers, '/v1/app');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('hardening 6: a garbage session cookie does not fill the log', () => {
  it('20 requests with an invalid next-auth.session-token add one debug line each and no stack trace', async () => {
    const before = server.output().length;
    const garbage = 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..not-a-real-token';
    for (let i = 0; i < 10; i++) {
      const session = await fetch(`${base}/api/auth/session`, { headers: { cookie: garbage } });
      expect(await session.json()).toEqual({});
      const page = await fetch(`${base}/apps`, { headers: { cookie: garbage }, redirect: 'manual' });
      expect(page.status).toBeLessThan(500);
      await page.text();
    }
    const added = () => server.output().slice(before);
    // JSON lines (stdout is a pipe): one debug line of the auth component per request.
    const debugLines = () => added().split('\n').filter((line) => line.includes('"level":"debug"') && line.includes('"component":"auth"'));
    await waitFor(async () => (debugLines().length >= 20 ? true : undefined), '20 debug lines');
    expect(debugLines()[0]).toContain('next-auth JWT_SESSION_ERROR');
    expect(added()).not.toMatch(/^\s+at /m);
    expect(added()).not.toContain('"stack"');
    expect(added()).not.toContain(process.cwd());
    expect(added()).not.toContain('[next-auth][error]');
  });

  it("next-auth's client log endpoint is closed: nobody can write to the server log through it", async () => {
    const res = await fetch(`${base}/api/auth/_log`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ level: 'error', code: 'WRITTEN_BY_A_STRANGER', message: 'hello' }).toString(),
    });
    expect(res.status).toBe(404);
    // A marker request that does log (item 6's debug line), so the output is read after the refused one.
    const before = server.output().length;
    await fetch(`${base}/api/auth/session`, { headers: { cookie: 'next-auth.session-token=marker' } });
    await waitFor(async () => (server.output().slice(before).includes('"level":"debug"') ? true : undefined), 'the marker line');
    expect(server.output()).not.toContain('WRITTEN_BY_A_STRANGER');
  });
});

describe('hardening 7: two Host headers are refused', () => {
  function raw(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write(request));
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
  }

  const hosts = () => ({ panel: `localhost:${server.port}`, app: `00000000-0000-4000-8000-000000000000.app.gra.localhost:${server.port}` });

  it.each([
    ['panel', 'panel'],
    ['panel', 'app'],
    ['app', 'panel'],
  ] as const)('Host: %s then Host: %s is 400, not served by whichever comes first', async (first, second) => {
    const single = await raw(`GET /signin HTTP/1.1\r\nHost: ${hosts().panel}\r\nConnection: close\r\n\r\n`);
    expect(single).toMatch(/^HTTP\/1\.1 200 /);
    const res = await raw(`GET /signin HTTP/1.1\r\nHost: ${hosts()[first]}\r\nHost: ${hosts()[second]}\r\nConnection: close\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 400 /);
    expect(res).toContain('"code":"bad_request"');
  });

  it('an Upgrade with two Host headers is refused too', async () => {
    const res = await raw(
      `GET /ws HTTP/1.1\r\nHost: ${hosts().panel}\r\nHost: ${hosts().app}\r\n` +
        'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(res).toMatch(/^HTTP\/1\.1 400 /);
  });
});

// Items 2, 8 and 9 live in the gateway's Login with token and gate sessions (lib/gateway/gate-login.ts,
// lib/gateway/gate-session.ts); their unit tests there cover the rules, these the wire.
describe('hardening 2, 8 and 9: Login with token on the wire', () => {
  let fx: ReturnType<typeof gatewayFixture>;
  let hello: { id: string; url: string };
  let token: { id: string; secret: string };
  let host: string;

  beforeAll(async () => {
    fx = gatewayFixture(server, admin);
    hello = await fx.app('infrastructureascode/hello-world', { hardening: 'login' });
    token = await fx.token('hardening=login');
    await fx.state(hello.id, 'RUNNING');
    host = new URL(hello.url).host;
  });

  const gate = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => appRequest(`http://${host}${path}`, init);
  const setCookie = (res: HostResponse) => res.headers['set-cookie']?.[0] ?? null;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const postLogin = (fields: Record<string, string>, origin = `http://${host}`) =>
    gate('/__tollgate/login', { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields) });

  it('hardening 2: a non-Latin-1 next is percent-encoded, never a 500, and a crafted link does not break sign-in', async () => {
    const res = await postLogin({ token: token.secret, next: '/日本?q=é' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/%E6%97%A5%E6%9C%AC?q=%C3%A9');
    expect(setCookie(res)).toMatch(/^tg_gate=/);
    // A crafted link puts an encoded, non-path `next` on the login page: the form goes home instead.
    const page = (await gate('/__tollgate/login?next=%E6%97%A5')).body;
    expect(page).toContain('name="next" value="/"');
    const viaLink = await postLogin({ token: token.secret, next: '/%E6%97%A5' });
    expect(viaLink.status).toBe(303);
    expect(viaLink.headers.location).toBe('/%E6%97%A5');
    expect(server.output()).not.toMatch(/Invalid character in header content/);
  });

  it('hardening 8: the login refuses an Origin of the same host with another scheme or port', async () => {
    for (const origin of [`https://${host}`, `http://${host.replace(/:\d+$/, ':1')}`]) {
      const res = await postLogin({ token: token.secret, next: '/' }, origin);
      expect(res.status, origin).toBe(403);
      expect(setCookie(res)).toBeNull();
    }
  });

  it('hardening 9: with two valid gate sessions for the app (one planted), neither is used: the browser signs in again', async () => {
    const cookieOf = async () => /^tg_gate=([^;]+)/.exec(setCookie(await postLogin({ token: token.secret, next: '/' })) ?? '')![1]!;
    const victim = await cookieOf();
    const planted = await cookieOf();
    const one = await gate('/', { headers: { cookie: `tg_gate=${victim}`, accept: 'text/html' } });
    expect(one.status).toBe(200);
    const both = await gate('/', { headers: { cookie: `tg_gate=${planted}; tg_gate=${victim}`, accept: 'text/html' } });
    expect(both.status).toBe(302);
    expect(both.headers.location).toBe('/__tollgate/login?next=%2F');
  });
});
