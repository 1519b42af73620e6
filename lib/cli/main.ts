// The `tollgate` command: parse argv, pick the command, run it, map every failure to an exit
// code. `main` touches the outside world only through `io`, so tests run it in-process.
//
// Exit codes: 0 success, 1 the command failed (one line on stderr), 2 usage error (the
// message plus the command's help on stderr).

import { hasValidChecksum } from '../tokens/token-format.ts';
import { ApiClient } from './api-client.ts';
import { CliError, UsageError } from './cli-errors.ts';
import type { CliIo } from './cli-io.ts';
import type { CommandContext, CommandSpec } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { createOutput } from './format-output.ts';
import { GLOBAL_OPTIONS, resolveSettings, type Settings } from './global-options.ts';
import { commandHelp, groupHelp, rootHelp } from './help.ts';
import { parseArgv, type OptionSpec } from './parse-args.ts';
import { redactingStream } from './redact-secrets.ts';
import { cliVersion } from './version.ts';

export { handleInterrupt, nodeIo } from './cli-io.ts';
export type { CliIo } from './cli-io.ts';

const GROUPS = new Set(COMMANDS.map((c) => c.group));

export const NO_TOKEN_MESSAGE = [
  'no API token. Put it in the TOLLGATE_TOKEN environment variable; to keep it out of your shell',
  'history, read it from the terminal (nothing is echoed) and paste it:',
  '  read -rs TOLLGATE_TOKEN && export TOLLGATE_TOKEN',
  'Tokens are created in the Tollgate panel, under Tokens.',
].join('\n');

interface Resolution {
  command?: CommandSpec;
  /** Positionals after the command's own words. */
  rest: string[];
  help: string;
  problem?: string;
}

function resolveCommand(positionals: readonly string[]): Resolution {
  const [group, name, ...rest] = positionals;
  if (group === undefined) return { rest: [], help: rootHelp(COMMANDS), problem: 'missing command' };
  if (!GROUPS.has(group)) return { rest: [], help: rootHelp(COMMANDS), problem: `unknown command "${group}"` };
  const help = groupHelp(group, COMMANDS);
  if (name === undefined) return { rest: [], help, problem: `missing ${group} command` };
  const command = COMMANDS.find((c) => c.group === group && (c.name === name || c.aliases?.includes(name)));
  if (!command) return { rest: [], help, problem: `unknown command "${group} ${name}"` };
  return { command, rest, help: commandHelp(command) };
}

/**
 * The global options a command knows, less those it names itself: `app add-external --url` is
 * the upstream's URL, so there the server comes from TOLLGATE_URL only.
 */
export function globalOptionsOf(command: CommandSpec | undefined): OptionSpec[] {
  const own = command?.options ?? [];
  return GLOBAL_OPTIONS.filter((global) => !own.some((o) => o.name === global.name));
}

function checkPositionals(command: CommandSpec, rest: readonly string[]): Map<string, string> {
  const specs = command.positionals;
  if (rest.length > specs.length) throw new UsageError(`unexpected argument "${rest[specs.length]}"`);
  const values = new Map<string, string>();
  specs.forEach((spec, i) => {
    const value = rest[i];
    if (value === undefined) {
      if (!spec.optional) throw new UsageError(`missing <${spec.name}>`);
      return;
    }
    if (value.trim() === '') throw new UsageError(`<${spec.name}> must not be empty`);
    values.set(spec.name, value);
  });
  return values;
}

function apiClientFor(settings: Settings, io: CliIo, version: string): ApiClient {
  const { token } = settings;
  if (token === null) throw new CliError(NO_TOKEN_MESSAGE);
  if (!hasValidChecksum(token.value)) {
    throw new CliError(
      `the token in ${token.source} is not a valid Tollgate token ("tg_" and 28 letters or digits, with a matching checksum); was it cut short when pasted?`,
    );
  }
  return new ApiClient({ baseUrl: settings.baseUrl, token: token.value, fetch: io.fetch, userAgent: `tollgate-cli/${version}` });
}

export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Every write is masked for the token in use, known from the environment now and from
  // --token once parsed; anything token-shaped is masked too.
  const secrets: string[] = [];
  const envToken = rawIo.env.TOLLGATE_TOKEN?.trim();
  if (envToken) secrets.push(envToken);
  const io: CliIo = {
    ...rawIo,
    stdout: redactingStream(rawIo.stdout, () => secrets),
    stderr: redactingStream(rawIo.stderr, () => secrets),
  };

  let help = rootHelp(COMMANDS);
  try {
    const wantsHelpCommand = argv[0] === 'help';
    const args = wantsHelpCommand ? argv.slice(1) : argv;
    const parsed = parseArgv(args, (positionals) => {
      const { command } = resolveCommand(positionals);
      return [...globalOptionsOf(command), ...(command?.options ?? [])];
    });
    const tokenValues = parsed.values.get('token');
    if (Array.isArray(tokenValues)) secrets.push(...tokenValues.map((t) => t.trim()).filter(Boolean));

    // Words after `--` are the command's own (`app run IMAGE -- cmd…`) or, for the others, positionals.
    let resolution = resolveCommand(parsed.positionals);
    let trailing: string[] | undefined;
    if (resolution.command?.trailing) trailing = parsed.rest;
    else if (parsed.rest) resolution = resolveCommand([...parsed.positionals, ...parsed.rest]);
    help = resolution.help;
    if (parsed.values.has('version') && !parsed.values.has('help')) {
      io.stdout.write(`tollgate ${cliVersion()}\n`);
      return 0;
    }
    if (parsed.values.has('help') || wantsHelpCommand) {
      if (resolution.problem && parsed.positionals.length > 0 && !resolution.problem.startsWith('missing')) {
        throw new UsageError(resolution.problem);
      }
      io.stdout.write(help);
      return 0;
    }
    if (parsed.error !== undefined) throw new UsageError(parsed.error);
    const { command } = resolution;
    if (!command) throw new UsageError(resolution.problem ?? 'missing command');

    const positionals = checkPositionals(command, resolution.rest);
    const option = (name: string): string | undefined => {
      const value = parsed.values.get(name);
      return Array.isArray(value) ? value[value.length - 1] : undefined;
    };
    const shadowed = new Set(GLOBAL_OPTIONS.map((o) => o.name).filter((name) => !globalOptionsOf(command).some((o) => o.name === name)));
    const settings = resolveSettings((name) => (shadowed.has(name) ? undefined : option(name)), io.env);
    const version = cliVersion();
    let api: ApiClient | undefined;
    const ctx: CommandContext = {
      io,
      output: createOutput(settings.output, io.stdout),
      get api() {
        api ??= apiClientFor(settings, io, version);
        return api;
      },
      arg: (name) => positionals.get(name),
      flag: (name) => parsed.values.get(name) === true,
      option,
      options: (name) => {
        const value = parsed.values.get(name);
        return Array.isArray(value) ? value : [];
      },
      trailing: () => trailing,
    };
    await command.run(ctx);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`tollgate: ${error.message}\n\n${help}`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr.write(`tollgate: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`tollgate: unexpected error: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
