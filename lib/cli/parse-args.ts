// A small GNU-style argument parser: `--name value`, `--name=value`, `-n value`, `-nvalue`,
// boolean flags, repeatable options and `--` to end options (the words after it are kept
// apart: `app run` takes them as the app's command). Options may appear anywhere,
// before or after positionals; which options exist can depend on the positionals seen so
// far (`tollgate app ls -l …` only knows `-l` once `app ls` has been read).

export interface OptionSpec {
  /** Long name, without the dashes. */
  readonly name: string;
  /** One-letter alias, without the dash. */
  readonly short?: string;
  /** Other long names accepted for it (not shown in help). */
  readonly aliases?: readonly string[];
  /** Placeholder for the value in help (`<selector>`); absent for boolean flags. */
  readonly value?: string;
  /** May be given more than once; values are kept in order. */
  readonly multiple?: boolean;
  readonly description: string;
}

export interface ParsedArgv {
  /** Words before `--` that are not options. */
  positionals: string[];
  /** The words after `--`, or undefined when there was no `--`. */
  rest?: string[];
  /** Long option name → values (flags hold `true`). */
  values: Map<string, string[] | true>;
  /** The first problem met; parsing stops there. */
  error?: string;
}

/**
 * Parses `argv`. `optionsFor(positionals)` lists the options known once those positionals
 * have been read. Never throws: a problem is returned in `error` along with what was read
 * before it, so the caller can pick the right help text.
 */
export function parseArgv(
  argv: readonly string[],
  optionsFor: (positionals: readonly string[]) => readonly OptionSpec[],
): ParsedArgv {
  const positionals: string[] = [];
  const values = new Map<string, string[] | true>();
  const fail = (error: string): ParsedArgv => ({ positionals, values, error });

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return { positionals, values, rest: argv.slice(i + 1) };
    // A lone `-` is a positional (conventionally stdin), and so is anything not starting with `-`.
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }

    const known = optionsFor(positionals);
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let shown: string;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
      inline = eq === -1 ? undefined : token.slice(eq + 1);
      shown = `--${name}`;
      spec = known.find((o) => o.name === name || o.aliases?.includes(name));
    } else {
      const letter = token.charAt(1);
      shown = `-${letter}`;
      spec = known.find((o) => o.short === letter);
      if (token.length > 2) inline = token.slice(2);
    }
    if (!spec) return fail(`unknown option ${shown}`);

    if (spec.value === undefined) {
      if (inline !== undefined) {
        return fail(token.startsWith('--') ? `option ${shown} takes no value` : `unknown option ${token} (short options cannot be combined)`);
      }
      values.set(spec.name, true);
      continue;
    }

    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) return fail(`option ${shown} needs a value ${spec.value}`);
      value = argv[++i]!;
    }
    const previous = values.get(spec.name);
    if (previous !== undefined && !spec.multiple) return fail(`option ${shown} was given more than once`);
    values.set(spec.name, [...(Array.isArray(previous) ? previous : []), value]);
  }
  return { positionals, values };
}
