// `npm run bench:gateway`: the Tollgate gateway against the same upstream served directly and
// through nginx; then the gateway again with 100,000 tokens and 10,000 apps in the database, and
// once more with them deleted (the scale bar compares with the few-token rounds on both sides).
//
// Everything runs on 127.0.0.1 and is torn down at the end (also on error or Ctrl-C): a fresh
// PostgreSQL database `tollgate_bench_*`, a real Tollgate server (`node scripts/start.mjs`, the
// built panel; run `npm run build` first), nginx with a generated config in a temp dir.
//
// Fairness: the upstream for all targets is one process, the hello-world child that Tollgate
// itself starts for the demo app (its port comes from the server log line "ready on …"); one
// more row goes through the gateway to an app of 2 replicas (two such children).
// nginx runs worker_processes 1, like Tollgate's one Node event loop, and does the same header
// work as the gateway (X-Forwarded-*, drops the bearer token), in two configurations: the
// issue's "plain reverse proxy" (proxy_pass with nginx's defaults: HTTP/1.0, a new upstream
// connection per request), which the 0.60 bar is measured against, and a tuned one with upstream
// keep-alive as the gateway's pool has, shown beside it. wrk uses one thread (-t1): on 2 cores, wrk + proxy + upstream already
// share the machine. Every target gets the same headers (Host = the app host, Authorization).
// Each warm-up runs with a Lua check that every response is exactly 200; timed runs check wrk's
// non-2xx/3xx and socket-error counters. Any failure aborts the run (exit 1): numbers from a
// proxy that answers errors mean nothing.
//
// Options:
//   --duration S     timed run length (10)        --warmup S    warm-up length (3)
//   --rounds N       timed rounds per target, interleaved; the median is reported (2)
//   --connections N  wrk -c (32)                  --nginx-workers N|auto  (1)
//   --compare        also reference proxies (bench/lib/node-proxy.ts) to split Node's cost from
//                    Tollgate's: a plain Node server + the gateway's own proxyHttp; the same
//                    without the early flushHeaders(); the Gateway class over an in-memory store
//                    (no database, no Next); the same with Next.js loaded in the process
//   --profile        run the server under node --cpu-prof; print where its CPU went during the
//                    timed gateway runs; keep the .cpuprofile in the OS temp dir
//   --quick          --duration 5 --warmup 2 --rounds 1
//   --no-scale       skip the 100k-token run
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { NGINX_TEMP_DIRS, nginxConf } from '../tests/integration/helpers/nginx-conf.ts';
import { createBenchDatabase, onInterrupt, once, wasInterrupted, type BenchDatabase } from './lib/bench-database.ts';
import { keepProfile, summarizeProfile, type Window } from './lib/cpuprofile.ts';
import { cpuMs, processTree } from './lib/proc-cpu.ts';
import { freePort, Processes, tail, waitFor, type Started } from './lib/processes.ts';
import { fmtMs, fmtRate, fmtRatio, fmtUs, median, pad } from './lib/stats.ts';
import { announce, announceDone, BENCH_ADMIN, checkTools, commandLine, request, SetupError, startTollgate, tokenAndDemoApp, wrkRunOptions } from './lib/tollgate-server.ts';
import { assertAllOk, runWrk, STATUS_CHECK_LUA, stopWrk, type WrkResult } from './lib/wrk.ts';

const root = path.resolve(import.meta.dirname, '..');

// ───────────────────────── options ─────────────────────────

const { flag, option } = commandLine();
const { durationS: DURATION, warmupS: WARMUP, rounds: ROUNDS, connections: CONNECTIONS, threads: THREADS } = wrkRunOptions(2);
const NGINX_WORKERS = option('--nginx-workers', '1');
const COMPARE = flag('--compare');
const PROFILE = flag('--profile');
const SCALE = !flag('--no-scale');
const SCALE_TOKENS = 100_000;
const SCALE_APPS = 10_000;
const BAR_NGINX = 0.6;
const BAR_SCALE = 0.9;

// ───────────────────────── helpers ─────────────────────────

async function runNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  const procs = new Processes();
  const proc = procs.start(args.join(' '), process.execPath, args, { cwd: root, env });
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  if (code !== 0) throw new SetupError(`${args.join(' ')} failed (${code}):\n${tail(proc.output())}`);
  return proc.output();
}

// The same header work as the gateway: forwarded headers set, the bearer token dropped.
const HEADER_WORK = `      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header Authorization "";
`;

function benchNginxConf(dir: string, listenPort: number, plainPort: number, upstreamPort: number): string {
  const http = `  keepalive_requests 100000;
  upstream app {
    server 127.0.0.1:${upstreamPort};
    keepalive 64;
    keepalive_requests 100000;
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
${HEADER_WORK}    }
  }
  # The issue's "nginx as a plain reverse proxy": proxy_pass with nginx's defaults
  # (HTTP/1.0 to the upstream, a new upstream connection per request), same header work.
  server {
    listen 127.0.0.1:${plainPort};
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
${HEADER_WORK}    }
  }
`;
  return `# generated by bench/gateway.ts\n${nginxConf(dir, { workers: NGINX_WORKERS, workerConnections: 4096, http })}`;
}

interface Target {
  key: string;
  label: string;
  url: string;
  /** The proxy's processes (none for the direct row), for CPU per request. */
  proxyPids: () => number[];
  /** Request headers when not the common ones (another app host). */
  headers?: Record<string, string>;
  /** The upstream processes when not the demo app's one child (an app with replicas). */
  upstreamPids?: number[];
}

interface Run {
  wrk: WrkResult;
  /** CPU time per request of the proxy and of the upstream, in µs. */
  proxyUs: number;
  upstreamUs: number;
}

interface Measured {
  runs: Run[];
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  proxyUs: number;
  upstreamUs: number;
}

function summarize(runs: Run[]): Measured {
  return {
    runs,
    reqPerSec: median(runs.map((r) => r.wrk.reqPerSec)),
    p50Ms: median(runs.map((r) => r.wrk.p50Ms)),
    p99Ms: median(runs.map((r) => r.wrk.p99Ms)),
    proxyUs: median(runs.map((r) => r.proxyUs)),
    upstreamUs: median(runs.map((r) => r.upstreamUs)),
  };
}

// ───────────────────────── main ─────────────────────────

async function main(): Promise<number> {
  checkTools(root);
  const started = Date.now();
  announce(
    'tollgate gateway bench',
    `wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}s --latency, ${WARMUP}s warm-up, ${ROUNDS} interleaved round(s); nginx worker_processes ${NGINX_WORKERS}`,
  );

  const procs = new Processes();
  const tmp = mkdtempSync(path.join(tmpdir(), 'tollgate-bench-'));
  chmodSync(tmp, 0o755); // nginx workers run as nobody
  let db: BenchDatabase | null = null;
  let sql: pg.Client | null = null;
  let server: Started | null = null;
  // --profile: each profiled process writes into prof/<target key>/ when it exits.
  const profileDir = (key: string) => path.join(tmp, 'prof', key);
  const profileArgs = (key: string) => (PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir(key)}`] : []);
  const profileWindows = new Map<string, Window[]>();
  const profiled: Array<{ key: string; label: string; proc: Started }> = [];
  const cleanup = once(async () => {
    stopWrk();
    await sql?.end().catch(() => {});
    // nginx: SIGQUIT = graceful stop of master and workers. The server stops its app children itself.
    await procs.stopAll({ nginx: 'SIGQUIT' });
    if (db) await db.drop().catch((error: unknown) => console.error(`could not drop ${db?.name}:`, error));
    rmSync(tmp, { recursive: true, force: true });
  });
  const unhook = onInterrupt(cleanup);

  try {
    // Database and server.
    db = await createBenchDatabase();
    console.log(`\n[setup] database ${db.name}; migrating`);
    await runNode(['--import', 'tsx', 'scripts/db-migrate.ts'], { ...process.env, DATABASE_URL: db.url }, 90_000);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = startTollgate(procs, { root, port, databaseUrl: db.url, dataDir: path.join(tmp, 'data'), nodeArgs: profileArgs('gateway') });
    const srv = server;
    profiled.push({ key: 'gateway', label: 'Tollgate server', proc: srv });
    console.log(`[setup] starting Tollgate on ${base}${PROFILE ? ' (under --cpu-prof)' : ''}`);
    const { cookie, secret, app } = await tokenAndDemoApp(base, srv);
    // The process runtime logs "[app <id8>/<slot>] <image> ready on 127.0.0.1:<port> (pid <pid>, …)" per replica.
    const readyLines = (appId: string) =>
      [...srv.output().matchAll(new RegExp(`\\[app ${appId.slice(0, 8)}/\\d+\\] .*ready on 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)`, 'g'))].map((m) => ({ port: Number(m[1]), pid: Number(m[2]) }));
    const healthy = readyLines(app.id)[0];
    if (!healthy) throw new SetupError(`no "ready on 127.0.0.1:PORT" line for app ${app.id} in the server log:\n${tail(srv.output())}`);
    const upstreamPort = healthy.port;
    const upstreamPid = healthy.pid;
    const appHost = `${app.id}.app.gra.localhost:${port}`;

    // The same image with 2 replicas: the gateway balances between two children.
    const twoCreated = await request(`${base}/v1/app`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'hello-2-replicas', image: 'infrastructureascode/hello-world', region: 'GRA', labels: { group: 'A' }, scalingStrategy: { fixed: { replicas: 2 } } }),
    });
    if (twoCreated.status !== 200) throw new SetupError(`POST /v1/app (2 replicas): ${twoCreated.status} ${twoCreated.body}`);
    const twoId = (JSON.parse(twoCreated.body) as { id: string }).id;
    await waitFor(
      'the 2-replica app to have both replicas ready',
      async () => {
        const res = JSON.parse((await request(`${base}/v1/app/${twoId}`, { headers: { cookie } })).body) as { status: { state: string; replicas?: { ready: number } } };
        return res.status.state === 'RUNNING' && res.status.replicas?.ready === 2 ? true : undefined;
      },
      { timeoutMs: 60_000, process: srv },
    );
    const twoReplicas = readyLines(twoId);
    if (twoReplicas.length !== 2) throw new SetupError(`expected 2 "ready on" lines for app ${twoId}, found ${twoReplicas.length}`);
    const twoHost = `${twoId}.app.gra.localhost:${port}`;
    console.log(`[setup] app ${twoId} RUNNING with 2 replicas on 127.0.0.1:${twoReplicas.map((r) => r.port).join(' and :')}`);
    console.log(`[setup] app ${app.id} RUNNING; its hello-world child listens on 127.0.0.1:${upstreamPort} (the upstream of every target)`);

    // nginx.
    const nginxPort = await freePort();
    const nginxPlainPort = await freePort();
    for (const sub of NGINX_TEMP_DIRS) mkdirSync(path.join(tmp, sub));
    const confPath = path.join(tmp, 'nginx.conf');
    writeFileSync(confPath, benchNginxConf(tmp, nginxPort, nginxPlainPort, upstreamPort));
    const nginx = procs.start('nginx', 'nginx', ['-p', tmp, '-e', path.join(tmp, 'error.log'), '-c', confPath, '-g', 'daemon off;']);
    const targets: Target[] = [
      { key: 'direct', label: 'direct upstream', url: `http://127.0.0.1:${upstreamPort}/`, proxyPids: () => [] },
      { key: 'nginx', label: 'nginx, upstream keepalive', url: `http://127.0.0.1:${nginxPort}/`, proxyPids: () => processTree(nginx.child.pid!) },
      { key: 'nginx-plain', label: 'nginx, plain proxy_pass', url: `http://127.0.0.1:${nginxPlainPort}/`, proxyPids: () => processTree(nginx.child.pid!) },
      // The server process alone: its hello-world child is the upstream.
      { key: 'gateway', label: 'tollgate gateway', url: `${base}/`, proxyPids: () => [srv.child.pid!] },
      {
        key: 'gateway-2r',
        label: 'tollgate, 2 replicas',
        url: `${base}/`,
        proxyPids: () => [srv.child.pid!],
        headers: { Host: twoHost, Authorization: `Bearer ${secret}` },
        upstreamPids: twoReplicas.map((r) => r.pid),
      },
    ];
    if (COMPARE) {
      const variants = [
        { key: 'node-tollgate', env: { MODE: 'tollgate' }, label: 'node proxy (proxyHttp)' },
        { key: 'node-no-flush', env: { MODE: 'no-flush' }, label: 'node proxy (no flush)' },
        { key: 'node-gateway', env: { MODE: 'gateway' }, label: 'Gateway, memory store' },
        { key: 'node-gateway-next', env: { MODE: 'gateway', NEXT: '1' }, label: 'Gateway, memory + Next' },
      ];
      for (const variant of variants) {
        const proxyPort = await freePort();
        const url = `http://127.0.0.1:${proxyPort}/`;
        const proc = procs.start(variant.key, process.execPath, [...profileArgs(variant.key), '--import', 'tsx', 'bench/lib/node-proxy.ts'], {
          cwd: root,
          env: {
            ...process.env,
            ...variant.env,
            PORT: String(proxyPort),
            UPSTREAM_PORT: String(upstreamPort),
            APP_ID: app.id,
            SECRET: secret,
            NODE_ENV: 'production',
            // Only for the Next variant, should a page reach for configuration or the database.
            DATA_DIR: path.join(tmp, `data-${variant.key}`),
            DATABASE_URL: db.url,
            ADMIN_EMAIL: BENCH_ADMIN.email,
            ADMIN_PASSWORD: BENCH_ADMIN.password,
          },
        });
        targets.push({ key: variant.key, label: variant.label, url, proxyPids: () => [proc.child.pid!] });
        profiled.push({ key: variant.key, label: variant.label, proc });
        const probeHeaders = { Host: appHost, Authorization: `Bearer ${secret}` };
        await waitFor(variant.label, async () => ((await request(url, { headers: probeHeaders })).status === 200 ? true : undefined), {
          timeoutMs: 60_000,
          process: proc,
        });
        // Next does its per-request setup (AsyncLocalStorage and all) on its first request.
        if (variant.env.NEXT) await request(`${url}api/auth/csrf`);
      }
    }
    await waitFor('nginx', async () => ((await request(targets[1]!.url)).status === 200 ? true : undefined), { timeoutMs: 15_000, process: nginx });

    // Every target: 200 "Hello, World!" with the bench headers; the gateway also refuses no token.
    const headers = { Host: appHost, Authorization: `Bearer ${secret}` };
    for (const target of targets) {
      const res = await request(target.url, { headers: target.headers ?? headers });
      if (res.status !== 200 || res.body !== 'Hello, World!') throw new SetupError(`${target.label}: ${res.status} ${res.body.slice(0, 200)}`);
    }
    const anonymous = await request(`${base}/`, { headers: { Host: appHost } });
    if (anonymous.status !== 401) throw new SetupError(`gateway without a token answered ${anonymous.status}, expected 401`);

    const luaPath = path.join(tmp, 'status-check.lua');
    writeFileSync(luaPath, STATUS_CHECK_LUA);
    const wrkBase = { headers, threads: THREADS, connections: CONNECTIONS };
    const measureTargets = async (list: Target[], rounds: number, tag: string): Promise<Map<string, Measured>> => {
      const runs = new Map<string, Run[]>(list.map((t) => [t.key, []]));
      for (const target of list) {
        const warm = await runWrk({ ...wrkBase, headers: target.headers ?? headers, url: target.url, durationS: WARMUP, script: luaPath });
        assertAllOk(target.label, warm, 'warm-up');
        console.log(`  warm-up ${pad(target.label, 24)} ${pad(fmtRate(warm.reqPerSec), 8, true)} req/s, ${warm.checked} responses all 200`);
      }
      for (let round = 1; round <= rounds; round++) {
        for (const target of list) {
          const proxyPids = target.proxyPids();
          const upstreamPids = target.upstreamPids ?? [upstreamPid];
          const cpu0 = [cpuMs(proxyPids), cpuMs(upstreamPids)];
          const t0 = Number(process.hrtime.bigint() / 1000n);
          const result = await runWrk({ ...wrkBase, headers: target.headers ?? headers, url: target.url, durationS: DURATION });
          const windows = profileWindows.get(target.key) ?? [];
          windows.push({ startUs: t0, endUs: Number(process.hrtime.bigint() / 1000n) });
          profileWindows.set(target.key, windows);
          const perReq = (ms: number) => (ms * 1000) / result.requests;
          const run: Run = {
            wrk: result,
            proxyUs: proxyPids.length ? perReq(cpuMs(proxyPids) - cpu0[0]!) : NaN,
            upstreamUs: perReq(cpuMs(upstreamPids) - cpu0[1]!),
          };
          assertAllOk(target.label, result, `round ${round}`);
          runs.get(target.key)!.push(run);
          console.log(
            `  ${tag} round ${round} ${pad(target.label, 24)} ${pad(fmtRate(result.reqPerSec), 8, true)} req/s  p50 ${pad(fmtMs(result.p50Ms), 8, true)}  p99 ${pad(fmtMs(result.p99Ms), 8, true)}` +
              `  cpu/req proxy ${pad(fmtUs(run.proxyUs), 6, true)} upstream ${pad(fmtUs(run.upstreamUs), 6, true)}  (${result.requests} requests, all 2xx)`,
          );
        }
      }
      return new Map([...runs].map(([k, v]) => [k, summarize(v)]));
    };

    console.log('\n[main run]');
    const main = await measureTargets(targets, ROUNDS, 'main');

    let scaled: Measured | null = null;
    let after: Measured | null = null;
    if (SCALE) {
      console.log(`\n[scale run] inserting ${SCALE_TOKENS.toLocaleString('en-US')} tokens and ${SCALE_APPS.toLocaleString('en-US')} apps`);
      sql = new pg.Client({ connectionString: db.url });
      await sql.connect();
      const t0 = Date.now();
      await insertScaleRows(sql);
      const counts = (await sql.query(`SELECT (SELECT count(*) FROM "Token")::int AS tokens, (SELECT count(*) FROM "App")::int AS apps`)).rows[0] as {
        tokens: number;
        apps: number;
      };
      console.log(`  now ${counts.tokens.toLocaleString('en-US')} tokens, ${counts.apps.toLocaleString('en-US')} apps (inserted in ${Date.now() - t0} ms)`);
      if (counts.tokens < SCALE_TOKENS || counts.apps < SCALE_APPS) throw new SetupError('scale rows missing');
      const gateway = targets.find((t) => t.key === 'gateway')!;
      const res = await request(gateway.url, { headers });
      if (res.status !== 200) throw new SetupError(`gateway after the scale insert: ${res.status} ${res.body}`);
      scaled = (await measureTargets([gateway], ROUNDS, 'scale')).get('gateway')!;
      // The same server with the scale rows gone again: a machine that got busier or quieter
      // meanwhile shows here, and the baseline below averages both sides of the scale run.
      console.log('\n[after] deleting the scale rows, measuring the few-token gateway again');
      await deleteScaleRows(sql);
      after = (await measureTargets([gateway], ROUNDS, 'after')).get('gateway')!;
    }

    // Summary.
    const direct = main.get('direct')!;
    const viaNginx = main.get('nginx')!;
    const viaPlainNginx = main.get('nginx-plain')!;
    const gw = main.get('gateway')!;
    const row = (label: string, m: Measured) =>
      `${pad(label, 24)}${pad(fmtRate(m.reqPerSec), 9, true)}${pad(fmtMs(m.p50Ms), 10, true)}${pad(fmtMs(m.p99Ms), 10, true)}` +
      `${pad(fmtUs(m.proxyUs), 12, true)}${pad(fmtUs(m.upstreamUs), 12, true)}`;
    // The bar is against the plain reverse proxy; the tuned one is shown beside it.
    const gwNginx = gw.reqPerSec / viaPlainNginx.reqPerSec;
    const gwTunedNginx = gw.reqPerSec / viaNginx.reqPerSec;
    // Baseline for the scale bar: every few-token gateway round, before and after the scale run.
    const baseline = after ? median([...gw.runs, ...after.runs].map((r) => r.wrk.reqPerSec)) : gw.reqPerSec;
    const scaleRatio = scaled ? scaled.reqPerSec / baseline : NaN;
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    const lines = [
      `gateway bench (wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}s, ${cpus().length} cores; median of ${ROUNDS} round(s); nginx worker_processes ${NGINX_WORKERS};`,
      ` upstream: Tollgate's own hello-world child on 127.0.0.1:${upstreamPort} for every row but "2 replicas", which has two such children)`,
      `${pad('', 24)}${pad('req/s', 9, true)}${pad('p50', 10, true)}${pad('p99', 10, true)}${pad('proxy cpu/r', 12, true)}${pad('upstr cpu/r', 12, true)}`,
      row('direct upstream', direct),
      row('nginx, plain proxy_pass', viaPlainNginx),
      row('nginx, keepalive', viaNginx),
      row('tollgate gateway', gw),
      row('tollgate, 2 replicas', main.get('gateway-2r')!),
      ...(scaled ? [row('tollgate @100k tokens', scaled)] : []),
      ...(after ? [row('tollgate, few again', after)] : []),
      ...targets.filter((t) => t.key.startsWith('node-')).map((t) => row(t.label, main.get(t.key)!)),
      `gateway/nginx(plain) = ${fmtRatio(gwNginx)} (bar ≥ ${BAR_NGINX.toFixed(2)}) ${verdict(gwNginx >= BAR_NGINX)}  gateway/nginx(keepalive) = ${fmtRatio(gwTunedNginx)}` +
        (scaled ? `  gateway@100k / gateway = ${fmtRatio(scaleRatio)} (bar ≥ ${BAR_SCALE.toFixed(2)}) ${verdict(scaleRatio >= BAR_SCALE)}` : ''),
      ...(after ? [`(gateway@100k is compared with the median of all few-token gateway rounds, before and after: ${fmtRate(baseline)} req/s)`] : []),
      `gateway(2 replicas)/gateway(1) = ${fmtRatio(main.get('gateway-2r')!.reqPerSec / gw.reqPerSec)} (2 cores: the replicas share the machine with wrk and the gateway)`,
      `gateway/direct = ${fmtRatio(gw.reqPerSec / direct.reqPerSec)}  nginx(keepalive)/direct = ${fmtRatio(viaNginx.reqPerSec / direct.reqPerSec)}` +
        (COMPARE ? `  gateway/node-proxy = ${fmtRatio(gw.reqPerSec / main.get('node-tollgate')!.reqPerSec)}` : ''),
      `(cpu/r: CPU time per request of the proxy process(es) and of the upstream, from /proc; steadier than req/s on a busy machine)`,
    ];
    console.log(`\n${'─'.repeat(78)}\n${lines.join('\n')}\n${'─'.repeat(78)}`);

    if (PROFILE) {
      // Profiles are written when the processes exit; kept in the OS temp dir.
      for (const { key, label, proc } of profiled) {
        await procs.stop(proc);
        const kept = keepProfile(profileDir(key), key);
        if (!kept) {
          console.log(`\n${label}: no .cpuprofile was written`);
          continue;
        }
        console.log(`\n${label} CPU profile (kept at ${kept}):\n${summarizeProfile(kept, profileWindows.get(key) ?? [])}`);
      }
    }
    announceDone(started);
    return 0;
  } finally {
    await cleanup();
    unhook();
  }
}

/** 100k tokens (unique names, random SHA-256 hashes, varied scopes) and 10k stopped apps with valid labels. */
async function insertScaleRows(sql: pg.Client): Promise<void> {
  const project = (await sql.query(`SELECT id FROM "Project" WHERE slug = 'demo'`)).rows[0] as { id: string } | undefined;
  if (!project) throw new SetupError('no demo project');
  const salt = randomBytes(8).toString('hex');
  await sql.query('BEGIN');
  await sql.query(
    `INSERT INTO "Token" (id, "projectId", name, "secretHash", "labelSelector", role, region, "updatedAt")
     SELECT gen_random_uuid(), $1, 'scale-' || i, encode(sha256(('scale-${salt}-' || i)::bytea), 'hex'),
            CASE i % 4 WHEN 0 THEN 'group=A' WHEN 1 THEN 'group=B,tier in (api,web)' WHEN 2 THEN '' ELSE '!legacy,team' END,
            (CASE WHEN i % 10 = 0 THEN 'OPERATOR' ELSE 'READ' END)::"TokenRole",
            CASE WHEN i % 2 = 0 THEN 'GRA' ELSE 'BHS' END, now()
     FROM generate_series(1, ${SCALE_TOKENS}) AS i`,
    [project.id],
  );
  await sql.query(
    `INSERT INTO "App" (id, "projectId", name, image, region, port, labels, "unsecureHttp", state, "desiredState", "updatedAt")
     SELECT id, $1, 'scale-app-' || i, 'infrastructureascode/hello-world', CASE WHEN i % 2 = 0 THEN 'GRA' ELSE 'BHS' END, 8080,
            jsonb_build_object('ovh/id', id::text, 'ovh/type', 'app', 'group', CASE WHEN i % 3 = 0 THEN 'A' ELSE 'B' END,
                               'tier', 'web', 'shard', (i % 100)::text),
            false, 'STOPPED', 'STOPPED', now()
     FROM (SELECT gen_random_uuid() AS id, i FROM generate_series(1, ${SCALE_APPS}) AS i) AS s`,
    [project.id],
  );
  await sql.query(
    `INSERT INTO "AppEvent" (id, "appId", state) SELECT gen_random_uuid(), id, 'STOPPED' FROM "App" WHERE name LIKE 'scale-app-%'`,
  );
  await sql.query('COMMIT');
  await settle(sql);
}

/** Removes what insertScaleRows added (events go with their apps). */
async function deleteScaleRows(sql: pg.Client): Promise<void> {
  await sql.query(`DELETE FROM "App" WHERE name LIKE 'scale-app-%'`);
  await sql.query(`DELETE FROM "Token" WHERE name LIKE 'scale-%'`);
  await settle(sql);
}

/** Runs now what autovacuum and the checkpointer would otherwise do during the timed runs. */
async function settle(sql: pg.Client): Promise<void> {
  await sql.query('VACUUM ANALYZE "Token", "App", "AppEvent"');
  await sql.query('CHECKPOINT').catch(() => {}); // needs a superuser (or pg_checkpoint); optional
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Interrupted: the signal handler is cleaning up and exits when done.
    if (wasInterrupted()) return;
    if (error instanceof SetupError) console.error(`\nbench:gateway setup failed: ${error.message}`);
    else console.error('\nbench:gateway failed:', error);
    process.exit(1);
  },
);
