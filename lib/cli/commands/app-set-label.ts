import { UsageError } from '../cli-errors.ts';
import type { CommandSpec } from '../command.ts';
import { printApp } from './print-app.ts';

export const appSetLabel: CommandSpec = {
  group: 'app',
  name: 'set-label',
  summary: 'Set (or remove) one label of an app',
  usage: '<id> <name> <value> | <id> <name> --remove',
  description: 'Labels under ovh/ belong to the platform and cannot be changed.',
  positionals: [{ name: 'id' }, { name: 'name' }, { name: 'value', optional: true }],
  options: [{ name: 'remove', description: 'Remove the label instead of setting it' }],
  examples: ['tollgate app set-label 3f8c… env prod', 'tollgate app set-label 3f8c… env --remove'],
  async run(ctx) {
    const value = ctx.arg('value');
    const remove = ctx.flag('remove');
    if (remove && value !== undefined) throw new UsageError('give either a <value> or --remove, not both');
    if (!remove && value === undefined) throw new UsageError('missing <value> (or --remove to remove the label)');
    printApp(ctx, await ctx.api.setLabel(ctx.arg('id')!, ctx.arg('name')!, remove ? null : value!));
  },
};
