// How apps look in table output: the `app ls` table and the `app get` details.

import type { App } from './app-schema.ts';
import { formatAge } from './format-age.ts';
import { renderKeyValues, renderTable, terminalSafe } from './format-table.ts';
import { joinShellWords } from '../panel/shell-words.ts';

const PLATFORM_PREFIX = 'ovh/';

/** `key=value` strings, the user's labels first; the platform's (ovh/*) last, or left out. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined, options: { platform: boolean }): string[] {
  const entries = Object.entries(labels ?? {});
  const isPlatform = ([key]: [string, string]) => key.startsWith(PLATFORM_PREFIX);
  return [...entries.filter((e) => !isPlatform(e)), ...(options.platform ? entries.filter(isPlatform) : [])].map(
    ([key, value]) => `${key}=${value}`,
  );
}

export function appsTable(apps: readonly App[], now: number): string {
  return renderTable(
    ['ID', 'NAME', 'IMAGE', 'REGION', 'STATE', 'LABELS', 'URL', 'AGE'],
    apps.map((app) => [
      app.id,
      app.spec.name,
      app.spec.upstreamUrl ? `external: ${app.spec.upstreamUrl}` : (app.spec.image ?? ''),
      app.spec.region,
      app.status.state,
      formatLabels(app.spec.labels, { platform: false }).join(','),
      app.status.url ?? '',
      formatAge(app.createdAt, now),
    ]),
  );
}

function when(date: string | undefined, now: number): string {
  if (date === undefined) return '';
  const age = formatAge(date, now);
  return age === '' ? date : `${date} (${age} ago)`;
}

type Row = readonly [string, string | readonly string[]];

/** The runtime rows a server sends (an older one sends fewer: those rows are left out). */
function runtimeRows(app: App): Row[] {
  const { spec, status } = app;
  const rows: Row[] = [];
  if (spec.command !== undefined) rows.push(['Command', spec.command ? joinShellWords(spec.command) : "(the image's own)"]);
  if (spec.envVars !== undefined) {
    rows.push(['Env vars', spec.envVars.map((env) => (env.secret ? `${env.name}=•••• (secret)` : `${env.name}=${env.value ?? ''}`))]);
  }
  rows.push(['Port', spec.defaultHttpPort === undefined ? '' : String(spec.defaultHttpPort)]);
  if (spec.probe) rows.push(['Health check', `GET ${spec.probe.path} on port ${spec.probe.port}`]);
  if (spec.resources) {
    rows.push(['CPU', spec.resources.cpu === null ? 'no limit' : `${spec.resources.cpu} per replica`]);
    rows.push(['Memory', spec.resources.memoryMiB === null ? 'no limit' : `${spec.resources.memoryMiB} MiB per replica`]);
  }
  if (status.replicas) rows.push(['Replicas', `${status.replicas.ready}/${status.replicas.desired} ready`]);
  if (status.generation !== undefined) rows.push(['Generation', String(status.generation)]);
  return rows;
}

function indented(text: string): string {
  return text.replace(/^(?=.)/gm, '  ');
}

/** An external app: where it runs and how Tollgate reaches it. */
function upstreamRows(app: App, upstreamUrl: string): Row[] {
  const { spec } = app;
  const https = upstreamUrl.toLowerCase().startsWith('https:');
  return [
    ['Host header', spec.preserveHost ? "preserved (the app host's)" : "the upstream URL's"],
    ['TLS verification', spec.tlsSkipVerify ? 'SKIPPED (any certificate is accepted, a man-in-the-middle\'s too)' : https ? 'on' : 'none (http)'],
    ...(spec.probe ? [['Health check', `GET ${spec.probe.path}`] as const] : []),
  ];
}

export function appDetails(app: App, now: number): string {
  const spec = app.spec;
  const upstreamUrl = spec.upstreamUrl ?? null;
  const details = renderKeyValues([
    ['ID', app.id],
    ['Name', spec.name],
    ...(upstreamUrl ? [['Upstream URL', upstreamUrl] as const] : [['Image', spec.image ?? ''] as const]),
    ...(app.status.imageDigest ? [['Image digest', app.status.imageDigest] as const] : []),
    ['Region', spec.region],
    ['State', app.status.state],
    ...(app.status.info ? [['Status', app.status.info] as const] : []),
    ['URL', app.status.url ?? ''],
    ...(upstreamUrl ? upstreamRows(app, upstreamUrl) : runtimeRows(app)),
    ['Unsecure HTTP', spec.unsecureHttp === undefined ? '' : spec.unsecureHttp ? 'yes (anyone can query it)' : 'no'],
    ...(spec.allowPanelUsers === undefined ? [] : [['Panel members', spec.allowPanelUsers ? 'may open it signed in (Sign in with Tollgate)' : 'need a token'] as const]),
    ['Labels', formatLabels(spec.labels, { platform: true })],
    ['Created', when(app.createdAt, now)],
    ['Updated', when(app.updatedAt, now)],
  ]);
  const output = app.status.lastOutput ?? [];
  // What the app printed before failing, one terminal-safe line each.
  const lastOutput = output.length > 0 ? `\nLast output:\n${indented(output.map((line) => `${terminalSafe(line)}\n`).join(''))}` : '';
  const history = app.status.history ?? [];
  if (history.length === 0) return details + lastOutput;
  const table = renderTable(
    ['DATE', 'STATE', 'REASON'],
    history.map((entry) => [entry.date, entry.state, entry.reason ?? '']),
  );
  return `${details}${lastOutput}\nHistory:\n${indented(table)}`;
}
