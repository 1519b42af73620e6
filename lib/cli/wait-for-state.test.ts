import { describe, expect, it } from 'vitest';
import { ApiStatusError, NetworkError } from './api-client.ts';
import { asApp, type App } from './app-schema.ts';
import { CliError } from './cli-errors.ts';
import { createProgress } from './progress.ts';
import { waitForState, type GoalState } from './wait-for-state.ts';

function app(state: string, reason?: string): App {
  return asApp({
    id: 'app-1',
    spec: { name: 'n', image: 'i', region: 'GRA' },
    status: { state, url: null, history: [{ state, date: '2025-01-01T00:00:00.000Z', ...(reason ? { reason } : {}) }] },
  })!;
}

type Step = string | null | Error;

/** Runs waitForState over a scripted sequence of reads, with a fake clock. */
async function wait(goal: GoalState, steps: Step[], options: { initial?: Step; tty?: boolean; timeoutMs?: number } = {}) {
  let clock = 0;
  let reads = 0;
  let stderr = '';
  const sleeps: number[] = [];
  const toApp = (step: Step) => (step === null ? null : typeof step === 'string' ? app(step, step === 'FAILED' ? 'image crashed' : undefined) : step);
  const run = waitForState({
    appId: 'app-1',
    goal,
    initial: typeof options.initial === 'string' ? app(options.initial) : undefined,
    fetchApp: async () => {
      const step = steps[Math.min(reads++, steps.length - 1)]!;
      const value = toApp(step);
      if (value instanceof Error) throw value;
      return value;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    progress: createProgress({ write: (t) => void (stderr += t), isTTY: options.tty ?? false }, () => clock),
    timeoutMs: options.timeoutMs ?? 60_000,
    intervalMs: 1000,
  });
  const result = await run.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...result, reads, sleeps, stderr, elapsed: clock };
}

describe('waitForState', () => {
  it('follows QUEUED → INITIALIZING → RUNNING and prints one line per state when not on a terminal', async () => {
    const result = await wait('RUNNING', ['INITIALIZING', 'INITIALIZING', 'RUNNING'], { initial: 'QUEUED' });
    expect(result.error).toBeUndefined();
    expect(result.value?.status.state).toBe('RUNNING');
    expect(result.reads).toBe(3);
    expect(result.sleeps).toEqual([1000, 1000, 1000]);
    expect(result.stderr).toBe('app app-1: QUEUED\napp app-1: INITIALIZING\napp app-1: RUNNING\n');
  });

  it('fails with the reason when the app ends FAILED', async () => {
    const result = await wait('RUNNING', ['INITIALIZING', 'FAILED'], { initial: 'QUEUED' });
    expect(result.error).toBeInstanceOf(CliError);
    expect((result.error as Error).message).toBe('app app-1 ended FAILED: image crashed');
  });

  it('fails when a stop ends FAILED', async () => {
    const result = await wait('STOPPED', ['FAILED'], { initial: 'STOPPING' });
    expect((result.error as Error).message).toBe('app app-1 ended FAILED: image crashed');
  });

  it('fails when the app settles somewhere else', async () => {
    const result = await wait('RUNNING', ['STOPPING', 'STOPPED'], { initial: 'INITIALIZING' });
    expect((result.error as Error).message).toBe('app app-1 settled in STOPPED instead of RUNNING');
  });

  it('treats 404 as done while deleting', async () => {
    const result = await wait('DELETED', ['DELETING', null], { initial: 'DELETING' });
    expect(result.error).toBeUndefined();
    expect(result.value).toBeNull();
    expect(result.stderr).toBe('app app-1: DELETING\napp app-1: DELETED\n');
  });

  it('treats 404 as an error while waiting for RUNNING', async () => {
    const result = await wait('RUNNING', [null], { initial: 'QUEUED' });
    expect((result.error as Error).message).toBe('app app-1 was deleted while waiting for RUNNING');
  });

  it('fetches first when the action gave no app (204)', async () => {
    const result = await wait('DELETED', [null]);
    expect(result.error).toBeUndefined();
    expect(result.reads).toBe(1);
    expect(result.sleeps).toEqual([]);
  });

  it('does not believe a stale settled state from before the action until something moves', async () => {
    const result = await wait('RUNNING', ['STOPPED', 'QUEUED', 'RUNNING'], { initial: 'STOPPED' });
    expect(result.error).toBeUndefined();
    expect(result.value?.status.state).toBe('RUNNING');
  });

  it('believes a settled state after the grace period', async () => {
    const result = await wait('RUNNING', ['STOPPED'], { initial: 'STOPPED' });
    expect((result.error as Error).message).toBe('app app-1 settled in STOPPED instead of RUNNING');
    expect(result.elapsed).toBe(5000);
  });

  it('retries through 503s and network errors, waiting at least Retry-After on 429', async () => {
    const busy = new ApiStatusError(503, 'unavailable', 'Database unavailable', undefined, undefined);
    const limited = new ApiStatusError(429, 'rate_limited', 'Too many requests', undefined, 7);
    const down = new NetworkError('cannot reach http://localhost:3000: connect ECONNREFUSED');
    const result = await wait('RUNNING', [busy, limited, down, 'RUNNING'], { initial: 'QUEUED' });
    expect(result.error).toBeUndefined();
    expect(result.sleeps).toEqual([1000, 1000, 7000, 1000]);
  });

  it('stops at the first non-transient error', async () => {
    const denied = new ApiStatusError(403, 'forbidden', 'the token cannot see this app', undefined, undefined);
    const result = await wait('RUNNING', [denied], { initial: 'QUEUED' });
    expect(result.error).toBe(denied);
  });

  it('times out with the last state', async () => {
    const result = await wait('RUNNING', ['INITIALIZING'], { initial: 'QUEUED', timeoutMs: 3000 });
    expect((result.error as Error).message).toBe('timed out after 3s waiting for app app-1 to be RUNNING (last state: INITIALIZING)');
    expect(result.elapsed).toBe(3000);
  });

  it('draws a spinner in place on a terminal, then leaves one final line', async () => {
    const result = await wait('RUNNING', ['RUNNING'], { initial: 'QUEUED', tty: true });
    expect(result.error).toBeUndefined();
    // Ten frames of 100 ms per one-second poll.
    expect(result.sleeps).toEqual(Array(10).fill(100));
    const frames = result.stderr.split('\r\x1b[2K').filter(Boolean);
    expect(frames[0]).toBe('⠋ app app-1: QUEUED (0s)');
    expect(frames[1]).toBe('⠙ app app-1: QUEUED (0s)');
    expect(frames).toContain('⠋ app app-1: QUEUED (1s)');
    expect(frames.at(-1)).toBe('✔ app app-1: RUNNING\n');
    expect(result.stderr.split('\n')).toHaveLength(2);
  });

  it('clears the spinner line before an error is reported', async () => {
    const result = await wait('RUNNING', ['FAILED'], { initial: 'QUEUED', tty: true });
    expect(result.error).toBeInstanceOf(CliError);
    expect(result.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });
});
