// Children never outlive the server: killed synchronously when it exits, and gone on their own
// (IPC channel closed) when it is SIGKILLed and can do nothing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, until } from './test-fixtures/driver-test-kit.ts';

const server = path.join(import.meta.dirname, 'test-fixtures', 'server-that-dies.ts');
const started: number[] = [];

// A failed test must not leave its children running (the `node -e` one ignores SIGTERM).
afterEach(() => {
  for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

/** Starts the miniature server; resolves with its children's pids and a promise of its exit. */
async function startServer(mode: 'exit' | 'wait') {
  const child = spawn(process.execPath, ['--import', 'tsx', server, mode], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(Date.now())));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before printing its children`)));
  });
  const pids = JSON.parse(line) as number[];
  started.push(...pids);
  return { child, pids, exited };
}

describe('children and the server’s end', { timeout: 30_000 }, () => {
  it('a server that exits SIGKILLs its children on the way out', async () => {
    const { pids, exited } = await startServer('exit');
    expect(pids).toHaveLength(2);
    const exitAt = await exited;
    // The preload would take a second: gone well before, so by the exit hook.
    const alive = await until(() => pids.filter(isAlive), (left) => left.length === 0, 800);
    expect(alive).toEqual([]);
    expect(Date.now() - exitAt).toBeLessThan(1_000);
  });

  it('children of a SIGKILLed server exit on their own, a plain `node -e` app included', async () => {
    const { child, pids } = await startServer('wait');
    expect(pids.every(isAlive)).toBe(true);
    child.kill('SIGKILL');
    const alive = await until(() => pids.filter(isAlive), (left) => left.length === 0, 10_000);
    expect(alive).toEqual([]);
  });
});
