// A throwaway Tollgate for `npm run demo`: its own data directory, a free
// port, the process runtime (no Docker needed), a known admin. Stopped and
// cleaned up by stop().
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForServer } from './server-wait.mjs';

export const DEMO_ADMIN = { email: 'admin@demo.test', password: 'demo-admin-password' };

export async function startDemoServer(root) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-demo-'));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, RUNTIME: 'process', ADMIN_EMAIL: DEMO_ADMIN.email, ADMIN_PASSWORD: DEMO_ADMIN.password };
  // A DATABASE_URL from the shell would point the demo at a real database: always the embedded one.
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  server.stdout.on('data', (d) => log.push(d));
  server.stderr.on('data', (d) => log.push(d));
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The first start may build the panel: minutes on a small machine.
    await waitForServer(`http://127.0.0.1:${port}/signin`, server, 300_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${Buffer.concat(log).toString().slice(-3000)}`);
  }
  return { url, stop };
}
