// The process driver with real children: what the gateway and the operator see.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { RuntimeError } from '../runtime-driver.ts';
import { ECHO, HELLO, closeDrivers, connectError, get, isAlive, newDriver, nodeApp, output, spec, until } from './test-fixtures/driver-test-kit.ts';

afterAll(closeDrivers);

describe('ProcessDriver', { timeout: 30_000 }, () => {
  it('runs two hello-world replicas on their own ports; a second apply keeps them; remove leaves no process', async () => {
    const driver = newDriver();
    expect(driver.name).toBe('process');
    await driver.ping();
    const app = spec({ replicas: 2 });
    const progress: string[] = [];
    const applied = await driver.apply(app, (line) => progress.push(line));
    expect(applied.replicas.map((r) => [r.slot, r.generation, r.state, r.restartCount])).toEqual([
      [1, 1, 'running', 0],
      [2, 1, 'running', 0],
    ]);
    expect(progress).toEqual(['starting replica 1/2 (generation 1)', 'replica 1/2 ready', 'starting replica 2/2 (generation 1)', 'replica 2/2 ready']);
    const [one, two] = applied.replicas;
    expect(one!.address!.host).toBe('127.0.0.1');
    expect(one!.address!.port).not.toBe(two!.address!.port);
    expect(one!.address!.port).not.toBe(8080);
    for (const r of applied.replicas) expect(await get(r.address!, '/any?x=1')).toEqual({ status: 200, body: 'Hello, World!' });
    expect(await driver.list()).toContainEqual(applied);
    expect(output).toContain(`[app ${app.appId.slice(0, 8)}/2] hello-world listening on http://127.0.0.1:${two!.address!.port}`);

    const again = await driver.apply(app, () => {});
    expect(again.replicas.map((r) => r.id)).toEqual([one!.id, two!.id]);
    const pids = again.replicas.map((r) => driver.pid(r.id)!);
    expect(pids.every(isAlive)).toBe(true);

    await driver.remove(app.appId);
    expect(pids.some(isAlive)).toBe(false);
    expect(await connectError(one!.address!.port)).toBe('ECONNREFUSED');
    expect(await driver.observe(app.appId)).toBeNull();
    expect((await driver.list()).map((a) => a.appId)).not.toContain(app.appId);
    await driver.remove(app.appId); // nothing left: a no-op
  });

  it('passes the spec’s env, PORT and HOST, and nothing of the server’s environment', async () => {
    const driver = newDriver();
    process.env.TOLLGATE_TEST_SERVER_SECRET = 'do-not-leak';
    try {
      const app = spec({ image: 'test/env-dump', env: [{ name: 'GREETING', value: 'hi there' }] });
      const [replica] = (await driver.apply(app, () => {})).replicas;
      const env = JSON.parse((await get(replica!.address!)).body) as Record<string, string>;
      expect(env).toMatchObject({ GREETING: 'hi there', PORT: String(replica!.address!.port), HOST: '127.0.0.1', NODE_ENV: 'production' });
      expect(env.TOLLGATE_TEST_SERVER_SECRET).toBeUndefined();
      await driver.remove(app.appId);
    } finally {
      delete process.env.TOLLGATE_TEST_SERVER_SECRET;
    }
  });

  it('runs a `node -e` command from the images folder, probed on its own path', async () => {
    const driver = newDriver();
    const source = `require('http').createServer((q, s) => {
      if (q.url === '/healthz') return s.end('ok');
      s.end(process.env.WHO + ' from ' + require('path').basename(process.cwd()));
    }).listen(Number(process.env.PORT), process.env.HOST);`;
    const app = spec({ image: ECHO, command: nodeApp(source), env: [{ name: 'WHO', value: 'node -e' }], probe: { path: '/healthz', port: 3000 } });
    const [replica] = (await driver.apply(app, () => {})).replicas;
    expect(await get(replica!.address!)).toEqual({ status: 200, body: 'node -e from images' });
    await driver.remove(app.appId);
  });

  it('rejects an unknown image and a command that is not node, saying why, and starts nothing', async () => {
    const driver = newDriver();
    const app = spec({ image: 'nginx:1.27' });
    const unknown = await driver.apply(app, () => {}).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(RuntimeError);
    expect((unknown as RuntimeError).message).toMatch(/^unknown image "nginx:1.27": the process runtime runs only its built-in images: .*infrastructureascode\/hello-world/);
    const python = await driver.apply({ ...app, image: HELLO, command: ['python3', '-m', 'http.server'] }, () => {}).catch((e: unknown) => e);
    expect(python).toBeInstanceOf(RuntimeError);
    expect((python as RuntimeError).message).toContain('the process runtime runs node commands only');
    expect(await driver.observe(app.appId)).toBeNull();
  });

  it('rejects a replica that exits at startup with its last output, and one that is never ready in time', async () => {
    const driver = newDriver({ readyTimeoutMs: 1_500 });
    const crashing = spec({ image: 'test/exit-immediately' });
    const crashed = await driver.apply(crashing, () => {}).catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(RuntimeError);
    expect((crashed as RuntimeError).message).toBe('replica 1 of test/exit-immediately (generation 1) exited with code 3 before becoming ready');
    expect((crashed as RuntimeError).lastOutput).toEqual(['exit-immediately: giving up']);
    expect(await driver.observe(crashing.appId)).toBeNull();

    const silent = await driver.apply(spec({ image: 'test/never-healthy' }), () => {}).catch((e: unknown) => e);
    expect((silent as RuntimeError).message).toMatch(/^replica 1 of test\/never-healthy \(generation 1\) not ready after 1.5 s: its probe GET \/ failed: .*ECONNREFUSED/);
  });

  it('serialises concurrent applies and scales down from the highest slot', async () => {
    const driver = newDriver();
    const app = spec({ replicas: 3 });
    const [three, one] = await Promise.all([driver.apply(app, () => {}), driver.apply({ ...app, replicas: 1 }, () => {})]);
    expect(three.replicas.map((r) => r.slot)).toEqual([1, 2, 3]);
    expect(one.replicas.map((r) => [r.slot, r.id])).toEqual([[1, three.replicas[0]!.id]]);
    for (const gone of three.replicas.slice(1)) expect(await connectError(gone.address!.port)).toBe('ECONNREFUSED');
    await driver.apply({ ...app, replicas: 0 }, () => {});
    expect(await driver.observe(app.appId)).toBeNull();
  });

  it('SIGKILLs a replica that ignores SIGTERM once the grace is over', async () => {
    const driver = newDriver({ stopGraceMs: 300 });
    const app = spec({ image: 'test/ignores-sigterm' });
    const [replica] = (await driver.apply(app, () => {})).replicas;
    const pid = driver.pid(replica!.id)!;
    await driver.remove(app.appId);
    expect(isAlive(pid)).toBe(false);
    expect(output).toContain(`[app ${app.appId.slice(0, 8)}/1] ignoring SIGTERM`);
  });

  it('stops waiting when an apply is aborted, and leaves no process behind', async () => {
    const driver = newDriver();
    const app = spec({ image: 'test/never-healthy' });
    const abort = new AbortController();
    const applying = driver.apply(app, () => {}, abort.signal).catch((e: unknown) => e);
    const starting = await until(() => driver.observe(app.appId), (a) => a !== null);
    const pid = driver.pid(starting!.replicas[0]!.id)!;
    abort.abort();
    const error = await applying;
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).message).toBe('rollout of generation 1 aborted');
    expect(isAlive(pid)).toBe(false);
    expect(await driver.observe(app.appId)).toBeNull();
  });

  it('retries on another port when the child finds its port taken', async () => {
    const driver = newDriver();
    // Fails like a port lost to another program on the first try only (a marker in the env's file).
    const marker = `${tmpdir()}/tollgate-port-retry-${process.pid}-${Date.now()}`;
    const source = `const fs = require('fs');
      if (!fs.existsSync(process.env.MARKER)) { fs.writeFileSync(process.env.MARKER, ''); console.error('Error: listen EADDRINUSE: address already in use'); process.exit(1); }
      require('http').createServer((q, s) => s.end('second try')).listen(Number(process.env.PORT), process.env.HOST);`;
    const app = spec({ image: ECHO, command: nodeApp(source), env: [{ name: 'MARKER', value: marker }] });
    const [replica] = (await driver.apply(app, () => {})).replicas;
    expect(await get(replica!.address!)).toEqual({ status: 200, body: 'second try' });
    expect(replica!.restartCount).toBe(0);
    await driver.remove(app.appId);
    rmSync(marker, { force: true });
  });

  it('close stops every app’s children and refuses to start more', async () => {
    const driver = newDriver();
    const a = await driver.apply(spec(), () => {});
    const b = await driver.apply(spec({ image: ECHO, replicas: 2 }), () => {});
    const pids = [...a.replicas, ...b.replicas].map((r) => driver.pid(r.id)!);
    expect(pids.every(isAlive)).toBe(true);
    await driver.close();
    expect(pids.some(isAlive)).toBe(false);
    expect(await driver.list()).toEqual([]);
    await expect(driver.apply(spec(), () => {})).rejects.toThrow('the process runtime is shut down');
  });
});
