import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { IMAGE_NAMES } from './image-catalog.ts';
import { defaultImagesDir, imageScriptPath } from './images/image-scripts.ts';
import { ProcessDriver } from './process-driver.ts';
import type { Upstream } from './runtime-driver.ts';
import { existsSync } from 'node:fs';

const fixtures = path.join(import.meta.dirname, 'test-fixtures');
const HELLO = 'infrastructureascode/hello-world';

const logs: string[] = [];
const drivers: ProcessDriver[] = [];

function makeDriver(options: ConstructorParameters<typeof ProcessDriver>[0] = {}): ProcessDriver {
  const driver = new ProcessDriver({
    extraImages: {
      'test/exit-immediately': path.join(fixtures, 'exit-immediately.mjs'),
      'test/never-healthy': path.join(fixtures, 'never-healthy.mjs'),
      'test/env-dump': path.join(fixtures, 'env-dump.mjs'),
      'test/ignores-sigterm': path.join(fixtures, 'ignores-sigterm.mjs'),
    },
    log: (line) => logs.push(line),
    ...options,
  });
  drivers.push(driver);
  return driver;
}

const url = (upstream: Upstream, p = '/') => `http://${upstream.host}:${upstream.port}${p}`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function connectError(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

afterEach(async () => {
  await Promise.all(drivers.map((d) => d.stopAll()));
});
afterAll(() => {
  drivers.length = 0;
});

describe('image scripts', () => {
  it('maps every catalog image to an existing script', () => {
    for (const image of IMAGE_NAMES) {
      const script = imageScriptPath(image);
      expect(script, image).not.toBeNull();
      expect(existsSync(script!), script!).toBe(true);
    }
    expect(defaultImagesDir()).toBe(path.join(process.cwd(), 'lib/runtime/images'));
    expect(imageScriptPath('nope/nope')).toBeNull();
    expect(imageScriptPath('toString')).toBeNull();
  });
});

describe('ProcessDriver', () => {
  it('starts hello-world and serves "Hello, World!" on a local port', async () => {
    const driver = makeDriver();
    expect(driver.name).toBe('process');
    const appId = randomUUID();
    const upstream = await driver.start({ appId, image: HELLO, port: 8080 });
    expect(upstream.host).toBe('127.0.0.1');
    expect(upstream.port).toBeGreaterThan(0);
    expect(upstream.port).not.toBe(8080);
    expect(driver.upstream(appId)).toEqual(upstream);
    const res = await fetch(url(upstream, '/any/path?x=1'), { method: 'POST', body: 'x' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Hello, World!');
    // child output reaches the log, prefixed with the short app id
    await expect.poll(() => logs.some((l) => l.startsWith(`[app ${appId.slice(0, 8)}] hello-world listening`))).toBe(true);
  });

  it('start is idempotent, also when called concurrently', async () => {
    const driver = makeDriver();
    const appId = randomUUID();
    const [a, b] = await Promise.all([
      driver.start({ appId, image: HELLO, port: 8080 }),
      driver.start({ appId, image: HELLO, port: 8080 }),
    ]);
    expect(b).toEqual(a);
    const pid = driver.pid(appId);
    expect(await driver.start({ appId, image: HELLO, port: 8080 })).toEqual(a);
    expect(driver.pid(appId)).toBe(pid);
  });

  it('stop ends the process: upstream null, port refuses connections; stop again is a no-op; restart works', async () => {
    const driver = makeDriver({ stopGraceMs: 10_000 });
    const appId = randomUUID();
    const upstream = await driver.start({ appId, image: HELLO, port: 8080 });
    const pid = driver.pid(appId)!;
    expect(isAlive(pid)).toBe(true);
    const t0 = Date.now();
    const stopping = driver.stop(appId);
    expect(driver.upstream(appId)).toBeNull(); // at once, not only once the process is gone
    await stopping;
    expect(Date.now() - t0).toBeLessThan(2000); // honoured SIGTERM, no SIGKILL needed
    expect(isAlive(pid)).toBe(false);
    expect(driver.upstream(appId)).toBeNull();
    expect(driver.pid(appId)).toBeNull();
    expect(await connectError(upstream.port)).toBe('ECONNREFUSED');
    await driver.stop(appId);
    await driver.stop(randomUUID());

    const again = await driver.start({ appId, image: HELLO, port: 8080 });
    expect(await (await fetch(url(again))).text()).toBe('Hello, World!');
    expect(driver.pid(appId)).not.toBe(pid);
  });

  it('start after a stop that is still in progress waits for it, then starts fresh', async () => {
    const driver = makeDriver();
    const appId = randomUUID();
    await driver.start({ appId, image: HELLO, port: 8080 });
    const oldPid = driver.pid(appId)!;
    const stopping = driver.stop(appId);
    const restarted = await driver.start({ appId, image: HELLO, port: 8080 });
    await stopping;
    expect(isAlive(oldPid)).toBe(false);
    expect(driver.upstream(appId)).toEqual(restarted);
    expect(driver.pid(appId)).not.toBe(oldPid);
  });

  it('SIGKILLs an app that ignores SIGTERM after the grace period', async () => {
    const driver = makeDriver({ stopGraceMs: 200 });
    const appId = randomUUID();
    await driver.start({ appId, image: 'test/ignores-sigterm', port: 8080 });
    const pid = driver.pid(appId)!;
    await driver.stop(appId);
    expect(isAlive(pid)).toBe(false);
  });

  it('reports a process killed from outside through onUnexpectedExit', async () => {
    const driver = makeDriver();
    const events: Array<[string, string]> = [];
    driver.onUnexpectedExit((appId, reason) => events.push([appId, reason]));
    const appId = randomUUID();
    await driver.start({ appId, image: HELLO, port: 8080 });
    process.kill(driver.pid(appId)!, 'SIGKILL');
    await expect.poll(() => events).toEqual([[appId, 'killed by SIGKILL']]);
    expect(driver.upstream(appId)).toBeNull();
    expect(driver.pid(appId)).toBeNull();
    // a stop through the driver is not "unexpected"
    const other = randomUUID();
    await driver.start({ appId: other, image: HELLO, port: 8080 });
    await driver.stop(other);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toHaveLength(1);
  });

  it('rejects an unknown image', async () => {
    const driver = makeDriver();
    const appId = randomUUID();
    await expect(driver.start({ appId, image: 'nginx', port: 80 })).rejects.toThrow('unknown image "nginx"');
    expect(driver.upstream(appId)).toBeNull();
  });

  it('rejects with the exit code when the image exits before becoming healthy', async () => {
    const driver = makeDriver();
    const appId = randomUUID();
    await expect(driver.start({ appId, image: 'test/exit-immediately', port: 8080 })).rejects.toThrow(
      'image test/exit-immediately exited with code 3 before becoming healthy',
    );
    expect(driver.upstream(appId)).toBeNull();
    expect(logs).toContain(`[app ${appId.slice(0, 8)}] exit-immediately: giving up`);
  });

  it('rejects when the app is not healthy in time, and leaves no process behind', async () => {
    const driver = makeDriver({ healthTimeoutMs: 400 });
    const appId = randomUUID();
    const starting = driver.start({ appId, image: 'test/never-healthy', port: 8080 });
    await expect.poll(() => driver.pid(appId)).not.toBeNull();
    const pid = driver.pid(appId)!;
    await expect(starting).rejects.toThrow('image test/never-healthy not healthy after 0.4 s');
    expect(isAlive(pid)).toBe(false);
    expect(driver.pid(appId)).toBeNull();
  });

  it('stop during start rejects the start and kills the process', async () => {
    const driver = makeDriver();
    const appId = randomUUID();
    const starting = driver.start({ appId, image: 'test/never-healthy', port: 8080 });
    const rejected = expect(starting).rejects.toThrow('stopped before becoming healthy');
    await expect.poll(() => driver.pid(appId)).not.toBeNull();
    const pid = driver.pid(appId)!;
    await driver.stop(appId);
    await rejected;
    expect(isAlive(pid)).toBe(false);
  });

  it('stopAll leaves no child process', async () => {
    const driver = makeDriver();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await Promise.all([
      driver.start({ appId: ids[0]!, image: HELLO, port: 8080 }),
      driver.start({ appId: ids[1]!, image: 'tollgate/echo', port: 8080 }),
      driver.start({ appId: ids[2]!, image: 'tollgate/stream', port: 8080 }),
    ]);
    const ports = new Set(ids.map((id) => driver.upstream(id)!.port));
    expect(ports.size).toBe(3);
    const pids = ids.map((id) => driver.pid(id)!);
    expect(pids.every(isAlive)).toBe(true);
    await driver.stopAll();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(ids.map((id) => driver.upstream(id))).toEqual([null, null, null]);
  });

  it('gives the app only PATH, PORT, NODE_ENV and HOME from the environment', async () => {
    process.env.TOLLGATE_TEST_SECRET = 'do-not-leak';
    process.env.DATABASE_URL ??= 'postgres://secret@localhost/db';
    try {
      const driver = makeDriver();
      const upstream = await driver.start({ appId: randomUUID(), image: 'test/env-dump', port: 8080 });
      const env = (await (await fetch(url(upstream))).json()) as Record<string, string>;
      expect(env.PORT).toBe(String(upstream.port));
      expect(env.PATH).toBe(process.env.PATH);
      expect(env.TOLLGATE_TEST_SECRET).toBeUndefined();
      expect(env.DATABASE_URL).toBeUndefined();
      const allowed = ['PATH', 'PORT', 'NODE_ENV', 'HOME', 'NODE_CHANNEL_FD', 'NODE_CHANNEL_SERIALIZATION_MODE'];
      expect(Object.keys(env).filter((k) => !allowed.includes(k))).toEqual([]);
    } finally {
      delete process.env.TOLLGATE_TEST_SECRET;
    }
  });

  it('an image spawned with an IPC channel ignores SIGINT and exits when the channel closes', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const managed = spawn(process.execPath, [imageScriptPath(HELLO)!], {
      env: { PATH: process.env.PATH, PORT: String(port), NODE_ENV: 'test' },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const exited = new Promise<number | null>((resolve) => managed.once('exit', (code) => resolve(code)));
    await expect.poll(() => connectError(port)).toBeNull();
    managed.kill('SIGINT'); // terminal Ctrl-C: the server's own handler stops apps
    await new Promise((r) => setTimeout(r, 100));
    expect(managed.exitCode).toBeNull();
    managed.disconnect(); // what happens to the channel when the server dies, even by SIGKILL
    expect(await exited).toBe(0);
  });
});
