// Help texts: the command list, a group's commands, one command's usage and options.
// Static text only: never anything from the environment (the token least of all).

import type { CommandSpec } from './command.ts';
import { GLOBAL_OPTIONS } from './global-options.ts';
import type { OptionSpec } from './parse-args.ts';

function optionHead(o: OptionSpec): string {
  return `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
}

/** Option lines; `alignWith` widens the first column so two lists line up. */
function optionLines(options: readonly OptionSpec[], alignWith: readonly OptionSpec[] = []): string[] {
  const width = Math.max(...[...options, ...alignWith].map((o) => optionHead(o).length));
  return options.map((o) => `  ${optionHead(o).padEnd(width)}   ${o.description}`);
}

function commandList(commands: readonly CommandSpec[]): string[] {
  const heads = commands.map((c) => `${c.group} ${c.name}`);
  const width = Math.max(...heads.map((h) => h.length));
  return commands.map((c, i) => `  ${heads[i]!.padEnd(width)}   ${c.summary}`);
}

const AUTH_NOTE = [
  'Authentication:',
  '  Commands send the API token in TOLLGATE_TOKEN. To set it without leaving it in your shell',
  '  history, read it from the terminal:  read -rs TOLLGATE_TOKEN && export TOLLGATE_TOKEN',
];

export function rootHelp(commands: readonly CommandSpec[]): string {
  return [
    'Usage: tollgate <command> [options]',
    '',
    'Manage Tollgate apps from the command line.',
    '',
    'Commands:',
    ...commandList(commands),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    ...AUTH_NOTE,
    '',
    'Run "tollgate <command> --help" for a command\'s options.',
    '',
  ].join('\n');
}

export function groupHelp(group: string, commands: readonly CommandSpec[]): string {
  return [
    `Usage: tollgate ${group} <command> [options]`,
    '',
    'Commands:',
    ...commandList(commands.filter((c) => c.group === group)),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    `Run "tollgate ${group} <command> --help" for a command's options.`,
    '',
  ].join('\n');
}

export function commandHelp(command: CommandSpec): string {
  // A command's own option of a global option's name replaces it (`app add-external --url`).
  const globals = GLOBAL_OPTIONS.filter((global) => !command.options.some((o) => o.name === global.name));
  const lines = [`Usage: tollgate ${command.group} ${command.name} ${command.usage}`.trimEnd(), '', command.summary];
  if (command.description) lines.push('', command.description);
  if (command.aliases?.length) lines.push('', `Aliases: ${command.aliases.map((a) => `${command.group} ${a}`).join(', ')}`);
  if (command.options.length) lines.push('', 'Options:', ...optionLines(command.options, globals));
  if (command.trailing) lines.push('', 'After --:', `  ${command.trailing.name}   ${command.trailing.description}`);
  lines.push('', 'Global options:', ...optionLines(globals, command.options));
  if (command.examples?.length) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  lines.push('');
  return lines.join('\n');
}
