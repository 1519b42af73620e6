// Runs the Playwright suite against a real Tollgate server on a fresh database:
// a new PGlite data directory, or a new database on DATABASE_URL's server.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, waitForServer } from '../scripts/server-wait.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-e2e-'));
const port = await freePort();
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  ADMIN_EMAIL: 'admin@e2e.test',
  ADMIN_PASSWORD: 'e2e-admin-password',
  TOLLGATE_E2E_URL: `http://localhost:${port}`,
  // The process runtime, like the integration tests' servers: RUNTIME=auto would pick Docker on a
  // machine that has it, sharing its namespace and its (maybe older) built images. E2E_RUNTIME=docker
  // runs the suite on the engine instead.
  RUNTIME: process.env.E2E_RUNTIME ?? 'process',
};

let dropDatabase = async () => {};
if (process.env.DATABASE_URL) {
  const { url, drop } = await createDatabase(process.env.DATABASE_URL, 'tollgate_e2e');
  env.DATABASE_URL = url;
  dropDatabase = drop;
  run('npm', ['run', '--silent', 'db:migrate'], env);
}

const server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
const serverLog = [];
server.stdout.on('data', (d) => serverLog.push(d));
server.stderr.on('data', (d) => serverLog.push(d));
let status = 1;
try {
  await waitForServer(`http://127.0.0.1:${port}/signin`, server, 240_000);
  const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
  status = result.status ?? 1;
} catch (error) {
  console.error(String(error));
  console.error(Buffer.concat(serverLog).toString());
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
}
if (status !== 0 && process.env.CI) console.error(Buffer.concat(serverLog).toString().slice(-5000));
process.exit(status);

function run(cmd, args, env) {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

async function createDatabase(baseUrl, prefix) {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
