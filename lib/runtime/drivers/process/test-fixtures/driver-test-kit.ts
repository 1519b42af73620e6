// Shared by the process driver's tests: real children, talked to the way the gateway does.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { driverTestKit, runSpec } from '../../shared/test-fixtures/runtime-test-kit.ts';
import { ProcessDriver, type ProcessDriverOptions } from '../process-driver.ts';

export { ECHO, HELLO, collect, followLogs, newAppId, runSpec, sleep } from '../../shared/test-fixtures/runtime-test-kit.ts';

const fixtures = path.join(import.meta.dirname, '..', '..', '..', 'test-fixtures');

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

/** A hello-world replica of a fresh app (see runSpec). */
export const spec = runSpec;

/** A `node -e` app listening where the driver says (PORT, HOST). */
export const nodeApp = (source: string) => ['node', '-e', source];

/** Child processes answer at once: short waits. */
export const { get, nextEvent, until, gatewayLoad } = driverTestKit({ requestTimeoutMs: 5_000, pollMs: 50, eventTimeoutMs: 15_000 });

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
