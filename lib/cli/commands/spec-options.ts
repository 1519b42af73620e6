// The options `app run` and `app update` share to say what runs (env vars, port, health check,
// limits), and their parsing into the API's field names. Bad values are usage errors, so a
// typo is reported before anything is sent.

import { UsageError } from '../cli-errors.ts';
import type { CommandContext } from '../command.ts';
import type { OptionSpec } from '../parse-args.ts';

export interface EnvVarInput {
  name: string;
  value?: string;
  secret: boolean;
}

export const ENV_OPTIONS: OptionSpec[] = [
  {
    name: 'env',
    short: 'e',
    value: '<NAME=value>',
    multiple: true,
    description: 'An env var; NAME alone takes the value from your environment. Repeat for more',
  },
  {
    name: 'secret-env',
    value: '<NAME=value>',
    multiple: true,
    description: 'A secret env var, never shown again; NAME alone (preferred) takes the value from your environment, out of shell history',
  },
];

export const RUNTIME_OPTIONS: OptionSpec[] = [
  { name: 'port', value: '<port>', description: 'Port the app listens on (server default 8080)' },
  { name: 'probe-path', value: '<path>', description: 'Health check path: a replica is ready once GET on it answers 2xx/3xx (default /)' },
  { name: 'probe-port', value: '<port>', description: "Health check port (default: the app's port)" },
  { name: 'cpu', value: '<cores>', description: 'CPU limit per replica, e.g. 0.5 (default: none)' },
  { name: 'memory', value: '<MiB>', description: 'Memory limit per replica in MiB, at least 16 (default: none)' },
];

export const COMMAND_TRAILING = {
  name: '-- <command> [args…]',
  description: "Everything after -- is the app's command, one argument per word (default: the image's own)",
};

/** --env and --secret-env, in order, secrets after plain ones; a name given twice is refused. */
export function readEnvVars(ctx: CommandContext): EnvVarInput[] {
  const seen = new Set<string>();
  const read = (option: string, secret: boolean) =>
    ctx.options(option).map((text) => {
      const eq = text.indexOf('=');
      const name = eq === -1 ? text : text.slice(0, eq);
      if (name === '') throw new UsageError(`--${option} takes NAME=value or NAME (got "${eq === -1 ? text : `${text.slice(0, eq + 1)}…`}")`);
      if (seen.has(name)) throw new UsageError(`env var ${name} is given twice`);
      seen.add(name);
      const value = eq === -1 ? ctx.io.env[name] : text.slice(eq + 1);
      if (value === undefined) throw new UsageError(`--${option} ${name}: there is no ${name} in your environment to take the value from`);
      return { name, value, secret };
    });
  return [...read('env', false), ...read('secret-env', true)];
}

export function parsePort(text: string, option = '--port'): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new UsageError(`${option} must be a port number from 1 to 65535 (got "${text}")`);
  return port;
}

function parseNumber(text: string, option: string, check: (n: number) => boolean, expected: string): number {
  const number = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : NaN;
  if (!check(number)) throw new UsageError(`${option} must be ${expected} (got "${text}")`);
  return number;
}

export function parseCpu(text: string): number {
  return parseNumber(text, '--cpu', (n) => n > 0 && n <= 64, 'a number of cores above 0, at most 64');
}

export function parseMemory(text: string): number {
  return parseNumber(text, '--memory', (n) => Number.isInteger(n) && n >= 16 && n <= 1_048_576, 'a whole number of MiB from 16 to 1048576');
}

export function parseReplicas(text: string, max: number): number {
  return parseNumber(text, '--replicas', (n) => Number.isInteger(n) && n >= 1 && n <= max, `a whole number from 1 to ${max}`);
}

export function parseLabels(values: readonly string[]): Record<string, string> {
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

/** The words after `--` as the API's command: none given means the image's own (null). */
export function readCommand(ctx: CommandContext): string[] | null | undefined {
  const words = ctx.trailing();
  if (words === undefined) return undefined;
  return words.length === 0 ? null : words;
}
