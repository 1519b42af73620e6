import type { LoggerInstance } from 'next-auth';
import { componentLogger, type Logger } from '../observability/logger.ts';

// Errors any client can cause by sending a bad cookie: not the operator's problem.
const CLIENT_CAUSED = new Set(['JWT_SESSION_ERROR']);

function messageOf(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  const { message, error } = (metadata ?? {}) as { message?: unknown; error?: unknown };
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : '';
}

/** The error inside next-auth's metadata, alone: the rest of it (providers, request data) stays out of the log. */
function errorOf(metadata: unknown): Error {
  if (metadata instanceof Error) return metadata;
  const { error } = (metadata ?? {}) as { error?: unknown };
  return error instanceof Error ? error : new Error(messageOf(metadata));
}

const authLog = componentLogger('auth');

/**
 * next-auth's `logger`. Its default prints a full stack trace with absolute
 * paths for every request carrying an invalid session cookie, so anyone could
 * fill the log (and learn the install path); those become one debug line.
 * Errors of the server's own making keep their stack.
 */
export function createAuthLogger(log: () => Logger = authLog): LoggerInstance {
  const debug = (code: string, line: string) => log().debug({ code }, line.replace(/[\r\n]+/g, ' '));
  return {
    error(code, metadata) {
      if (CLIENT_CAUSED.has(code)) return debug(code, `next-auth ${code}: ${messageOf(metadata)} (cookie ignored)`);
      log().error({ code, err: errorOf(metadata) }, `next-auth ${code}`);
    },
    warn(code) {
      log().warn({ code }, `next-auth warning ${code}`);
    },
    debug(code, metadata) {
      debug(code, `next-auth ${code}: ${messageOf(metadata)}`);
    },
  };
}
