// The docker driver against the real engine: every test starts real containers from the images
// `npm run images:build` makes, and talks to them the way the gateway does, through 127.0.0.1 and
// the published port. One namespace per run; everything in it is removed at the end.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerDriver } from '@/lib/runtime/drivers/docker/docker-driver.ts';
import { RuntimeError, type LogOptions, type RunSpec, type RuntimeEvent } from '@/lib/runtime/drivers/runtime-driver.ts';
import { HELLO, collect, driverTestKit, followLogs, runSpec, sleep } from '@/lib/runtime/drivers/shared/test-fixtures/runtime-test-kit.ts';

const docker = new Dockerode();
const namespace = `it-${randomBytes(4).toString('hex')}`;
const drivers: DockerDriver[] = [];

function newDriver(options: { readyTimeoutMs?: number } = {}): DockerDriver {
  const driver = new DockerDriver({ docker, namespace, restartMaxRetries: 2, readyTimeoutMs: options.readyTimeoutMs ?? 20_000 });
  drivers.push(driver);
  return driver;
}
const driver = newDriver();

const NODE = '/usr/bin/node';
const spec = (overrides: Partial<RunSpec> = {}) => runSpec({ image: `${HELLO}:latest`, ...overrides });
const { get, nextEvent, until, gatewayLoad } = driverTestKit({ requestTimeoutMs: 3_000, pollMs: 100, eventTimeoutMs: 15_000 });

/** What `docker ps -a --filter label=tollgate.app-id=<id>` shows: container ids. */
const dockerPsA = (appId: string) =>
  execFileSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `label=tollgate.app-id=${appId}`], { encoding: 'utf8' }).split('\n').filter(Boolean);

/** A `node -e` app for the tollgate/echo image (the script replaces its CMD). */
const nodeApp = (source: string) => [NODE, '-e', source];

afterAll(async () => {
  await Promise.all(drivers.map((d) => d.close()));
  const left = await docker.listContainers({ all: true, filters: { label: [`tollgate.namespace=${namespace}`] } });
  await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
});

describe('DockerDriver', () => {
  it('runs two hello-world replicas behind 127.0.0.1, labelled, adopted by a second driver, and removes them', async () => {
    const app = spec({ replicas: 2 });
    const progress: string[] = [];
    const observed = await driver.apply(app, (line) => progress.push(line));

    expect(observed.replicas.map((r) => [r.slot, r.generation, r.state])).toEqual([[1, 1, 'running'], [2, 1, 'running']]);
    expect(progress).toContain('replica 2/2 ready');
    expect(observed.imageDigest).toMatch(/^sha256:/);
    for (const replica of observed.replicas) {
      expect(replica.address?.host).toBe('127.0.0.1');
      expect(await get(replica.address!)).toEqual({ status: 200, body: 'Hello, World!' });
      const info = await docker.getContainer(replica.id).inspect();
      expect(info.Config.Labels).toMatchObject({
        'tollgate.managed': 'true',
        'tollgate.namespace': namespace,
        'tollgate.app-id': app.appId,
        'tollgate.generation': '1',
        'tollgate.slot': String(replica.slot),
      });
      expect(info.Name).toMatch(new RegExp(`^/tollgate-${namespace}-${app.appId.slice(0, 8)}-g1-${replica.slot}-[0-9a-f]{4}$`));
      expect(info.HostConfig.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
      expect(info.NetworkSettings.Ports['8080/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(replica.address!.port) }]);
    }
    expect((await driver.list()).map((a) => a.appId)).toContain(app.appId);

    // A restarted server: a new driver instance adopts what runs, restarting and duplicating nothing.
    const before = await Promise.all(observed.replicas.map((r) => docker.getContainer(r.id).inspect()));
    const second = newDriver();
    const adopted = await second.apply(app, () => {});
    expect(adopted.replicas.map((r) => r.id).sort()).toEqual(observed.replicas.map((r) => r.id).sort());
    const after = await Promise.all(observed.replicas.map((r) => docker.getContainer(r.id).inspect()));
    expect(after.map((i) => [i.State.StartedAt, i.RestartCount])).toEqual(before.map((i) => [i.State.StartedAt, i.RestartCount]));
    expect(dockerPsA(app.appId)).toHaveLength(2);
    await second.close();
    expect((await docker.getContainer(observed.replicas[0]!.id).inspect()).State.Running).toBe(true); // close() stops nothing

    await driver.remove(app.appId);
    expect(dockerPsA(app.appId)).toEqual([]);
    expect(await driver.observe(app.appId)).toBeNull();
  });

  it('passes env, applies limits, and runs unprivileged', async () => {
    // Reports what the process sees from inside its container.
    const source = `
      const fs = require('fs');
      const status = fs.readFileSync('/proc/self/status', 'utf8');
      const field = (k) => (status.match(new RegExp('^' + k + ':\\\\s*(\\\\S+)', 'm')) || [])[1];
      const limit = ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']
        .map((p) => { try { return fs.readFileSync(p, 'utf8').trim(); } catch { return null; } }).find(Boolean);
      require('http').createServer((req, res) => res.end(JSON.stringify({
        greeting: process.env.GREETING, uid: process.getuid(), capEff: field('CapEff'), noNewPrivs: field('NoNewPrivs'), limit,
      }))).listen(8080, '0.0.0.0');`;
    const app = spec({
      image: 'tollgate/echo:latest',
      command: nodeApp(source),
      env: [{ name: 'GREETING', value: 'hello from env, with = and spaces' }],
      resources: { cpu: 0.5, memoryMiB: 96 },
    });
    const observed = await driver.apply(app, () => {});
    const replica = observed.replicas[0]!;
    const inside = JSON.parse((await get(replica.address!)).body) as Record<string, unknown>;
    expect(inside).toEqual({
      greeting: 'hello from env, with = and spaces',
      uid: 65534,
      capEff: '0000000000000000',
      noNewPrivs: '1',
      limit: String(96 * 1024 * 1024),
    });
    const info = await docker.getContainer(replica.id).inspect();
    expect(info.HostConfig.NanoCpus).toBe(500_000_000);
    expect(info.HostConfig.Memory).toBe(96 * 1024 * 1024);
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    expect(info.HostConfig.Binds ?? []).toEqual([]);
    expect(info.Mounts).toEqual([]);
    await driver.remove(app.appId);
  });

  it('runs an image that is not node-based (busybox httpd)', async () => {
    const app = spec({ image: 'tollgate-test/busybox-httpd:latest' });
    const observed = await driver.apply(app, () => {});
    const page = await get(observed.replicas[0]!.address!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Served by busybox httpd');
    await driver.remove(app.appId);
  });

  it('answers ping; a driver pointed at no engine rejects with the reason', async () => {
    await expect(driver.ping()).resolves.toBeUndefined();
    const nowhere = new DockerDriver({ docker: new Dockerode({ socketPath: '/nonexistent/docker.sock' }), namespace });
    await expect(nowhere.ping()).rejects.toThrow(/the Docker engine does not answer: .*ENOENT/);
  });

  it('stops waiting when an apply is aborted, and leaves no container behind', async () => {
    const app = spec({ probe: { path: '/', port: 9999 } }); // never ready
    const abort = new AbortController();
    const started = Date.now();
    setTimeout(() => abort.abort(), 800);
    const failure = await driver.apply(app, () => {}, abort.signal).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RuntimeError);
    expect((failure as Error).message).toMatch(/aborted/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(dockerPsA(app.appId)).toEqual([]);
  });

  it('rejects a missing image with a RuntimeError naming it', async () => {
    const app = spec({ image: 'tollgate-test/does-not-exist:1' });
    const failure = await driver.apply(app, () => {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RuntimeError);
    expect((failure as RuntimeError).message).toContain('tollgate-test/does-not-exist:1');
    expect(dockerPsA(app.appId)).toEqual([]);
  });

  it('restarts a crashed replica and reports the crash; gives up after restartMaxRetries', async () => {
    const app = spec();
    const [replica] = (await driver.apply(app, () => {})).replicas;
    const crash = nextEvent(driver, (e) => e.type === 'crash' && e.appId === app.appId);
    // A crash from outside, as the OOM killer or a segfault would do it. (`docker kill` would not
    // do: Docker counts it as stopped by hand and does not restart the container.)
    process.kill((await docker.getContainer(replica!.id).inspect()).State.Pid, 'SIGKILL');
    expect(await crash).toMatchObject({ type: 'crash', replicaId: replica!.id, exitCode: 137, willRestart: true });
    const back = await until(() => driver.observe(app.appId), (a) => a?.replicas[0]?.state === 'running');
    expect(back?.replicas[0]).toMatchObject({ id: replica!.id, state: 'running', restartCount: 1 });
    // Docker may publish a new host port after a restart: the address comes from a fresh inspect.
    expect(await get(back!.replicas[0]!.address!)).toEqual({ status: 200, body: 'Hello, World!' });
    await driver.remove(app.appId);

    // Ready, then exits with code 3 a moment later, every time: two restarts, then it stays down.
    const flaky = spec({
      image: 'tollgate/echo:latest',
      command: nodeApp(`require('http').createServer((q, s) => s.end('up')).listen(8080, '0.0.0.0'); setTimeout(() => process.exit(3), 1500);`),
    });
    const crashes: RuntimeEvent[] = [];
    const off = driver.onEvent((e) => e.type === 'crash' && e.appId === flaky.appId && crashes.push(e));
    const gaveUp = nextEvent(driver, (e) => e.type === 'crash' && e.appId === flaky.appId && !e.willRestart);
    await driver.apply(flaky, () => {});
    expect(await gaveUp).toMatchObject({ exitCode: 3, willRestart: false });
    off();
    expect(crashes.map((e) => e.type === 'crash' && [e.exitCode, e.willRestart])).toEqual([[3, true], [3, true], [3, false]]);
    const down = await driver.observe(flaky.appId);
    expect(down?.replicas[0]).toMatchObject({ state: 'exited', exitCode: 3, restartCount: 2, address: null });
    await driver.remove(flaky.appId);
    expect(dockerPsA(flaky.appId)).toEqual([]);
  });

  it('rolls to a new generation under load without a failed request; a broken generation leaves the old one serving', async () => {
    const app = spec({ replicas: 2 });
    await driver.apply(app, () => {});

    // The gateway's view: the running replicas' addresses, re-read on every event.
    const load = gatewayLoad(driver, app.appId);
    await load.started;

    const echo = { ...app, generation: 2, image: 'tollgate/echo:latest' };
    const progress: string[] = [];
    const rolled = await driver.apply(echo, (line) => progress.push(line));
    expect(rolled.replicas.map((r) => [r.generation, r.state])).toEqual([[2, 'running'], [2, 'running']]);
    expect(progress.filter((l) => l.startsWith('retiring'))).toHaveLength(2);
    await sleep(500);
    const servedBefore = load.bodies.length;

    // Generation 3 never passes its probe (nothing listens on 9999); generation 4 crashes at once.
    const impatient = newDriver({ readyTimeoutMs: 3_000 });
    const neverReady = await impatient.apply({ ...echo, generation: 3, probe: { path: '/', port: 9999 } }, () => {}).catch((e: unknown) => e);
    expect(neverReady).toBeInstanceOf(RuntimeError);
    expect((neverReady as RuntimeError).message).toMatch(/generation 3\) not ready after 3 s/);
    expect((neverReady as RuntimeError).lastOutput).toContain('echo listening on http://0.0.0.0:8080');
    const crashing = await driver
      .apply({ ...echo, generation: 4, command: nodeApp(`console.error('boom: DATABASE_URL is not set'); process.exit(3);`) }, () => {})
      .catch((e: unknown) => e);
    expect(crashing).toBeInstanceOf(RuntimeError);
    expect((crashing as RuntimeError).message).toMatch(/exited with code 3 before becoming ready/);
    expect((crashing as RuntimeError).lastOutput).toContain('boom: DATABASE_URL is not set');
    await sleep(300);
    await load.stop();

    expect(load.failures).toEqual([]);
    expect(load.bodies.length - servedBefore).toBeGreaterThan(20); // served all along the failed rollouts
    expect(load.bodies).toContain('Hello, World!');
    expect(load.bodies.at(-1)).toContain('"method":"GET"');
    const still = await driver.observe(app.appId);
    expect(still?.replicas.map((r) => [r.generation, r.state])).toEqual([[2, 'running'], [2, 'running']]);
    expect(dockerPsA(app.appId).sort()).toEqual(rolled.replicas.map((r) => r.id).sort());
    await driver.remove(app.appId);
  });

  it('serialises concurrent applies and scales down from the highest slot', async () => {
    const app = spec({ replicas: 3 });
    const [three, one] = await Promise.all([driver.apply(app, () => {}), driver.apply({ ...app, replicas: 1 }, () => {})]);
    expect(three.replicas.map((r) => r.slot)).toEqual([1, 2, 3]);
    expect(one.replicas.map((r) => r.slot)).toEqual([1]);
    expect(one.replicas[0]!.id).toBe(three.replicas[0]!.id);
    expect(dockerPsA(app.appId)).toEqual([three.replicas[0]!.id]);
    await driver.remove(app.appId);
  });

  it('reads logs: tail, since, follow, every replica tagged', async () => {
    const source = `
      const os = require('os');
      console.log('boot ' + os.hostname());
      console.error('warn ' + os.hostname());
      require('http').createServer((req, res) => {
        if (req.url !== '/healthz') console.log('req ' + req.url);
        res.end('ok');
      }).listen(8080, '0.0.0.0');`;
    const app = spec({ image: 'tollgate/echo:latest', command: nodeApp(source), probe: { path: '/healthz', port: 8080 }, replicas: 2 });
    const [one, two] = (await driver.apply(app, () => {})).replicas;
    const logs = (options: LogOptions) => collect(driver, app.appId, options);

    await sleep(20);
    const since = new Date();
    await get(one!.address!, '/mark-1');
    await get(two!.address!, '/mark-2');

    // The engine reads a container's output asynchronously: wait until both marks reached it.
    const all = await until(() => logs({}), (lines) => ['req /mark-1', 'req /mark-2'].every((mark) => lines.some((l) => l.content === mark)), 5_000);
    const short = (id: string) => id.slice(0, 12); // the container's hostname
    expect(all.map((l) => [l.replica, l.stream, l.content]).filter(([, , c]) => !String(c).startsWith('req'))).toEqual(
      expect.arrayContaining([
        ['1', 'stdout', `boot ${short(one!.id)}`],
        ['1', 'stderr', `warn ${short(one!.id)}`],
        ['2', 'stdout', `boot ${short(two!.id)}`],
        ['2', 'stderr', `warn ${short(two!.id)}`],
      ]),
    );
    const times = all.map((l) => l.timestamp.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await logs({ tail: 2 })).map((l) => [l.replica, l.content])).toEqual([['1', 'req /mark-1'], ['2', 'req /mark-2']]);
    expect((await logs({ since })).map((l) => l.content)).toEqual(['req /mark-1', 'req /mark-2']);

    const follow = followLogs(driver, app.appId);
    const followed = follow.lines;
    await sleep(300);
    const sent = Date.now();
    await get(two!.address!, '/follow-me');
    await until(async () => followed, (f) => f.some((l) => l.content === 'req /follow-me'), 2_000);
    await follow.stop();
    const arrived = followed.find((l) => l.content === 'req /follow-me');
    expect(arrived?.replica).toBe('2');
    expect(arrived!.at - sent).toBeLessThan(1_000);
    expect(followed.map((l) => l.content)).not.toContain('req /mark-2'); // tail 0: nothing from before
    await driver.remove(app.appId);
  });
});
