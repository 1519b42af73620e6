// `npm run bench:authz`: how fast the gateway's per-request decision is, and whether finding a
// token by its hash stays flat as tokens grow.
//
// Part 1 (pure CPU): `authorize` for a 10-requirement selector against an 11-label app (allow,
// selector miss, other checks), plus the other per-request token work the gateway does before
// its cache (checksum + SHA-256) and the one-off parse on a cache miss.
// Part 2 (database): a fresh PostgreSQL database `tollgate_bench_*` on 127.0.0.1, migrated like the
// server's, filled with 10 → 1,000 → 100,000 tokens of one project; lookups by secretHash through
// Prisma (findUnique, findTokenBySecret) and raw pg, sequential and 8 in flight. Dropped at the
// end, also on error or Ctrl-C. Then the same on in-memory PGlite (skip with --no-pglite).
//
// Options: --quick (fewer rounds), --no-db (part 1 only), --no-pglite.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { authorize, type AppView, type TokenCredential, type UserCredential } from '../lib/authz/authorize.ts';
import { PrismaClient } from '../lib/db/generated/client.ts';
import { applyPendingMigrations, pgliteFactory } from '../lib/db/migrations.ts';
import { parseSelector } from '../lib/labels/parse-selector.ts';
import { parseAppHost } from '../lib/server/app-host.ts';
import { findTokenBySecret, TOKEN_RECORD_SELECT } from '../lib/tokens/find-token-by-secret.ts';
import { generateTokenSecret, hasValidChecksum } from '../lib/tokens/token-format.ts';
import { hashTokenSecret } from '../lib/tokens/token-secret.ts';
import { createBenchDatabase, onInterrupt, type BenchDatabase } from './lib/bench-database.ts';
import { fmtRate, fmtRatio, pad, spread, timeAsync, timeSync, type RoundResult } from './lib/stats.ts';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const ROUNDS = QUICK ? 3 : 7;

// ───────────────────────── part 1: authorize ─────────────────────────

// Ten requirements, every operator kind: =, !=, in, notin, exists, !key, >.
const SELECTOR_TEXT =
  'group=A,app=shop,env!=dev,owner!=nobody,tier in (web,api),zone notin (eu-west-1,us-east-1),team,cost-center,!legacy,version>3';
const selector = parseSelector(SELECTOR_TEXT);
if (selector.requirements.length !== 10) throw new Error(`expected 10 requirements, got ${selector.requirements.length}`);

const PROJECT = '5b0c8f7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const APP_ID = '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';

const token: TokenCredential = {
  kind: 'token',
  tokenId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  projectId: PROJECT,
  region: 'GRA',
  role: 'read',
  selector,
  expiresAt: new Date(Date.now() + 86_400_000),
};

// Eleven labels, the platform's two included.
const matchingLabels: Record<string, string> = {
  'ovh/id': APP_ID,
  'ovh/type': 'app',
  group: 'A',
  app: 'shop',
  env: 'prod',
  owner: 'alice',
  tier: 'web',
  zone: 'eu-central-1',
  team: 'core',
  'cost-center': 'cc42',
  version: '7',
};
const appAllow: AppView = { id: APP_ID, projectId: PROJECT, region: 'GRA', labels: matchingLabels, unsecureHttp: false };
// Misses on the last requirement in canonical (key) order: every other requirement is evaluated first.
const appMissLast: AppView = { ...appAllow, labels: { ...matchingLabels, zone: 'us-east-1' } };
// Misses on the first one.
const appMissFirst: AppView = { ...appAllow, labels: { ...matchingLabels, app: 'blog' } };
const appOtherRegion: AppView = { ...appAllow, region: 'BHS' };
const user: UserCredential = {
  kind: 'user',
  userId: 'u1',
  projectIds: new Set(['p-a', 'p-b', PROJECT]),
};
const stranger: UserCredential = { kind: 'user', userId: 'u2', projectIds: new Set(['p-a']) };

function expectDecision(label: string, allow: boolean, actual: { allow: boolean; reason?: string }, reason?: string): void {
  if (actual.allow !== allow || (reason && actual.reason !== reason)) {
    throw new Error(`setup: ${label} decided ${JSON.stringify(actual)}, expected allow=${allow} ${reason ?? ''}`);
  }
}

function benchAuthorize(): void {
  const q = 'app:query' as const;
  expectDecision('token allow', true, authorize({ credential: token, app: appAllow, action: q }));
  expectDecision('token miss last', false, authorize({ credential: token, app: appMissLast, action: q }), 'selector_miss');
  expectDecision('token miss first', false, authorize({ credential: token, app: appMissFirst, action: q }), 'selector_miss');
  expectDecision('token region', false, authorize({ credential: token, app: appOtherRegion, action: q }), 'other_region');
  expectDecision('user allow', true, authorize({ credential: user, app: appAllow, action: q }));
  expectDecision('user deny', false, authorize({ credential: stranger, app: appAllow, action: q }), 'not_member');

  const cases: Array<[string, () => unknown]> = [
    ['token, 10 reqs, allow', () => authorize({ credential: token, app: appAllow, action: q }).allow],
    ['token, selector miss (last req)', () => authorize({ credential: token, app: appMissLast, action: q }).allow === false],
    ['token, selector miss (first req)', () => authorize({ credential: token, app: appMissFirst, action: q }).allow === false],
    ['token, other region (deny)', () => authorize({ credential: token, app: appOtherRegion, action: q }).allow === false],
    ['user, member (allow)', () => authorize({ credential: user, app: appAllow, action: q }).allow],
    ['user, not member (deny)', () => authorize({ credential: stranger, app: appAllow, action: q }).allow === false],
  ];

  // The rest of the gateway's per-request token work, for scale.
  const secret = generateTokenSecret();
  const host = `${APP_ID}.app.gra.localhost:3000`;
  const context: Array<[string, () => unknown]> = [
    ['parseAppHost (every request)', () => parseAppHost(host, 'localhost')],
    ['hasValidChecksum (every request)', () => hasValidChecksum(secret)],
    ['hashTokenSecret sha256 (every req)', () => hashTokenSecret(secret).length],
    ['parseSelector 10 reqs (cache miss)', () => parseSelector(SELECTOR_TEXT)],
  ];

  console.log(`\n== authorize() decisions/s (median of ${ROUNDS} rounds of 300 ms after 300 ms warm-up) ==`);
  console.log(`selector (${selector.requirements.length} requirements): ${SELECTOR_TEXT}`);
  console.log(`app labels: ${Object.keys(matchingLabels).length}\n`);
  const table = (rows: Array<[string, () => unknown]>) => {
    console.log(`${pad('case', 38)}${pad('decisions/s', 14, true)}${pad('ns/op', 9, true)}   rounds min..max`);
    for (const [name, op] of rows) {
      const result = timeSync(op, { rounds: ROUNDS });
      console.log(`${pad(name, 38)}${pad(fmtRate(result.median), 14, true)}${pad((1e9 / result.median).toFixed(0), 9, true)}   ${spread(result)}`);
    }
  };
  table(cases);
  console.log('\nper-request context (ops/s):');
  table(context);
}

// ───────────────────────── part 2: token lookup by hash ─────────────────────────

const SIZES = [10, 1_000, 100_000];
const REAL_TOKENS = 10;
const LOOKUP_OPTIONS = { warmupOps: QUICK ? 200 : 500, rounds: QUICK ? 3 : 5, opsPerRound: QUICK ? 500 : 1_500 };

interface SqlRunner {
  exec(sql: string, params?: unknown[]): Promise<unknown[]>;
}

interface LookupRow {
  size: number;
  findUnique: RoundResult;
  findBySecret: RoundResult;
  findUniqueConc: RoundResult;
  raw?: RoundResult;
  miss: RoundResult;
}

const PROJECT_SQL = `INSERT INTO "Project" (id, slug, name) VALUES ($1, 'bench', 'bench')`;

/** Inserts tokens number `from`..`to`-1 in one statement; hashes are SHA-256 hex of a per-row string. */
function fillerSql(from: number, to: number, projectId: string): string {
  return `INSERT INTO "Token" (id, "projectId", name, "secretHash", "labelSelector", role, region, "updatedAt")
    SELECT gen_random_uuid(), '${projectId}', 'bench-' || i, encode(sha256(('bench-secret-' || i)::bytea), 'hex'),
           'group=A', 'READ', 'GRA', now()
    FROM generate_series(${from}, ${to - 1}) AS i`;
}

async function runLookups(
  label: string,
  prisma: PrismaClient,
  sql: SqlRunner,
  rawLookup: ((hash: string) => Promise<unknown>) | null,
): Promise<LookupRow[]> {
  const projectId = '7a1e0c55-3f0b-4b8e-9a77-2c1d5e6f7a8b';
  await sql.exec(PROJECT_SQL, [projectId]);
  const secrets = Array.from({ length: REAL_TOKENS }, () => generateTokenSecret());
  for (const [i, secret] of secrets.entries()) {
    await sql.exec(
      `INSERT INTO "Token" (id, "projectId", name, "secretHash", "labelSelector", role, region, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'READ', 'GRA', now())`,
      [projectId, `real-${i}`, hashTokenSecret(secret), SELECTOR_TEXT],
    );
  }
  const rows: LookupRow[] = [];
  let have = REAL_TOKENS;
  for (const size of SIZES) {
    if (size > have) {
      const started = Date.now();
      await sql.exec(fillerSql(have, size, projectId));
      await sql.exec('ANALYZE "Token"');
      process.stdout.write(`  [${label}] ${size.toLocaleString('en-US')} tokens (filled in ${Date.now() - started} ms)\n`);
      have = size;
    } else {
      process.stdout.write(`  [${label}] ${size.toLocaleString('en-US')} tokens\n`);
    }
    const count = (await sql.exec('SELECT count(*)::int AS n FROM "Token"')) as Array<{ n: number }>;
    if (count[0]?.n !== size) throw new Error(`expected ${size} tokens, found ${count[0]?.n}`);
    // Hashes spread over the whole table, so lookups touch different index pages.
    const sample = (
      (await sql.exec(`SELECT "secretHash" AS h FROM "Token" ORDER BY random() LIMIT 2000`)) as Array<{ h: string }>
    ).map((r) => r.h);
    const pick = (i: number) => sample[i % sample.length]!;
    const findUnique = await timeAsync(async (i) => {
      const record = await prisma.token.findUnique({ where: { secretHash: pick(i) }, select: TOKEN_RECORD_SELECT });
      if (!record) throw new Error('lookup missed a hash that exists');
    }, LOOKUP_OPTIONS);
    const findBySecret = await timeAsync(async (i) => {
      const resolved = await findTokenBySecret(prisma, secrets[i % secrets.length]!);
      if (!resolved) throw new Error('findTokenBySecret missed a real secret');
    }, LOOKUP_OPTIONS);
    const findUniqueConc = await timeAsync(async (i) => {
      await prisma.token.findUnique({ where: { secretHash: pick(i) }, select: TOKEN_RECORD_SELECT });
    }, { ...LOOKUP_OPTIONS, concurrency: 8 });
    const miss = await timeAsync(async (i) => {
      const record = await prisma.token.findUnique({ where: { secretHash: hashTokenSecret(`nope-${i}`) }, select: TOKEN_RECORD_SELECT });
      if (record) throw new Error('a made-up hash was found');
    }, LOOKUP_OPTIONS);
    const raw = rawLookup ? await timeAsync((i) => rawLookup(pick(i)), LOOKUP_OPTIONS) : undefined;
    rows.push({ size, findUnique, findBySecret, findUniqueConc, miss, raw });
  }
  const plan = (await sql.exec(`EXPLAIN SELECT id FROM "Token" WHERE "secretHash" = 'x'`)) as Array<Record<string, string>>;
  console.log(`  [${label}] plan at ${have.toLocaleString('en-US')} tokens: ${Object.values(plan[0] ?? {})[0]}`);
  return rows;
}

function printLookups(title: string, rows: LookupRow[]): void {
  console.log(`\n== ${title}: token lookups/s by secretHash (median of ${LOOKUP_OPTIONS.rounds} rounds × ${LOOKUP_OPTIONS.opsPerRound}) ==`);
  const cols: Array<[string, (r: LookupRow) => RoundResult | undefined]> = [
    ['findUnique', (r) => r.findUnique],
    ['findBySecret', (r) => r.findBySecret],
    ['findUnique×8', (r) => r.findUniqueConc],
    ['miss', (r) => r.miss],
    ['raw pg', (r) => r.raw],
  ];
  const shown = cols.filter(([, get]) => rows.some((r) => get(r)));
  console.log(pad('tokens', 10) + shown.map(([name]) => pad(name, 14, true)).join(''));
  for (const row of rows) {
    console.log(pad(row.size.toLocaleString('en-US'), 10) + shown.map(([, get]) => pad(fmtRate(get(row)?.median ?? NaN), 14, true)).join(''));
  }
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  console.log(
    pad(`${(last.size / 1000).toFixed(0)}k/${first.size}`, 10) +
      shown.map(([, get]) => pad(fmtRatio((get(last)?.median ?? NaN) / (get(first)?.median ?? NaN)), 14, true)).join(''),
  );
  console.log('(findUnique: Prisma, sequential; findBySecret: checksum + sha256 + findUnique + parseSelector;');
  console.log(' ×8: 8 in flight; miss: unknown hash; raw pg: node-postgres prepared SELECT, sequential)');
}

async function benchPostgres(): Promise<void> {
  let db: BenchDatabase | null = null;
  let prisma: PrismaClient | null = null;
  let client: pg.Client | null = null;
  const cleanup = async () => {
    await prisma?.$disconnect().catch(() => {});
    await client?.end().catch(() => {});
    await db?.drop();
  };
  const unhook = onInterrupt(cleanup);
  try {
    db = await createBenchDatabase();
    console.log(`\nPostgreSQL: database ${db.name} (dropped at the end)`);
    await applyPendingMigrations(new PrismaPg({ connectionString: db.url }));
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 10 }) });
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const c = client;
    const sql: SqlRunner = { exec: async (text, params) => (await c.query(text, params)).rows };
    const raw = (hash: string) =>
      c.query({
        name: 'by-hash',
        text: `SELECT id, "projectId", name, "labelSelector", role, region, version, "expiresAt", "lastUsedAt" FROM "Token" WHERE "secretHash" = $1`,
        values: [hash],
      });
    const rows = await runLookups('postgres', prisma, sql, raw);
    printLookups('PostgreSQL 127.0.0.1', rows);
  } finally {
    await cleanup();
    unhook();
  }
}

async function benchPglite(): Promise<void> {
  const pglite = await PGlite.create();
  let prisma: PrismaClient | null = null;
  try {
    console.log('\nPGlite: in-memory');
    await applyPendingMigrations(pgliteFactory(pglite));
    prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const sql: SqlRunner = { exec: async (text, params) => (await pglite.query(text, params)).rows };
    const rows = await runLookups('pglite', prisma, sql, null);
    printLookups('PGlite (embedded, in-memory)', rows);
  } finally {
    await prisma?.$disconnect().catch(() => {});
    await pglite.close().catch(() => {});
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`tollgate authz bench — node ${process.version}, ${QUICK ? 'quick' : 'full'} run`);
  benchAuthorize();
  if (!args.has('--no-db')) {
    await benchPostgres();
    if (!args.has('--no-pglite')) await benchPglite();
  }
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:authz failed:', error);
    process.exit(1);
  },
);
