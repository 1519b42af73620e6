// Real proxies in front of a test app, configured from the snippets in docs/forward-auth/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NGINX_TEMP_DIRS, nginxConf } from './nginx-conf.ts';
import { freePort } from './test-server.ts';

const root = path.resolve(import.meta.dirname, '../../..');

export const SNIPPETS = {
  nginx: path.join(root, 'docs/forward-auth/nginx.conf'),
  caddy: path.join(root, 'docs/forward-auth/Caddyfile'),
  traefik: path.join(root, 'docs/forward-auth/traefik.yml'),
  envoy: path.join(root, 'docs/forward-auth/envoy.yaml'),
};

/** The snippet with its {{PLACEHOLDERS}} filled; every placeholder must be given. */
export function renderSnippet(file: string, values: Record<string, string>, options: { withoutCache?: boolean } = {}): string {
  let text = readFileSync(file, 'utf8');
  if (options.withoutCache) text = text.split('\n').filter((line) => !line.includes('# decision cache')).join('\n');
  // Comments keep their placeholders: they explain them.
  const fill = (line: string) =>
    line.replace(/\{\{([A-Z_]+)\}\}/g, (_all, name: string) => {
      if (!(name in values)) throw new Error(`${path.basename(file)}: no value for {{${name}}}`);
      return values[name]!;
    });
  return text
    .split('\n')
    .map((line) => (line.trimStart().startsWith('#') ? line : fill(line)))
    .join('\n');
}

export function hasTool(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).error === undefined;
}

export interface EchoApp {
  port: number;
  /** Every request it saw: method, path and headers. */
  seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** The app behind the proxy: answers every request with what it received, as JSON. */
export async function startEchoApp(): Promise<EchoApp> {
  const seen: EchoApp['seen'] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    seen.push(entry);
    const body = JSON.stringify(entry);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RunningProxy {
  port: number;
  /** The proxy's main process (nginx: its master; workers are its children). */
  pid: number;
  dir: string;
  output(): string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`proxy exited with ${child.exitCode}:\n${output()}`);
    const up = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 1_000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`proxy did not listen on ${port}:\n${output()}`);
}

function started(child: ChildProcess, port: number, dir: string, stopSignal: NodeJS.Signals): RunningProxy {
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (d: Buffer) => chunks.push(d));
  child.stderr?.on('data', (d: Buffer) => chunks.push(d));
  const output = () => Buffer.concat(chunks).toString('utf8') + readLog(dir);
  return {
    port,
    pid: child.pid!,
    dir,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(stopSignal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(path.join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}

/**
 * nginx (Debian's nginx-light) with docs/forward-auth/nginx.conf included in its http block:
 * worker_processes 1, a temp prefix, listening on a free 127.0.0.1 port.
 */
export async function startNginx(
  values: Omit<Record<string, string>, 'LISTEN' | 'CACHE_DIR'>,
  options: { withoutCache?: boolean; withoutAuth?: boolean; cacheDir?: string } = {},
): Promise<RunningProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-fa-nginx-'));
  chmodSync(dir, 0o755); // nginx workers run as nobody
  for (const sub of [...NGINX_TEMP_DIRS, 'cache']) mkdirSync(path.join(dir, sub));
  chmodSync(path.join(dir, 'cache'), 0o777);
  const port = await freePort();
  let cacheDir = path.join(dir, 'cache');
  if (options.cacheDir) {
    cacheDir = mkdtempSync(path.join(options.cacheDir, 'tollgate-fa-cache-'));
    chmodSync(cacheDir, 0o777);
  }
  let snippet: string;
  try {
    snippet = renderSnippet(SNIPPETS.nginx, { ...values, LISTEN: `127.0.0.1:${port}`, CACHE_DIR: cacheDir }, options);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  // The benchmark's "nginx alone": the very same site, without asking Tollgate.
  if (options.withoutAuth) snippet = snippet.split('\n').filter((line) => !/^\s*(auth_request|error_page)\b/.test(line)).join('\n');
  writeFileSync(path.join(dir, 'tollgate-app.conf'), snippet);
  writeFileSync(path.join(dir, 'nginx.conf'), nginxConf(dir, { workers: 1, workerConnections: 1024, http: `  include ${dir}/tollgate-app.conf;\n` }));
  const check = spawnSync('nginx', ['-t', '-q', '-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
  if (check.status !== 0) {
    const log = readLog(dir);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t refused the snippet:\n${check.stderr}${log}`);
  }
  const child = spawn('nginx', ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const proxy = started(child, port, dir, 'SIGQUIT');
  if (options.cacheDir) {
    const stop = proxy.stop;
    proxy.stop = async () => {
      await stop();
      rmSync(cacheDir, { recursive: true, force: true });
    };
  }
  await waitForPort(port, child, proxy.output).catch(async (error: unknown) => {
    await proxy.stop();
    throw error;
  });
  return proxy;
}

/** Caddy (Debian's caddy) running docs/forward-auth/Caddyfile, on a free 127.0.0.1 port. */
export async function startCaddy(values: Omit<Record<string, string>, 'SITE' | 'BIND'> & { APP_HOST: string }): Promise<RunningProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-fa-caddy-'));
  const port = await freePort();
  const file = path.join(dir, 'Caddyfile');
  writeFileSync(file, `{\n\tadmin off\n\tauto_https off\n}\n\n` + renderSnippet(SNIPPETS.caddy, { ...values, SITE: `http://${values.APP_HOST}:${port}`, BIND: '127.0.0.1' }));
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
  const check = spawnSync('caddy', ['validate', '--config', file, '--adapter', 'caddyfile'], { encoding: 'utf8', env });
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`caddy validate refused the snippet:\n${check.stdout}${check.stderr}`);
  }
  const child = spawn('caddy', ['run', '--config', file, '--adapter', 'caddyfile'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const proxy = started(child, port, dir, 'SIGTERM');
  await waitForPort(port, child, proxy.output).catch(async (error: unknown) => {
    await proxy.stop();
    throw error;
  });
  return proxy;
}
