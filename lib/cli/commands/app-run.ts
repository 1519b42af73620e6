import { UsageError } from '../cli-errors.ts';
import type { CommandSpec } from '../command.ts';
import { printApp } from './print-app.ts';
import {
  COMMAND_TRAILING,
  ENV_OPTIONS,
  parseCpu,
  parseLabels,
  parseMemory,
  parsePort,
  parseReplicas,
  readCommand,
  readEnvVars,
  RUNTIME_OPTIONS,
} from './spec-options.ts';
import { readWait, waitFor, waitOptions } from './wait-option.ts';

// The API's bound; the server checks it too.
const MAX_REPLICAS = 10;

export const appRun: CommandSpec = {
  group: 'app',
  name: 'run',
  summary: 'Deploy a new app from an image',
  usage: '<image> --name <name> --region <region> [-e NAME=value]… [--port <port>] [--replicas <n>] [-l key=value]… [--wait] [-- <command> [args…]]',
  description: [
    'Labels under ovh/ belong to the platform: the server sets ovh/id and ovh/type itself and drops any given.',
    'A secret env var given as NAME alone takes its value from your environment, so it stays out of shell history.',
  ].join('\n'),
  positionals: [{ name: 'image' }],
  options: [
    { name: 'name', value: '<name>', description: 'App name (required)' },
    { name: 'region', value: '<region>', description: 'Region code, e.g. GRA (required)' },
    ...ENV_OPTIONS,
    ...RUNTIME_OPTIONS,
    { name: 'replicas', value: '<n>', description: `Replicas sharing the traffic, 1 to ${MAX_REPLICAS} (default 1)` },
    { name: 'label', short: 'l', value: '<key=value>', multiple: true, description: 'A label; repeat for more' },
    { name: 'unsecure-http', aliases: ['unsecure'], description: 'Let anyone query the app without a token (also --unsecure)' },
    { name: 'no-panel-users', description: "Panel members open it with a token too (default: they may sign in with their account)" },
    ...waitOptions('RUNNING'),
  ],
  trailing: COMMAND_TRAILING,
  examples: [
    'tollgate app run infrastructureascode/hello-world --name hello --region GRA -l env=dev --wait',
    'tollgate app run tollgate/echo --name echo --region GRA -e MODE=fast --secret-env API_KEY --replicas 2 -- node server.js --verbose',
  ],
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
    const command = readCommand(ctx);
    if (command) spec.command = command;
    const envVars = readEnvVars(ctx);
    if (envVars.length > 0) spec.envVars = envVars;
    const port = ctx.option('port');
    if (port !== undefined) spec.defaultHttpPort = parsePort(port);
    const probePath = ctx.option('probe-path');
    const probePort = ctx.option('probe-port');
    if (probePath !== undefined || probePort !== undefined) {
      spec.probe = { ...(probePath !== undefined ? { path: probePath } : {}), ...(probePort !== undefined ? { port: parsePort(probePort, '--probe-port') } : {}) };
    }
    const cpu = ctx.option('cpu');
    const memory = ctx.option('memory');
    if (cpu !== undefined || memory !== undefined) {
      spec.resources = { ...(cpu !== undefined ? { cpu: parseCpu(cpu) } : {}), ...(memory !== undefined ? { memoryMiB: parseMemory(memory) } : {}) };
    }
    const replicas = ctx.option('replicas');
    if (replicas !== undefined) spec.scalingStrategy = { fixed: { replicas: parseReplicas(replicas, MAX_REPLICAS) } };
    if (ctx.flag('unsecure-http')) spec.unsecureHttp = true;
    if (ctx.flag('no-panel-users')) spec.allowPanelUsers = false;
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
