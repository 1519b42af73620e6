import { createPostgresDatabase } from './test-database.ts';
import { runMigrate } from './test-server.ts';
import { startTcpProxy } from './tcp-proxy.ts';

/**
 * The PostgreSQL server of the tests that need one whatever DATABASE_URL says: two processes
 * cannot share the embedded database, and only a network database can go away.
 */
export const POSTGRES_ADMIN_URL = process.env.DATABASE_URL ?? process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh migrated database on that server, and a TCP relay to it that the test can cut:
 * `proxiedUrl` reaches the database through the relay, `database.url` directly.
 */
export async function createRelayedDatabase(prefix: string) {
  const database = await createPostgresDatabase(POSTGRES_ADMIN_URL, prefix);
  try {
    await runMigrate(database.url);
    const target = new URL(database.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    return { database, proxy, proxiedUrl: proxied.toString() };
  } catch (error) {
    await database.drop().catch(() => {});
    throw error;
  }
}
