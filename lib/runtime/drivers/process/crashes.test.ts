// Children that die on their own: crash events, restarts on new ports, and the point where it gives up.
import { afterAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../runtime-driver.ts';
import { ECHO, closeDrivers, get, newDriver, nextEvent, nodeApp, spec, until } from './test-fixtures/driver-test-kit.ts';

afterAll(closeDrivers);

describe('ProcessDriver crashes', { timeout: 30_000 }, () => {
  it('restarts a SIGKILLed replica on a new port and reports the crash, then the change', async () => {
    const driver = newDriver({ restartBackoff: { initialMs: 100 } });
    const app = spec();
    const [replica] = (await driver.apply(app, () => {})).replicas;
    const crash = nextEvent(driver, (e) => e.type === 'crash' && e.appId === app.appId);
    process.kill(driver.pid(replica!.id)!, 'SIGKILL'); // as the OOM killer would
    expect(await crash).toEqual({ type: 'crash', appId: app.appId, replicaId: replica!.id, exitCode: null, reason: 'killed by SIGKILL', willRestart: true });
    const backChange = nextEvent(driver, (e) => e.type === 'changed' && e.appId === app.appId);
    const back = await until(() => driver.observe(app.appId), (a) => a?.replicas[0]?.state === 'running');
    await backChange;
    expect(back?.replicas[0]).toMatchObject({ id: replica!.id, slot: 1, state: 'running', restartCount: 1, error: null });
    expect(back!.replicas[0]!.address!.port).not.toBe(replica!.address!.port);
    expect(back!.replicas[0]!.startedAt!.getTime()).toBeGreaterThan(replica!.startedAt!.getTime());
    expect(await get(back!.replicas[0]!.address!)).toEqual({ status: 200, body: 'Hello, World!' });
    await driver.remove(app.appId);
  });

  it('gives up after restartMaxRetries consecutive crashes: the last crash says willRestart false and the replica stays exited', async () => {
    const driver = newDriver({ restartMaxRetries: 2, restartBackoff: { initialMs: 50 } });
    // Ready, then exits with code 3 a second later, every time.
    const flaky = spec({
      image: ECHO,
      command: nodeApp(`require('http').createServer((q, s) => s.end('up')).listen(Number(process.env.PORT), process.env.HOST); setTimeout(() => process.exit(3), 1000);`),
    });
    const crashes: RuntimeEvent[] = [];
    const off = driver.onEvent((e) => e.type === 'crash' && e.appId === flaky.appId && crashes.push(e));
    const gaveUp = nextEvent(driver, (e) => e.type === 'crash' && e.appId === flaky.appId && !e.willRestart);
    await driver.apply(flaky, () => {});
    expect(await gaveUp).toMatchObject({ exitCode: 3, reason: 'exited with code 3; not restarted again after 2 restarts', willRestart: false });
    off();
    expect(crashes.map((e) => e.type === 'crash' && [e.exitCode, e.willRestart])).toEqual([
      [3, true],
      [3, true],
      [3, false],
    ]);
    const down = await driver.observe(flaky.appId);
    expect(down?.replicas).toEqual([expect.objectContaining({ state: 'exited', exitCode: 3, restartCount: 2, address: null })]);
    expect(down!.replicas[0]!.error).toContain('not restarted again');

    // Applying the same generation again replaces the replica that gave up.
    const revived = await driver.apply({ ...flaky, command: nodeApp(`require('http').createServer((q, s) => s.end('fixed')).listen(Number(process.env.PORT), process.env.HOST);`) }, () => {});
    expect(revived.replicas.map((r) => [r.slot, r.state, r.restartCount])).toEqual([[1, 'running', 0]]);
    await driver.remove(flaky.appId);
  });

  it('with restartMaxRetries 0 the first crash is final', async () => {
    const driver = newDriver({ restartMaxRetries: 0 });
    const app = spec();
    const [replica] = (await driver.apply(app, () => {})).replicas;
    const crash = nextEvent(driver, (e) => e.type === 'crash' && e.appId === app.appId);
    process.kill(driver.pid(replica!.id)!, 'SIGTERM');
    expect(await crash).toMatchObject({ exitCode: 0, reason: 'exited with code 0; not restarted again after 0 restarts', willRestart: false });
    expect((await driver.observe(app.appId))?.replicas[0]).toMatchObject({ state: 'exited', restartCount: 0 });
  });
});
