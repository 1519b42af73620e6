// The `--wait` / `--timeout` pair shared by the commands that change an app's state.

import type { App } from '../app-schema.ts';
import { UsageError } from '../cli-errors.ts';
import type { CommandContext } from '../command.ts';
import type { OptionSpec } from '../parse-args.ts';
import { createProgress } from '../progress.ts';
import { waitForState, type GoalState, type WaitOptions } from '../wait-for-state.ts';

export const DEFAULT_TIMEOUT = '5m';

export function waitOptions(goal: string): OptionSpec[] {
  return [
    { name: 'wait', short: 'w', description: `Follow the app's state until it is ${goal}; fail if it ends FAILED` },
    { name: 'timeout', value: '<duration>', description: `How long --wait waits, e.g. 90s, 5m (default ${DEFAULT_TIMEOUT})` },
  ];
}

export function parseDuration(text: string): number {
  const match = /^(\d+)(s|m|h)?$/.exec(text.trim());
  const amount = match ? Number(match[1]) : NaN;
  if (!match || !(amount > 0)) throw new UsageError(`--timeout must be a duration such as 90s, 5m or 1h (got "${text}")`);
  return amount * { s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
}

/** Reads --wait/--timeout; call before any request so bad values are usage errors. */
export function readWait(ctx: CommandContext): { wait: boolean; timeoutMs: number } {
  const timeout = ctx.option('timeout');
  if (timeout !== undefined && !ctx.flag('wait')) throw new UsageError('--timeout only makes sense with --wait');
  return { wait: ctx.flag('wait'), timeoutMs: parseDuration(timeout ?? DEFAULT_TIMEOUT) };
}

export function waitFor(
  ctx: CommandContext,
  appId: string,
  goal: GoalState,
  timeoutMs: number,
  initial?: App,
  more: Pick<WaitOptions, 'until' | 'describe'> = {},
): Promise<App | null> {
  return waitForState({
    ...more,
    appId,
    goal,
    initial,
    fetchApp: () => ctx.api.findApp(appId),
    sleep: ctx.io.sleep,
    now: ctx.io.now,
    progress: createProgress(ctx.io.stderr, ctx.io.now),
    timeoutMs,
  });
}
