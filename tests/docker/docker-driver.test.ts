// The docker driver against the real engine: every test starts real containers from the images
// `npm run images:build` makes, and talks to them the way the gateway does, through 127.0.0.1 and
// the published port. One namespace per run; everything in it is removed at the end.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import Dockerode from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerDriver } from '@/lib/runtime/drivers/docker/docker-driver.ts';
import { RuntimeError, type ReplicaAddress, type RunSpec, type RuntimeEvent } from '@/lib/runtime/drivers/runtime-driver.ts';

const docker = new Dockerode();
const namespace = `it-${randomBytes(4).toString('hex')}`;
const drivers: DockerDriver[] = [];

function newDriver(options: { readyTimeoutMs?: number } = {}): DockerDriver {
  const driver = new DockerDriver({ docker, namespace, restartMaxRetries: 2, readyTimeoutMs: options.readyTimeoutMs ?? 20_000 });
  drivers.push(driver);
  return driver;
}
const driver = newDriver();

const newAppId = () => `c${randomBytes(12).toString('hex')}`;
const NODE = '/usr/bin/node';

function spec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    appId: newAppId(),
    generation: 1,
    image: 'infrastructureascode/hello-world:latest',
    command: null,
    env: [],
    port: 8080,
    probe: { path: '/', port: 8080 },
    resources: { cpu: null, memoryMiB: null },
    replicas: 1,
    ...overrides,
  };
}

function get(address: ReplicaAddress, path = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: address.host, port: address.port, path, agent: false, timeout: 3_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

/** What `docker ps -a --filter label=tollgate.app-id=<id>` shows: container ids. */
const dockerPsA = (appId: string) =>
  execFileSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `label=tollgate.app-id=${appId}`], { encoding: 'utf8' }).split('\n').filter(Boolean);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the first event matching `predicate`; subscribe before causing it. */
function nextEvent(d: DockerDriver, predicate: (event: RuntimeEvent) => boolean, timeoutMs = 15_000): Promise<RuntimeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error('no such event in time'))), timeoutMs);
    const off = d.onEvent((event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

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

  it('rejects a missing image with a RuntimeError naming it', async () => {
    const app = spec({ image: 'tollgate-test/does-not-exist:1' });
    const failure = await driver.apply(app, () => {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RuntimeError);
    expect((failure as RuntimeError).message).toContain('tollgate-test/does-not-exist:1');
    expect(dockerPsA(app.appId)).toEqual([]);
  });
});
