import type { CommandSpec } from '../command.ts';
import { ACCESS_OPTIONS, createAndShowApp, LABEL_OPTION, NAME_REGION_OPTIONS, readAccess, readNameRegion } from './create-app.ts';
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
import { readWait, waitOptions } from './wait-option.ts';

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
    ...NAME_REGION_OPTIONS,
    ...ENV_OPTIONS,
    ...RUNTIME_OPTIONS,
    { name: 'replicas', value: '<n>', description: `Replicas sharing the traffic, 1 to ${MAX_REPLICAS} (default 1)` },
    LABEL_OPTION,
    ...ACCESS_OPTIONS,
    ...waitOptions('RUNNING'),
  ],
  trailing: COMMAND_TRAILING,
  examples: [
    'tollgate app run infrastructureascode/hello-world --name hello --region GRA -l env=dev --wait',
    'tollgate app run tollgate/echo --name echo --region GRA -e MODE=fast --secret-env API_KEY --replicas 2 -- node server.js --verbose',
  ],
  async run(ctx) {
    const { name, region } = readNameRegion(ctx);
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
    Object.assign(spec, readAccess(ctx));
    const { wait, timeoutMs } = readWait(ctx);

    await createAndShowApp(ctx, spec, { wait, timeoutMs });
  },
};
