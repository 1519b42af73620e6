import type { CommandSpec } from '../command.ts';
import { printApp } from './print-app.ts';
import { readWait, waitFor, waitOptions } from './wait-option.ts';

export const appStart: CommandSpec = {
  group: 'app',
  name: 'start',
  summary: 'Start a stopped app',
  usage: '<id> [--wait]',
  positionals: [{ name: 'id' }],
  options: waitOptions('RUNNING'),
  examples: ['tollgate app start 3f8c… --wait'],
  async run(ctx) {
    const id = ctx.arg('id')!;
    const { wait, timeoutMs } = readWait(ctx);
    let app = await ctx.api.startApp(id);
    if (wait) app = (await waitFor(ctx, app.id, 'RUNNING', timeoutMs, app)) ?? app;
    printApp(ctx, app);
  },
};
