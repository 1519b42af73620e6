// What bench:gateway and bench:forward-auth share to set up their runs: the command line, the
// tools they need, a plain HTTP client, and a real Tollgate server with a token and its demo app.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { signIn } from '../../tests/integration/helpers/test-server.ts';
import { waitFor, type Processes, type Started } from './processes.ts';

/** A setup step failed: reported as "setup failed: …", without a stack. */
export class SetupError extends Error {}

export const BENCH_ADMIN = { email: 'bench@tollgate.test', password: 'bench-admin-password-1' };

/** `--name` flags and `--name value` options of this process's command line. */
export function commandLine(argv = process.argv.slice(2)) {
  return {
    flag: (name: string) => argv.includes(name),
    option(name: string, fallback: string): string {
      const i = argv.indexOf(name);
      return i !== -1 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
    },
  };
}

/** The timing options of the wrk benchmarks: --quick (--duration 5 --warmup 2 --rounds 1), --duration, --warmup, --rounds, --connections. */
export function wrkRunOptions(defaultRounds: number) {
  const { flag, option } = commandLine();
  const quick = flag('--quick');
  return {
    durationS: Number(option('--duration', quick ? '5' : '10')),
    warmupS: Number(option('--warmup', quick ? '2' : '3')),
    rounds: Number(option('--rounds', quick ? '1' : String(defaultRounds))),
    connections: Number(option('--connections', '32')),
    // One wrk thread: on 2 cores, wrk, the proxy and the upstream already share the machine.
    threads: 1,
  };
}

/** The run's first lines: what runs, on what machine, how loaded (a warning when it is busy). */
export function announce(title: string, settings: string): void {
  const load = loadavg();
  console.log(`${title} — node ${process.version}, ${cpus().length} cores, load ${load.map((l) => l.toFixed(2)).join(' ')}\n${settings}`);
  if (load[0]! > 1) console.log(`warning: the machine is busy (1-min load ${load[0]!.toFixed(2)}): numbers will be noisy`);
}

/** The run's last line. */
export function announceDone(started: number): void {
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s; load now ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

/** wrk, nginx and a built panel (the benchmarks start the built server), or a SetupError saying how to get them. */
export function checkTools(root: string): void {
  const missing = ['wrk', 'nginx'].filter((tool) => spawnSync(tool, tool === 'wrk' ? ['--version'] : ['-v'], { stdio: 'ignore' }).error !== undefined);
  if (missing.length) throw new SetupError(`missing ${missing.join(' and ')}; install with (as root):\n  apt-get install -y wrk nginx-light`);
  if (!existsSync(path.join(root, '.next', 'BUILD_ID')) || !existsSync(path.join(root, 'lib', 'db', 'generated', 'client.ts'))) {
    throw new SetupError('no build found: run `npm run build` first (the benchmark starts the built server)');
  }
}

export interface Reply {
  status: number;
  body: string;
}

/** One HTTP request (10 s at most), its body read as text. */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** `node <nodeArgs> scripts/start.mjs` on 127.0.0.1:`port` with the bench admin, the process runtime and its own data dir. */
export function startTollgate(
  procs: Processes,
  options: { root: string; port: number; databaseUrl: string; dataDir: string; nodeArgs: string[] },
): Started {
  return procs.start('tollgate', process.execPath, [...options.nodeArgs, 'scripts/start.mjs'], {
    cwd: options.root,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      BASE_DOMAIN: 'localhost',
      DATA_DIR: options.dataDir,
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      DATABASE_URL: options.databaseUrl,
      // The hello-world child is the upstream: RUNTIME=auto would pick Docker on a machine that has it.
      RUNTIME: 'process',
    },
  });
}

export interface DemoApp {
  id: string;
}

/**
 * Waits for the server to answer, signs the bench admin in, creates a read token for group=A in
 * GRA, and waits for the demo hello-world app (group=A) to run: the session cookie, the token's
 * secret and the app.
 */
export async function tokenAndDemoApp(base: string, srv: Started): Promise<{ cookie: string; secret: string; app: DemoApp }> {
  await waitFor('the server', async () => ((await request(`${base}/signin`)).status < 500 ? true : undefined), { timeoutMs: 120_000, process: srv });
  const cookie = await signIn(base, BENCH_ADMIN.email, BENCH_ADMIN.password);
  const created = await request(`${base}/v1/token`, {
    method: 'POST',
    headers: { cookie, origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', labelSelector: 'group=A', role: 'read', region: 'GRA' }),
  });
  if (created.status !== 200) throw new SetupError(`POST /v1/token: ${created.status} ${created.body}`);
  const secret = (JSON.parse(created.body) as { status: { value?: string } }).status.value;
  if (!secret) throw new SetupError('POST /v1/token returned no secret');
  const app = await waitFor(
    'the demo hello-world app to be RUNNING',
    async () => {
      const res = await request(`${base}/v1/app`, { headers: { cookie } });
      const apps = JSON.parse(res.body) as Array<{ id: string; spec: { name: string; labels: Record<string, string> }; status: { state: string } }>;
      return apps.find((a) => a.spec.name === 'hello-world' && a.spec.labels.group === 'A' && a.status.state === 'RUNNING');
    },
    { timeoutMs: 60_000, process: srv },
  );
  return { cookie, secret, app };
}
