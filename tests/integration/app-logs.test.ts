// GET /v1/app/{id}/log on a real server (process runtime): tail, since, follow as server-sent
// events, the access rules of GET /v1/app/{id}, and secrets that never come back out.

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from './helpers/api-client.ts';
import { appRequest } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

const SECRET = 'sk-live-4242-do-not-print';
let server: TestServer;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let echo: { id: string; url: string };
let reader: { id: string; secret: string };
let outsider: { id: string; secret: string };

interface LogBody {
  lastActivity: string | null;
  logs: { timestamp: string; content: string; replica: string; stream: string }[];
}

beforeAll(async () => {
  server = await startTestServer();
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  // The app prints its secret at start (as careless apps do), then logs each request.
  echo = await fx.app('tollgate/echo', { logs: 'yes' }, {
    envVars: [{ name: 'API_KEY', value: SECRET, secret: true }],
    command: ['node', '-e', "console.log('booting with key ' + process.env.API_KEY); import('./echo.mjs')"],
  });
  reader = await fx.token('logs=yes');
  outsider = await fx.token('logs=no');
  await fx.state(echo.id, 'RUNNING');
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const logs = async (query: string, credential: Credential = { token: reader.secret }) => fx.call(credential, 'GET', `/v1/app/${echo.id}/log${query}`);

describe('app logs', () => {
  it('returns OVHcloud’s shape, each line tagged with its replica, the secret masked', async () => {
    await appRequest(`${echo.url}first`, { headers: bearer(reader.secret) });
    const body = await waitFor(async () => {
      const res = await logs('');
      return (res.body as LogBody).logs.some((l) => l.content === 'GET /first') ? (res.body as LogBody) : undefined;
    }, 'the request line in the logs');
    expect(body.lastActivity).toBe(body.logs.at(-1)!.timestamp);
    expect(body.logs[0]).toMatchObject({ content: 'booting with key ***', replica: '1', stream: 'stdout' });
    expect(JSON.stringify(body)).not.toContain(SECRET);
    expect(server.output()).not.toContain(SECRET);
    const app = await fx.call(admin, 'GET', `/v1/app/${echo.id}`);
    expect(app.text).not.toContain(SECRET);
  });

  it('bounds the answer with tail and since', async () => {
    for (let i = 0; i < 5; i++) await appRequest(`${echo.url}tail-${i}`, { headers: bearer(reader.secret) });
    const last2 = ((await logs('?tail=2')).body as LogBody).logs.map((l) => l.content);
    expect(last2).toEqual(['GET /tail-3', 'GET /tail-4']);
    const all = ((await logs('?tail=1000')).body as LogBody).logs;
    const cut = all.find((l) => l.content === 'GET /tail-3')!.timestamp;
    const since = ((await logs(`?since=${encodeURIComponent(cut)}`)).body as LogBody).logs.map((l) => l.content);
    expect(since).toEqual(['GET /tail-3', 'GET /tail-4']);
    expect((await logs('?tail=10001')).status).toBe(400);
    expect((await logs('?since=yesterday')).body.error.message).toBe('Invalid input: since: since must be an ISO 8601 date-time');
  });

  it('refuses a read token outside the app’s scope with 403, and a stranger with 401', async () => {
    const res = await logs('', { token: outsider.secret });
    expect(res.status).toBe(403);
    expect(res.body.error.details.reason).toBe('selector_miss');
    expect((await fx.call(null, 'GET', `/v1/app/${echo.id}/log`)).status).toBe(401);
  });

  it('follow=true delivers a line the app prints after the stream opened, within a second', async () => {
    const url = new URL(`/v1/app/${echo.id}/log?tail=0&follow=true`, server.url);
    const { received, close } = await new Promise<{ received: Promise<{ line: { content: string }; at: number }>; close: () => void }>((resolve, reject) => {
      const req = http.get(url, { headers: bearer(reader.secret) }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        res.setEncoding('utf8');
        let buffer = '';
        const received = new Promise<{ line: { content: string }; at: number }>((done) => {
          res.on('data', (chunk: string) => {
            buffer += chunk;
            const match = /event: line\ndata: (.*)\n\n/.exec(buffer);
            if (match) done({ line: JSON.parse(match[1]!), at: Date.now() });
          });
        });
        resolve({ received, close: () => req.destroy() });
      });
      req.on('error', reject);
    });
    const sentAt = Date.now();
    await appRequest(`${echo.url}followed`, { headers: bearer(reader.secret) });
    const { line, at } = await received;
    close();
    expect(line.content).toBe('GET /followed');
    console.log(`follow: the line arrived ${at - sentAt} ms after the request`);
    expect(at - sentAt).toBeLessThan(1_000);
  });

  it('keeps a stopped app’s logs readable', async () => {
    expect((await fx.call(admin, 'PUT', `/v1/app/${echo.id}/stop`)).status).toBe(200);
    await fx.state(echo.id, 'STOPPED');
    const body = (await logs('?tail=1000')).body as LogBody;
    expect(body.logs.some((l) => l.content === 'GET /followed')).toBe(true);
  });
});
