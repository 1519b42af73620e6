// `npm run keys:rotate`: a new key signs identity assertions (X-Tollgate-Jwt-Assertion) from
// now on; the old one stays in /.well-known/jwks.json for a day, so assertions it signed still
// verify. Running instances switch within a minute. DATABASE_URL when set, else the embedded
// database in ${DATA_DIR:-.data} (stop the server first: PGlite has one user at a time).
import { openDatabase } from '../lib/db/database.ts';
import { publishedKeys, rotateSigningKey } from '../lib/identity/signing-keys.ts';

const env = (name: string) => (process.env[name] === '' ? undefined : process.env[name]);

async function main(): Promise<void> {
  const db = await openDatabase({ databaseUrl: env('DATABASE_URL'), dataDir: env('DATA_DIR') ?? '.data' });
  try {
    const kid = await rotateSigningKey(db.prisma);
    const { keys } = await publishedKeys(db.prisma);
    console.log(`New signing key ${kid} on ${db.describe}; published: ${keys.map((key) => key.kid).join(', ')}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`keys:rotate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
