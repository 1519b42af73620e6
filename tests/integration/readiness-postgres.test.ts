// /readyz against a PostgreSQL that goes away: the database is reached through a TCP relay the test
// cuts (never the shared server itself). Readiness must turn 503 within one probe period, naming the
// failed checks, and come back when the database does. Needs a PostgreSQL server whatever DATABASE_URL says.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelayedDatabase } from './helpers/relayed-postgres.ts';
import { freePort, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let database: Awaited<ReturnType<typeof createRelayedDatabase>>['database'];
let proxy: Awaited<ReturnType<typeof createRelayedDatabase>>['proxy'];
let server: TestServer;
let metricsPort: number;

beforeAll(async () => {
  let proxiedUrl: string;
  ({ database, proxy, proxiedUrl } = await createRelayedDatabase('tollgate_ready'));
  metricsPort = await freePort();
  server = await startTestServer({ databaseUrl: proxiedUrl, env: { METRICS_PORT: String(metricsPort) } });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await database?.drop();
});

async function readyz(base: string): Promise<{ status: number; body: { status: string; failed: string[]; checks: Record<string, { ok: boolean; detail?: string }> }; text: string }> {
  const res = await fetch(`${base}/readyz`);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text };
}

const metricsBase = () => `http://127.0.0.1:${metricsPort}`;

describe('readiness on PostgreSQL', () => {
  it('is ready with the database, the change listener and the runtime up', async () => {
    const ready = await waitFor(async () => {
      const res = await readyz(server.url);
      return res.status === 200 ? res : undefined;
    }, '/readyz to answer 200');
    expect(ready.body).toEqual({
      status: 'ready',
      failed: [],
      checks: { database: { ok: true }, migrations: { ok: true }, changeListener: { ok: true }, runtime: { ok: true, detail: 'process' } },
    });
    console.log(`$ curl -si ${server.url}/readyz   (database up)\nHTTP/1.1 ${ready.status}\n${ready.text}`);
  });

  it('turns 503 within a probe period of the database going away, naming the checks, and recovers', async () => {
    const cutAt = performance.now();
    await proxy.cut();
    const down = await waitFor(async () => {
      const res = await readyz(server.url);
      return res.status === 503 ? { ...res, at: performance.now() } : undefined;
    }, '/readyz to answer 503', 5_000);
    const afterMs = Math.round(down.at - cutAt);
    // One report is reused for at most 1 s, and each check gives up after 2 s.
    expect(afterMs).toBeLessThan(3_000);
    expect(down.body.status).toBe('unavailable');
    expect(down.body.failed).toEqual(expect.arrayContaining(['database', 'migrations']));
    // The public port names the checks only; the metrics listener says why.
    expect(down.body.checks.database).toEqual({ ok: false });
    const detailed = await readyz(metricsBase());
    expect(detailed.status).toBe(503);
    expect(detailed.body.checks.database!.detail).toBeTruthy();
    // Liveness is not readiness: the process still serves.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    console.log(`$ curl -si ${server.url}/readyz   (database cut ${afterMs} ms before)\nHTTP/1.1 ${down.status}\n${down.text}`);
    console.log(`$ curl -s ${metricsBase()}/readyz\n${detailed.text}`);

    await proxy.restore();
    const back = await waitFor(async () => {
      const res = await readyz(server.url);
      return res.status === 200 ? { ...res, at: performance.now() } : undefined;
    }, '/readyz to answer 200 again', 15_000);
    console.log(`ready again ${Math.round(back.at - cutAt)} ms after the cut (the relay was restored meanwhile; the change listener reconnects with back-off)`);
    const metrics = await (await fetch(`${metricsBase()}/metrics`)).text();
    expect(metrics).toMatch(/^tollgate_change_listener_connected 1$/m);
    expect(metrics).toMatch(/^tollgate_change_notifications_total\{kind="flush"\} [2-9]/m);
  });

  it('is not ready while a migration of this build is missing from the database', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1');
      const last = rows[0]!.migration_name;
      await client.query('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1', [last]);
      try {
        const res = await waitFor(async () => {
          const r = await readyz(metricsBase());
          return r.status === 503 ? r : undefined;
        }, '/readyz to answer 503', 5_000);
        expect(res.body.failed).toEqual(['migrations']);
        expect(res.body.checks.migrations).toEqual({ ok: false, detail: `pending: ${last}` });
      } finally {
        await client.query('UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1', [last]);
      }
      await waitFor(async () => ((await readyz(server.url)).status === 200 ? true : undefined), '/readyz to answer 200 again', 5_000);
    } finally {
      await client.end();
    }
  });
});
