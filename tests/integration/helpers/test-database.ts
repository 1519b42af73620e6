import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { PrismaClient } from '../../../lib/db/generated/client.ts';
import type { Database } from '../../../lib/db/database.ts';
import { applyPendingMigrations } from '../../../lib/db/migrations.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a new database on DATABASE_URL's server when it is set (dropped after).
 */
export async function createTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const pglite = await PGlite.create();
    const adapterFactory = new PrismaPGlite(pglite);
    await applyPendingMigrations(adapterFactory);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    const close = async () => {
      await prisma.$disconnect();
      await pglite.close();
    };
    return { kind: 'embedded', prisma, adapterFactory, pglite, describe: 'in-memory PGlite', close, drop: close };
  }
  const { url, drop } = await createPostgresDatabase(baseUrl, 'tollgate_test');
  const adapterFactory = new PrismaPg({ connectionString: url });
  await applyPendingMigrations(adapterFactory);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  const close = () => prisma.$disconnect();
  return {
    kind: 'postgres',
    prisma,
    adapterFactory,
    describe: url,
    close,
    drop: async () => {
      await close();
      await drop();
    },
  };
}

/** Creates an empty database next to `baseUrl`'s; `drop` removes it even with connections open. */
export async function createPostgresDatabase(baseUrl: string, prefix: string) {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = '/' + name;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
