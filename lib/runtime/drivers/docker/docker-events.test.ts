import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../runtime-driver.ts';
import { containerLabels } from './container-labels.ts';
import { DockerEvents } from './docker-events.ts';
import { FakeDockerEngine, json } from './test-fixtures/fake-docker-engine.ts';

// A real dockerd cannot be restarted under a test's feet on a shared machine: the fake engine
// plays the daemon that drops the event stream and comes back.
const ns = 'unit';
const labels = (appId: string) => containerLabels(ns, { appId, generation: 1, slot: 1, port: 8080, probe: { path: '/', port: 8080 } });

function inspect(id: string, appId: string, status: string, restartCount: number) {
  return {
    Id: id,
    Name: `/tollgate-${id}`,
    Created: '2026-01-01T00:00:00Z',
    Image: 'sha256:abc',
    RestartCount: restartCount,
    Config: { Labels: labels(appId) },
    NetworkSettings: { Ports: {} },
    State: { Status: status, Running: status === 'running', Restarting: status === 'restarting', OOMKilled: false, ExitCode: 1, Error: '', StartedAt: '2026-01-01T00:00:01Z' },
  };
}

const dieEvent = (id: string, appId: string, exitCode: number, time: number) =>
  JSON.stringify({ Type: 'container', Action: 'die', Actor: { ID: id, Attributes: { ...labels(appId), exitCode: String(exitCode) } }, time, timeNano: time * 1e9 }) + '\n';

let engine: FakeDockerEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(ok()).toBe(true);
};

describe('DockerEvents', () => {
  it('reports crashes, reconnects with `since` when the daemon drops the stream, and stops on close()', async () => {
    const streams: http.ServerResponse[] = [];
    engine = new FakeDockerEngine({
      'GET /events': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        streams.push(res);
      },
      'GET /containers/c1/json': (_req, res) => json(res, 200, inspect('c1', 'app-a', 'restarting', 1)),
      'GET /containers/c2/json': (_req, res) => json(res, 200, inspect('c2', 'app-b', 'running', 0)),
      'GET /containers/c3/json': (_req, res) => json(res, 200, inspect('c3', 'app-b', 'exited', 3)),
      'GET /containers/json': (_req, res) => json(res, 200, [{ Id: 'c2', Labels: labels('app-b') }]),
    });
    await engine.listen();
    const events: RuntimeEvent[] = [];
    const warnings: string[] = [];
    const stream = new DockerEvents({
      docker: engine.docker,
      namespace: ns,
      restartMaxRetries: 3,
      isRetiring: (id) => id === 'retired',
      emit: (e) => events.push(e),
      warn: (w) => warnings.push(w),
    });
    stream.start();
    await until(() => streams.length === 1);
    const filters = JSON.parse(engine.requests[0]!.searchParams.get('filters')!) as { label: string[] };
    expect(filters.label).toEqual(['tollgate.managed=true', `tollgate.namespace=${ns}`]);

    streams[0]!.write(dieEvent('c1', 'app-a', 1, 1_800_000_000));
    streams[0]!.write(dieEvent('retired', 'app-a', 143, 1_800_000_001));
    await until(() => events.length === 3);
    expect(events).toEqual([
      { type: 'crash', appId: 'app-a', replicaId: 'c1', exitCode: 1, reason: 'exited with code 1', willRestart: true },
      { type: 'changed', appId: 'app-a' },
      { type: 'changed', appId: 'app-a' }, // the retired container's die: no crash
    ]);

    // dockerd goes away: the stream ends; the driver comes back, replaying from the last event seen.
    streams[0]!.destroy();
    await until(() => streams.length === 2);
    expect(Number(engine.requests.filter((u) => u.pathname === '/events')[1]!.searchParams.get('since'))).toBe(1_800_000_001);
    await until(() => events.some((e) => e.type === 'changed' && e.appId === 'app-b')); // everything may have changed

    streams[1]!.write(dieEvent('c3', 'app-b', 3, 1_800_000_002));
    await until(() => events.some((e) => e.type === 'crash' && e.replicaId === 'c3'));
    expect(events.find((e) => e.type === 'crash' && e.replicaId === 'c3')).toEqual({
      type: 'crash',
      appId: 'app-b',
      replicaId: 'c3',
      exitCode: 3,
      reason: 'exited with code 3; not restarted again after 3 restarts',
      willRestart: false,
    });

    await stream.close();
    const connections = engine.requests.filter((u) => u.pathname === '/events').length;
    await new Promise((r) => setTimeout(r, 600));
    expect(engine.requests.filter((u) => u.pathname === '/events').length).toBe(connections);
    expect(warnings).toEqual([]);
  });
});
