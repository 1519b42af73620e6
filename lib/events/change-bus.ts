import { EventEmitter } from 'node:events';
import type { Prisma } from '../db/generated/client';

/** What changed: caches keyed by these ids must forget them. */
export type Change =
  | { kind: 'token'; id: string }
  | { kind: 'app'; id: string }
  | { kind: 'session'; idHash: string }
  | { kind: 'flush' };

export const CHANGE_CHANNEL = 'tollgate_changes';

// One bus per process, shared by Next's bundles and server.ts through globalThis:
// a token renewed in a route handler must reach the gateway's caches at once.
const holder = globalThis as typeof globalThis & { __tollgateChangeBus?: EventEmitter };
const bus = (holder.__tollgateChangeBus ??= new EventEmitter().setMaxListeners(100));

export function onChange(listener: (change: Change) => void): () => void {
  bus.on('change', listener);
  return () => bus.off('change', listener);
}

/** Tells this process's caches (call after the change committed). */
export function publishLocal(change: Change): void {
  bus.emit('change', change);
}

export function encodeChange(change: Change): string {
  switch (change.kind) {
    case 'token':
    case 'app':
      return `${change.kind}:${change.id}`;
    case 'session':
      return `session:${change.idHash}`;
    case 'flush':
      return 'flush';
  }
}

export function decodeChange(payload: string): Change {
  const colon = payload.indexOf(':');
  const kind = colon === -1 ? payload : payload.slice(0, colon);
  const value = colon === -1 ? '' : payload.slice(colon + 1);
  if ((kind === 'token' || kind === 'app') && value) return { kind, id: value };
  if (kind === 'session' && value) return { kind, idHash: value };
  // Anything unknown (a newer peer's message): forget everything rather than miss an invalidation.
  return { kind: 'flush' };
}

/**
 * Queues a NOTIFY inside the caller's transaction: PostgreSQL delivers it to
 * other server processes only if and when the transaction commits.
 */
export async function notifyChange(tx: Prisma.TransactionClient, change: Change): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CHANGE_CHANNEL}, ${encodeChange(change)})`;
}
