// What a command is: its name, arguments, options and help, and the function that runs it.

import type { ApiClient } from './api-client.ts';
import type { CliIo } from './cli-io.ts';
import type { Output } from './format-output.ts';
import type { OptionSpec } from './parse-args.ts';

export interface PositionalSpec {
  readonly name: string;
  readonly optional?: boolean;
}

export interface CommandSpec {
  /** `app` in `tollgate app ls`. */
  readonly group: string;
  /** `ls` in `tollgate app ls`. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line, shown in the command list. */
  readonly summary: string;
  /** Usage after `tollgate app <name>`, e.g. `<id> [--wait]`. */
  readonly usage: string;
  readonly description?: string;
  readonly positionals: readonly PositionalSpec[];
  readonly options: readonly OptionSpec[];
  /**
   * The command takes the words after `--` (`app run IMAGE -- python app.py`); for the
   * others, words after `--` are positionals (`app get -- -odd-id`).
   */
  readonly trailing?: { readonly name: string; readonly description: string };
  readonly examples?: readonly string[];
  run(ctx: CommandContext): Promise<void>;
}

export interface CommandContext {
  /** Streams here already hide secrets. */
  readonly io: CliIo;
  readonly output: Output;
  /** Created on first use, so a command can reject its arguments before a missing token is reported. */
  readonly api: ApiClient;
  /** Positional value by its spec name (undefined only for optional positionals left out). */
  arg(name: string): string | undefined;
  flag(name: string): boolean;
  option(name: string): string | undefined;
  options(name: string): string[];
  /** The words after `--` for a command with `trailing`; undefined when there was no `--`. */
  trailing(): string[] | undefined;
}
