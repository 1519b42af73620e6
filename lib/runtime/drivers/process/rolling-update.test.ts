// A rollout as the gateway lives it: requests all along, to the `running` addresses re-read on every event.
import { afterAll, describe, expect, it } from 'vitest';
import { RuntimeError } from '../runtime-driver.ts';
import { ECHO, closeDrivers, connectError, gatewayLoad, newDriver, nodeApp, sleep, spec } from './test-fixtures/driver-test-kit.ts';

afterAll(closeDrivers);

describe('ProcessDriver rolling update', { timeout: 40_000 }, () => {
  it('rolls generation 1 to 2 without a failed request; failed generations 3 and 4 leave generation 2 serving', async () => {
    const driver = newDriver({ readyTimeoutMs: 4_000, drainMs: 500 });
    const app = spec({ replicas: 2 });
    const first = await driver.apply(app, () => {});

    const changes: number[] = [];
    const off = driver.onEvent((e) => e.appId === app.appId && e.type === 'changed' && changes.push(Date.now()));
    const load = gatewayLoad(driver, app.appId);
    await load.started;

    const progress: string[] = [];
    const rolled = await driver.apply({ ...app, generation: 2, image: ECHO }, (line) => progress.push(line));
    expect(rolled.replicas.map((r) => [r.slot, r.generation, r.state])).toEqual([
      [1, 2, 'running'],
      [2, 2, 'running'],
    ]);
    expect(progress).toEqual([
      'starting replica 1/2 (generation 2)',
      'replica 1/2 ready',
      'retiring replica 1 of generation 1',
      'starting replica 2/2 (generation 2)',
      'replica 2/2 ready',
      'retiring replica 2 of generation 1',
    ]);
    // Each step said so: a new replica ready, an old one out of rotation (twice each).
    expect(changes.length).toBeGreaterThanOrEqual(4);
    for (const old of first.replicas) expect(await connectError(old.address!.port)).toBe('ECONNREFUSED');
    const servedBefore = load.bodies.length;

    const neverReady = await driver.apply({ ...app, generation: 3, image: 'test/never-healthy' }, () => {}).catch((e: unknown) => e);
    expect(neverReady).toBeInstanceOf(RuntimeError);
    expect((neverReady as RuntimeError).message).toMatch(/^replica 1 of test\/never-healthy \(generation 3\) not ready after 4 s/);
    const crashing = await driver
      .apply({ ...app, generation: 4, image: ECHO, command: nodeApp(`console.log('connecting'); console.error('boom: DATABASE_URL is not set'); process.exit(3);`) }, () => {})
      .catch((e: unknown) => e);
    expect(crashing).toBeInstanceOf(RuntimeError);
    expect((crashing as RuntimeError).message).toBe('replica 1 of tollgate/echo (generation 4) exited with code 3 before becoming ready');
    expect((crashing as RuntimeError).lastOutput).toEqual(['connecting', 'boom: DATABASE_URL is not set']);
    await sleep(200);
    await load.stop();
    off();

    expect(load.failures).toEqual([]);
    expect(load.bodies.length - servedBefore).toBeGreaterThan(20); // served all along the failed rollouts
    expect(load.bodies[0]).toBe('Hello, World!');
    expect(load.bodies.at(-1)).toContain('"method":"GET"');
    const still = await driver.observe(app.appId);
    expect(still?.replicas.map((r) => [r.id, r.generation, r.state])).toEqual(rolled.replicas.map((r) => [r.id, 2, 'running']));
    await driver.remove(app.appId);
  });
});
