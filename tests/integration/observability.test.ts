// Health, readiness, metrics and access lines of a real server: /metrics only on METRICS_PORT, the
// gateway's counters checked to the exact value after known traffic, X-Request-Id to the app.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Credential } from './helpers/api-client.ts';
import { appRequest, localhostLookup } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { freePort, signIn, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let server: TestServer;
let metricsPort: number;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let echo: { id: string; url: string };
let stream: { id: string; url: string };
let reader: { id: string; secret: string };
let outsider: { id: string; secret: string };

beforeAll(async () => {
  metricsPort = await freePort();
  server = await startTestServer({ env: { METRICS_PORT: String(metricsPort) } });
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  echo = await fx.app('tollgate/echo', { group: 'A' });
  stream = await fx.app('tollgate/stream', { group: 'A' });
  reader = await fx.token('group=A');
  outsider = await fx.token('group=B');
  await Promise.all([echo, stream].map((app) => fx.state(app.id, 'RUNNING')));
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

const metricsUrl = (path: string) => `http://127.0.0.1:${metricsPort}${path}`;
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function scrape(): Promise<string> {
  const res = await fetch(metricsUrl('/metrics'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

/** One sample's value, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The server's JSON lines of one component. */
function logLines(component: string): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(`"component":"${component}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('health and readiness', () => {
  it('/healthz and /readyz answer on the panel host, without the reasons; /metrics is not there', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = await ready.json();
    expect(body).toMatchObject({ status: 'ready', failed: [], checks: { database: { ok: true }, migrations: { ok: true }, runtime: { ok: true } } });
    // PostgreSQL only: the change listener's connection.
    if (process.env.DATABASE_URL) expect(body.checks.changeListener).toEqual({ ok: true });
    else expect(body.checks.changeListener).toBeUndefined();
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    // Not on an app host either: there the path is the app's.
    const onApp = await appRequest(echo.url + 'readyz', { headers: bearer(reader.secret) });
    expect(JSON.parse(onApp.body).path).toBe('/readyz');
  });

  it('the metrics listener serves /healthz, /readyz (with details) and /metrics, and nothing else', async () => {
    expect((await fetch(metricsUrl('/healthz'))).status).toBe(200);
    const ready = await (await fetch(metricsUrl('/readyz'))).json();
    expect(ready.checks.runtime).toEqual({ ok: true, detail: 'process' });
    expect((await fetch(metricsUrl('/'))).status).toBe(404);
    expect(await scrape()).toContain('# TYPE process_cpu_seconds_total counter');
  });
});

describe('metrics after known traffic', () => {
  it('counts each request by app, decision and status class, and token uses by id, exactly', async () => {
    const otherRegion = echo.url.replace('.app.gra.', '.app.bhs.');
    const before = await scrape();

    for (let i = 0; i < 3; i++) expect((await appRequest(echo.url, { headers: bearer(reader.secret) })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await appRequest(echo.url)).status).toBe(401);
    expect((await appRequest(echo.url, { headers: bearer(outsider.secret) })).status).toBe(403);
    // A well-formed secret that no token has.
    const unknown = reader.secret.slice(0, 3) + [...reader.secret.slice(3)].reverse().join('');
    const forged = await appRequest(echo.url, { headers: bearer(unknown) });
    expect(forged.status).toBe(401);
    expect((await appRequest(otherRegion, { headers: bearer(reader.secret) })).status).toBe(404);
    // Uses through /v1 count too, apart.
    for (let i = 0; i < 2; i++) expect((await fx.call({ token: reader.secret }, 'GET', '/v1/app')).status).toBe(200);

    const series = (decision: string, statusClass: string) => `tollgate_gateway_requests_total{app="${echo.id}",decision="${decision}",status_class="${statusClass}"}`;
    // What this traffic adds to each counter (other tests of this file used the app and the token too).
    const added = {
      [series('allow', '2xx')]: 3,
      [series('no_credential', '4xx')]: 2,
      [series('selector_miss', '4xx')]: 1,
      [series(JSON.parse(forged.body).error.details.reason, '4xx')]: 1,
      'tollgate_gateway_requests_total{app="",decision="not_found",status_class="4xx"}': 1,
      [`tollgate_token_requests_total{token_id="${reader.id}",via="gateway"}`]: 3,
      [`tollgate_token_requests_total{token_id="${reader.id}",via="api"}`]: 2,
      [`tollgate_gateway_upstream_seconds_count{app="${echo.id}"}`]: 3,
    };
    const expected = Object.fromEntries(Object.entries(added).map(([name, n]) => [name, (sample(before, name) ?? 0) + n]));
    // The counters move when each response is over, a moment after the client read it.
    const text = await waitFor(async () => {
      const now = await scrape();
      return Object.entries(expected).every(([name, value]) => sample(now, name) === value) ? now : undefined;
    }, 'the counters to reach the expected values', 5_000).catch(async (error: Error) => {
      const now = await scrape();
      throw new Error(`${error.message}\n${Object.keys(expected).map((name) => `${name} = ${sample(now, name)}`).join('\n')}`);
    });
    for (const [name, value] of Object.entries(expected)) expect(sample(text, name), name).toBe(value);
    // A token refused by the selector made no use; the unknown one has no id to count.
    expect(sample(text, `tollgate_token_requests_total{token_id="${outsider.id}",via="gateway"}`)).toBeUndefined();
    expect(text).not.toContain(reader.secret);
    expect(sample(text, 'tollgate_gateway_cache_lookups_total{cache="token",result="hit"}')).toBeGreaterThan(0);
    expect(sample(text, 'tollgate_apps{state="RUNNING"}')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'tollgate_controller_leader')).toBe(1);
  });

  it('counts open WebSockets and event streams while they are open', async () => {
    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(stream.url.replace(/^http/, 'ws') + 'ws', { headers: bearer(reader.secret), lookup: localhostLookup });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
    const sse = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(stream.url + 'sse', { headers: bearer(reader.secret), lookup: localhostLookup, agent: false }, (res) => res.once('data', () => resolve(res)))
        .once('error', reject);
    });
    const open = await scrape();
    expect(sample(open, 'tollgate_gateway_open_streams{kind="websocket"}')).toBe(1);
    expect(sample(open, 'tollgate_gateway_open_streams{kind="sse"}')).toBe(1);
    ws.close();
    sse.destroy();
    await waitFor(async () => {
      const now = await scrape();
      return sample(now, 'tollgate_gateway_open_streams{kind="websocket"}') === 0 && sample(now, 'tollgate_gateway_open_streams{kind="sse"}') === 0 ? true : undefined;
    }, 'the streams to be counted closed', 5_000);
  });
});

describe('request ids and access lines', () => {
  it('gives the app an X-Request-Id (the client\'s, or a new one) and logs one line per request with it', async () => {
    const mine = await appRequest(echo.url + 'with-id?q=secret-query', { headers: { ...bearer(reader.secret), 'x-request-id': 'client-trace-123' } });
    expect(JSON.parse(mine.body).headers['x-request-id']).toBe('client-trace-123');
    const fresh = JSON.parse((await appRequest(echo.url + 'without-id', { headers: bearer(reader.secret) })).body).headers['x-request-id'] as string;
    expect(fresh).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [withId, withoutId] = await waitFor(async () => {
      const lines = logLines('access');
      const a = lines.find((l) => l.requestId === 'client-trace-123');
      const b = lines.find((l) => l.requestId === fresh);
      return a && b ? [a, b] : undefined;
    }, 'both access lines');
    expect(withId).toMatchObject({
      level: 'info',
      kind: 'gateway',
      method: 'GET',
      path: '/with-id',
      appId: echo.id,
      tokenId: reader.id,
      tokenName: expect.stringMatching(/^gw-token-/),
      decision: 'allow',
      reason: null,
      status: 200,
      bytes: Buffer.byteLength(mine.body),
    });
    expect(withId!.durationMs).toEqual(expect.any(Number));
    expect(withId!.upstreamMs).toEqual(expect.any(Number));
    expect(withoutId).toMatchObject({ path: '/without-id', tokenId: reader.id });
    expect(JSON.stringify(logLines('access'))).not.toContain('secret-query');
    // A refusal says why.
    await appRequest(echo.url + 'refused', { headers: bearer(outsider.secret) });
    const refused = await waitFor(async () => logLines('access').find((l) => l.path === '/refused'), 'the refusal line');
    expect(refused).toMatchObject({ decision: 'deny', reason: 'selector_miss', status: 403, tokenId: outsider.id });
  });

  it('logs panel and /v1 requests with the same fields and the caller', async () => {
    await fx.call({ token: reader.secret }, 'GET', '/v1/app?labelSelector=group%3DA');
    const line = await waitFor(async () => logLines('access').find((l) => l.kind === 'api' && l.tokenId === reader.id), 'the /v1 line');
    expect(line).toMatchObject({ method: 'GET', path: '/v1/app', status: 200, tokenName: expect.stringMatching(/^gw-token-/) });
    expect(line.requestId).toEqual(expect.any(String));
    expect(line.bytes).toBeGreaterThan(0);
    await fetch(`${server.url}/signin`);
    const page = await waitFor(async () => logLines('access').find((l) => l.kind === 'panel' && l.path === '/signin'), 'the panel line');
    expect(page).toMatchObject({ method: 'GET', status: 200 });
  });
});
