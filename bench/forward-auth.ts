// `npm run bench:forward-auth`: nginx moving the bytes while Tollgate only decides, against nginx
// alone and against Tollgate's own gateway, all in one run:
//   nginx alone                docs/forward-auth/nginx.conf without its auth_request lines
//   nginx + tollgate, no cache the snippet without its "# decision cache" lines: a subrequest to
//                              Tollgate's /__tollgate/authz/nginx for every request
//   nginx + tollgate, cached   the snippet as documented: nginx's proxy_cache keeps an allow for
//                              the credential for 2 s (Tollgate's Cache-Control: max-age=2)
//   tollgate gateway           the same app through Tollgate's own proxy
// The bar: nginx + cached decision keeps ≥ 0.8× the req/s of nginx alone.
//
// Everything runs on 127.0.0.1 and is torn down at the end (also on error or Ctrl-C): a fresh
// PostgreSQL database `tollgate_bench_*`, a real Tollgate server (`node scripts/start.mjs`, the
// built panel; run `npm run build` first), nginx instances (worker_processes 1 each, like
// Tollgate's one event loop) with generated configs in a temp dir. The upstream of every row is
// one process: the hello-world child Tollgate starts for the demo app. wrk -t1 (2 cores shared by
// wrk, the proxies and the upstream). Warm-ups check every response is 200; timed runs check wrk's
// error counters; any failure aborts (exit 1).
//
// Options: --duration S (10)  --warmup S (3)  --rounds N (3, interleaved; medians reported)
//          --connections N (32)  --quick (--duration 5 --warmup 2 --rounds 1)
//          --profile (the server under --cpu-prof: where its CPU went for the decision and the gateway)
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { startNginx, type RunningProxy } from '../tests/integration/helpers/forward-auth-proxies.ts';
import { createBenchDatabase, onInterrupt, once, wasInterrupted, type BenchDatabase } from './lib/bench-database.ts';
import { keepProfile, summarizeProfile, type Window } from './lib/cpuprofile.ts';
import { cpuMs, processTree } from './lib/proc-cpu.ts';
import { freePort, Processes, tail, type Started } from './lib/processes.ts';
import { fmtMs, fmtRate, fmtRatio, fmtUs, median, pad } from './lib/stats.ts';
import { announce, announceDone, checkTools, commandLine, request, SetupError, startTollgate, tokenAndDemoApp, wrkRunOptions } from './lib/tollgate-server.ts';
import { assertAllOk, runWrk, STATUS_CHECK_LUA, stopWrk, type WrkResult } from './lib/wrk.ts';

const root = path.resolve(import.meta.dirname, '..');

const { flag } = commandLine();
const { durationS: DURATION, warmupS: WARMUP, rounds: ROUNDS, connections: CONNECTIONS, threads: THREADS } = wrkRunOptions(3);
const BAR_CACHED = 0.8;
// --profile: run the server under node --cpu-prof and summarise where its CPU went while the
// Tollgate rows (uncached decision, gateway) ran; the .cpuprofile is kept in the OS temp dir.
const PROFILE = flag('--profile');
interface Target {
  key: string;
  label: string;
  url: string;
  /** Proxy processes (nginx master + workers), for CPU per request. */
  proxyPids: () => number[];
}

interface Run {
  wrk: WrkResult;
  proxyUs: number;
  tollgateUs: number;
  upstreamUs: number;
}

interface Measured {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  proxyUs: number;
  tollgateUs: number;
  upstreamUs: number;
}

async function main(): Promise<number> {
  checkTools(root);
  const started = Date.now();
  announce(
    'tollgate forward-auth bench',
    `wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}s --latency, ${WARMUP}s warm-up, ${ROUNDS} interleaved round(s); nginx worker_processes 1`,
  );

  const procs = new Processes();
  const proxies: RunningProxy[] = [];
  const tmp = mkdtempSync(path.join(tmpdir(), 'tollgate-bench-fa-'));
  chmodSync(tmp, 0o755);
  let db: BenchDatabase | null = null;
  let server: Started | null = null;
  const cleanup = once(async () => {
    stopWrk();
    for (const proxy of proxies.reverse()) await proxy.stop().catch(() => {});
    await procs.stopAll();
    if (db) await db.drop().catch((error: unknown) => console.error(`could not drop ${db?.name}:`, error));
    rmSync(tmp, { recursive: true, force: true });
  });
  const unhook = onInterrupt(cleanup);

  try {
    db = await createBenchDatabase();
    console.log(`\n[setup] database ${db.name}; migrating`);
    const migrate = procs.start('migrate', process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: db.url } });
    if ((await migrate.exited) !== 0) throw new SetupError(`db:migrate failed:\n${tail(migrate.output())}`);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const profileDir = path.join(tmp, 'prof');
    server = startTollgate(procs, {
      root,
      port,
      databaseUrl: db.url,
      dataDir: path.join(tmp, 'data'),
      nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    const srv = server;
    console.log(`[setup] starting Tollgate on ${base}`);
    const { secret, app } = await tokenAndDemoApp(base, srv);
    // "[app 2a9b7405/1] infrastructureascode/hello-world ready on 127.0.0.1:41781 (pid 25103, generation 1)"
    const healthy = new RegExp(`\\[app ${app.id.slice(0, 8)}(?:/\\d+)?\\] .*(?:healthy|ready) on 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)`).exec(srv.output());
    if (!healthy) throw new SetupError(`no "ready on 127.0.0.1:PORT" line for app ${app.id} in the server log:\n${tail(srv.output())}`);
    const upstreamPort = Number(healthy[1]);
    const appHostname = `${app.id}.app.gra.localhost`;
    console.log(`[setup] app ${app.id} RUNNING; its hello-world child on 127.0.0.1:${upstreamPort} is the upstream of every row`);

    // The snippet, rendered three ways; the decision endpoint on Tollgate's own port.
    const values = {
      APP_HOST: appHostname,
      APP_ID: app.id,
      APP_UPSTREAM: `127.0.0.1:${upstreamPort}`,
      TOLLGATE: `127.0.0.1:${port}`,
      TOLLGATE_AUTHZ: `127.0.0.1:${port}`,
      AUTHZ_SECRET: '',
    };
    const alone = await startNginx(values, { withoutAuth: true, withoutCache: true });
    proxies.push(alone);
    const uncached = await startNginx(values, { withoutCache: true });
    proxies.push(uncached);
    const cached = await startNginx(values);
    proxies.push(cached);
    // The same on tmpfs, as the guide suggests for the decision cache.
    const shm = existsSync('/dev/shm') ? await startNginx(values, { cacheDir: '/dev/shm' }) : null;
    if (shm) proxies.push(shm);
    const nginxTarget = (key: string, label: string, proxy: RunningProxy): Target => ({ key, label, url: `http://127.0.0.1:${proxy.port}/`, proxyPids: () => processTree(proxy.pid) });
    const targets: Target[] = [
      nginxTarget('alone', 'nginx alone', alone),
      nginxTarget('uncached', 'nginx + tollgate, no cache', uncached),
      nginxTarget('cached', 'nginx + tollgate, 2 s cache', cached),
      ...(shm ? [nginxTarget('cached-shm', 'nginx + tollgate, cache tmpfs', shm)] : []),
      { key: 'gateway', label: 'tollgate gateway', url: `${base}/`, proxyPids: () => [] },
    ];
    const tollgatePid = srv.child.pid!;
    const upstreamPid = Number(healthy[2]);

    // Every row: 200 "Hello, World!" with the token; the authenticated rows refuse no token.
    const headers = { Host: `${appHostname}:${port}`, Authorization: `Bearer ${secret}` };
    for (const target of targets) {
      const res = await request(target.url, { headers });
      if (res.status !== 200 || res.body !== 'Hello, World!') throw new SetupError(`${target.label}: ${res.status} ${res.body.slice(0, 200)}`);
      if (target.key !== 'alone') {
        const anonymous = await request(target.url, { headers: { Host: headers.Host } });
        if (anonymous.status !== 401) throw new SetupError(`${target.label} without a token answered ${anonymous.status}, expected 401`);
      }
    }

    const luaPath = path.join(tmp, 'status-check.lua');
    writeFileSync(luaPath, STATUS_CHECK_LUA);
    const wrkBase = { headers, threads: THREADS, connections: CONNECTIONS };
    const runs = new Map<string, Run[]>(targets.map((t) => [t.key, []]));
    const windows = new Map<string, Window[]>();
    for (const target of targets) {
      const warm = await runWrk({ ...wrkBase, url: target.url, durationS: WARMUP, script: luaPath });
      assertAllOk(target.label, warm, 'warm-up');
      console.log(`  warm-up ${pad(target.label, 28)} ${pad(fmtRate(warm.reqPerSec), 8, true)} req/s, ${warm.checked} responses all 200`);
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of targets) {
        const proxyPids = target.proxyPids();
        const cpu0 = [cpuMs(proxyPids), cpuMs([tollgatePid]), cpuMs([upstreamPid])];
        const t0 = Number(process.hrtime.bigint() / 1000n);
        const result = await runWrk({ ...wrkBase, url: target.url, durationS: DURATION });
        windows.set(target.key, [...(windows.get(target.key) ?? []), { startUs: t0, endUs: Number(process.hrtime.bigint() / 1000n) }]);
        assertAllOk(target.label, result, `round ${round}`);
        const perReq = (ms: number) => (ms * 1000) / result.requests;
        const run: Run = {
          wrk: result,
          proxyUs: proxyPids.length ? perReq(cpuMs(proxyPids) - cpu0[0]!) : NaN,
          tollgateUs: perReq(cpuMs([tollgatePid]) - cpu0[1]!),
          upstreamUs: perReq(cpuMs([upstreamPid]) - cpu0[2]!),
        };
        runs.get(target.key)!.push(run);
        console.log(
          `  round ${round} ${pad(target.label, 28)} ${pad(fmtRate(result.reqPerSec), 8, true)} req/s  p50 ${pad(fmtMs(result.p50Ms), 8, true)}  p99 ${pad(fmtMs(result.p99Ms), 8, true)}` +
            `  cpu/req nginx ${pad(fmtUs(run.proxyUs), 6, true)} tollgate ${pad(fmtUs(run.tollgateUs), 6, true)} upstream ${pad(fmtUs(run.upstreamUs), 6, true)}  (${result.requests} requests, all 2xx)`,
        );
      }
    }
    const m = new Map<string, Measured>(
      [...runs].map(([key, list]) => [
        key,
        {
          reqPerSec: median(list.map((r) => r.wrk.reqPerSec)),
          p50Ms: median(list.map((r) => r.wrk.p50Ms)),
          p99Ms: median(list.map((r) => r.wrk.p99Ms)),
          proxyUs: median(list.map((r) => r.proxyUs)),
          tollgateUs: median(list.map((r) => r.tollgateUs)),
          upstreamUs: median(list.map((r) => r.upstreamUs)),
        },
      ]),
    );
    const aloneM = m.get('alone')!;
    const ratio = (key: string) => m.get(key)!.reqPerSec / aloneM.reqPerSec;
    const row = (target: Target) => {
      const x = m.get(target.key)!;
      return (
        `${pad(target.label, 30)}${pad(fmtRate(x.reqPerSec), 9, true)}${pad(fmtMs(x.p50Ms), 10, true)}${pad(fmtMs(x.p99Ms), 10, true)}` +
        `${pad(fmtUs(x.proxyUs), 13, true)}${pad(fmtUs(x.tollgateUs), 16, true)}${pad(fmtUs(x.upstreamUs), 16, true)}${pad(fmtRatio(ratio(target.key)), 10, true)}`
      );
    };
    const cachedRatio = ratio('cached');
    const serverUs = (key: string) => {
      const x = m.get(key)!;
      return (Number.isFinite(x.proxyUs) ? x.proxyUs : 0) + x.tollgateUs + x.upstreamUs;
    };
    const lines = [
      `forward-auth bench (wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}s, ${cpus().length} cores; median of ${ROUNDS} round(s); nginx worker_processes 1;`,
      ` upstream: Tollgate's own hello-world child on 127.0.0.1:${upstreamPort} for every row; one token, Bearer)`,
      `${pad('', 30)}${pad('req/s', 9, true)}${pad('p50', 10, true)}${pad('p99', 10, true)}${pad('nginx cpu/r', 13, true)}${pad('tollgate cpu/r', 16, true)}${pad('upstream cpu/r', 16, true)}${pad('x alone', 10, true)}`,
      ...targets.map(row),
      `nginx + cached decision / nginx alone = ${fmtRatio(cachedRatio)} (bar ≥ ${BAR_CACHED.toFixed(2)}) ${cachedRatio >= BAR_CACHED ? 'PASS' : 'MISS'}` +
        `   uncached / alone = ${fmtRatio(ratio('uncached'))}   uncached / gateway = ${fmtRatio(m.get('uncached')!.reqPerSec / m.get('gateway')!.reqPerSec)}`,
      // Steadier than req/s on a shared machine: the server side's CPU per request (proxy,
      // Tollgate, upstream; wrk's own is the same for every row and left out).
      `by CPU per request (nginx + Tollgate + upstream, load-independent): cached / alone = ${fmtRatio(serverUs('alone') / serverUs('cached'))}` +
        `   uncached / alone = ${fmtRatio(serverUs('alone') / serverUs('uncached'))}   gateway / alone = ${fmtRatio(serverUs('alone') / serverUs('gateway'))}`,
      `what deciding costs per request: cached, nginx +${fmtUs(m.get('cached')!.proxyUs - aloneM.proxyUs)}; uncached, nginx +${fmtUs(m.get('uncached')!.proxyUs - aloneM.proxyUs)} and Tollgate ${fmtUs(m.get('uncached')!.tollgateUs)}` +
        ` (Tollgate's gateway: ${fmtUs(m.get('gateway')!.tollgateUs)} for the whole request)`,
      `(cpu/r: CPU time per request of nginx's processes and of the Tollgate server, from /proc; the cached row revokes within 2 s, the others on the next request)`,
    ];
    console.log(`\n${'─'.repeat(111)}\n${lines.join('\n')}\n${'─'.repeat(111)}`);
    if (PROFILE) {
      await procs.stop(srv);
      const kept = keepProfile(profileDir, 'forward-auth');
      if (!kept) console.log('\nno .cpuprofile was written');
      else {
        for (const key of ['uncached', 'gateway']) {
          console.log(`\nTollgate CPU profile during "${targets.find((t) => t.key === key)!.label}" (kept at ${kept}):\n${summarizeProfile(kept, windows.get(key) ?? [])}`);
        }
      }
    }
    announceDone(started);
    return 0;
  } finally {
    await cleanup();
    unhook();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (wasInterrupted()) return;
    if (error instanceof SetupError) console.error(`\nbench:forward-auth setup failed: ${error.message}`);
    else console.error('\nbench:forward-auth failed:', error);
    process.exit(1);
  },
);
