import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_ADMIN_URL } from './helpers/relayed-postgres.ts';
import { createPostgresDatabase } from './helpers/test-database.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-startup-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(env: Record<string, string>, entry = 'scripts/start.mjs') {
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  return spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '39999', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('starting the server', () => {
  it('PORT=abc prints one clear line and exits 1', () => {
    const result = start({ PORT: 'abc' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('tollgate: Invalid configuration: PORT must be a port number (got "abc")');
    expect(result.stdout).toBe('');
  });

  it('a bad REGIONS stops server.ts itself the same way', () => {
    const result = start({ REGIONS: 'not a region' }, 'server.ts');
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'tollgate: Invalid configuration: REGIONS must be a comma-separated list of region codes such as GRA,BHS (got "not a region")',
    ]);
  });

  it('refuses to start on a PostgreSQL database with pending migrations, saying what to run', async () => {
    const empty = await createPostgresDatabase(POSTGRES_ADMIN_URL, 'tollgate_pending');
    try {
      const result = start({ DATABASE_URL: empty.url }, 'server.ts');
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/pending migration\(s\) \(\d{14}_init.*\); run `npm run db:migrate` first$/);
    } finally {
      await empty.drop();
    }
  });
});
