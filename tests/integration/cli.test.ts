// The real `tollgate` CLI (bin/tollgate.mjs, as a child process) against a real server:
// every command, table / json / yaml output, the error paths, --wait for start, stop,
// run and delete, and what runs: env vars (secret ones never shown), replicas, update.

import { execFile, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from './helpers/api-client.ts';
import { appRequest } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/tollgate.mjs');

let server: TestServer;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let operator: { id: string; secret: string };
let reader: { id: string; secret: string };
let outsider: { id: string; secret: string };
const outputs: string[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from another directory (it must not depend on the cwd), with the token in the environment. */
function tollgate(args: string[], options: { token?: string | null; env?: Record<string, string> } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TOLLGATE_URL: server.url, ...options.env };
  delete env.TOLLGATE_TOKEN;
  const token = options.token === undefined ? operator.secret : options.token;
  if (token !== null) env.TOLLGATE_TOKEN = token;
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: '/', env, timeout: 60_000 }, (error, stdout, stderr) => {
      outputs.push(stdout, stderr);
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  server = await startTestServer();
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  operator = await fx.token('group=A', 'operator');
  reader = await fx.token('group=A', 'read');
  outsider = await fx.token('group=B', 'operator');
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('tollgate CLI against a running server', () => {
  let id: string;
  let url: string;

  it('--version and --help need no server or token', async () => {
    const version = await tollgate(['--version'], { token: null });
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toMatch(/^tollgate \d+\.\d+\.\d+\n$/);
    const help = await tollgate(['app', 'run', '--help'], { token: null });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tollgate app run <image> --name <name> --region <region>/);
  });

  it('app run --wait deploys an app and follows it to RUNNING', async () => {
    const run = await tollgate([
      'app', 'run', 'infrastructureascode/hello-world', '--name', 'cli-hello', '--region', 'GRA',
      '-l', 'tier=web', '-l', 'group=A', '--wait', '-o', 'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const app = JSON.parse(run.stdout);
    expect(app.status.state).toBe('RUNNING');
    expect(app.spec).toMatchObject({ name: 'cli-hello', region: 'GRA', labels: { tier: 'web', group: 'A', 'ovh/type': 'app' } });
    id = app.id;
    url = app.status.url;
    // Not a terminal: one plain line per state, ending with RUNNING.
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(`app ${id}: RUNNING`);
  });

  it('app ls prints an aligned table without platform labels', async () => {
    const run = await tollgate(['app', 'ls'], { token: reader.secret });
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+IMAGE\s+REGION\s+STATE\s+LABELS\s+URL\s+AGE$/);
    const row = rows.find((r) => r.startsWith(id))!;
    expect(row).toBeDefined();
    expect(row.indexOf('cli-hello')).toBe(header!.indexOf('NAME'));
    expect(row.indexOf('RUNNING')).toBe(header!.indexOf('STATE'));
    expect(row.indexOf(url)).toBe(header!.indexOf('URL'));
    expect(row).toContain('tier=web,group=A');
    expect(row).not.toContain('ovh/');
  });

  it('app ls -l filters by selector; json and yaml carry the API objects', async () => {
    const hit = await tollgate(['app', 'ls', '-l', 'tier=web', '-o', 'json'], { token: reader.secret });
    expect(hit.code, hit.stderr).toBe(0);
    expect(JSON.parse(hit.stdout).map((a: { id: string }) => a.id)).toContain(id);
    const miss = await tollgate(['app', 'ls', '-l', 'tier=db'], { token: reader.secret });
    expect(miss).toMatchObject({ code: 0, stdout: '', stderr: 'No apps match tier=db.\n' });
    const yaml = await tollgate(['app', 'ls', '-o', 'yaml'], { token: reader.secret });
    expect(yaml.stdout).toContain(`- id: ${/^\d/.test(id) ? `"${id}"` : id}\n`);
    expect(yaml.stdout).toContain('      tier: web\n');
  });

  it('app get shows details and history; -o json the app', async () => {
    const table = await tollgate(['app', 'get', id], { token: reader.secret });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^ID:\\s+${id}\\nName:\\s+cli-hello\\n`));
    expect(table.stdout).toMatch(/\nState:\s+RUNNING\n/);
    expect(table.stdout).toMatch(/History:\n\s+DATE\s+STATE\s+REASON\n(.*\n)*.*RUNNING\n$/);
    const json = await tollgate(['app', 'get', id, '-o', 'json'], { token: reader.secret });
    expect(JSON.parse(json.stdout)).toMatchObject({ id, status: { state: 'RUNNING', url } });
  });

  it('app url prints just the URL', async () => {
    expect(await tollgate(['app', 'url', id], { token: reader.secret })).toEqual({ code: 0, stdout: `${url}\n`, stderr: '' });
  });

  it('app set-label sets and removes a label', async () => {
    const set = await tollgate(['app', 'set-label', id, 'env', 'prod', '-o', 'json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout).spec.labels.env).toBe('prod');
    const removed = await tollgate(['app', 'set-label', id, 'env', '--remove', '-o', 'json']);
    expect(JSON.parse(removed.stdout).spec.labels).not.toHaveProperty('env');
  });

  it('app stop --wait follows the app to STOPPED', async () => {
    const run = await tollgate(['app', 'stop', id, '--wait']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`app ${id}: STOPPING\n`);
    expect(run.stderr.endsWith(`app ${id}: STOPPED\n`)).toBe(true);
    expect(run.stdout).toMatch(/\nState:\s+STOPPED\n/);
  });

  it('app start --wait follows the app to RUNNING', async () => {
    const run = await tollgate(['app', 'start', id, '--wait', '-o', 'yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.endsWith(`app ${id}: RUNNING\n`)).toBe(true);
    expect(run.stdout).toContain('\n  state: RUNNING\n');
  });

  describe('errors: one line with the API reason, exit 1', () => {
    it('403 when the selector does not match', async () => {
      const run = await tollgate(['app', 'get', id], { token: outsider.secret });
      expect(run).toEqual({ code: 1, stdout: '', stderr: "tollgate: 403: the token's selector group=B does not match this app\n" });
    });

    it('403 when a read-only token tries to manage', async () => {
      const run = await tollgate(['app', 'stop', id], { token: reader.secret });
      expect(run).toEqual({ code: 1, stdout: '', stderr: 'tollgate: 403: a read-only token cannot manage apps\n' });
    });

    it('404 for an unknown app', async () => {
      const run = await tollgate(['app', 'get', '00000000-0000-4000-8000-000000000000']);
      expect(run).toEqual({ code: 1, stdout: '', stderr: 'tollgate: 404: App not found\n' });
    });

    it('400 for a bad selector, saying where it broke', async () => {
      const run = await tollgate(['app', 'ls', '-l', 'group in (A']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^tollgate: 400: Invalid label selector: .+\n$/);
    });

    it('400 for an unknown image', async () => {
      const run = await tollgate(['app', 'run', 'no/such-image', '--name', 'x', '--region', 'GRA']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^tollgate: 400: .*image.*\n$/i);
    });

    it('401 for a well-formed token the server does not know', async () => {
      const revoked = await fx.token('group=A', 'read');
      await fx.call(admin, 'DELETE', `/v1/token/${revoked.id}`);
      const run = await tollgate(['app', 'ls'], { token: revoked.secret });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^tollgate: 401: .+\n$/);
    });

    it('no token: how to pass one, without advising it on the command line', async () => {
      const run = await tollgate(['app', 'ls'], { token: null });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('read -rs TOLLGATE_TOKEN && export TOLLGATE_TOKEN');
      expect(run.stderr).not.toMatch(/--token|TOLLGATE_TOKEN=/);
    });

    it('an unreachable server names the URL', async () => {
      const run = await tollgate(['app', 'ls'], { env: { TOLLGATE_URL: 'http://127.0.0.1:9' } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^tollgate: cannot reach http:\/\/127\.0\.0\.1:9: .+\n$/);
    });

    it('usage errors exit 2 with the command help', async () => {
      const run = await tollgate(['app', 'start']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^tollgate: missing <id>\n\nUsage: tollgate app start <id> \[--wait\]\n/);
    });
  });

  it('app delete --yes --wait deletes and ends when the app is gone', async () => {
    const run = await tollgate(['app', 'delete', id, '--yes', '--wait']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`app ${id} deleted\n`);
    expect(run.stderr.endsWith(`app ${id}: DELETED\n`)).toBe(true);
    expect(await tollgate(['app', 'get', id])).toMatchObject({ code: 1, stderr: 'tollgate: 404: App not found\n' });
  });

  it('app delete without --yes and no terminal refuses', async () => {
    const run = await tollgate(['app', 'delete', '00000000-0000-4000-8000-000000000000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tollgate: no terminal to confirm on: pass --yes to delete\n/);
  });

  it('never printed a token', async () => {
    // Run alone (-t), this test still has output of its own to check, with a secret passed as an argument.
    await tollgate(['app', 'get', reader.secret]);
    await tollgate(['app', 'ls', '-o', 'json'], { token: reader.secret });
    expect(outputs.join('').length).toBeGreaterThan(0);
    for (const text of outputs) {
      for (const token of [operator, reader, outsider]) expect(text).not.toContain(token.secret);
    }
  });
});

describe('what runs: env vars, replicas and app update', () => {
  const SECRET = 'cli-secret-value-5d41402a';
  let id: string;

  it('app run --env --secret-env --replicas deploys with them; the secret never comes back', async () => {
    const run = await tollgate(
      [
        'app', 'run', 'tollgate/echo', '--name', 'cli-env', '--region', 'GRA', '-l', 'group=A',
        '--env', 'GREETING=hello there', '--secret-env', 'API_KEY', '--replicas', '2', '--probe-path', '/',
        '--wait', '-o', 'json',
      ],
      { env: { API_KEY: SECRET } },
    );
    expect(run.code, run.stderr).toBe(0);
    const app = JSON.parse(run.stdout);
    id = app.id;
    expect(app.status.state).toBe('RUNNING');
    expect(app.spec).toMatchObject({
      image: 'tollgate/echo',
      envVars: [
        { name: 'GREETING', value: 'hello there', secret: false },
        { name: 'API_KEY', secret: true },
      ],
      scalingStrategy: { fixed: { replicas: 2 } },
      probe: { path: '/', port: 8080 },
    });
    expect(app.spec.envVars[1]).not.toHaveProperty('value');
    expect(app.status.replicas.desired).toBe(2);

    const table = await tollgate(['app', 'get', id], { token: reader.secret });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/\nEnv vars:\s+GREETING=hello there\n\s+API_KEY=•••• \(secret\)\n/);
    expect(table.stdout).toMatch(/\nReplicas:\s+\d\/2 ready\n/);
    expect(table.stdout).toMatch(/\nGeneration:\s+1\n/);
  });

  it('app update --image rolls out a new generation; env vars given replace the list, --keep-secret keeps one', async () => {
    const run = await tollgate(['app', 'update', id, '--image', 'infrastructureascode/hello-world', '--wait', '-o', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const app = JSON.parse(run.stdout);
    expect(app.spec.image).toBe('infrastructureascode/hello-world');
    expect(app.status).toMatchObject({ state: 'RUNNING', generation: 2 });
    // Left out of the update: the env vars stay as they were.
    expect(app.spec.envVars.map((e: { name: string }) => e.name)).toEqual(['GREETING', 'API_KEY']);

    const env = await tollgate(['app', 'update', id, '-e', 'GREETING=bye', '--keep-secret', 'API_KEY', '-o', 'json']);
    expect(env.code, env.stderr).toBe(0);
    expect(JSON.parse(env.stdout).spec.envVars).toEqual([
      { name: 'GREETING', value: 'bye', secret: false },
      { name: 'API_KEY', secret: true },
    ]);
    expect(JSON.parse(env.stdout).status.generation).toBe(3);

    const replaced = await tollgate(['app', 'update', id, '-e', 'ONLY=this', '-o', 'json']);
    expect(JSON.parse(replaced.stdout).spec.envVars).toEqual([{ name: 'ONLY', value: 'this', secret: false }]);
  });

  it('app update refuses what the server refuses, in one line', async () => {
    const run = await tollgate(['app', 'update', id, '--keep-secret', 'NO_SUCH_SECRET']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tollgate: 400: Env var NO_SUCH_SECRET needs a value.*\n$/);
    const readOnly = await tollgate(['app', 'update', id, '--image', 'tollgate/echo'], { token: reader.secret });
    expect(readOnly).toEqual({ code: 1, stdout: '', stderr: 'tollgate: 403: a read-only token cannot manage apps\n' });
  });

  it('never printed the secret env var', async () => {
    await tollgate(['app', 'delete', id, '--yes', '--wait']);
    for (const text of outputs) expect(text).not.toContain(SECRET);
  });
});

describe('app logs', () => {
  let id: string;
  let url: string;
  const get = async (pathname: string) => {
    const res = await appRequest(new URL(pathname, url).toString(), { headers: { authorization: `Bearer ${reader.secret}` } });
    expect(res.status).toBe(200);
  };

  it('--tail 5 prints the last lines as `timestamp [replica] content`: a request the echo app served shows', async () => {
    ({ id, url } = await fx.app('tollgate/echo', { group: 'A' }));
    await fx.state(id, 'RUNNING');
    await get('/cli-logs-marker?x=1');
    const run = await waitFor(async () => {
      const r = await tollgate(['app', 'logs', id, '--tail', '5'], { token: reader.secret });
      return r.stdout.includes('GET /cli-logs-marker?x=1') ? r : undefined;
    }, 'the request in the logs');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(5);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \[\d+\] /);
    expect(lines.at(-1)).toMatch(/ \[1\] GET \/cli-logs-marker\?x=1$/);
    const json = await tollgate(['app', 'logs', id, '--tail', '1', '-o', 'json'], { token: reader.secret });
    expect(JSON.parse(json.stdout)).toMatchObject({ content: 'GET /cli-logs-marker?x=1', replica: '1', stream: 'stdout' });
  });

  it('-f prints a line the app printed after it started, until Ctrl-C: then exit 0', async () => {
    const child = spawn(process.execPath, [bin, 'app', 'logs', id, '-f', '--tail', '0'], {
      cwd: '/',
      env: { ...process.env, TOLLGATE_URL: server.url, TOLLGATE_TOKEN: reader.secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // Requests until one shows: the follow was open before it (--tail 0 prints no history).
      let n = 0;
      await waitFor(async () => {
        await get(`/followed-${++n}`);
        return /GET \/followed-\d+\n/.test(stdout) ? true : undefined;
      }, 'a line printed after `app logs -f` started');
      expect(stdout).toMatch(/^\S+Z \[1\] GET \/followed-\d+\n/);
      expect(stdout).not.toContain('cli-logs-marker');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      outputs.push(stdout, stderr);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it("a stopped app's logs are still readable", async () => {
    const stop = await tollgate(['app', 'stop', id, '--wait']);
    expect(stop.code, stop.stderr).toBe(0);
    const run = await tollgate(['app', 'logs', id, '--tail', '10000'], { token: reader.secret });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('GET /cli-logs-marker?x=1\n');
  });

  it('errors are one line, exit 1', async () => {
    expect(await tollgate(['app', 'logs', id], { token: outsider.secret })).toEqual({
      code: 1,
      stdout: '',
      stderr: "tollgate: 403: the token's selector group=B does not match this app\n",
    });
    expect(await tollgate(['app', 'logs', '00000000-0000-4000-8000-000000000000'])).toEqual({ code: 1, stdout: '', stderr: 'tollgate: 404: App not found\n' });
    const bad = await tollgate(['app', 'logs', id, '--since', 'last week']);
    expect(bad.code).toBe(2);
    await tollgate(['app', 'delete', id, '--yes', '--wait']);
  });
});

describe('app add-external', () => {
  let upstream: Server;
  let upstreamUrl: string;
  beforeAll(async () => {
    upstream = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ upstream: true, path: req.url, host: req.headers.host }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    upstream?.closeAllConnections();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  it('registers an app that runs elsewhere, RUNNING once its probe answers, reached through the gateway', async () => {
    const run = await tollgate(['app', 'add-external', '--url', upstreamUrl, '--name', 'cli-external', '--region', 'GRA', '-l', 'group=A', '--probe-path', '/health', '--wait', '-o', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const app = JSON.parse(run.stdout);
    expect(app.spec).toMatchObject({ image: null, upstreamUrl, preserveHost: false, tlsSkipVerify: false, labels: { group: 'A' } });
    expect(app.status.state).toBe('RUNNING');
    const res = await appRequest(new URL('/through?q=1', app.status.url).toString(), { headers: { authorization: `Bearer ${reader.secret}` } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ upstream: true, path: '/through?q=1', host: new URL(upstreamUrl).host });
    const get = await tollgate(['app', 'get', app.id], { token: reader.secret });
    expect(get.stdout).toContain(`Upstream URL:      ${upstreamUrl}\n`);
    await tollgate(['app', 'delete', app.id, '--yes', '--wait']);
  });
});
