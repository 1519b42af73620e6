import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Exchange } from '../gateway/gateway-observer.ts';
import { tokenRecordFixture } from '../tokens/test-support/token-record-fixture.ts';
import { GatewayTelemetry } from './gateway-telemetry.ts';
import { createLogger } from './logger.ts';
import { CappedLabel, Metrics, OTHER } from './metrics.ts';

const APP = '11111111-1111-4111-8111-111111111111';

function request(url: string, headers: Record<string, string> = {}): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = url;
  req.headers = headers;
  return req;
}

function exchange(fields: Partial<Exchange>, url = '/'): Exchange {
  const e = new Exchange(request(url), APP, 100, false, () => {});
  return Object.assign(e, { appFound: true, status: 200, finishedAt: 105, ...fields });
}

/** The value of one sample line of the exposition, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ format: 'json', destination }).child({ component: 'access' }) };
}

describe('CappedLabel', () => {
  it('keeps the first ids and folds the rest into one value', () => {
    const label = new CappedLabel(2);
    expect(['a', 'b', 'c', 'a', 'd', 'b'].map((id) => label.value(id))).toEqual(['a', 'b', OTHER, 'a', OTHER, 'b']);
  });
});

describe('gateway metrics', () => {
  it('counts requests by app, decision and status class, token uses by id, cache lookups, and times the gateway apart from the app', async () => {
    const metrics = new Metrics({ processMetrics: false });
    const telemetry = new GatewayTelemetry(metrics, null);
    const token = tokenRecordFixture({ id: 'tok-1', name: 'ci' });
    for (let i = 0; i < 3; i++) {
      telemetry.finished(exchange({ token, fromCache: true, dispatchedAt: 100.2, upstreamHeadersAt: 102.2, respondedAt: 102.3, finishedAt: 103 }));
    }
    telemetry.finished(exchange({ decision: 'selector_miss', token, status: 403 }));
    telemetry.finished(exchange({ decision: 'no_credential', status: 401 }));
    // A host naming no app: counted without the (attacker-chosen) id.
    telemetry.finished(exchange({ decision: 'not_found', appFound: false, status: 404 }));
    telemetry.lookup('app', true);
    telemetry.lookup('token', false);
    const text = await metrics.registry.metrics();
    expect(sample(text, `tollgate_gateway_requests_total{app="${APP}",decision="allow",status_class="2xx"}`)).toBe(3);
    expect(sample(text, `tollgate_gateway_requests_total{app="${APP}",decision="selector_miss",status_class="4xx"}`)).toBe(1);
    expect(sample(text, `tollgate_gateway_requests_total{app="${APP}",decision="no_credential",status_class="4xx"}`)).toBe(1);
    expect(sample(text, 'tollgate_gateway_requests_total{app="",decision="not_found",status_class="4xx"}')).toBe(1);
    // Only the allowed requests are uses of the token.
    expect(sample(text, 'tollgate_token_requests_total{token_id="tok-1",via="gateway"}')).toBe(3);
    expect(sample(text, 'tollgate_gateway_cache_lookups_total{cache="app",result="hit"}')).toBe(1);
    expect(sample(text, 'tollgate_gateway_cache_lookups_total{cache="token",result="miss"}')).toBe(1);
    // 0.2 ms to decide + 0.1 ms to relay the head: 0.3 ms each; the app's 2 ms go to the upstream histogram.
    expect(sample(text, 'tollgate_gateway_overhead_seconds_count{decided_from="cache"}')).toBe(3);
    expect(sample(text, 'tollgate_gateway_overhead_seconds_bucket{le="0.00025",decided_from="cache"}')).toBe(0);
    expect(sample(text, 'tollgate_gateway_overhead_seconds_bucket{le="0.0005",decided_from="cache"}')).toBe(3);
    expect(sample(text, `tollgate_gateway_upstream_seconds_bucket{le="0.001",app="${APP}"}`)).toBe(0);
    expect(sample(text, `tollgate_gateway_upstream_seconds_bucket{le="0.0025",app="${APP}"}`)).toBe(3);
    expect(sample(text, `tollgate_gateway_upstream_seconds_count{app="${APP}"}`)).toBe(3);
  });

  it('writes one access line per request, with ids and names but never the query string', () => {
    const metrics = new Metrics({ processMetrics: false });
    const { lines, logger } = captureLog();
    const telemetry = new GatewayTelemetry(metrics, logger);
    const token = tokenRecordFixture({ id: 'tok-2', name: 'notebook' });
    telemetry.finished(exchange({ token, dispatchedAt: 101, upstreamHeadersAt: 103.5, respondedAt: 103.6, bytes: 13 }, '/predict?api_key=tg_secret'));
    telemetry.finished(exchange({ decision: 'expired', token, status: 401, bytes: 80 }));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      component: 'access',
      kind: 'gateway',
      method: 'GET',
      path: '/predict',
      appId: APP,
      tokenId: 'tok-2',
      tokenName: 'notebook',
      decision: 'allow',
      reason: null,
      status: 200,
      durationMs: 5,
      upstreamMs: 2.5,
      bytes: 13,
    });
    expect(lines[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(lines)).not.toContain('tg_secret');
    expect(lines[1]).toMatchObject({ decision: 'deny', reason: 'expired', status: 401, upstreamMs: null });
  });

  it('counts open streams up and down', async () => {
    const metrics = new Metrics({ processMetrics: false });
    const telemetry = new GatewayTelemetry(metrics, null);
    const ws = exchange({ stream: 'websocket' });
    telemetry.streamOpened(ws);
    telemetry.streamOpened(exchange({ stream: 'sse' }));
    telemetry.streamClosed(ws);
    const text = await metrics.registry.metrics();
    expect(sample(text, 'tollgate_gateway_open_streams{kind="websocket"}')).toBe(0);
    expect(sample(text, 'tollgate_gateway_open_streams{kind="sse"}')).toBe(1);
  });

  it('reads app states at scrape time and drops them when the database does not answer', async () => {
    const metrics = new Metrics({ processMetrics: false });
    let up = true;
    metrics.readAppStatesWith(async () => {
      if (!up) throw new Error('down');
      return { RUNNING: 2, FAILED: 1 };
    });
    let text = await metrics.registry.metrics();
    expect(sample(text, 'tollgate_apps{state="RUNNING"}')).toBe(2);
    expect(sample(text, 'tollgate_apps{state="FAILED"}')).toBe(1);
    expect(sample(text, 'tollgate_apps{state="STOPPED"}')).toBe(0);
    up = false;
    text = await metrics.registry.metrics();
    expect(sample(text, 'tollgate_apps{state="RUNNING"}')).toBeUndefined();
  });
});
