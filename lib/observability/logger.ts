import { format as formatArgs } from 'node:util';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { getConfig, type Config } from '../config/config.ts';

export type { Logger } from 'pino';
export type LogFormat = 'json' | 'pretty';
export type LogLevel = Config['LOG_LEVEL'];

export interface LoggerOptions {
  level?: LogLevel;
  /** Unset: json unless stdout is a terminal. */
  format?: LogFormat;
  /** Where lines go (tests); default stdout. */
  destination?: DestinationStream;
}

/**
 * Tollgate's one logger (pino). JSON lines carry `level` as a word and an ISO
 * `time`, so any log shipper reads them as they are; `pretty` is for people
 * at a terminal. Components log through children: `logger().child({ component })`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const format = resolveFormat(options.format);
  const destination =
    options.destination ??
    (format === 'pretty'
      ? pretty({
          sync: true,
          colorize: Boolean(process.stdout.isTTY),
          singleLine: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,component',
          messageFormat: '{if component}[{component}] {end}{msg}',
        })
      : bufferedStdout());
  return pino(
    {
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/**
 * stdout, written in blocks of 4 KiB and at least every FLUSH_MS: one write per
 * access line would cost the gateway more than the line itself (each async
 * write is a round trip through libuv's thread pool). pino flushes what is left
 * when the process exits.
 */
function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), FLUSH_MS).unref();
  return destination;
}

const FLUSH_MS = 100;

/** LOG_FORMAT, or its default: json unless stdout is a terminal. */
export function resolveFormat(format: LogFormat | undefined): LogFormat {
  return format ?? (process.stdout.isTTY ? 'pretty' : 'json');
}

/**
 * Sends what other code prints with console.* (Next.js' own notices, a
 * library's warning) through the logger, so a JSON log stays one JSON object
 * per line. Returns the function that puts the console back.
 */
export function routeConsole(log: Logger): () => void {
  const original = { log: console.log, info: console.info, debug: console.debug, warn: console.warn, error: console.error };
  const to = (level: 'info' | 'debug' | 'warn' | 'error') => (...args: unknown[]) => log[level](formatArgs(...args));
  console.log = to('info');
  console.info = to('info');
  console.debug = to('debug');
  console.warn = to('warn');
  console.error = to('error');
  return () => Object.assign(console, original);
}

// Next bundles its own copy of lib/ for route handlers: one logger (and one
// stdout stream) per process, shared through globalThis like the database.
const holder = globalThis as typeof globalThis & { __tollgateLogger?: Logger };

/** The process's logger, made from LOG_LEVEL and LOG_FORMAT on first use. */
export function logger(): Logger {
  if (!holder.__tollgateLogger) {
    let config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'> = { LOG_LEVEL: 'info', LOG_FORMAT: undefined };
    try {
      config = getConfig();
    } catch {
      // A bad configuration is reported (and the start stopped) by whoever reads it first.
    }
    holder.__tollgateLogger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  }
  return holder.__tollgateLogger;
}

/** Replaces the process's logger (server start with explicit settings, tests). */
export function setLogger(next: Logger): void {
  holder.__tollgateLogger = next;
}

/** A child logger that is resolved on first use, so modules can hold one before the server configures logging. */
export function componentLogger(component: string): () => Logger {
  let child: Logger | undefined;
  let parent: Logger | undefined;
  return () => {
    const current = logger();
    if (child === undefined || parent !== current) {
      parent = current;
      child = current.child({ component });
    }
    return child;
  };
}

/** For the `log(line)` callbacks the controller, the runtime and the change listener take: one info line each. */
export function lineLogger(component: string): (line: string) => void {
  const log = componentLogger(component);
  return (line) => log().info(line);
}
