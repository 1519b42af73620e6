import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import { logSource } from '../runtime/log-reader.ts';
import { readEnvVars } from './app-runtime-fields.ts';
import { findAuthorizedApp } from './find-authorized-app.ts';
import { logMask } from './log-mask.ts';

export const MAX_LOG_TAIL = 10_000;

export interface AppLogLine {
  timestamp: string;
  content: string;
  /** Which replica printed it (its slot). */
  replica: string;
  stream: 'stdout' | 'stderr';
}

export interface ReadAppLogsOptions {
  prisma: PrismaClient;
  caller: Caller;
  appId: string;
  tail: number;
  since?: Date;
  follow: boolean;
  signal?: AbortSignal;
}

/**
 * An app's output, every replica's, for whoever may read the app (a read
 * token that matches it, a member of its project). Values of env vars marked
 * secret and anything shaped like a Tollgate token come out as `***`.
 */
export async function readAppLogs(options: ReadAppLogsOptions): Promise<AsyncIterable<AppLogLine>> {
  const app = await findAuthorizedApp(options.prisma, options.caller, options.appId, 'app:read');
  const source = logSource();
  if (!source) {
    const lease = await options.prisma.controllerLease.findUnique({ where: { id: 1 } });
    throw new DomainError('UNAVAILABLE', `This app's output is kept by the instance that runs it${lease ? ` (${lease.instance})` : ''}; ask that one`, { reason: 'logs_elsewhere' });
  }
  const mask = logMask(readEnvVars(app.envVars).filter((env) => env.secret).map((env) => env.value));
  const lines = source.logs(app.id, { tail: options.tail, since: options.since, follow: options.follow, signal: options.signal });
  return (async function* () {
    for await (const line of lines) {
      yield { timestamp: line.timestamp.toISOString(), content: mask(line.content), replica: line.replica, stream: line.stream };
    }
  })();
}
