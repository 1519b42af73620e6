// Child processes a benchmark starts, all stopped again at the end (each by its own pid).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface Started {
  name: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
}

const KEEP_BYTES = 1024 * 1024;

export class Processes {
  private readonly running: Started[] = [];

  start(name: string, command: string, args: string[], options: SpawnOptions = {}): Started {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    // The first MiB (start-up lines) and the last MiB: a server writing an access line per
    // request under wrk would otherwise fill this process's memory with hundreds of MB.
    const head: Buffer[] = [];
    let headBytes = 0;
    const chunks: Buffer[] = [];
    let tailBytes = 0;
    const keep = (d: Buffer) => {
      if (headBytes < KEEP_BYTES) {
        head.push(d);
        headBytes += d.length;
        return;
      }
      chunks.push(d);
      tailBytes += d.length;
      while (tailBytes - chunks[0]!.length >= KEEP_BYTES) tailBytes -= chunks.shift()!.length;
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
      child.once('error', () => resolve(-1));
    });
    const started: Started = { name, child, output: () => Buffer.concat([...head, ...chunks]).toString('utf8'), exited };
    this.running.push(started);
    return started;
  }

  /** SIGTERM (or `signal`), then SIGKILL after `graceMs`; newest first. */
  async stop(started: Started, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    const { child } = started;
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await started.exited;
      clearTimeout(timer);
    }
    const index = this.running.indexOf(started);
    if (index !== -1) this.running.splice(index, 1);
  }

  async stopAll(signals: Record<string, NodeJS.Signals> = {}): Promise<void> {
    for (const started of [...this.running].reverse()) await this.stop(started, signals[started.name] ?? 'SIGTERM');
  }
}

export { freePort } from '../../tests/integration/helpers/test-server.ts';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value; fails with the process output if it exits or time runs out. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; process?: Started; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const proc = options.process;
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}) while waiting for ${what}:\n${tail(proc.output())}`);
    }
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${options.timeoutMs / 1000} s waiting for ${what}${proc ? `:\n${tail(proc.output())}` : ''}`);
    }
    await sleep(options.intervalMs ?? 250);
  }
}

export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
