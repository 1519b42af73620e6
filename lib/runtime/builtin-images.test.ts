import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ProcessDriver } from './drivers/process/process-driver.ts';
import type { ReplicaAddress } from './drivers/runtime-driver.ts';
import { runSpec } from './drivers/shared/test-fixtures/runtime-test-kit.ts';

// The built-in images' behaviour, run through the process driver.
const driver = new ProcessDriver({ log: () => {} });
let echo: ReplicaAddress;
let stream: ReplicaAddress;

async function run(image: string): Promise<ReplicaAddress> {
  const observed = await driver.apply(runSpec({ image }), () => {});
  return observed.replicas[0]!.address!;
}

beforeAll(async () => {
  [echo, stream] = await Promise.all([run('tollgate/echo'), run('tollgate/stream')]);
});
afterAll(() => driver.close());

describe('tollgate/echo', () => {
  it('returns method, path with query, lowercase headers and the whole body, plus its own cookie and header', async () => {
    const body = JSON.stringify({ hello: 'wörld', big: 'x'.repeat(100_000) });
    const res = await fetch(`http://127.0.0.1:${echo.port}/some/path?a=1&b=two`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Custom-Thing': 'Yes' },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('set-cookie')).toBe('echo_seen=1; Path=/');
    expect(res.headers.get('x-echo-app')).toBe('1');
    const json = (await res.json()) as { method: string; path: string; headers: Record<string, string>; body: string };
    expect(json.method).toBe('POST');
    expect(json.path).toBe('/some/path?a=1&b=two');
    expect(json.headers['x-custom-thing']).toBe('Yes');
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.headers.host).toBe(`127.0.0.1:${echo.port}`);
    expect(json.body).toBe(body);
  });

  it('answers a GET with an empty body', async () => {
    const json = (await (await fetch(`http://127.0.0.1:${echo.port}/`)).json()) as { method: string; body: string };
    expect(json).toMatchObject({ method: 'GET', body: '' });
  });
});

describe('tollgate/stream', () => {
  it('streams SSE: first event at once, then one every 200 ms, delivered incrementally', async () => {
    const t0 = Date.now();
    const arrivals: Array<{ at: number; n: number; t: number }> = [];
    await new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: stream.port, path: '/sse' }, (res) => {
        try {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        } catch (error) {
          reject(error);
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            expect(event).toMatch(/^data: \{"n":\d+,"t":\d+\}$/);
            const data = JSON.parse(event.slice('data: '.length)) as { n: number; t: number };
            arrivals.push({ at: Date.now() - t0, ...data });
          }
          if (arrivals.length >= 4) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', reject);
    });
    expect(arrivals[0]!.at).toBeLessThan(1000);
    expect(arrivals.map((a) => a.n)).toEqual([0, 1, 2, 3]);
    // each event arrived on its own, about 200 ms after the previous one
    for (let i = 1; i < arrivals.length; i++) {
      expect(arrivals[i]!.at - arrivals[i - 1]!.at).toBeGreaterThan(100);
      expect(arrivals[i]!.t - arrivals[i - 1]!.t).toBeGreaterThanOrEqual(150);
    }
  });

  it('echoes WebSocket messages on /ws, text and binary', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${stream.port}/ws`);
    const received: Array<{ data: string; isBinary: boolean }> = [];
    ws.on('message', (data, isBinary) => received.push({ data: Buffer.from(data as Buffer).toString(), isBinary }));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send('hello');
    ws.send(Buffer.from('bytes'), { binary: true });
    await expect.poll(() => received).toEqual([
      { data: 'hello', isBinary: false },
      { data: 'bytes', isBinary: true },
    ]);
    ws.close();
  });

  it('refuses WebSocket upgrades on other paths and serves a text page elsewhere', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${stream.port}/nope`);
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(error.message).toMatch(/404/);
    const res = await fetch(`http://127.0.0.1:${stream.port}/`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toContain('/sse');
  });

  it('stops promptly on SIGTERM even with open SSE and WebSocket connections', async () => {
    const own = new ProcessDriver({ log: () => {}, stopGraceMs: 10_000 });
    const spec = runSpec({ image: 'tollgate/stream' });
    const upstream = (await own.apply(spec, () => {})).replicas[0]!.address!;
    const ws = new WebSocket(`ws://127.0.0.1:${upstream.port}/ws`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    const sse = http.get({ host: '127.0.0.1', port: upstream.port, path: '/sse' });
    sse.on('error', () => {});
    await new Promise((resolve) => sse.once('response', resolve));
    const t0 = Date.now();
    await own.remove(spec.appId);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await closed).toBe(1001);
  });
});
