import { CliError, UsageError } from '../cli-errors.ts';
import { terminalSafe } from '../format-table.ts';
import type { CommandSpec } from '../command.ts';
import { readWait, waitFor, waitOptions } from './wait-option.ts';

export const appDelete: CommandSpec = {
  group: 'app',
  name: 'delete',
  aliases: ['rm'],
  summary: 'Delete an app',
  usage: '<id> [--yes] [--wait]',
  description: 'Asks for confirmation on a terminal; scripts pass --yes.',
  positionals: [{ name: 'id' }],
  options: [{ name: 'yes', short: 'y', description: 'Do not ask for confirmation' }, ...waitOptions('DELETED')],
  examples: ['tollgate app delete 3f8c…', 'tollgate app delete 3f8c… --yes --wait'],
  async run(ctx) {
    const id = ctx.arg('id')!;
    const { wait, timeoutMs } = readWait(ctx);
    if (!ctx.flag('yes')) {
      if (!ctx.io.interactive) throw new UsageError('no terminal to confirm on: pass --yes to delete');
      const app = await ctx.api.getApp(id);
      const answer = await ctx.io.prompt(`Delete app "${terminalSafe(app.spec.name)}" (${app.id})? This cannot be undone. [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('not deleted');
    }

    const answered = await ctx.api.deleteApp(id);
    let state = answered?.status.state ?? 'DELETING';
    if (wait) {
      const final = await waitFor(ctx, id, 'DELETED', timeoutMs, answered ?? undefined);
      state = final?.status.state ?? 'DELETED';
    }
    ctx.output.print({ id, state }, () => (state === 'DELETED' ? `app ${id} deleted\n` : `app ${id} is being deleted (${state})\n`));
  },
};
