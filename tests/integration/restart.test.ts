import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from './helpers/api-client.ts';
import { createPostgresDatabase } from './helpers/test-database.ts';
import { signIn, startTestServer, type StartOptions } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function reusableStorage(): Promise<StartOptions> {
  // DATA_DIR survives restarts in both modes: it keeps the generated AUTH_SECRET.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-restart-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  if (process.env.DATABASE_URL) {
    const db = await createPostgresDatabase(process.env.DATABASE_URL, 'tollgate_restart');
    cleanups.push(db.drop);
    const { spawnSync } = await import('node:child_process');
    const migrate = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: 'utf8',
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    return { databaseUrl: db.url, dataDir };
  }
  return { dataDir };
}

describe('restarting the server', () => {
  it('stops its app processes on SIGTERM, then keeps the same admin, sessions and exactly one demo app, running again', { timeout: 150_000 }, async () => {
    // Two whole server starts and a demo app each: the default per-test time is for one.
    const storage = await reusableStorage();
    // No ADMIN_PASSWORD: the first start generates one and prints it once.
    const env = { ADMIN_PASSWORD: '' };
    const first = await startTestServer({ ...storage, env });
    // The log is JSON lines here (stdout is a pipe): the password ends where the message's string does.
    const printed = /admin password \(shown once[^)]*\): ([^\s"]+)/.exec(first.output())?.[1];
    expect(printed).toBeDefined();
    const cookie = await signIn(first.url, 'admin@it.test', printed!);
    const apps1 = await apiClient(first.url)({ cookie }, 'GET', '/v1/app');
    expect(apps1.body.map((a: { spec: { name: string } }) => a.spec.name)).toEqual(['hello-world']);
    await waitFor(async () => (/ready on 127\.0\.0\.1:\d+ \(pid \d+/.test(first.output()) ? true : undefined), 'the demo app to start');
    const pids = [...first.output().matchAll(/\(pid (\d+)/g)].map((m) => Number(m[1]));
    expect(pids.length).toBeGreaterThan(0);
    await first.stop();
    // SIGTERM stopped the app processes too: none left behind.
    for (const pid of pids) expect(() => process.kill(pid, 0), `app process ${pid} still alive`).toThrow();

    const second = await startTestServer({ ...storage, env });
    try {
      expect(second.output()).not.toContain('admin password');
      expect(second.output()).not.toContain('first start');
      // The session cookie from before the restart still works: AUTH_SECRET was kept.
      const apps2 = await apiClient(second.url)({ cookie }, 'GET', '/v1/app');
      expect(apps2.status).toBe(200);
      expect(apps2.body.map((a: { id: string }) => a.id)).toEqual(apps1.body.map((a: { id: string }) => a.id));
      await signIn(second.url, 'admin@it.test', printed!);
      // The app that should run was started again by the new process.
      await waitFor(async () => {
        const res = await apiClient(second.url)({ cookie }, 'GET', '/v1/app');
        return res.body[0]?.status.state === 'RUNNING' ? true : undefined;
      }, 'the demo app to run again');
    } finally {
      await second.stop();
    }
  });
});
