// The two ways a command fails: a usage error (exit 2, with the command's help) and a
// runtime error (exit 1, one line on stderr).

/** The command line itself is wrong: exit 2 and show the command's help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command was understood but could not be carried out: exit 1, one line. */
export class CliError extends Error {
  override name = 'CliError';
}
