import { upstreamUrlProblem } from '../../panel/upstream-url.ts';
import { UsageError } from '../cli-errors.ts';
import type { CommandSpec } from '../command.ts';
import { ACCESS_OPTIONS, createAndShowApp, LABEL_OPTION, NAME_REGION_OPTIONS, readAccess, readNameRegion } from './create-app.ts';
import { parseLabels } from './spec-options.ts';
import { readWait, waitOptions } from './wait-option.ts';

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
    ...NAME_REGION_OPTIONS,
    LABEL_OPTION,
    { name: 'preserve-host', description: "Send the app host's own Host header rather than the upstream URL's" },
    {
      name: 'tls-skip-verify',
      description: "Accept any certificate from an https upstream (a self-signed one): a man-in-the-middle's too",
    },
    { name: 'probe-path', value: '<path>', description: 'Health check path on the upstream (default /)' },
    ...ACCESS_OPTIONS,
    ...waitOptions('RUNNING'),
  ],
  examples: [
    'tollgate app add-external --url http://10.0.0.5:7860 --name gradio --region GRA -l group=A --wait',
    'TOLLGATE_URL=https://tollgate.example tollgate app add-external --url https://wiki.internal --name wiki --region GRA --tls-skip-verify',
  ],
  async run(ctx) {
    const url = ctx.option('url');
    if (url === undefined || url.trim() === '') throw new UsageError('--url is required: the URL where the app already answers');
    const problem = upstreamUrlProblem(url);
    if (problem) throw new UsageError(`--url: ${problem}`);
    const { name, region } = readNameRegion(ctx);
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
    Object.assign(spec, readAccess(ctx));
    if (ctx.flag('tls-skip-verify')) {
      ctx.io.stderr.write(`warning: --tls-skip-verify: Tollgate accepts any certificate from ${url.trim()}, a man-in-the-middle's too\n`);
    }

    await createAndShowApp(ctx, spec, { wait, timeoutMs });
  },
};
