import { CliError } from '../cli-errors.ts';
import { terminalSafe } from '../format-table.ts';
import type { CommandSpec } from '../command.ts';

export const appUrl: CommandSpec = {
  group: 'app',
  name: 'url',
  summary: "Print an app's URL",
  usage: '<id>',
  description: 'Prints just the URL, for scripts: curl -H "Authorization: Bearer $TOLLGATE_TOKEN" "$(tollgate app url <id>)"',
  positionals: [{ name: 'id' }],
  options: [],
  async run(ctx) {
    const app = await ctx.api.getApp(ctx.arg('id')!);
    const url = app.status.url;
    if (!url) throw new CliError(`app ${app.id} has no URL yet`);
    ctx.output.print({ id: app.id, url }, () => `${terminalSafe(url)}\n`);
  },
};
