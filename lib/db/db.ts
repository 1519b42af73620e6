import { getConfig } from '../config/config.ts';
import { openDatabase, type Database } from './database.ts';

// Next bundles its own copy of lib/ for route handlers and pages, so a
// module-level singleton would open the database a second time (PGlite allows
// one handle per data directory). The one handle lives on globalThis instead.
const holder = globalThis as typeof globalThis & { __tollgateDb?: Promise<Database> };

/** Installs an already-open database as the process's database (server start, tests). */
export function setDatabase(db: Database): void {
  holder.__tollgateDb = Promise.resolve(db);
}

/** The process's database, opened from the configuration on first use. */
export function getDatabase(): Promise<Database> {
  holder.__tollgateDb ??= (() => {
    const config = getConfig();
    return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  })();
  return holder.__tollgateDb;
}

export async function getPrisma() {
  return (await getDatabase()).prisma;
}
