import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPostgresDatabase } from './test-database.ts';

const root = path.resolve(import.meta.dirname, '../../..');

export const TEST_ADMIN = { email: 'admin@it.test', password: 'integration-admin-pw' };

export interface TestServer {
  url: string;
  port: number;
  /** The server process (the instance name is `<host>:<pid>`). */
  pid: number;
  dataDir: string;
  databaseUrl?: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Ends the process with a signal (SIGKILL: no cleanup at all), keeping its database and data directory for a restart. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The process's exit code once it exited (null while it runs, or when a signal ended it). */
  exitCode(): number | null;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A real Tollgate server (the built panel, `npm start`'s entry) on a fresh
 * database: PGlite in a temp DATA_DIR, or a new database on DATABASE_URL's server.
 */
export interface StartOptions {
  env?: Record<string, string>;
  /** Reuse a database: kept when the server stops. */
  databaseUrl?: string;
  /** Reuse a data directory (embedded database): kept when the server stops. */
  dataDir?: string;
}

export async function startTestServer(options: StartOptions = {}): Promise<TestServer> {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tollgate-it-'));
  const port = await freePort();
  let databaseUrl = options.databaseUrl;
  let dropDatabase = async () => {};
  if (!databaseUrl && process.env.DATABASE_URL) {
    const created = await createPostgresDatabase(process.env.DATABASE_URL, 'tollgate_it');
    databaseUrl = created.url;
    dropDatabase = created.drop;
    await runMigrate(databaseUrl);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    DATABASE_URL: databaseUrl,
    // The process runtime unless a test asks for an engine: RUNTIME=auto would pick Docker on a
    // machine that has it, and every test server would then share its default namespace.
    RUNTIME: 'process',
    ...options.env,
  };
  if (!databaseUrl) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => chunks.push(d));
  child.stderr!.on('data', (d: Buffer) => chunks.push(d));
  const output = () => Buffer.concat(chunks).toString('utf8');
  const url = `http://localhost:${port}`;
  try {
    await waitUntilUp(`http://127.0.0.1:${port}/signin`, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    await dropDatabase();
    throw error;
  }
  return {
    url,
    port,
    pid: child.pid!,
    dataDir,
    databaseUrl,
    output,
    exitCode: () => child.exitCode,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      await dropDatabase();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function runMigrate(databaseUrl: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`db:migrate failed with ${code}`);
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${output()}`);
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email = TEST_ADMIN.email, password = TEST_ADMIN.password): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  collectCookies(csrfRes, jar);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  collectCookies(res, jar);
  if (![...jar.keys()].some((name) => name.includes('session-token'))) {
    throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  }
  return cookieHeader(jar);
}

function collectCookies(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
