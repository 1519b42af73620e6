import type { CommandSpec } from '../command.ts';
import { printApp } from './print-app.ts';
import { readWait, waitFor, waitOptions } from './wait-option.ts';

export const appStop: CommandSpec = {
  group: 'app',
  name: 'stop',
  summary: 'Stop a running app',
  usage: '<id> [--wait]',
  positionals: [{ name: 'id' }],
  options: waitOptions('STOPPED'),
  examples: ['tollgate app stop 3f8c… --wait'],
  async run(ctx) {
    const id = ctx.arg('id')!;
    const { wait, timeoutMs } = readWait(ctx);
    let app = await ctx.api.stopApp(id);
    if (wait) app = (await waitFor(ctx, app.id, 'STOPPED', timeoutMs, app)) ?? app;
    printApp(ctx, app);
  },
};
