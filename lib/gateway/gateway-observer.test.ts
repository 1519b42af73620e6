import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenSecret } from '../tokens/token-format.ts';
import { tokenRecordFixture } from '../tokens/test-support/token-record-fixture.ts';
import { AccessResolver } from './access-resolver.ts';
import { Gateway } from './gateway.ts';
import type { Exchange, GatewayObserver } from './gateway-observer.ts';
import { fakeGatewayStore } from './test-support/fake-gateway-store.ts';

const APP = '22222222-2222-4222-8222-222222222222';
const secret = generateTokenSecret();
const outsider = generateTokenSecret();

let upstream: Server;
let front: Server;
let gateway: Gateway;
let seenByApp: IncomingHttpHeaders[] = [];
const finished: Exchange[] = [];
const streams: string[] = [];
/** What each handle() call returned: undefined when it decided synchronously. */
const returned: unknown[] = [];

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    seenByApp.push(req.headers);
    if (req.url === '/sse') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      return;
    }
    res.end('hello');
  });
  const upstreamPort = await listen(upstream);
  const store = fakeGatewayStore();
  store.apps.set(APP, { id: APP, projectId: 'p1', region: 'GRA', labels: { group: 'A' }, unsecureHttp: false, name: 'demo', allowPanelUsers: true, state: 'RUNNING', replicas: [{ host: '127.0.0.1', port: upstreamPort }] });
  store.addToken(secret, tokenRecordFixture({ id: 'tok-a', name: 'reader' }));
  store.addToken(outsider, tokenRecordFixture({ id: 'tok-b', name: 'outsider', labelSelector: 'group=B' }));
  const observer: GatewayObserver = {
    finished: (exchange) => finished.push(exchange),
    streamOpened: (exchange) => streams.push(`open ${exchange.stream}`),
    streamClosed: (exchange) => streams.push(`closed ${exchange.stream}`),
  };
  gateway = new Gateway({ store, resolver: new AccessResolver(store), observer });
  front = http.createServer((req, res) => returned.push(gateway.handle(req, res, { appId: APP, region: 'GRA' })));
  await listen(front);
});

afterAll(async () => {
  front.closeAllConnections();
  upstream.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const port = (front.address() as AddressInfo).port;
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** The exchange of the last request, once its response is over. */
async function last(): Promise<Exchange> {
  const count = finished.length;
  for (let i = 0; i < 100 && finished.length === count; i++) await new Promise((r) => setTimeout(r, 5));
  return finished.at(-1)!;
}

describe('what the gateway tells its observer', () => {
  it('a request decided from the database, then the same one from the cache, synchronously', async () => {
    const bearer = { authorization: `Bearer ${secret}` };
    finished.length = 0;
    expect(await get('/a?x=1', bearer)).toEqual({ status: 200, body: 'hello' });
    const first = await last();
    expect(returned.at(-1)).toBeInstanceOf(Promise);
    expect(first).toMatchObject({ decision: 'allow', appFound: true, fromCache: false, status: 200, bytes: 5, upgrade: false });
    expect(first.token).toMatchObject({ id: 'tok-a', name: 'reader' });
    expect(first.dispatchedAt).toBeGreaterThan(first.startedAt);
    expect(first.upstreamHeadersAt).toBeGreaterThanOrEqual(first.dispatchedAt);
    expect(first.respondedAt).toBeGreaterThanOrEqual(first.upstreamHeadersAt);
    expect(first.finishedAt).toBeGreaterThanOrEqual(first.respondedAt);

    expect((await get('/b', bearer)).status).toBe(200);
    const second = await last();
    // No promise at all on the cached path.
    expect(returned.at(-1)).toBeUndefined();
    expect(second).toMatchObject({ decision: 'allow', fromCache: true, status: 200 });
  });

  it('refusals carry the reason, and the token when there was one', async () => {
    expect((await get('/')).status).toBe(401);
    expect(await last()).toMatchObject({ decision: 'no_credential', token: null, status: 401, dispatchedAt: 0 });
    expect((await last()).bytes).toBeGreaterThan(0);
    expect((await get('/', { authorization: `Bearer ${outsider}` })).status).toBe(403);
    const refused = await last();
    expect(refused).toMatchObject({ decision: 'selector_miss', status: 403 });
    expect(refused.token?.id).toBe('tok-b');
    expect((await get('http://elsewhere/')).status).toBe(400);
    expect(await last()).toMatchObject({ decision: 'bad_request', appFound: false });
  });

  it('sends the app an X-Request-Id, the client\'s own when it sent one', async () => {
    seenByApp = [];
    await get('/', { authorization: `Bearer ${secret}`, 'x-request-id': 'from-client' });
    await get('/', { authorization: `Bearer ${secret}` });
    expect(seenByApp[0]!['x-request-id']).toBe('from-client');
    expect(seenByApp[1]!['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(finished.at(-1)!.req.headers['x-request-id']).toBe(seenByApp[1]!['x-request-id']);
  });

  it('counts an event stream open, and drain() ends it cleanly', async () => {
    streams.length = 0;
    const port = (front.address() as AddressInfo).port;
    const ended = new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/sse', headers: { authorization: `Bearer ${secret}` }, agent: false }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk;
            if (body === 'data: 1\n\n') expect(gateway.drain()).toBe(1);
          });
          res.on('end', () => resolve(body));
          res.on('aborted', () => reject(new Error('aborted, not ended')));
        })
        .on('error', reject);
    });
    expect(await ended).toBe('data: 1\n\n');
    const exchange = await last();
    expect(exchange).toMatchObject({ stream: 'sse', status: 200, bytes: 9 });
    expect(streams).toEqual(['open sse', 'closed sse']);
  });
});
