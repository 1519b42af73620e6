import type { CommandSpec } from '../command.ts';
import { printApp } from './print-app.ts';

export const appGet: CommandSpec = {
  group: 'app',
  name: 'get',
  summary: "Show one app: spec, state, URL and state history",
  usage: '<id>',
  positionals: [{ name: 'id' }],
  options: [],
  examples: ['tollgate app get 3f8c…', 'tollgate app get 3f8c… -o yaml'],
  async run(ctx) {
    printApp(ctx, await ctx.api.getApp(ctx.arg('id')!));
  },
};
