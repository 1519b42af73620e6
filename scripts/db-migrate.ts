// `npm run db:migrate`: applies pending migrations (prisma/migrations) to
// DATABASE_URL when set, else to the embedded database in ${DATA_DIR:-.data}/pglite.
// Uses Prisma's WebAssembly schema engine: no native engine download needed.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { applyPendingMigrations, pgliteFactory, postgresFactory, summarizeEngineError } from '../lib/db/migrations.ts';
import { redactUrl } from '../lib/db/database.ts';

const env = (name: string) => (process.env[name] === '' ? undefined : process.env[name]);

async function main(): Promise<void> {
  const databaseUrl = env('DATABASE_URL');
  let applied: string[];
  if (databaseUrl) {
    console.log(`Migrating PostgreSQL at ${redactUrl(databaseUrl)}`);
    applied = await applyPendingMigrations(postgresFactory(databaseUrl));
  } else {
    const dir = path.resolve(env('DATA_DIR') ?? '.data', 'pglite');
    mkdirSync(path.dirname(dir), { recursive: true });
    console.log(`Migrating the embedded database in ${dir}`);
    const pglite = new PGlite(dir);
    try {
      await pglite.waitReady;
      applied = await applyPendingMigrations(pgliteFactory(pglite));
    } finally {
      await pglite.close();
    }
  }
  if (applied.length === 0) console.log('Database is up to date');
  for (const name of applied) console.log(`Applied ${name}`);
}


main().catch((error: unknown) => {
  console.error(`db:migrate: ${summarizeEngineError(error)}`);
  process.exit(1);
});
