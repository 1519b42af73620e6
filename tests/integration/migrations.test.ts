// prisma/migrations applied with Prisma's wasm schema engine, to PostgreSQL and
// to PGlite: the same `_prisma_migrations` rows `prisma migrate deploy` writes,
// nothing applied twice, and the migrations match prisma/schema.prisma.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPendingMigrations,
  diffMigrationsAgainstSchema,
  listMigrationDirs,
  listPendingMigrations,
  MigrationError,
  pgliteFactory,
  postgresFactory,
  type AdapterFactory,
} from '../../lib/db/migrations.ts';

const TIMEOUT = 60_000;
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const migrationsDir = path.resolve(process.cwd(), 'prisma', 'migrations');

interface Target {
  factory: AdapterFactory;
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

type TargetKind = 'PostgreSQL' | 'PGlite';

async function openTarget(kind: TargetKind): Promise<Target> {
  if (kind === 'PGlite') {
    const pglite = new PGlite();
    await pglite.waitReady;
    return {
      factory: pgliteFactory(pglite),
      query: async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows,
      close: () => pglite.close(),
    };
  }
  const name = `tollgate_mig_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    factory: postgresFactory(url.toString()),
    query: async (sql) => (await client.query<Record<string, unknown>>(sql)).rows,
    close: async () => {
      await client.end();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresReachable(): Promise<boolean> {
  try {
    await withAdmin((admin) => admin.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

// An unreachable PostgreSQL fails its tests, unless TOLLGATE_SKIP_PG=1 allows skipping them.
const skipPostgres = process.env.TOLLGATE_SKIP_PG === '1' && !(await postgresReachable());
const kinds: TargetKind[] = ['PostgreSQL', 'PGlite'];

/** migration_name → sha256 of its migration.sql, read straight from disk. */
async function migrationFilesOnDisk(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const sql = await readFile(path.join(dir, entry.name, 'migration.sql'));
    files.set(entry.name, createHash('sha256').update(sql).digest('hex'));
  }
  return files;
}

describe.each(kinds)('migrations on an empty %s database', (kind) => {
  const skip = kind === 'PostgreSQL' && skipPostgres;
  let target: Target | undefined;

  beforeAll(async () => {
    if (!skip) target = await openTarget(kind);
  }, TIMEOUT);
  afterAll(async () => {
    await target?.close();
  }, TIMEOUT);

  it.skipIf(skip)(
    'applies every migration once, recording them like `prisma migrate deploy`',
    async () => {
      const db = target!;
      const onDisk = await migrationFilesOnDisk(migrationsDir);
      const names = [...onDisk.keys()];
      expect(names.length).toBeGreaterThan(0);
      expect((await listMigrationDirs()).map((dir) => [dir.name, dir.checksum])).toEqual([...onDisk.entries()]);

      expect(await listPendingMigrations(db.factory)).toEqual(names);
      expect(await applyPendingMigrations(db.factory)).toEqual(names);

      const rows = await db.query(
        'SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows).toHaveLength(names.length);
      for (const [i, name] of names.entries()) {
        expect(rows[i]).toMatchObject({ migration_name: name, checksum: onDisk.get(name), rolled_back_at: null, logs: null });
        expect(rows[i]!.finished_at).toBeInstanceOf(Date);
        expect(rows[i]!.applied_steps_count).toBe(1);
      }

      expect(await listPendingMigrations(db.factory)).toEqual([]);
      expect(await applyPendingMigrations(db.factory)).toEqual([]);
      expect(await db.query('SELECT count(*)::int AS n FROM _prisma_migrations')).toEqual([{ n: names.length }]);
      // The schema is really there.
      expect(await db.query(`SELECT to_regclass('"Project"')::text AS t`)).toEqual([{ t: '"Project"' }]);
    },
    TIMEOUT,
  );
});

describe.each(kinds)('a failing migration on %s', (kind) => {
  const skip = kind === 'PostgreSQL' && skipPostgres;
  let target: Target | undefined;
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tollgate-migrations-'));
    const write = async (name: string, sql: string) => {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, 'migration.sql'), sql);
    };
    // Semicolons inside a function body and a string must not split the script.
    await write(
      '20200101000000_first',
      `CREATE TABLE "T" ("v" TEXT NOT NULL);\nCREATE FUNCTION t_note() RETURNS text AS $$ SELECT 'a;b' $$ LANGUAGE sql;\nINSERT INTO "T" VALUES ('x;y');\n`,
    );
    await write('20200102000000_broken', `INSERT INTO "T" VALUES ('z');\nINSERT INTO "Missing" VALUES (1);\n`);
    if (!skip) target = await openTarget(kind);
  }, TIMEOUT);
  afterAll(async () => {
    await target?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, TIMEOUT);

  it.skipIf(skip)(
    'rejects, records it as failed, and rolls its statements back',
    async () => {
      const db = target!;
      const error = await applyPendingMigrations(db.factory, { migrationsDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/^migration 20200102000000_broken failed: .*Missing/);
      expect((error as Error).message).not.toContain('\n');

      const rows = await db.query('SELECT migration_name, finished_at, logs FROM _prisma_migrations ORDER BY migration_name');
      expect(rows.map((row) => [row.migration_name, row.finished_at !== null])).toEqual([
        ['20200101000000_first', true],
        ['20200102000000_broken', false],
      ]);
      expect(String(rows[1]!.logs)).toContain('Missing');
      expect(await db.query('SELECT v, t_note() AS note FROM "T"')).toEqual([{ v: 'x;y', note: 'a;b' }]);

      expect(await listPendingMigrations(db.factory, { migrationsDir: dir })).toEqual(['20200102000000_broken']);
      // Like `prisma migrate deploy`, a failed migration blocks the next run until resolved.
      await expect(applyPendingMigrations(db.factory, { migrationsDir: dir })).rejects.toThrow(MigrationError);
    },
    TIMEOUT,
  );
});

describe('prisma/migrations and prisma/schema.prisma', () => {
  it(
    'are in sync (run `npm run db:migration -- <name>` after changing the schema)',
    async () => {
      expect(await diffMigrationsAgainstSchema()).toBe('');
    },
    TIMEOUT,
  );
});
