// The panel takes an app's command as one line written the way a shell command
// line is (what people copy from a README or a Dockerfile), and sends it as
// the list of arguments the API stores. Only the quoting is shell-like: no
// shell runs the command, so $VARS, globs and pipes reach the program as typed.

export type SplitResult = { args: string[] } | { problem: string };

const WHITESPACE = /\s/;

/**
 * Splits a command line into arguments: blanks separate them; 'single quotes'
 * keep everything literally; "double quotes" keep everything but let \" \\ \$
 * and \` through; a backslash outside quotes keeps the next character.
 */
export function splitShellWords(line: string): SplitResult {
  const args: string[] = [];
  let current = '';
  // An argument has started even if it is empty so far ('' is an empty argument).
  let started = false;
  let i = 0;
  while (i < line.length) {
    const char = line[i]!;
    if (WHITESPACE.test(char)) {
      if (started) args.push(current);
      current = '';
      started = false;
      i++;
      continue;
    }
    started = true;
    if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) return { problem: 'A single quote (\') is not closed' };
      current += line.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (char === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const inner = line[i]!;
        if (inner === '"') {
          closed = true;
          i++;
          break;
        }
        if (inner === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
          current += line[i + 1];
          i += 2;
          continue;
        }
        current += inner;
        i++;
      }
      if (!closed) return { problem: 'A double quote (") is not closed' };
      continue;
    }
    if (char === '\\') {
      if (i + 1 >= line.length) return { problem: 'The command ends with a lone backslash (\\)' };
      current += line[i + 1];
      i += 2;
      continue;
    }
    current += char;
    i++;
  }
  if (started) args.push(current);
  return { args };
}

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** The arguments as one line that splitShellWords reads back to the same list. */
export function joinShellWords(args: readonly string[]): string {
  return args.map((arg) => (PLAIN.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}
