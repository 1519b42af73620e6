import { keepSgrOnly, stripAnsi } from '../../panel/ansi.ts';
import { createSseParser } from '../../panel/sse-parser.ts';
import { errorOfEvent, logLineOfEvent } from '../../panel/log-line.ts';
import type { LogLine, LogQuery } from '../api-client.ts';
import { CliError, UsageError } from '../cli-errors.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { toYaml } from '../to-yaml.ts';

// What the API keeps per app, and its bound on tail.
export const MAX_TAIL = 10_000;

const UNITS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseTail(text: string): number {
  const tail = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(tail >= 0 && tail <= MAX_TAIL)) throw new UsageError(`--tail must be a whole number from 0 to ${MAX_TAIL} (got "${text}")`);
  return tail;
}

/** `--since`: a duration ago (90s, 10m, 2h, 1d) from `now`, or a date (-time) such as 2026-11-30T09:00:00Z; as ISO 8601. */
export function parseSince(text: string, now: number): string {
  const trimmed = text.trim();
  const ago = /^(\d+)(s|m|h|d)$/.exec(trimmed);
  if (ago) return new Date(now - Number(ago[1]) * UNITS[ago[2] as keyof typeof UNITS]).toISOString();
  const date = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(trimmed) ? Date.parse(trimmed.replace(' ', 'T')) : NaN;
  if (Number.isNaN(date)) {
    throw new UsageError(`--since takes a duration such as 30s, 10m, 2h or 1d, or a date such as 2026-11-30T09:00:00Z (got "${text}")`);
  }
  return new Date(date).toISOString();
}

/** One line as printed: `timestamp [replica] content`, colours kept only for a terminal; or the API's object for json/yaml. */
export function formatLogLine(line: LogLine, format: 'table' | 'json' | 'yaml', terminal: boolean): string {
  if (format === 'json') return `${JSON.stringify(line)}\n`;
  if (format === 'yaml') return toYaml([line]);
  return `${line.timestamp} [${stripAnsi(line.replica)}] ${terminal ? keepSgrOnly(line.content) : stripAnsi(line.content)}\n`;
}

export const appLogs: CommandSpec = {
  group: 'app',
  name: 'logs',
  summary: "Print an app's output, every replica's; -f follows it",
  usage: '<id> [-f|--follow] [--tail <n>] [--since <10m|2h|date>]',
  description: [
    'Each line prints as `timestamp [replica] content`. What the app wrote on stderr comes on stdout too:',
    "it is the app's output, not this command's. Colours are kept on a terminal and removed otherwise;",
    '-o json prints one JSON object per line. A stopped app keeps its last lines.',
    'With -f, new lines print as the app writes them, until Ctrl-C (exit 0).',
  ].join('\n'),
  positionals: [{ name: 'id' }],
  options: [
    { name: 'follow', short: 'f', description: 'Go on printing new lines as they come, until Ctrl-C' },
    { name: 'tail', value: '<n>', description: `How many of the last lines to print, 0 to ${MAX_TAIL} (default 100)` },
    { name: 'since', value: '<when>', description: 'Only lines from then on: a duration ago (30s, 10m, 2h, 1d) or an ISO 8601 date-time' },
  ],
  examples: ['tollgate app logs 3f8c… --tail 20', 'tollgate app logs 3f8c… -f --since 10m', 'tollgate app logs 3f8c… --since 2026-11-30T09:00:00Z -o json | jq .content'],
  async run(ctx) {
    const query: LogQuery = {};
    const tail = ctx.option('tail');
    if (tail !== undefined) query.tail = parseTail(tail);
    const since = ctx.option('since');
    if (since !== undefined) query.since = parseSince(since, ctx.io.now());
    const id = ctx.arg('id')!;
    const print = (line: LogLine) => ctx.io.stdout.write(formatLogLine(line, ctx.output.format, ctx.io.stdout.isTTY === true));

    if (!ctx.flag('follow')) {
      for (const line of await ctx.api.getLogs(id, query)) print(line);
      return;
    }
    await follow(ctx, id, query, print);
  },
};

/** Prints lines until Ctrl-C (then resolves: exit 0) or the server ends the stream. */
async function follow(ctx: CommandContext, id: string, query: LogQuery, print: (line: LogLine) => void): Promise<void> {
  const controller = new AbortController();
  let interrupted = false;
  const release = ctx.io.onInterrupt(() => {
    interrupted = true;
    controller.abort();
  });
  let failure: string | null = null;
  try {
    const body = await ctx.api.followLogs(id, query, controller.signal);
    const parser = createSseParser((event) => {
      if (event.event === 'line') {
        const line = logLineOfEvent(event.data);
        if (line) print(line);
      } else if (event.event === 'error') failure = errorOfEvent(event.data, 'no reason given');
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
      if (failure !== null) break;
    }
  } catch (error) {
    if (interrupted) return;
    if (error instanceof CliError) throw error;
    throw new CliError(`the log stream broke: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    release();
    // Done either way: let the connection go.
    controller.abort();
  }
  if (interrupted) return;
  if (failure !== null) throw new CliError(`the log stream ended: ${failure}`);
}
