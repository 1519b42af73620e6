// Shared by the process driver's tests: real children, talked to the way the gateway does.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { LogLine, LogOptions, ReplicaAddress, RunSpec, RuntimeDriver, RuntimeEvent } from '../../runtime-driver.ts';
import { ProcessDriver, type ProcessDriverOptions } from '../process-driver.ts';

const fixtures = path.join(import.meta.dirname, '..', '..', '..', 'test-fixtures');
export const HELLO = 'infrastructureascode/hello-world';
export const ECHO = 'tollgate/echo';

export const output: string[] = [];

/** A driver with the test images, quiet; closed by `closeDrivers`. */
export function newDriver(options: ProcessDriverOptions = {}): ProcessDriver {
  const driver = new ProcessDriver({
    extraImages: {
      'test/exit-immediately': path.join(fixtures, 'exit-immediately.mjs'),
      'test/never-healthy': path.join(fixtures, 'never-healthy.mjs'),
      'test/env-dump': path.join(fixtures, 'env-dump.mjs'),
      'test/ignores-sigterm': path.join(fixtures, 'ignores-sigterm.mjs'),
    },
    log: (line) => output.push(line),
    readyTimeoutMs: 15_000,
    stopGraceMs: 2_000,
    drainMs: 200,
    ...options,
  });
  drivers.push(driver);
  return driver;
}
const drivers: ProcessDriver[] = [];
export const closeDrivers = () => Promise.all(drivers.splice(0).map((d) => d.close()));

export function spec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    appId: `c${randomBytes(12).toString('hex')}`,
    generation: 1,
    image: HELLO,
    command: null,
    env: [],
    port: 8080,
    probe: { path: '/', port: 8080 },
    resources: { cpu: null, memoryMiB: null },
    replicas: 1,
    ...overrides,
  };
}

/** A `node -e` app listening where the driver says (PORT, HOST). */
export const nodeApp = (source: string) => ['node', '-e', source];

export function get(address: ReplicaAddress, urlPath = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: address.host, port: address.port, path: urlPath, agent: false, timeout: 5_000 }, (res) => {
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

/** null when something accepts connections on the port, else the error code (ECONNREFUSED). */
export function connectError(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Whether the process runs. A zombie (dead, not yet reaped by init once its parent is gone) counts as gone. */
export function isAlive(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      return !/^\d+ \(.*\) [ZX]/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the first event matching `predicate`; subscribe before causing it. */
export function nextEvent(driver: RuntimeDriver, predicate: (event: RuntimeEvent) => boolean, timeoutMs = 15_000): Promise<RuntimeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error('no such event in time'))), timeoutMs);
    const off = driver.onEvent((event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/** Reads `read()` until `ok`, or gives up after `timeoutMs` and returns the last value (the assertion then says what was wrong). */
export async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await sleep(50);
  }
}

export async function collect(driver: RuntimeDriver, appId: string, options: LogOptions): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  for await (const line of driver.logs(appId, options)) lines.push(line);
  return lines;
}
