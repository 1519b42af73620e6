import pg from 'pg';
import { CHANGE_CHANNEL, decodeChange, publishLocal } from './change-bus';

/**
 * Carries other server processes' changes into this one: LISTEN on the change
 * channel, re-published on the local bus. A lost connection may have missed
 * notifications, so every reconnect flushes all caches.
 */
export function listenForChanges(connectionString: string, log: (line: string) => void): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = 250;

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000, keepAlive: true });
    next.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL && message.payload) publishLocal(decodeChange(message.payload));
    });
    const lost = (why: string) => {
      if (client !== next || closed) return;
      client = null;
      log(`change listener lost its connection (${why}); reconnecting`);
      next.end().catch(() => {});
      schedule();
    };
    next.on('error', (error) => lost(error.message));
    next.on('end', () => lost('connection ended'));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
      client = next;
      delay = 250;
      publishLocal({ kind: 'flush' });
    } catch (error) {
      next.end().catch(() => {});
      if (closed) return;
      // Until this connects, other processes' changes reach this one only through the caches' TTL.
      log(`change listener could not connect (${error instanceof Error ? error.message : String(error)}); retrying in ${delay} ms`);
      schedule();
    }
  };
  const schedule = () => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 5_000);
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
