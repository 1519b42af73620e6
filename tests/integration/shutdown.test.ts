// Graceful shutdown of a real server: SIGTERM while a slow upload and a WebSocket are in flight.
// Readiness turns 503 at once, new connections are refused, the upload finishes, the WebSocket gets
// Close 1001, an event stream ends cleanly, the app processes stop, and the process exits 0 within
// SHUTDOWN_TIMEOUT. The timings are printed.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Credential } from './helpers/api-client.ts';
import { localhostLookup } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { freePort, signIn, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

const SHUTDOWN_TIMEOUT_S = 10;
const UPLOAD_CHUNKS = 12;
const UPLOAD_INTERVAL_MS = 250;
const CHUNK = Buffer.alloc(1024, 0x61);

let server: TestServer;
let metricsPort: number;
let echo: { id: string; url: string };
let stream: { id: string; url: string };
let token: { id: string; secret: string };

beforeAll(async () => {
  metricsPort = await freePort();
  server = await startTestServer({ env: { METRICS_PORT: String(metricsPort), SHUTDOWN_TIMEOUT: String(SHUTDOWN_TIMEOUT_S) } });
  const admin: Credential = { cookie: await signIn(server.url) };
  const fx = gatewayFixture(server, admin);
  echo = await fx.app('tollgate/echo', { group: 'A' });
  stream = await fx.app('tollgate/stream', { group: 'A' });
  token = await fx.token('group=A');
  await Promise.all([echo, stream].map((app) => fx.state(app.id, 'RUNNING')));
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs UPLOAD_CHUNKS chunks, one every UPLOAD_INTERVAL_MS, to the echo app; resolves with what it answered. */
function slowUpload(url: string, secret: string): Promise<{ status: number; received: number; at: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url + 'upload',
      { method: 'POST', lookup: localhostLookup, agent: false, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/octet-stream' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string };
          resolve({ status: res.statusCode ?? 0, received: body.body.length, at: performance.now() });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    let sent = 0;
    const next = () => {
      if (sent === UPLOAD_CHUNKS) return req.end();
      sent++;
      req.write(CHUNK);
      setTimeout(next, UPLOAD_INTERVAL_MS);
    };
    next();
  });
}

describe('graceful shutdown', () => {
  it('on SIGTERM: readiness 503, new connections refused, the slow upload completes, the WebSocket gets 1001, exit 0 within SHUTDOWN_TIMEOUT', async () => {
    // The demo app, echo and stream each print "ready on"; the server forwards their output in blocks, so wait for all three.
    const pids = await waitFor(
      async () => {
        const found = [...server.output().matchAll(/ready on 127\.0\.0\.1:\d+ \(pid (\d+)/g)].map((m) => Number(m[1]));
        return found.length >= 3 ? found : undefined;
      },
      'the three app processes to print "ready on"',
      10_000,
    );

    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(stream.url.replace(/^http/, 'ws') + 'ws', { headers: { authorization: `Bearer ${token.secret}` }, lookup: localhostLookup });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
    const echoed = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    ws.send('before shutdown');
    expect(await echoed).toBe('before shutdown');
    const wsClosed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), at: performance.now() })),
    );
    const sse = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(stream.url + 'sse', { headers: { authorization: `Bearer ${token.secret}` }, lookup: localhostLookup, agent: false }, (res) => res.once('data', () => resolve(res)))
        .once('error', reject);
    });
    const sseEnded = new Promise<{ clean: boolean; at: number }>((resolve) => {
      sse.on('data', () => {});
      sse.once('end', () => resolve({ clean: true, at: performance.now() }));
      sse.once('aborted', () => resolve({ clean: false, at: performance.now() }));
      sse.once('error', () => resolve({ clean: false, at: performance.now() }));
    });

    const uploadStart = performance.now();
    const upload = slowUpload(echo.url, token.secret);
    await sleep(600);

    const sigterm = performance.now();
    const exited = server.kill('SIGTERM').then(() => performance.now());
    const notReady = await waitFor(
      async () => {
        const res = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
        return res.status === 503 ? { body: await res.json(), at: performance.now() } : undefined;
      },
      'readiness to turn 503',
      2_000,
    );
    expect(notReady.body).toMatchObject({ status: 'shutting_down', failed: ['shutdown'] });
    const refused = await fetch(`${server.url}/healthz`).then(
      (res) => `answered ${res.status}`,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );
    expect(refused).toBe('ECONNREFUSED');

    const closed = await wsClosed;
    expect(closed).toMatchObject({ code: 1001, reason: 'server shutting down' });
    const sseEnd = await sseEnded;
    expect(sseEnd.clean).toBe(true);
    const uploaded = await upload;
    expect(uploaded).toMatchObject({ status: 200, received: UPLOAD_CHUNKS * CHUNK.length });
    const exitAt = await exited;
    expect(server.exitCode()).toBe(0);
    expect(exitAt - sigterm).toBeLessThan(SHUTDOWN_TIMEOUT_S * 1000);
    // The process runtime stopped the apps with the server.
    for (const pid of pids) expect(() => process.kill(pid, 0), `app process ${pid} still alive`).toThrow();

    const ms = (t: number) => `${Math.round(t - sigterm)} ms`.padStart(8);
    console.log(
      [
        `graceful shutdown (SHUTDOWN_TIMEOUT=${SHUTDOWN_TIMEOUT_S} s), times after SIGTERM:`,
        `  upload started           ${ms(uploadStart)}  (${UPLOAD_CHUNKS} x 1 KiB, one every ${UPLOAD_INTERVAL_MS} ms)`,
        `  /readyz 503 seen         ${ms(notReady.at)}`,
        `  WebSocket closed         ${ms(closed.at)}  (code ${closed.code}, "${closed.reason}")`,
        `  event stream ended       ${ms(sseEnd.at)}  (clean end of the response)`,
        `  upload answered 200      ${ms(uploaded.at)}  (${uploaded.received} bytes echoed)`,
        `  process exited (code ${server.exitCode()})  ${ms(exitAt)}`,
      ].join('\n'),
    );
    const lines = server.output().split('\n').filter((line) => line.includes('"component":"server"') && /shutting down|in flight|shut down in/.test(line));
    console.log(lines.map((line) => `  ${(JSON.parse(line) as { msg: string }).msg}`).join('\n'));
  });
});

describe('graceful shutdown, past SHUTDOWN_TIMEOUT', () => {
  it('cuts a request still running when the timeout is reached, and still exits 0', async () => {
    const short = await startTestServer({ env: { SHUTDOWN_TIMEOUT: '1' } });
    try {
      const admin: Credential = { cookie: await signIn(short.url) };
      const fx = gatewayFixture(short, admin);
      const app = await fx.app('tollgate/echo', { group: 'A' });
      const reader = await fx.token('group=A');
      await fx.state(app.id, 'RUNNING');
      const upload = slowUpload(app.url, reader.secret).then(
        () => 'completed',
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );
      await sleep(500);
      const sigterm = performance.now();
      await short.kill('SIGTERM');
      const exitAfter = performance.now() - sigterm;
      // 12 chunks take 3 s: at 1 s the connection is cut.
      expect(await upload).toMatch(/ECONNRESET|socket hang up/);
      expect(short.exitCode()).toBe(0);
      expect(exitAfter).toBeGreaterThanOrEqual(1_000);
      expect(exitAfter).toBeLessThan(1_000 + 5_000);
      expect(short.output()).toContain('SHUTDOWN_TIMEOUT (1 s) reached: cutting the connections still open');
      console.log(`SHUTDOWN_TIMEOUT=1 s: the 3 s upload was cut, the process exited (code 0) ${Math.round(exitAfter)} ms after SIGTERM`);
    } finally {
      await short.stop();
    }
  }, 180_000);
});
