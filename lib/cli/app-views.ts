// How apps look in table output: the `app ls` table and the `app get` details.

import type { App } from './app-schema.ts';
import { formatAge } from './format-age.ts';
import { renderKeyValues, renderTable } from './format-table.ts';

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
      app.spec.image,
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

export function appDetails(app: App, now: number): string {
  const spec = app.spec;
  const details = renderKeyValues([
    ['ID', app.id],
    ['Name', spec.name],
    ['Image', spec.image],
    ['Region', spec.region],
    ['State', app.status.state],
    ['URL', app.status.url ?? ''],
    ['Port', spec.defaultHttpPort === undefined ? '' : String(spec.defaultHttpPort)],
    ['Unsecure HTTP', spec.unsecureHttp === undefined ? '' : spec.unsecureHttp ? 'yes (anyone can query it)' : 'no'],
    ['Labels', formatLabels(spec.labels, { platform: true })],
    ['Created', when(app.createdAt, now)],
    ['Updated', when(app.updatedAt, now)],
  ]);
  const history = app.status.history ?? [];
  if (history.length === 0) return details;
  const table = renderTable(
    ['DATE', 'STATE', 'REASON'],
    history.map((entry) => [entry.date, entry.state, entry.reason ?? '']),
  );
  return `${details}\nHistory:\n${table.replace(/^(?=.)/gm, '  ')}`;
}
