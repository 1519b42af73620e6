import { UsageError } from '../cli-errors.ts';
import type { CommandSpec } from '../command.ts';
import { printApp } from './print-app.ts';
import { readWait, waitFor, waitOptions } from './wait-option.ts';

function parseLabels(values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`-l/--label takes key=value (got "${value}")`);
    const key = value.slice(0, eq);
    if (Object.hasOwn(labels, key)) throw new UsageError(`label ${key} is given twice`);
    labels[key] = value.slice(eq + 1);
  }
  return labels;
}

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new UsageError(`--port must be a port number from 1 to 65535 (got "${text}")`);
  return port;
}

export const appRun: CommandSpec = {
  group: 'app',
  name: 'run',
  summary: 'Deploy a new app from an image',
  usage: '<image> --name <name> --region <region> [-l key=value]… [--port <port>] [--unsecure-http] [--wait]',
  description: 'Labels under ovh/ belong to the platform: the server sets ovh/id and ovh/type itself and drops any given.',
  positionals: [{ name: 'image' }],
  options: [
    { name: 'name', value: '<name>', description: 'App name (required)' },
    { name: 'region', value: '<region>', description: 'Region code, e.g. GRA (required)' },
    { name: 'label', short: 'l', value: '<key=value>', multiple: true, description: 'A label; repeat for more' },
    { name: 'port', value: '<port>', description: 'Port the app listens on (server default 8080)' },
    { name: 'unsecure-http', description: 'Let anyone query the app without a token' },
    ...waitOptions('RUNNING'),
  ],
  examples: ['tollgate app run infrastructureascode/hello-world --name hello --region GRA -l env=dev --wait'],
  async run(ctx) {
    const name = ctx.option('name');
    const region = ctx.option('region');
    if (name === undefined || name.trim() === '') throw new UsageError('--name is required');
    if (region === undefined || region.trim() === '') throw new UsageError('--region is required');
    const spec: Record<string, unknown> = {
      name,
      image: ctx.arg('image'),
      region,
      labels: parseLabels(ctx.options('label')),
    };
    const port = ctx.option('port');
    if (port !== undefined) spec.defaultHttpPort = parsePort(port);
    if (ctx.flag('unsecure-http')) spec.unsecureHttp = true;
    const { wait, timeoutMs } = readWait(ctx);

    let app = await ctx.api.createApp(spec);
    const replaced = app.status.replacedLabels ?? [];
    if (replaced.length > 0) {
      ctx.io.stderr.write(`note: labels under ovh/ are set by the platform; ignored ${replaced.join(', ')}\n`);
    }
    if (wait) app = (await waitFor(ctx, app.id, 'RUNNING', timeoutMs, app)) ?? app;
    printApp(ctx, app);
  },
};
