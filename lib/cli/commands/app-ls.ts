import { asApp } from '../app-schema.ts';
import { appsTable } from '../app-views.ts';
import { CliError } from '../cli-errors.ts';
import type { CommandSpec } from '../command.ts';

export const appLs: CommandSpec = {
  group: 'app',
  name: 'ls',
  aliases: ['list'],
  summary: 'List the apps the token can see',
  usage: '[-l <selector>]',
  description: 'Platform labels (ovh/*) are left out of the LABELS column; json and yaml show every label.',
  positionals: [],
  options: [
    {
      name: 'selector',
      short: 'l',
      value: '<selector>',
      multiple: true,
      description: 'Only apps matching this label selector, e.g. env=prod,tier in (web,api); repeat to AND',
    },
  ],
  examples: ['tollgate app ls', "tollgate app ls -l 'env=prod,team!=ml'", 'tollgate app ls -o json'],
  async run(ctx) {
    const selectors = ctx.options('selector');
    const selector = selectors.length > 0 ? selectors.join(',') : undefined;
    const raw = await ctx.api.listApps(selector);
    if (ctx.output.format === 'table' && raw.length === 0) {
      ctx.io.stderr.write(selector === undefined ? 'No apps found.\n' : `No apps match ${selector}.\n`);
      return;
    }
    ctx.output.print(raw, () =>
      appsTable(
        raw.map((item) => {
          const app = asApp(item);
          if (!app) throw new CliError('unexpected answer to GET /v1/app: an item is not an app');
          return app;
        }),
        ctx.io.now(),
      ),
    );
  },
};
