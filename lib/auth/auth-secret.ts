import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '../db/generated/client.ts';
import { sharedSecret } from '../db/shared-secret.ts';

/**
 * The secret that signs operator sessions: AUTH_SECRET when set, else one
 * generated once and kept in the database, so every instance signs and
 * verifies with the same key (a session signed in on one works on all) and
 * sessions survive restarts.
 */
export async function resolveAuthSecret(options: { configured: string | undefined; prisma: PrismaClient; dataDir: string }): Promise<string> {
  if (options.configured) return options.configured;
  // Before secrets lived in the database, the generated one was a file in DATA_DIR: carry it
  // over, so sessions signed before the upgrade stay valid.
  const legacy = readLegacySecret(options.dataDir);
  return sharedSecret(options.prisma, 'auth', () => legacy ?? randomBytes(32).toString('base64url'));
}

function readLegacySecret(dataDir: string): string | null {
  try {
    const existing = readFileSync(path.resolve(dataDir, 'auth-secret'), 'utf8').trim();
    return existing.length >= 32 ? existing : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return null;
  }
}
