// What `app run` and `app add-external` share: the options that name and place the new app and
// say who may open it, and what happens once the server has it.

import { UsageError } from '../cli-errors.ts';
import type { CommandContext } from '../command.ts';
import type { OptionSpec } from '../parse-args.ts';
import { printApp } from './print-app.ts';
import { waitFor } from './wait-option.ts';

export const NAME_REGION_OPTIONS: OptionSpec[] = [
  { name: 'name', value: '<name>', description: 'App name (required)' },
  { name: 'region', value: '<region>', description: 'Region code, e.g. GRA (required)' },
];

export const LABEL_OPTION: OptionSpec = { name: 'label', short: 'l', value: '<key=value>', multiple: true, description: 'A label; repeat for more' };

export const ACCESS_OPTIONS: OptionSpec[] = [
  { name: 'unsecure-http', aliases: ['unsecure'], description: 'Let anyone query the app without a token (also --unsecure)' },
  { name: 'no-panel-users', description: "Panel members open it with a token too (default: they may sign in with their account)" },
];

/** --name and --region, both required. */
export function readNameRegion(ctx: CommandContext): { name: string; region: string } {
  const name = ctx.option('name');
  const region = ctx.option('region');
  if (name === undefined || name.trim() === '') throw new UsageError('--name is required');
  if (region === undefined || region.trim() === '') throw new UsageError('--region is required');
  return { name, region };
}

/** --unsecure-http and --no-panel-users as spec fields; none when not given (the server's defaults). */
export function readAccess(ctx: CommandContext): { unsecureHttp?: true; allowPanelUsers?: false } {
  return {
    ...(ctx.flag('unsecure-http') ? { unsecureHttp: true as const } : {}),
    ...(ctx.flag('no-panel-users') ? { allowPanelUsers: false as const } : {}),
  };
}

/** Creates the app, notes the ovh/ labels the server ignored, follows it to RUNNING when asked, prints it. */
export async function createAndShowApp(ctx: CommandContext, spec: Record<string, unknown>, { wait, timeoutMs }: { wait: boolean; timeoutMs: number }): Promise<void> {
  let app = await ctx.api.createApp(spec);
  const replaced = app.status.replacedLabels ?? [];
  if (replaced.length > 0) {
    ctx.io.stderr.write(`note: labels under ovh/ are set by the platform; ignored ${replaced.join(', ')}\n`);
  }
  if (wait) app = (await waitFor(ctx, app.id, 'RUNNING', timeoutMs, app)) ?? app;
  printApp(ctx, app);
}
