import pg from 'pg';
import { CHANGE_CHANNEL, decodeChange, publishLocal, type Change } from './change-bus';

export interface ChangeListener {
  /** LISTENing right now: other processes' changes reach this one at once (readiness). */
  connected(): boolean;
  close(): Promise<void>;
}

export interface ChangeListenerOptions {
  /** Each change received over NOTIFY, and the flush after each (re)connect (metrics). */
  onChange?: (change: Change) => void;
}

/**
 * Carries other server processes' changes into this one: LISTEN on the change
 * channel, re-published on the local bus. A lost connection may have missed
 * notifications, so every reconnect flushes all caches.
 */
export function listenForChanges(connectionString: string, log: (line: string) => void, options: ChangeListenerOptions = {}): ChangeListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = 250;

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000, keepAlive: true });
    next.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL || !message.payload) return;
      const change = decodeChange(message.payload);
      options.onChange?.(change);
      publishLocal(change);
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
      options.onChange?.({ kind: 'flush' });
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
    connected: () => client !== null,
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
