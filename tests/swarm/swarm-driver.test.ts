// The swarm driver against a real one-node swarm (the global setup makes the engine one): every
// test runs real services from the images `npm run images:build` makes, and talks to their tasks the
// way the gateway does, through 127.0.0.1 and each task's published port. One namespace per run;
// every service, task and network in it is removed at the end.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RuntimeError, type LogOptions, type ReplicaAddress, type RunSpec, type RuntimeEvent } from '@/lib/runtime/drivers/runtime-driver.ts';
import { HELLO, collect, driverTestKit, followLogs, newAppId, runSpec, sleep } from '@/lib/runtime/drivers/shared/test-fixtures/runtime-test-kit.ts';
import { SwarmDriver, type SwarmDriverOptions } from '@/lib/runtime/drivers/swarm/swarm-driver.ts';
import { removeService } from '@/lib/runtime/drivers/swarm/roll-out.ts';
import { removeLoopbackNetwork } from '@/lib/runtime/drivers/swarm/swarm-network.ts';
import type { SwarmService, SwarmTask } from '@/lib/runtime/drivers/swarm/swarm-types.ts';
import { LogFrameDecoder } from '@/lib/runtime/drivers/docker/log-frames.ts';

const docker = new Dockerode();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const namespace = `sw-${randomBytes(4).toString('hex')}`;
/** The overlay network of the SWARM_NETWORK test, made by the test (as an operator would). */
const overlay = `tollgate-${namespace}-apps`;
const drivers: SwarmDriver[] = [];

function newDriver(options: Partial<SwarmDriverOptions> = {}): SwarmDriver {
  const driver = new SwarmDriver({ docker, namespace, restartMaxAttempts: 2, restartDelayMs: 200, readyTimeoutMs: 20_000, ...options });
  drivers.push(driver);
  return driver;
}
const driver = newDriver();

const NODE = '/usr/bin/node';
/** A `node -e` app for the tollgate/echo image (the script replaces its CMD). */
const nodeApp = (source: string) => [NODE, '-e', source];
const spec = (overrides: Partial<RunSpec> = {}) => runSpec({ image: `${HELLO}:latest`, ...overrides });
const { get, nextEvent, until, gatewayLoad } = driverTestKit({ requestTimeoutMs: 3_000, pollMs: 100, eventTimeoutMs: 20_000 });

const services = async (appId: string) => (await docker.listServices({ filters: { label: [`tollgate.app-id=${appId}`] } })) as SwarmService[];
const tasksOf = async (serviceId: string) => (await docker.listTasks({ filters: { service: [serviceId] } }).catch(() => [])) as SwarmTask[];
const containersOf = (appId: string) => docker.listContainers({ all: true, filters: { label: [`tollgate.app-id=${appId}`] } });

/** What `docker service ls` / `docker service ps` / `docker ps -a` show for the app. */
async function leftovers(appId: string): Promise<{ services: number; tasks: number; containers: number }> {
  const found = await services(appId);
  const tasks = (await Promise.all(found.map((s) => tasksOf(s.ID)))).flat();
  return { services: found.length, tasks: tasks.length, containers: (await containersOf(appId)).length };
}

afterAll(async () => {
  await Promise.all(drivers.map((d) => d.close()));
  const left = (await docker.listServices({ filters: { label: [`tollgate.namespace=${namespace}`] } })) as SwarmService[];
  await Promise.all(left.map((s) => removeService(docker, s)));
  await removeLoopbackNetwork(docker, namespace);
  // A network whose last task just left may still hold endpoints for a moment.
  for (let attempt = 0; attempt < 20; attempt++) {
    const removed = await docker
      .getNetwork(overlay)
      .remove()
      .then(
        () => true,
        (e: { statusCode?: number }) => e.statusCode === 404,
      );
    if (removed) break;
    await sleep(500);
  }
});

describe('SwarmDriver', () => {
  it('answers ping on a swarm manager; a non-swarm engine, or none, rejects with the reason', async () => {
    await expect(driver.ping()).resolves.toBeUndefined();
    const nowhere = new SwarmDriver({ docker: new Dockerode({ socketPath: '/nonexistent/docker.sock' }), namespace });
    await expect(nowhere.ping()).rejects.toThrow(/the Docker engine does not answer: .*ENOENT/);

    // An engine that answers but runs no swarm: a fake one on a socket of our own.
    const socketPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-swarm-')), 'docker.sock');
    const fake = http.createServer((req, res) => {
      if (req.url?.endsWith('/_ping')) return void res.end('OK');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Swarm: { LocalNodeState: 'inactive', ControlAvailable: false } }));
    });
    await new Promise<void>((resolve) => fake.listen(socketPath, resolve));
    try {
      const standalone = new SwarmDriver({ docker: new Dockerode({ socketPath }), namespace });
      const failure = await standalone.ping().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(RuntimeError);
      expect((failure as Error).message).toMatch(/not part of an active swarm \(its swarm state is "inactive"\).*docker swarm init/);
    } finally {
      fake.close();
    }
  });

  it('runs two replicas answering on 127.0.0.1 only, labelled; a second driver adopts them unchanged; remove leaves nothing', async () => {
    const app = spec({ replicas: 2 });
    const progress: string[] = [];
    const observed = await driver.apply(app, (line) => progress.push(line));

    expect(observed.replicas.map((r) => [r.slot, r.generation, r.state])).toEqual([
      [1, 1, 'running'],
      [2, 1, 'running'],
    ]);
    expect(progress).toContain('replica 2/2 ready');
    expect(observed.imageDigest).toMatch(/^sha256:/);
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    for (const replica of observed.replicas) {
      expect(replica.address?.host).toBe('127.0.0.1');
      expect(await get(replica.address!)).toEqual({ status: 200, body: 'Hello, World!' });
      const task = (await docker.getTask(replica.id).inspect()) as SwarmTask;
      expect(task.Spec?.ContainerSpec?.Labels).toMatchObject({ 'tollgate.namespace': namespace, 'tollgate.app-id': app.appId, 'tollgate.generation': '1' });
      const container = await docker.getContainer(task.Status!.ContainerStatus!.ContainerID!).inspect();
      expect(container.NetworkSettings.Ports['8080/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(replica.address!.port) }]);
      // Nothing answers on the machine's other addresses.
      if (outside) {
        const refused = await new Promise<string>((resolve) => {
          const socket = net.connect({ host: outside, port: replica.address!.port, timeout: 2_000 });
          socket.on('connect', () => (socket.destroy(), resolve('connected')));
          socket.on('timeout', () => (socket.destroy(), resolve('timeout')));
          socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
        });
        expect(refused).toBe('ECONNREFUSED');
      }
    }
    const [service] = await services(app.appId);
    expect(service?.Spec).toMatchObject({
      Name: `tollgate-${namespace}-${app.appId.slice(0, 8)}`,
      Labels: { 'tollgate.managed': 'true', 'tollgate.namespace': namespace, 'tollgate.app-id': app.appId, 'tollgate.generation': '1' },
      Mode: { Replicated: { Replicas: 2 } },
      TaskTemplate: {
        ContainerSpec: { Image: app.image, Init: true, CapabilityDrop: ['ALL'] },
        RestartPolicy: { Condition: 'on-failure', MaxAttempts: 2 },
      },
      UpdateConfig: { Parallelism: 1, Order: 'start-first', FailureAction: 'rollback' },
      RollbackConfig: { Parallelism: 1, Order: 'start-first' },
      EndpointSpec: { Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: 8080, PublishMode: 'host' }] },
    });
    expect((await driver.list()).map((a) => a.appId)).toContain(app.appId);

    // A restarted server: a new driver instance adopts what runs, updating and restarting nothing.
    const second = newDriver();
    const adopted = await second.apply(app, () => {});
    expect(adopted.replicas.map((r) => r.id).sort()).toEqual(observed.replicas.map((r) => r.id).sort());
    const [after] = await services(app.appId);
    expect(after?.Version?.Index).toBe(service?.Version?.Index);
    expect((await tasksOf(service!.ID)).length).toBe(2);
    await second.close();
    expect((await driver.observe(app.appId))?.replicas.map((r) => r.state)).toEqual(['running', 'running']); // close() stops nothing

    await driver.remove(app.appId);
    expect(await leftovers(app.appId)).toEqual({ services: 0, tasks: 0, containers: 0 });
    expect(await driver.observe(app.appId)).toBeNull();
  });

  it('passes env verbatim (Swarm templates too), applies limits, and runs without capabilities', async () => {
    const source = `
      const fs = require('fs');
      const status = fs.readFileSync('/proc/self/status', 'utf8');
      const field = (k) => (status.match(new RegExp('^' + k + ':\\\\s*(\\\\S+)', 'm')) || [])[1];
      const limit = ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']
        .map((p) => { try { return fs.readFileSync(p, 'utf8').trim(); } catch { return null; } }).find(Boolean);
      require('http').createServer((req, res) => res.end(JSON.stringify({
        greeting: process.env.GREETING, template: process.env.TEMPLATE, uid: process.getuid(), capEff: field('CapEff'), noNewPrivs: field('NoNewPrivs'), limit,
      }))).listen(8080, '0.0.0.0');`;
    const app = spec({
      image: 'tollgate/echo:latest',
      command: nodeApp(source),
      env: [
        { name: 'GREETING', value: 'hello from env, with = and spaces' },
        { name: 'TEMPLATE', value: '{{.Service.Name}} and {{ not a template' },
      ],
      resources: { cpu: 0.5, memoryMiB: 96 },
    });
    const observed = await driver.apply(app, () => {});
    const inside = JSON.parse((await get(observed.replicas[0]!.address!)).body) as Record<string, unknown>;
    const version = await docker.version();
    console.log(`[swarm] engine API ${version.ApiVersion}: NoNewPrivs=${inside.noNewPrivs} inside a task (Swarm applies Privileges.NoNewPrivileges from API 1.46 on)`);
    expect(inside).toMatchObject({
      greeting: 'hello from env, with = and spaces',
      template: '{{.Service.Name}} and {{ not a template',
      uid: 65534,
      capEff: '0000000000000000',
      limit: String(96 * 1024 * 1024),
    });
    const [service] = await services(app.appId);
    expect(service?.Spec?.TaskTemplate).toMatchObject({ Resources: { Limits: { NanoCPUs: 500_000_000, MemoryBytes: 96 * 1024 * 1024 } } });
    await driver.remove(app.appId);
  });

  it('scales 2→3→1 and rolls to a new image under load without a failed request; a broken generation rejects and the old one keeps serving', async () => {
    const app = spec({ replicas: 2 });
    await driver.apply(app, () => {});
    const load = gatewayLoad(driver, app.appId);
    await load.started;
    await sleep(300);
    load.phase('2 replicas');

    const slots = async () => (await driver.observe(app.appId))?.replicas.filter((r) => r.state === 'running').length;
    await driver.apply({ ...app, replicas: 3 }, () => {});
    expect(await slots()).toBe(3);
    await sleep(300);
    expect(load.phase('scale 2→3').failed).toBe(0);
    await driver.apply({ ...app, replicas: 1 }, () => {});
    expect(await slots()).toBe(1);
    await sleep(2_500); // past Swarm's 2 s between retiring a task and its SIGTERM
    expect(load.phase('scale 3→1').failed).toBe(0);
    await driver.apply({ ...app, replicas: 2 }, () => {});
    await sleep(300);
    load.phase('scale 1→2');

    const events: string[] = [];
    const offEvents = driver.onEvent((e) => e.appId === app.appId && events.push(e.type));
    const echo = { ...app, generation: 2, image: 'tollgate/echo:latest' };
    const progress: string[] = [];
    const rolled = await driver.apply(echo, (line) => progress.push(line));
    offEvents();
    expect(rolled.replicas.map((r) => [r.generation, r.state])).toEqual([
      [2, 'running'],
      [2, 'running'],
    ]);
    expect(progress.filter((l) => l.startsWith('retiring replica'))).toHaveLength(3); // two old ones and the spare
    expect(progress).toContain('replica 3/3 ready');
    expect(events.filter((e) => e === 'changed').length).toBeGreaterThanOrEqual(6); // each step: a new one ready, an old one out
    await sleep(2_500);
    expect(load.phase('rolling update hello-world → echo').failed).toBe(0);

    // Generation 3 crashes at once; generation 4 never passes its probe (nothing listens on 9999).
    const crashing = await driver
      .apply({ ...echo, generation: 3, command: nodeApp(`console.error('boom: DATABASE_URL is not set'); process.exit(3);`) }, () => {})
      .catch((e: unknown) => e);
    console.log("[swarm] generation 3:", (crashing as Error).message);
    expect(crashing).toBeInstanceOf(RuntimeError);
    expect((crashing as RuntimeError).message).toMatch(/generation 3\) exited with code 3 before becoming ready/);
    expect((crashing as RuntimeError).lastOutput).toContain('boom: DATABASE_URL is not set');
    await sleep(2_500);
    expect(load.phase('generation 3 crashes, rolled back').failed).toBe(0);
    const impatient = newDriver({ readyTimeoutMs: 3_000 });
    const neverReady = await impatient.apply({ ...echo, generation: 4, probe: { path: '/', port: 9999 } }, () => {}).catch((e: unknown) => e);
    expect(neverReady).toBeInstanceOf(RuntimeError);
    expect((neverReady as RuntimeError).message).toMatch(/generation 4\) not ready after 3 s/);
    expect((neverReady as RuntimeError).lastOutput).toContain('echo listening on http://0.0.0.0:8080');
    await sleep(2_500);
    expect(load.phase('generation 4 never ready, rolled back').failed).toBe(0);

    const totals = await load.stop();
    console.log(`[swarm] whole test: ${totals.total} requests, ${totals.failed} failed`);
    expect(load.failures).toEqual([]);
    expect(load.bodies).toContain('Hello, World!');
    expect(load.bodies.at(-1)).toContain('"method":"GET"');
    const still = await driver.observe(app.appId);
    expect(still?.replicas.map((r) => [r.generation, r.state])).toEqual([
      [2, 'running'],
      [2, 'running'],
    ]);
    const [service] = await services(app.appId);
    expect(service?.Spec?.Labels?.['tollgate.generation']).toBe('2');
    expect(service?.Spec?.Mode).toEqual({ Replicated: { Replicas: 2 } });
    await driver.remove(app.appId);
  });

  it('reports a killed task as a crash that Swarm restarts; a replica that keeps crashing is given up after restartMaxAttempts', async () => {
    const app = spec();
    const [replica] = (await driver.apply(app, () => {})).replicas;
    const crash = nextEvent(driver, (e) => e.type === 'crash' && e.appId === app.appId);
    await sleep(300); // the watcher's first read: what ended before it is history
    const task = (await docker.getTask(replica!.id).inspect()) as SwarmTask;
    await docker.getContainer(task.Status!.ContainerStatus!.ContainerID!).kill();
    expect(await crash).toMatchObject({ type: 'crash', replicaId: replica!.id, exitCode: 137, willRestart: true });
    const back = await until(
      () => driver.observe(app.appId),
      (a) => a?.replicas[0]?.state === 'running',
    );
    expect(back?.replicas[0]).toMatchObject({ slot: replica!.slot, state: 'running', restartCount: 1 });
    expect(back?.replicas[0]?.id).not.toBe(replica!.id); // Swarm restarts a slot with a new task
    expect(await get(back!.replicas[0]!.address!)).toEqual({ status: 200, body: 'Hello, World!' });
    await driver.remove(app.appId);

    // Ready, then exits with code 3 a moment later, every time: two restarts, then it stays down.
    const flaky = spec({
      image: 'tollgate/echo:latest',
      command: nodeApp(`require('http').createServer((q, s) => s.end('up')).listen(8080, '0.0.0.0'); setTimeout(() => process.exit(3), 2500);`),
    });
    const crashes: RuntimeEvent[] = [];
    const off = driver.onEvent((e) => e.type === 'crash' && e.appId === flaky.appId && crashes.push(e));
    const gaveUp = nextEvent(driver, (e) => e.type === 'crash' && e.appId === flaky.appId && !e.willRestart, 30_000);
    await driver.apply(flaky, () => {});
    expect(await gaveUp).toMatchObject({ exitCode: 3, willRestart: false, reason: 'exited with code 3; not restarted again after 2 restarts' });
    off();
    expect(crashes.map((e) => e.type === 'crash' && [e.exitCode, e.willRestart])).toEqual([
      [3, true],
      [3, true],
      [3, false],
    ]);
    const down = await driver.observe(flaky.appId);
    expect(down?.replicas).toHaveLength(1);
    expect(down?.replicas[0]).toMatchObject({ state: 'exited', exitCode: 3, restartCount: 2, address: null });

    // Applying it again (the operator's Start) gives the slot a fresh start, as the docker driver replaces a dead container.
    const again = await driver.apply(flaky, () => {});
    expect(again.replicas[0]).toMatchObject({ state: 'running', restartCount: 0 });
    await driver.remove(flaky.appId);
    expect(await leftovers(flaky.appId)).toEqual({ services: 0, tasks: 0, containers: 0 });
  });

  it('rejects a missing image and an aborted apply, leaving no service behind', async () => {
    const missing = spec({ image: 'tollgate-test/does-not-exist:1' });
    const failure = await driver.apply(missing, () => {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RuntimeError);
    expect((failure as RuntimeError).message).toMatch(/could not start: No such image: tollgate-test\/does-not-exist:1/);
    expect(await leftovers(missing.appId)).toEqual({ services: 0, tasks: 0, containers: 0 });

    const slow = spec({ probe: { path: '/', port: 9999 } }); // never ready
    const abort = new AbortController();
    const started = Date.now();
    setTimeout(() => abort.abort(), 1_500);
    const aborted = await driver.apply(slow, () => {}, abort.signal).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(RuntimeError);
    expect((aborted as Error).message).toMatch(/aborted/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await leftovers(slow.appId)).toEqual({ services: 0, tasks: 0, containers: 0 });
  });

  it('reads logs: tail, since, follow, every line tagged with its slot', async () => {
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
    const hostname = async (taskId: string) => ((await docker.getTask(taskId).inspect()) as SwarmTask).Status!.ContainerStatus!.ContainerID!.slice(0, 12);
    const logs = (options: LogOptions) => collect(driver, app.appId, options);

    await sleep(1_100); // the log broker's `since` is whole seconds on some engines
    const since = new Date();
    await get(one!.address!, '/mark-1');
    // Docker stamps a line when it reads it from the container, not when the app wrote it: lines of
    // two containers a millisecond apart may swap. The order asserted below needs them apart.
    await sleep(200);
    await get(two!.address!, '/mark-2');
    await sleep(500);

    const all = await logs({});
    expect(all.map((l) => [l.replica, l.stream, l.content]).filter(([, , c]) => !String(c).startsWith('req'))).toEqual(
      expect.arrayContaining([
        [String(one!.slot), 'stdout', `boot ${await hostname(one!.id)}`],
        [String(one!.slot), 'stderr', `warn ${await hostname(one!.id)}`],
        [String(two!.slot), 'stdout', `boot ${await hostname(two!.id)}`],
        [String(two!.slot), 'stderr', `warn ${await hostname(two!.id)}`],
      ]),
    );
    const times = all.map((l) => l.timestamp.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await logs({ tail: 2 })).map((l) => [l.replica, l.content])).toEqual([
      [String(one!.slot), 'req /mark-1'],
      [String(two!.slot), 'req /mark-2'],
    ]);
    expect((await logs({ since })).map((l) => l.content)).toEqual(['req /mark-1', 'req /mark-2']);

    const follow = followLogs(driver, app.appId);
    const followed = follow.lines;
    await sleep(500);
    const sent = Date.now();
    await get(two!.address!, '/follow-me');
    await until(async () => followed, (f) => f.some((l) => l.content === 'req /follow-me'), 5_000);
    // A task that starts later (a third replica) is followed too.
    await driver.apply({ ...app, replicas: 3 }, () => {});
    const third = (await driver.observe(app.appId))!.replicas.find((r) => r.slot === 3)!;
    await get(third.address!, '/third');
    await until(async () => followed, (f) => f.some((l) => l.content === 'req /third'), 5_000);
    await follow.stop();
    const arrived = followed.find((l) => l.content === 'req /follow-me');
    expect(arrived?.replica).toBe(String(two!.slot));
    console.log(`[swarm] a followed line arrived ${arrived!.at - sent} ms after the request`);
    expect(arrived!.at - sent).toBeLessThan(2_000);
    expect(followed.find((l) => l.content === 'req /third')?.replica).toBe('3');
    const thirdHost = await hostname(third.id);
    expect(followed.find((l) => l.content === `boot ${thirdHost}`)?.replica).toBe('3');
    expect(followed.map((l) => l.content)).not.toContain('req /mark-2'); // tail 0: nothing from before
    await driver.remove(app.appId);
  });

  it('SWARM_NETWORK: tasks join an overlay network, publish nothing, and answer a Tollgate attached to it at their task address', async () => {
    await docker.createNetwork({ Name: overlay, Driver: 'overlay', Attachable: true, CheckDuplicate: true, Labels: { 'tollgate.namespace': namespace } });
    const appId = newAppId();
    // Tollgate's place in the multi-node topology: a container on the overlay, with the manager's socket.
    const client = await docker.createContainer({
      Image: `tollgate/node-base:${process.versions.node}`,
      User: '0',
      WorkingDir: '/src',
      Cmd: [NODE, '--import', 'tsx', 'tests/swarm/overlay-client.ts'],
      Env: [`NAMESPACE=${namespace}`, `SWARM_NETWORK=${overlay}`, `APP_ID=${appId}`],
      HostConfig: { Binds: [`${root}:/src:ro`, '/var/run/docker.sock:/var/run/docker.sock'], NetworkMode: overlay, Tmpfs: { '/tmp': '' } },
    });
    let output = '';
    try {
      await client.start();
      await client.wait();
      const frames = new LogFrameDecoder().push(await client.logs({ stdout: true, stderr: true, follow: false }));
      output = frames.map((f) => f.text).join('');
    } finally {
      await client.remove({ force: true });
    }
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
      error?: string;
      replicas?: { slot: number; state: string; address: ReplicaAddress }[];
      answers?: string[];
    };
    expect(result.error, output).toBeUndefined();
    expect(result.answers).toEqual(['Hello, World!', 'Hello, World!']);
    const network = await docker.getNetwork(overlay).inspect();
    const subnet = network.IPAM?.Config?.[0]?.Subnet ?? '';
    for (const replica of result.replicas ?? []) {
      expect(replica.state).toBe('running');
      expect(replica.address.port).toBe(8080); // the container port itself: nothing is published
      expect(replica.address.host.split('.').slice(0, 3).join('.')).toBe(subnet.split('.').slice(0, 3).join('.'));
    }
    const [service] = await services(appId);
    expect(service?.Spec?.EndpointSpec?.Ports ?? []).toEqual([]);
    expect(service?.Spec?.TaskTemplate?.Networks).toEqual([{ Target: network.Id }]); // Swarm keeps the id of the network named
    for (const task of (await tasksOf(service!.ID)).filter((t) => t.DesiredState === 'running')) expect(task.Status?.PortStatus?.Ports ?? []).toEqual([]);

    // The host is not on the overlay: a driver here still sees and removes the app (the engine's API), but cannot reach it.
    const host = newDriver({ network: overlay });
    const seen = await host.observe(appId);
    expect(seen?.replicas.map((r) => [r.state, r.address?.host])).toEqual(result.replicas!.map((r) => ['starting', r.address.host]));
    await host.remove(appId);
    expect(await leftovers(appId)).toEqual({ services: 0, tasks: 0, containers: 0 });
  });
});
