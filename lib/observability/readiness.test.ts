import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../db/generated/client.ts';
import { Readiness, readinessBody } from './readiness.ts';

function fakePrisma(state: { up: boolean; applied: string[]; hang?: boolean }): PrismaClient {
  return {
    async $queryRawUnsafe(sql: string) {
      if (state.hang) return new Promise(() => {});
      if (!state.up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return sql.includes('_prisma_migrations') ? state.applied.map((migration_name) => ({ migration_name })) : [{ '?column?': 1 }];
    },
  } as unknown as PrismaClient;
}

const base = { migrations: ['0001_init', '0002_more'], cacheMs: 0, timeoutMs: 50 };

describe('Readiness', () => {
  it('is ready when the database answers with every migration, the listener is up and the runtime answers', async () => {
    const readiness = new Readiness({ ...base, prisma: fakePrisma({ up: true, applied: ['0001_init', '0002_more'] }), listenerConnected: () => true, pingRuntime: async () => 'docker' });
    const report = await readiness.report();
    expect(report).toMatchObject({ ready: true, status: 'ready', failed: [] });
    expect(report.checks.runtime).toEqual({ ok: true, detail: 'docker' });
  });

  it('names each failed check; the public body leaves out why', async () => {
    const state = { up: false, applied: ['0001_init'] };
    const readiness = new Readiness({
      ...base,
      prisma: fakePrisma(state),
      listenerConnected: () => false,
      pingRuntime: () => Promise.reject(new Error('connect ENOENT /var/run/docker.sock')),
    });
    let report = await readiness.report();
    expect(report.failed).toEqual(['database', 'migrations', 'changeListener', 'runtime']);
    expect(JSON.parse(readinessBody(report, false))).toEqual({
      status: 'unavailable',
      failed: ['database', 'migrations', 'changeListener', 'runtime'],
      checks: { database: { ok: false }, migrations: { ok: false }, changeListener: { ok: false }, runtime: { ok: false } },
    });
    expect(JSON.parse(readinessBody(report, true)).checks.database.detail).toContain('ECONNREFUSED');
    state.up = true;
    report = await readiness.report();
    expect(report.checks.migrations).toEqual({ ok: false, detail: 'pending: 0002_more' });
  });

  it('treats a database that hangs as down', async () => {
    const readiness = new Readiness({ ...base, prisma: fakePrisma({ up: true, applied: [], hang: true }), listenerConnected: null, pingRuntime: async () => {} });
    const report = await readiness.report();
    expect(report.failed).toEqual(['database', 'migrations']);
    expect(report.checks.database!.detail).toBe('the database did not answer within 50 ms');
  });

  it('reuses a report for cacheMs only, and says shutting_down at once after drain()', async () => {
    const state = { up: true, applied: ['0001_init', '0002_more'] };
    const readiness = new Readiness({ ...base, cacheMs: 1_000, prisma: fakePrisma(state), listenerConnected: null, pingRuntime: async () => {} });
    expect((await readiness.report(0)).ready).toBe(true);
    state.up = false;
    expect((await readiness.report(500)).ready).toBe(true);
    expect((await readiness.report(Date.now() + 1_001)).ready).toBe(false);
    readiness.drain();
    expect(await readiness.report()).toMatchObject({ ready: false, status: 'shutting_down', failed: ['shutdown'] });
  });
});
