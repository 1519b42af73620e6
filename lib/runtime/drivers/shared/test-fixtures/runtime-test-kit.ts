// Shared by every driver's tests (process, docker, swarm): specs, requests to replicas the way the
// gateway makes them, waiting for events and states, and a gateway's load across a rollout.
// No test runner in here: tests/swarm/overlay-client.ts runs it with plain node (tsx).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { LogLine, LogOptions, ReplicaAddress, RunSpec, RuntimeDriver, RuntimeEvent } from '../../runtime-driver.ts';

export const HELLO = 'infrastructureascode/hello-world';
export const ECHO = 'tollgate/echo';

/** A fresh app id, as the panel makes them (cuid-like). */
export const newAppId = () => `c${randomBytes(12).toString('hex')}`;

/** One hello-world replica on 8080, probed at `/`, of a fresh app; `overrides` change any of it. */
export function runSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    appId: newAppId(),
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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function collect(driver: RuntimeDriver, appId: string, options: LogOptions): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  for await (const line of driver.logs(appId, options)) lines.push(line);
  return lines;
}

/** Follows the app's logs from now on (tail 0), each line with the time it arrived, until `stop()`. */
export function followLogs(driver: RuntimeDriver, appId: string) {
  const abort = new AbortController();
  const lines: { content: string; replica: string; at: number }[] = [];
  const following = (async () => {
    for await (const line of driver.logs(appId, { follow: true, tail: 0, signal: abort.signal })) {
      lines.push({ content: line.content, replica: line.replica, at: Date.now() });
    }
  })();
  return {
    lines,
    /** Resolves once the follow has ended. */
    async stop() {
      abort.abort();
      await following;
    },
  };
}

export interface KitTimings {
  /** One request to a replica. */
  requestTimeoutMs: number;
  /** Between two reads of `until`. */
  pollMs: number;
  /** `nextEvent`'s default wait. */
  eventTimeoutMs: number;
}

/** The helpers that wait, with the timings of one driver's tests (a real engine is slower than child processes). */
export function driverTestKit(timings: KitTimings) {
  function get(address: ReplicaAddress, urlPath = '/'): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.get({ host: address.host, port: address.port, path: urlPath, agent: false, timeout: timings.requestTimeoutMs }, (res) => {
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

  /** Resolves with the first event matching `predicate`; subscribe before causing it. */
  function nextEvent(driver: RuntimeDriver, predicate: (event: RuntimeEvent) => boolean, timeoutMs = timings.eventTimeoutMs): Promise<RuntimeEvent> {
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
  async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ok(value) || Date.now() > deadline) return value;
      await sleep(timings.pollMs);
    }
  }

  /**
   * The gateway's view of an app: the `running` replicas' addresses, re-read on every event, and a
   * request loop over them (from once the first read is done) counting what answered and what failed.
   */
  function gatewayLoad(driver: RuntimeDriver, appId: string) {
    let addresses: ReplicaAddress[] = [];
    let refreshing: Promise<void> | null = null;
    let again = false;
    const refresh = async (): Promise<void> => {
      if (refreshing) {
        again = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          again = false;
          const observed = await driver.observe(appId);
          addresses = (observed?.replicas ?? []).filter((r) => r.state === 'running' && r.address).map((r) => r.address!);
        } while (again);
      })();
      await refreshing;
      refreshing = null;
    };
    const off = driver.onEvent((e) => e.appId === appId && void refresh());
    const bodies: string[] = [];
    const failures: string[] = [];
    let total = 0;
    let stop = false;
    const started = refresh();
    const loop = (async () => {
      await started;
      for (let i = 0; !stop; i++) {
        const address = addresses[i % Math.max(addresses.length, 1)];
        total++;
        if (!address) failures.push('no address');
        else {
          await get(address).then(
            (r) => (r.status === 200 ? bodies.push(r.body) : failures.push(`status ${r.status} from ${address.port}`)),
            (e: Error) => failures.push(`${e.message} from ${address.port}`),
          );
        }
        await sleep(5);
      }
    })();
    let mark = { total: 0, failed: 0 };
    return {
      started,
      bodies,
      failures,
      /** Counts since the last phase, printed. */
      phase(name: string) {
        const now = { total, failed: failures.length };
        console.log(`[${driver.name}] ${name}: ${now.total - mark.total} requests, ${now.failed - mark.failed} failed`);
        const delta = { total: now.total - mark.total, failed: now.failed - mark.failed };
        mark = now;
        return delta;
      },
      async stop() {
        stop = true;
        await loop;
        off();
        return { total, failed: failures.length };
      },
    };
  }

  return { get, nextEvent, until, gatewayLoad };
}
