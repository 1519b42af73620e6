import { hostname } from 'node:os';
import pg from 'pg';

export interface LeaseCallbacks {
  /** This instance now leads: start the controller. */
  lead(): Promise<void>;
  /** It no longer does (its database connection broke): stop the controller at once. */
  lose(): Promise<void>;
}

export interface LeaderLease {
  /** A name for this instance in logs and the panel. */
  readonly instance: string;
  /** Resolves after the first attempt, so a lone instance leads before it serves. */
  start(callbacks: LeaseCallbacks): Promise<void>;
  /** Gives leadership up (the next instance takes over at once). */
  close(): Promise<void>;
}

export function instanceName(): string {
  return `${hostname()}:${process.pid}`;
}

/** The embedded database is one process's by nature: it always leads. */
export function soleLeader(): LeaderLease {
  let callbacks: LeaseCallbacks | null = null;
  return {
    instance: instanceName(),
    async start(given) {
      callbacks = given;
      await given.lead();
    },
    async close() {
      await callbacks?.lose();
    },
  };
}

// Any fixed 64-bit number, the same for every Tollgate on this database.
const LOCK_KEY = '7340221101';

/**
 * Leadership as a PostgreSQL session-level advisory lock held on a dedicated
 * connection: exactly one session can hold it, and PostgreSQL releases it the
 * moment that session ends, even when its process is killed (the socket
 * closes). Others retry every `retryMs`, so a takeover takes at most that long
 * after the leader's connection is gone.
 */
export function postgresLease(connectionString: string, log: (line: string) => void, retryMs = 2_000): LeaderLease {
  const instance = instanceName();
  let client: pg.Client | null = null;
  let leading = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let callbacks: LeaseCallbacks;

  const drop = async (why: string) => {
    const old = client;
    client = null;
    old?.end().catch(() => {});
    if (leading) {
      leading = false;
      log(`lost the controller lease (${why})`);
      await callbacks.lose().catch((error: unknown) => log(`stopping the controller failed: ${String(error)}`));
    }
  };

  const attempt = async () => {
    if (closed) return;
    try {
      if (!client) {
        const next = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000, keepAlive: true, application_name: `tollgate lease ${instance}` });
        next.on('error', (error) => void drop(error.message));
        await next.connect();
        client = next;
      }
      if (leading) {
        // The heartbeat: a broken connection means the lock is gone too.
        await client.query({ text: 'SELECT 1', query_timeout: 5_000 } as pg.QueryConfig);
      } else {
        const result = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [LOCK_KEY]);
        if (result.rows[0]?.ok) {
          leading = true;
          log(`this instance (${instance}) leads the app controller`);
          await callbacks.lead();
        }
      }
    } catch (error) {
      await drop(error instanceof Error ? error.message : String(error));
    }
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void attempt().finally(schedule), retryMs);
    timer.unref();
  };

  return {
    instance,
    async start(given) {
      callbacks = given;
      await attempt();
      schedule();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      if (leading) {
        leading = false;
        await callbacks.lose().catch(() => {});
        await client?.query('SELECT pg_advisory_unlock($1::bigint)', [LOCK_KEY]).catch(() => {});
      }
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
