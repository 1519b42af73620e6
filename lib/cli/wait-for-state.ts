// `--wait`: poll an app until its state settles. Success is the goal state; FAILED, or settling
// anywhere else (stopped while we waited for RUNNING…), is an error. While deleting, a 404 means
// the app is gone: done.

import { ApiStatusError, NetworkError } from './api-client.ts';
import type { App } from './app-schema.ts';
import { CliError } from './cli-errors.ts';
import { FRAME_MS, type Progress } from './progress.ts';

export type GoalState = 'RUNNING' | 'STOPPED' | 'DELETED';

/** States an app stays in until someone acts; anything else is on its way somewhere. */
const SETTLED = new Set(['RUNNING', 'STOPPED', 'FAILED', 'DELETED']);

export const DEFAULT_POLL_INTERVAL_MS = 1000;

/**
 * The action's own answer (or the first read after it) may still show the state the app was in
 * before the action, if the server records the transition a moment later. Until a state in
 * motion has been seen, a settled state other than the goal is only believed after this long.
 */
export const DEFAULT_SETTLE_GRACE_MS = 5000;

export interface WaitOptions {
  appId: string;
  goal: GoalState;
  /** The app as the action answered it; undefined to start by fetching it. */
  initial?: App;
  /** The app now, or null when the API says 404. */
  fetchApp: () => Promise<App | null>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  progress: Progress;
  timeoutMs: number;
  intervalMs?: number;
  settleGraceMs?: number;
  /**
   * A further condition on the goal state (a rollout: every replica ready). The goal state
   * without it counts as still on the way; with it, the goal is also only believed once the
   * app was seen moving or the grace period has passed, as it may not have started yet.
   */
  until?: (app: App) => boolean;
  /** The progress line's text for the app (default: its state). */
  describe?: (app: App) => string;
}

function failureReason(app: App): string | undefined {
  const history = app.status.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i]!;
    if (entry.state === 'FAILED') return entry.reason ?? undefined;
  }
  return undefined;
}

/** Errors worth another try while waiting: the server is briefly unreachable, busy or restarting. */
function isTransient(error: unknown): error is NetworkError | ApiStatusError {
  return error instanceof NetworkError || (error instanceof ApiStatusError && [429, 502, 503, 504].includes(error.status));
}

/** Resolves with the app in its goal state (null once deleted), or throws a CliError. */
export async function waitForState(options: WaitOptions): Promise<App | null> {
  const { appId, goal, progress, now, sleep } = options;
  const interval = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const grace = options.settleGraceMs ?? DEFAULT_SETTLE_GRACE_MS;
  let sawMotion = false;
  const started = now();
  const label = `app ${appId}`;

  const pause = async (ms: number) => {
    if (!progress.animated) return sleep(ms);
    for (let left = ms; left > 0; left -= FRAME_MS) {
      await sleep(Math.min(FRAME_MS, left));
      progress.tick();
    }
  };

  let app: App | null = options.initial ?? null;
  let fetched = options.initial !== undefined;
  let lastState: string | undefined = options.initial?.status.state;
  try {
    for (;;) {
      if (!fetched) {
        try {
          app = await options.fetchApp();
          fetched = true;
          lastState = app === null ? 'DELETED' : app.status.state;
        } catch (error) {
          if (!isTransient(error)) throw error;
          progress.update(`${label}: ${lastState ?? 'waiting'} (${error.message}; retrying)`);
          const remaining = options.timeoutMs - (now() - started);
          if (remaining <= 0) throw timeout();
          await pause(Math.min(remaining, Math.max(interval, (error instanceof ApiStatusError ? (error.retryAfter ?? 0) : 0) * 1000)));
          continue;
        }
      }

      if (app === null) {
        if (goal === 'DELETED') {
          progress.succeed(`${label}: DELETED`);
          return null;
        }
        throw new CliError(`${label} was deleted while waiting for ${goal}`);
      }
      const state = app.status.state;
      const believed = sawMotion || now() - started >= grace;
      const text = `${label}: ${options.describe?.(app) ?? state}`;
      if (state === goal && (!options.until || (options.until(app) && believed))) {
        progress.succeed(text);
        return app;
      }
      if (state === 'FAILED' && believed) {
        const reason = failureReason(app);
        throw new CliError(`${label} ended FAILED${reason ? `: ${reason}` : ''}`);
      }
      if (state !== goal && SETTLED.has(state) && believed) throw new CliError(`${label} settled in ${state} instead of ${goal}`);
      if (!SETTLED.has(state)) sawMotion = true;

      progress.update(text);
      if (now() - started >= options.timeoutMs) throw timeout();
      await pause(interval);
      fetched = false;
    }
  } catch (error) {
    progress.stop();
    throw error;
  }

  function timeout(): CliError {
    const seconds = Math.round(options.timeoutMs / 1000);
    return new CliError(`timed out after ${seconds}s waiting for ${label} to be ${goal} (last state: ${lastState ?? 'unknown'})`);
  }
}
