import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client.ts';

export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** The adapter factory migrations run through (same connection target as `prisma`). */
  adapterFactory: PrismaPg | PrismaPGlite;
  /** Set for the embedded database only. */
  pglite?: PGlite;
  /** Human description for logs (never includes a password). */
  describe: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database under dataDir. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const adapterFactory = new PrismaPg({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 3_000 });
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      kind: 'postgres',
      prisma,
      adapterFactory,
      describe: `PostgreSQL at ${redactUrl(options.databaseUrl)}`,
      close: () => prisma.$disconnect(),
    };
  }
  const dir = path.resolve(options.dataDir, 'pglite');
  // PGlite needs its data directory's parent to exist.
  mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = await PGlite.create(dir);
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'embedded',
    prisma,
    adapterFactory,
    pglite,
    describe: `embedded PostgreSQL (PGlite) in ${dir}`,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** A database URL fit for logs: the password masked. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
