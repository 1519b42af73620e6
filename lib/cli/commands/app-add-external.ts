import { upstreamUrlProblem } from '../../panel/upstream-url.ts';
import { UsageError } from '../cli-errors.ts';
import type { CommandSpec } from '../command.ts';
import { printApp } from './print-app.ts';
import { parseLabels } from './spec-options.ts';
import { readWait, waitFor, waitOptions } from './wait-option.ts';

export const appAddExternal: CommandSpec = {
  group: 'app',
  name: 'add-external',
  summary: 'Protect an app that already runs elsewhere: Tollgate gates its URL',
  usage: '--url <url> --name <name> --region <region> [-l key=value]… [--preserve-host] [--tls-skip-verify] [--probe-path <path>] [--unsecure] [--wait]',
  description: [
    "Tollgate does not run the app: it checks each request's token and forwards it to <url>, and shows the app",
    'RUNNING while GET on --probe-path answers, FAILED with the reason when it does not.',
    'Here --url is the app\'s URL, so the Tollgate server comes from TOLLGATE_URL.',
  ].join('\n'),
  positionals: [],
  options: [
    { name: 'url', value: '<url>', description: "The app's URL, http:// or https://, without user name or password (required)" },
    { name: 'name', value: '<name>', description: 'App name (required)' },
    { name: 'region', value: '<region>', description: 'Region code, e.g. GRA (required)' },
    { name: 'label', short: 'l', value: '<key=value>', multiple: true, description: 'A label; repeat for more' },
    { name: 'preserve-host', description: "Send the app host's own Host header rather than the upstream URL's" },
    {
      name: 'tls-skip-verify',
      description: "Accept any certificate from an https upstream (a self-signed one): a man-in-the-middle's too",
    },
    { name: 'probe-path', value: '<path>', description: 'Health check path on the upstream (default /)' },
    { name: 'unsecure-http', aliases: ['unsecure'], description: 'Let anyone query the app without a token (also --unsecure)' },
    { name: 'no-panel-users', description: "Panel members open it with a token too (default: they may sign in with their account)" },
    ...waitOptions('RUNNING'),
  ],
  examples: [
    'tollgate app add-external --url http://10.0.0.5:7860 --name gradio --region GRA -l group=A --wait',
    'TOLLGATE_URL=https://tollgate.example tollgate app add-external --url https://wiki.internal --name wiki --region GRA --tls-skip-verify',
  ],
  async run(ctx) {
    const url = ctx.option('url');
    const name = ctx.option('name');
    const region = ctx.option('region');
    if (url === undefined || url.trim() === '') throw new UsageError('--url is required: the URL where the app already answers');
    const problem = upstreamUrlProblem(url);
    if (problem) throw new UsageError(`--url: ${problem}`);
    if (name === undefined || name.trim() === '') throw new UsageError('--name is required');
    if (region === undefined || region.trim() === '') throw new UsageError('--region is required');
    const probePath = ctx.option('probe-path');
    if (probePath !== undefined && !probePath.startsWith('/')) throw new UsageError(`--probe-path must start with "/" (got "${probePath}")`);
    const { wait, timeoutMs } = readWait(ctx);
    const spec: Record<string, unknown> = {
      name,
      region,
      labels: parseLabels(ctx.options('label')),
      upstreamUrl: url.trim(),
      preserveHost: ctx.flag('preserve-host'),
      tlsSkipVerify: ctx.flag('tls-skip-verify'),
    };
    if (probePath !== undefined) spec.probe = { path: probePath };
    if (ctx.flag('unsecure-http')) spec.unsecureHttp = true;
    if (ctx.flag('no-panel-users')) spec.allowPanelUsers = false;
    if (ctx.flag('tls-skip-verify')) {
      ctx.io.stderr.write(`warning: --tls-skip-verify: Tollgate accepts any certificate from ${url.trim()}, a man-in-the-middle's too\n`);
    }

    let app = await ctx.api.createApp(spec);
    const replaced = app.status.replacedLabels ?? [];
    if (replaced.length > 0) {
      ctx.io.stderr.write(`note: labels under ovh/ are set by the platform; ignored ${replaced.join(', ')}\n`);
    }
    if (wait) app = (await waitFor(ctx, app.id, 'RUNNING', timeoutMs, app)) ?? app;
    printApp(ctx, app);
  },
};
