// `npm run db:migration -- <name>`: writes the next migration, i.e. the SQL that
// takes a database built by prisma/migrations to prisma/schema.prisma, as
// prisma/migrations/<UTC timestamp>_<name>/migration.sql (like `prisma migrate dev
// --create-only`). The diff runs on an in-memory PGlite, never on your database.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  defaultMigrationsDir,
  diffMigrationsAgainstSchema,
  listMigrationDirs,
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
  summarizeEngineError,
} from '../lib/db/migrations.ts';

const NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const name = args[0];
  if (args.length !== 1 || !name) throw new Error('usage: npm run db:migration -- <name>   (snake_case, e.g. add_app_labels)');
  if (!NAME.test(name) || name.length > 200) throw new Error(`migration name must be snake_case (a-z, 0-9, single underscores), got "${name}"`);

  const sql = await diffMigrationsAgainstSchema();
  if (sql === '') {
    console.log('No schema changes');
    return;
  }

  const baseDir = defaultMigrationsDir();
  const dirName = `${timestamp(new Date())}_${name}`;
  const last = (await listMigrationDirs()).at(-1);
  if (last && last.name.localeCompare(dirName) >= 0) {
    throw new Error(`${dirName} would not sort after the latest migration ${last.name} (check the clock)`);
  }
  const dir = path.join(baseDir, dirName);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql, { flag: 'wx' });
  const lock = path.join(baseDir, MIGRATION_LOCK_FILE);
  if (!existsSync(lock)) await writeFile(lock, MIGRATION_LOCK_CONTENT);
  console.log(`Created ${path.relative(process.cwd(), path.join(dir, 'migration.sql'))}`);
}

/** YYYYMMDDHHMMSS in UTC, as Prisma names migration directories. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

main().catch((error: unknown) => {
  console.error(`db:migration: ${summarizeEngineError(error)}`);
  process.exit(1);
});
