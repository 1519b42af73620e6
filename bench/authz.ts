// `npm run bench:authz`: how fast the gateway's per-request decision is, and whether finding a
// token by its hash stays flat as tokens grow.
//
// Part 1 (pure CPU): `authorize` for a 10-requirement selector against an 11-label app (allow,
// selector miss, other checks), plus the other per-request token work the gateway does before
// its cache (checksum + SHA-256) and the one-off parse on a cache miss.
// Part 2 (database): fresh PostgreSQL databases `tollgate_bench_*` on 127.0.0.1 (one per size),
// migrated like the server's, holding 10 / 1,000 / 100,000 tokens of one project; lookups by
// secretHash through Prisma (findUnique, findTokenBySecret with real secrets, a miss) and raw pg,
// sequential and 8 in flight, in interleaved rounds. All dropped at the end, also on error or
// Ctrl-C. Then the same on in-memory PGlite (skip with --no-pglite).
//
// Options: --quick (fewer rounds), --no-db (part 1 only), --no-pglite.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { authorize, type AppView, type TokenCredential, type UserCredential } from '../lib/authz/authorize.ts';
import { PrismaClient } from '../lib/db/generated/client.ts';
import { AccessResolver } from '../lib/gateway/access-resolver.ts';
import type { GatewayApp } from '../lib/gateway/gateway-store.ts';
import { applyPendingMigrations, pgliteFactory } from '../lib/db/migrations.ts';
import { parseSelector } from '../lib/labels/parse-selector.ts';
import { parseAppHost } from '../lib/apps/app-host.ts';
import { findTokenBySecret } from '../lib/tokens/find-token-by-secret.ts';
import { TOKEN_RECORD_SELECT } from '../lib/tokens/token-record.ts';
import { generateTokenSecret, hasValidChecksum } from '../lib/tokens/token-format.ts';
import { hashTokenSecret } from '../lib/tokens/token-secret.ts';
import { createBenchDatabase, onInterrupt, once, wasInterrupted, type BenchDatabase } from './lib/bench-database.ts';
import { benchToken, memoryStore } from './lib/memory-store.ts';
import { fmtRate, fmtRatio, median, pad, spread, timeAsync, timeSync, type RoundResult } from './lib/stats.ts';

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
  allowedIps: null,
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

/**
 * What the gateway decides per request once its caches are warm: AccessResolver.app +
 * tokenBySecret (checksum, SHA-256, TTL-cache hit) + authorize, with their awaits.
 */
async function benchResolverHit(): Promise<void> {
  const secret = generateTokenSecret();
  const record = benchToken({ id: token.tokenId, projectId: PROJECT, labelSelector: SELECTOR_TEXT });
  const app: GatewayApp = { ...appAllow, name: 'demo', allowPanelUsers: true, state: 'RUNNING', replicas: [{ host: '127.0.0.1', port: 9 }] };
  const store = memoryStore({ app, token: record, secretHash: hashTokenSecret(secret) });
  const resolver = new AccessResolver(store, { ttlMs: 3_600_000 });
  const decide = async () => {
    const found = await resolver.app(APP_ID);
    const resolved = await resolver.tokenBySecret(secret);
    if (!found || !resolved) throw new Error('setup: resolver missed');
    return authorize({ credential: resolved.credential, app: found, action: 'app:query' }).allow;
  };
  if (!(await decide())) throw new Error('setup: resolver path denied');
  const result = await timeAsync(decide, { warmupOps: 50_000, rounds: ROUNDS, opsPerRound: 200_000 });
  console.log(
    `${pad('resolver hit + authorize (per req)', 38)}${pad(fmtRate(result.median), 14, true)}${pad((1e9 / result.median).toFixed(0), 9, true)}   ${spread(result)}`,
  );
}

// ───────────────────────── part 2: token lookup by hash ─────────────────────────

// One database per size, filled once, then measured in interleaved rounds (10, 1k, 100k, 10, …),
// so a machine that gets busier or quieter during the run cannot pass for an effect of size.
const SIZES = [10, 1_000, 100_000];
const REAL_TOKENS = 10;
const LOOKUP = { warmupOps: QUICK ? 200 : 300, rounds: QUICK ? 3 : 5, opsPerRound: QUICK ? 300 : 600 };
const PROJECT_ID = '7a1e0c55-3f0b-4b8e-9a77-2c1d5e6f7a8b';

interface SqlRunner {
  exec(sql: string, params?: unknown[]): Promise<unknown[]>;
}

/** One filled database of `size` tokens and the lookups to time on it. */
interface Instance {
  size: number;
  ops: Array<[string, (i: number) => Promise<unknown>, number]>;
  close(): Promise<void>;
}

const OPS = ['findUnique', 'findBySecret', 'findUnique×8', 'miss', 'raw pg'] as const;

async function fillTokens(sql: SqlRunner, size: number): Promise<{ secrets: string[]; sample: string[] }> {
  await sql.exec(`INSERT INTO "Project" (id, slug, name) VALUES ($1, 'bench', 'bench')`, [PROJECT_ID]);
  const secrets = Array.from({ length: REAL_TOKENS }, () => generateTokenSecret());
  for (const [i, secret] of secrets.entries()) {
    await sql.exec(
      `INSERT INTO "Token" (id, "projectId", name, "secretHash", "labelSelector", role, region, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'READ', 'GRA', now())`,
      [PROJECT_ID, `real-${i}`, hashTokenSecret(secret), SELECTOR_TEXT],
    );
  }
  if (size > REAL_TOKENS) {
    // One statement; hashes are SHA-256 hex of a per-row string (PostgreSQL ≥ 11 has sha256()).
    await sql.exec(
      `INSERT INTO "Token" (id, "projectId", name, "secretHash", "labelSelector", role, region, "updatedAt")
       SELECT gen_random_uuid(), $1, 'bench-' || i, encode(sha256(('bench-secret-' || i)::bytea), 'hex'), 'group=A', 'READ', 'GRA', now()
       FROM generate_series(${REAL_TOKENS}, ${size - 1}) AS i`,
      [PROJECT_ID],
    );
  }
  await sql.exec('ANALYZE "Token"');
  const count = (await sql.exec('SELECT count(*)::int AS n FROM "Token"')) as Array<{ n: number }>;
  if (count[0]?.n !== size) throw new Error(`expected ${size} tokens, found ${count[0]?.n}`);
  // Existing hashes spread over the whole table, so lookups touch different index pages.
  const sample = ((await sql.exec(`SELECT "secretHash" AS h FROM "Token" ORDER BY random() LIMIT 2000`)) as Array<{ h: string }>).map((r) => r.h);
  return { secrets, sample };
}

function lookupOps(prisma: PrismaClient, secrets: string[], sample: string[], raw: ((hash: string) => Promise<unknown>) | null): Instance['ops'] {
  const pick = (i: number) => sample[i % sample.length]!;
  const ops: Instance['ops'] = [
    ['findUnique', async (i) => {
      if (!(await prisma.token.findUnique({ where: { secretHash: pick(i) }, select: TOKEN_RECORD_SELECT }))) throw new Error('lookup missed an existing hash');
    }, 1],
    ['findBySecret', async (i) => {
      if (!(await findTokenBySecret(prisma, secrets[i % secrets.length]!))) throw new Error('findTokenBySecret missed a real secret');
    }, 1],
    ['findUnique×8', (i) => prisma.token.findUnique({ where: { secretHash: pick(i) }, select: TOKEN_RECORD_SELECT }), 8],
    ['miss', async (i) => {
      if (await prisma.token.findUnique({ where: { secretHash: hashTokenSecret(`nope-${i}`) }, select: TOKEN_RECORD_SELECT })) throw new Error('a made-up hash was found');
    }, 1],
  ];
  if (raw) ops.push(['raw pg', (i) => raw(pick(i)), 1]);
  return ops;
}

async function measureInterleaved(label: string, instances: Instance[]): Promise<Map<number, Map<string, RoundResult>>> {
  const rates = new Map(instances.map((inst) => [inst.size, new Map<string, number[]>()]));
  for (const inst of instances) {
    for (const [, op, concurrency] of inst.ops) await timeAsync(op, { warmupOps: LOOKUP.warmupOps, rounds: 0, concurrency });
  }
  for (let round = 1; round <= LOOKUP.rounds; round++) {
    if (process.stdout.isTTY) process.stdout.write(`  [${label}] round ${round}/${LOOKUP.rounds}\r`);
    for (const inst of instances) {
      for (const [name, op, concurrency] of inst.ops) {
        const result = await timeAsync(op, { warmupOps: 0, rounds: 1, opsPerRound: LOOKUP.opsPerRound, concurrency });
        const list = rates.get(inst.size)!.get(name) ?? [];
        list.push(result.rounds[0]!);
        rates.get(inst.size)!.set(name, list);
      }
    }
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  return new Map([...rates].map(([size, byOp]) => [size, new Map([...byOp].map(([name, list]) => [name, { rounds: list, median: median(list) }]))]));
}

function printLookups(title: string, results: Map<number, Map<string, RoundResult>>): void {
  console.log(`\n== ${title}: token lookups/s by secretHash (median of ${LOOKUP.rounds} interleaved rounds × ${LOOKUP.opsPerRound}) ==`);
  const shown = OPS.filter((name) => [...results.values()].some((byOp) => byOp.has(name)));
  console.log(pad('tokens', 10) + shown.map((name) => pad(name, 14, true)).join(''));
  for (const [size, byOp] of results) {
    console.log(pad(size.toLocaleString('en-US'), 10) + shown.map((name) => pad(fmtRate(byOp.get(name)?.median ?? NaN), 14, true)).join(''));
  }
  const first = results.get(SIZES[0]!)!;
  const last = results.get(SIZES[SIZES.length - 1]!)!;
  console.log(pad('100k/10', 10) + shown.map((name) => pad(fmtRatio((last.get(name)?.median ?? NaN) / (first.get(name)?.median ?? NaN)), 14, true)).join(''));
  console.log('(findUnique: Prisma, sequential; findBySecret: checksum + sha256 + findUnique + parseSelector;');
  console.log(' ×8: 8 in flight; miss: unknown hash; raw pg: node-postgres prepared SELECT, sequential)');
}

async function benchPostgres(): Promise<void> {
  const dbs: BenchDatabase[] = [];
  const instances: Instance[] = [];
  const cleanup = once(async () => {
    for (const inst of instances) await inst.close().catch(() => {});
    for (const db of dbs) await db.drop().catch((error: unknown) => console.error(`could not drop ${db.name}:`, error));
  });
  const unhook = onInterrupt(cleanup);
  try {
    console.log('\nPostgreSQL 127.0.0.1: one fresh database per size (all dropped at the end)');
    for (const size of SIZES) {
      const db = await createBenchDatabase();
      dbs.push(db);
      await applyPendingMigrations(new PrismaPg({ connectionString: db.url }));
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 10 }) });
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      instances.push({ size, ops: [], close: async () => { await prisma.$disconnect(); await client.end(); } });
      const sql: SqlRunner = { exec: async (text, params) => (await client.query(text, params)).rows };
      const started = Date.now();
      const { secrets, sample } = await fillTokens(sql, size);
      const raw = (hash: string) =>
        client.query({
          name: 'by-hash',
          text: `SELECT id, "projectId", name, "labelSelector", role, region, version, "expiresAt", "lastUsedAt" FROM "Token" WHERE "secretHash" = $1`,
          values: [hash],
        });
      instances[instances.length - 1]!.ops = lookupOps(prisma, secrets, sample, raw);
      const plan = (await sql.exec(`EXPLAIN SELECT id FROM "Token" WHERE "secretHash" = 'x'`)) as Array<Record<string, string>>;
      console.log(`  ${db.name}: ${size.toLocaleString('en-US')} tokens (filled in ${Date.now() - started} ms); plan: ${Object.values(plan[0] ?? {})[0]}`);
    }
    printLookups('PostgreSQL 127.0.0.1', await measureInterleaved('postgres', instances));
  } finally {
    await cleanup();
    unhook();
  }
}

async function benchPglite(): Promise<void> {
  const instances: Instance[] = [];
  try {
    console.log('\nPGlite: one in-memory database per size');
    for (const size of SIZES) {
      const pglite = await PGlite.create();
      await applyPendingMigrations(pgliteFactory(pglite));
      const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
      instances.push({ size, ops: [], close: async () => { await prisma.$disconnect(); await pglite.close(); } });
      const sql: SqlRunner = { exec: async (text, params) => (await pglite.query(text, params)).rows };
      const started = Date.now();
      const { secrets, sample } = await fillTokens(sql, size);
      instances[instances.length - 1]!.ops = lookupOps(prisma, secrets, sample, null);
      console.log(`  ${size.toLocaleString('en-US')} tokens (filled in ${Date.now() - started} ms)`);
    }
    printLookups('PGlite (embedded, in-memory)', await measureInterleaved('pglite', instances));
  } finally {
    for (const inst of instances) await inst.close().catch(() => {});
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`tollgate authz bench — node ${process.version}, ${QUICK ? 'quick' : 'full'} run`);
  benchAuthorize();
  await benchResolverHit();
  if (!args.has('--no-db')) {
    await benchPostgres();
    if (!args.has('--no-pglite')) await benchPglite();
  }
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (wasInterrupted()) return;
    console.error('bench:authz failed:', error);
    process.exit(1);
  },
);
