import { UsageError } from '../cli-errors.ts';
import type { CommandSpec } from '../command.ts';
import { describeRollout, rolledOut } from '../wait-for-rollout.ts';
import { printApp } from './print-app.ts';
import { readWait, waitFor, waitOptions } from './wait-option.ts';

export const appScale: CommandSpec = {
  group: 'app',
  name: 'scale',
  summary: 'Set how many replicas an app runs (1 to 10)',
  usage: '<id> <replicas> [--wait]',
  positionals: [{ name: 'id' }, { name: 'replicas' }],
  options: waitOptions('running with every replica ready'),
  examples: ['tollgate app scale 3f8c… 3 --wait'],
  async run(ctx) {
    const id = ctx.arg('id')!;
    const text = ctx.arg('replicas')!;
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 10) throw new UsageError(`<replicas> must be a whole number from 1 to 10, got "${text}"`);
    const { wait, timeoutMs } = readWait(ctx);
    let app = await ctx.api.scaleApp(id, Number(text));
    if (wait) app = (await waitFor(ctx, app.id, 'RUNNING', timeoutMs, app, { until: rolledOut, describe: describeRollout })) ?? app;
    printApp(ctx, app);
  },
};
