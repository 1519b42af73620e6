// Children that die on their own: crash events, restarts on new ports, and the point where it gives up.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('a replica that stayed ready for stableMs starts its retry budget again at its next crash', async () => {
    const driver = newDriver({ restartMaxRetries: 1, restartBackoff: { initialMs: 50, stableMs: 400 } });
    // Each life is ready for about a second, longer than stableMs: every crash is a first crash.
    const app = spec({
      image: ECHO,
      command: nodeApp(`require('http').createServer((q, s) => s.end('up')).listen(Number(process.env.PORT), process.env.HOST); setTimeout(() => process.exit(4), 1500);`),
    });
    const crashes: boolean[] = [];
    const off = driver.onEvent((e) => e.type === 'crash' && e.appId === app.appId && crashes.push(e.willRestart));
    await driver.apply(app, () => {});
    await until(() => crashes, (c) => c.length >= 3, 15_000);
    off();
    expect(crashes.slice(0, 3)).toEqual([true, true, true]);
    await driver.remove(app.appId);
  });

  it('a restarted child that is not ready in time counts as a crash', async () => {
    const driver = newDriver({ restartMaxRetries: 1, readyTimeoutMs: 1_000, restartBackoff: { initialMs: 50 } });
    // Listens in its first life only (a marker file says which life it is), then hangs without listening.
    const marker = `${tmpdir()}/tollgate-hang-${process.pid}-${Date.now()}`;
    const app = spec({
      image: ECHO,
      env: [{ name: 'MARKER', value: marker }],
      command: nodeApp(`const fs = require('fs');
        if (fs.existsSync(process.env.MARKER)) setInterval(() => {}, 1000);
        else { fs.writeFileSync(process.env.MARKER, ''); require('http').createServer((q, s) => s.end('up')).listen(Number(process.env.PORT), process.env.HOST); }`),
    });
    const [replica] = (await driver.apply(app, () => {})).replicas;
    const gaveUp = nextEvent(driver, (e) => e.type === 'crash' && e.appId === app.appId && !e.willRestart);
    process.kill(driver.pid(replica!.id)!, 'SIGKILL');
    const last = await gaveUp;
    expect(last).toMatchObject({ exitCode: null, willRestart: false });
    expect(last.type === 'crash' && last.reason).toMatch(/^not ready after 1 s: its probe GET \/ failed: .*; not restarted again after 1 restart$/);
    expect((await driver.observe(app.appId))?.replicas[0]).toMatchObject({ state: 'exited', restartCount: 1, address: null });
    expect(driver.pid(replica!.id)).toBeNull(); // the hung child was stopped
    rmSync(marker, { force: true });
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
