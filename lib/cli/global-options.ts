// Options every command accepts, and how they (with the environment) become settings.

import { UsageError } from './cli-errors.ts';
import type { OptionSpec } from './parse-args.ts';

export const DEFAULT_URL = 'http://localhost:3000';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'url', value: '<url>', description: `Tollgate server (env TOLLGATE_URL, default ${DEFAULT_URL})` },
  {
    name: 'token',
    value: '<token>',
    description: 'API token (env TOLLGATE_TOKEN, preferred: a value typed here is kept in shell history and shown by ps)',
  },
  { name: 'output', short: 'o', value: '<format>', description: 'Output format: table (default), json or yaml' },
  { name: 'help', short: 'h', description: 'Show help for the command' },
  { name: 'version', description: 'Print the version' },
];

export type TokenSource = '--token' | 'TOLLGATE_TOKEN';

export interface Settings {
  /** Base URL without a trailing slash, e.g. `http://localhost:3000` or `https://host/tollgate`. */
  baseUrl: string;
  output: OutputFormat;
  token: { value: string; source: TokenSource } | null;
}

export function resolveSettings(
  option: (name: string) => string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Settings {
  const output = option('output') ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(output)) {
    throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(', ')} (got "${output}")`);
  }

  const urlOption = option('url');
  const rawUrl = urlOption ?? nonEmpty(env.TOLLGATE_URL) ?? DEFAULT_URL;
  const baseUrl = parseBaseUrl(rawUrl, urlOption !== undefined ? '--url' : 'TOLLGATE_URL');

  const flagToken = option('token');
  const token =
    flagToken !== undefined && flagToken.trim() !== ''
      ? { value: flagToken.trim(), source: '--token' as const }
      : nonEmpty(env.TOLLGATE_TOKEN) !== undefined
        ? { value: env.TOLLGATE_TOKEN!.trim(), source: 'TOLLGATE_TOKEN' as const }
        : null;

  return { baseUrl, output: output as OutputFormat, token };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function parseBaseUrl(raw: string, from: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UsageError(`${from} is not a URL (expected something like ${DEFAULT_URL})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${from} must be an http:// or https:// URL`);
  }
  // Credentials in a URL end up in logs and error messages; the token is the credential.
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(`${from} must not contain a user name or password; pass the token with TOLLGATE_TOKEN`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError(`${from} must not contain a query string or fragment`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}
