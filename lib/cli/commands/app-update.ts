import type { App } from '../app-schema.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { CliError, UsageError } from '../cli-errors.ts';
import { describeRollout, rolledOut } from '../wait-for-rollout.ts';
import { printApp } from './print-app.ts';
import { COMMAND_TRAILING, ENV_OPTIONS, parseCpu, parseMemory, parsePort, readCommand, readEnvVars, RUNTIME_OPTIONS } from './spec-options.ts';
import { readWait, waitFor, waitOptions } from './wait-option.ts';

/** --cpu/--memory on update: a value, or `none` to lift the limit. */
function limit<T>(text: string | undefined, parse: (text: string) => T): T | null | undefined {
  if (text === undefined) return undefined;
  return text === 'none' ? null : parse(text);
}

/**
 * The probe and resources are replaced whole by the API: when only one of their two options
 * is given, the other keeps the value the app has now (read first), rather than its default.
 */
function merged(current: App | null, probePath?: string, probePort?: number, cpu?: number | null, memoryMiB?: number | null) {
  const body: Record<string, unknown> = {};
  if (probePath !== undefined || probePort !== undefined) {
    const probe = current?.spec.probe;
    // A probe port equal to the app's port follows the port: leave it out.
    const keptPort = probe && probe.port !== current?.spec.defaultHttpPort ? probe.port : undefined;
    const port = probePort ?? keptPort;
    body.probe = { path: probePath ?? probe?.path ?? '/', ...(port !== undefined ? { port } : {}) };
  }
  if (cpu !== undefined || memoryMiB !== undefined) {
    const now = current?.spec.resources;
    const resources = { cpu: cpu === undefined ? (now?.cpu ?? null) : cpu, memoryMiB: memoryMiB === undefined ? (now?.memoryMiB ?? null) : memoryMiB };
    body.resources = Object.fromEntries(Object.entries(resources).filter(([, value]) => value !== null));
  }
  return body;
}

function readBody(ctx: CommandContext) {
  const body: Record<string, unknown> = {};
  const image = ctx.option('image');
  if (image !== undefined) body.image = image;
  const command = readCommand(ctx);
  if (command !== undefined) body.command = command;
  const envVars = [...readEnvVars(ctx), ...ctx.options('keep-secret').map((name) => ({ name, secret: true }))];
  if (ctx.flag('clear-env') && envVars.length > 0) throw new UsageError('give --clear-env or env vars, not both');
  if (envVars.length > 0 || ctx.flag('clear-env')) body.envVars = envVars;
  const port = ctx.option('port');
  if (port !== undefined) body.defaultHttpPort = parsePort(port);
  const panelUsers = ctx.option('panel-users');
  if (panelUsers !== undefined) {
    if (panelUsers !== 'on' && panelUsers !== 'off') throw new UsageError(`--panel-users takes on or off, not "${panelUsers}"`);
    body.allowPanelUsers = panelUsers === 'on';
  }
  const probePort = ctx.option('probe-port');
  const partial = {
    probePath: ctx.option('probe-path'),
    probePort: probePort === undefined ? undefined : parsePort(probePort, '--probe-port'),
    cpu: limit(ctx.option('cpu'), parseCpu),
    memoryMiB: limit(ctx.option('memory'), parseMemory),
  };
  const { probePath, cpu, memoryMiB } = partial;
  // Only one of a pair given: the other is read from the app.
  const needsCurrent = (probePath === undefined) !== (partial.probePort === undefined) || (cpu === undefined) !== (memoryMiB === undefined);
  return { body, partial, needsCurrent };
}

export const appUpdate: CommandSpec = {
  group: 'app',
  name: 'update',
  summary: 'Change what an app runs (image, command, env vars, port, health check, limits)',
  usage: '<id> [--image <image>] [-e NAME=value]… [--port <port>] [--cpu <cores>] [--memory <MiB>] [--wait] [-- <command> [args…]]',
  description: [
    'A running app gets a rolling update: new replicas start and pass their health check before the old ones stop.',
    'Env vars given here REPLACE the app\'s list: name every var the app should keep. A secret keeps its',
    'value with --keep-secret NAME. Options left out keep their value; "--" alone goes back to the image\'s command.',
  ].join('\n'),
  positionals: [{ name: 'id' }],
  options: [
    { name: 'image', value: '<image>', description: 'The image to run' },
    ...ENV_OPTIONS,
    { name: 'keep-secret', value: '<NAME>', multiple: true, description: 'Keep an existing secret env var with its value, in the new list' },
    { name: 'clear-env', description: 'Remove every env var' },
    { name: 'panel-users', value: 'on|off', description: 'Whether panel members may open the app signed in, without a token (no rollout)' },
    ...RUNTIME_OPTIONS.map((option) =>
      option.name === 'cpu' || option.name === 'memory' ? { ...option, description: `${option.description.replace(/ \(default: none\)$/, '')}; none lifts it` } : option,
    ),
    ...waitOptions('rolled out (RUNNING, every replica ready)'),
  ],
  trailing: COMMAND_TRAILING,
  examples: [
    'tollgate app update 3f8c… --image tollgate/echo --wait',
    'tollgate app update 3f8c… -e MODE=fast --keep-secret API_KEY --memory 512',
    'tollgate app update 3f8c… -- python app.py --port 8080',
  ],
  async run(ctx) {
    const id = ctx.arg('id')!;
    const { body, partial, needsCurrent } = readBody(ctx);
    const any = Object.keys(body).length > 0 || Object.values(partial).some((value) => value !== undefined);
    if (!any) throw new UsageError('nothing to change: give --image, --env, --port, --cpu, --memory, a health check option, --panel-users or -- <command>');
    const { wait, timeoutMs } = readWait(ctx);

    const current = needsCurrent ? await ctx.api.getApp(id) : null;
    Object.assign(body, merged(current, partial.probePath, partial.probePort, partial.cpu, partial.memoryMiB));
    let app = await ctx.api.updateApp(id, body);
    if (wait) {
      app = (await waitFor(ctx, app.id, 'RUNNING', timeoutMs, app, { until: rolledOut, describe: describeRollout })) ?? app;
      // The previous generation keeps serving, but what was asked for did not happen: a failure.
      if (app.status.rollout === 'failed') throw new CliError(`the rollout of generation ${app.status.generation ?? '?'} failed: ${app.status.info ?? 'no reason given'}`);
    }
    printApp(ctx, app);
  },
};
