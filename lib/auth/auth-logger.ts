import type { LoggerInstance } from 'next-auth';
import { getConfig } from '../config/config.ts';

interface Sink {
  error(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  log(...args: unknown[]): void;
}

// Errors any client can cause by sending a bad cookie: not the operator's problem.
const CLIENT_CAUSED = new Set(['JWT_SESSION_ERROR']);

function messageOf(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  const { message, error } = (metadata ?? {}) as { message?: unknown; error?: unknown };
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : '';
}

/**
 * next-auth's `logger`. Its default prints a full stack trace with absolute
 * paths for every request carrying an invalid session cookie, so anyone could
 * fill the log (and learn the install path); those become one debug line.
 * Errors of the server's own making keep their stack.
 */
export function createAuthLogger(debugEnabled: () => boolean = () => getConfig().LOG_LEVEL === 'debug', sink: Sink = console): LoggerInstance {
  const debug = (line: string) => {
    if (debugEnabled()) sink.log(`[tollgate] debug: ${line.replace(/[\r\n]+/g, ' ')}`);
  };
  return {
    error(code, metadata) {
      if (CLIENT_CAUSED.has(code)) return debug(`next-auth ${code}: ${messageOf(metadata)} (cookie ignored)`);
      sink.error(`[tollgate] next-auth ${code}:`, metadata);
    },
    warn(code) {
      sink.warn(`[tollgate] next-auth warning ${code}`);
    },
    debug(code, metadata) {
      debug(`next-auth ${code}: ${messageOf(metadata)}`);
    },
  };
}
