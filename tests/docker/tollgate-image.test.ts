// The production image (Dockerfile) and compose.yaml. No registry is reachable here, so the image is
// built on a base made from this machine's node and npm (scripts/image-base.mjs), passed as the
// BASE_IMAGE build argument, with the classic builder (DOCKER_BUILDKIT=0: docker.io 20.10 may have no
// BuildKit). `--network host`: npm ci inside the build reaches the npm registry the way the host
// does (dockerd runs without iptables in CI, so the bridge network has no way out).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRequest } from '../integration/helpers/app-host-request.ts';
import { signIn } from '../integration/helpers/test-server.ts';
import { waitFor } from '../integration/helpers/wait-for.ts';

const root = path.resolve(import.meta.dirname, '../..');
const IMAGE = 'tollgate-test/tollgate:ci';
const ADMIN = { email: 'admin@image.test', password: 'image-test-admin-pw' };
const name = `tollgate-image-${randomBytes(4).toString('hex')}`;

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '0' } }).trim();

let buildSeconds = 0;

beforeAll(() => {
  return (async () => {
    const made = spawnSync(process.execPath, ['scripts/image-base.mjs'], { cwd: root, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`scripts/image-base.mjs failed: ${made.stderr}`);
    const base = made.stdout.trim().split('\n').pop()!;
    const started = Date.now();
    const build = spawnSync('docker', ['build', '--network', 'host', '--build-arg', `BASE_IMAGE=${base}`, '-t', IMAGE, '.'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      maxBuffer: 64 * 1024 * 1024,
    });
    buildSeconds = (Date.now() - started) / 1000;
    if (build.status !== 0) throw new Error(`docker build failed (${build.status}):\n${(build.stdout + build.stderr).slice(-5000)}`);
  })();
}, 1_800_000);

afterAll(() => {
  spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
});

describe('the image', () => {
  it('runs as uid 1000 with a HEALTHCHECK on /healthz, and ships no tests, fixtures or dev dependencies', () => {
    const config = JSON.parse(docker('image', 'inspect', '--format', '{{json .Config}}', IMAGE)) as {
      User: string;
      Healthcheck: { Test: string[] };
      Cmd: string[];
      Env: string[];
    };
    expect(config.User).toBe('1000:1000');
    expect(config.Healthcheck.Test.join(' ')).toContain('/healthz');
    expect(config.Cmd).toEqual(['node', 'scripts/start.mjs']);
    expect(config.Env).toEqual(expect.arrayContaining(['NODE_ENV=production', 'HOST=0.0.0.0', 'DATA_DIR=/data']));
    const listing = docker(
      'run', '--rm', '--entrypoint', 'sh', IMAGE, '-c',
      [
        'ls -A /app',
        'echo ---tests',
        "find /app -path /app/node_modules -prune -o \\( -name '*.test.ts' -o -name test-support -o -name test-fixtures -o -name tests -o -name e2e \\) -print",
        'echo ---dev',
        'ls -d node_modules/vitest node_modules/typescript node_modules/@playwright node_modules/prisma node_modules/eslint 2>/dev/null',
        'echo ---runtime',
        'ls -d node_modules/tsx node_modules/next node_modules/pino node_modules/prom-client lib/db/generated/client.ts .next/BUILD_ID',
        'echo ---cache',
        'ls -d .next/cache 2>/dev/null',
        'echo ---data',
        'stat -c %u /data',
      ].join('; '),
    );
    const section = (title: string) => listing.split(`---${title}`)[1]!.split('---')[0]!.trim();
    expect(listing.split('---')[0]!.trim().split('\n').sort()).toEqual(
      ['.next', 'bin', 'lib', 'next.config.mjs', 'node_modules', 'package.json', 'prisma', 'public', 'scripts', 'server.ts', 'tsconfig.json'].sort(),
    );
    expect(section('tests')).toBe('');
    expect(section('dev')).toBe('');
    expect(section('runtime').split('\n')).toHaveLength(6);
    expect(section('cache')).toBe('');
    expect(section('data')).toBe('1000');
    const bytes = Number(docker('image', 'inspect', '--format', '{{.Size}}', IMAGE));
    console.log(`${IMAGE}: ${(bytes / 1024 / 1024).toFixed(0)} MiB, built in ${buildSeconds.toFixed(0)} s (cached layers reused when nothing changed)`);
    console.log(docker('history', '--format', '{{.Size}}\t{{.CreatedBy}}', IMAGE).split('\n').slice(0, 8).map((l) => `  ${l.slice(0, 140)}`).join('\n'));
  });

  it('serves: /readyz 200, the panel, and one gateway request with a token; healthy; stops with 0 on SIGTERM', async () => {
    docker(
      'run', '-d', '--name', name,
      '-p', '127.0.0.1::3000',
      '-e', 'BASE_DOMAIN=localhost',
      '-e', 'RUNTIME=process',
      '-e', `ADMIN_EMAIL=${ADMIN.email}`,
      '-e', `ADMIN_PASSWORD=${ADMIN.password}`,
      IMAGE,
    );
    const published = docker('port', name, '3000/tcp').split('\n')[0]!;
    const port = Number(published.split(':').pop());
    const base = `http://localhost:${port}`;
    const logs = () => docker('logs', name);
    const ready = await waitFor(async () => {
      const res = await fetch(`${base}/readyz`);
      return res.status === 200 ? ((await res.json()) as unknown) : undefined;
    }, '/readyz to answer 200', 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${logs().slice(-4000)}`);
    });
    expect(ready).toMatchObject({ status: 'ready', checks: { database: { ok: true }, migrations: { ok: true }, runtime: { ok: true } } });

    const cookie = await signIn(base, ADMIN.email, ADMIN.password);
    const apps = await waitFor(async () => {
      const res = await fetch(`${base}/v1/app`, { headers: { cookie } });
      const body = (await res.json()) as { id: string; status: { state: string; url: string } }[];
      return body[0]?.status.state === 'RUNNING' ? body : undefined;
    }, 'the demo app to run', 60_000);
    const created = await fetch(`${base}/v1/token`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'image-test', labelSelector: 'group=A', role: 'read', region: 'GRA' }),
    });
    expect(created.status).toBe(200);
    const secret = ((await created.json()) as { status: { value: string } }).status.value;
    const url = apps[0]!.status.url.replace(/:\d+\/$/, `:${port}/`);
    const res = await appRequest(url, { headers: { authorization: `Bearer ${secret}` } });
    expect(res).toMatchObject({ status: 200, body: 'Hello, World!' });
    expect((await appRequest(url)).status).toBe(401);

    // The HEALTHCHECK runs every 10 s.
    await waitFor(async () => (docker('inspect', '--format', '{{.State.Health.Status}}', name) === 'healthy' ? true : undefined), 'the container to be healthy', 60_000);
    const access = logs()
      .split('\n')
      .filter((line) => line.includes('"component":"access"') && line.includes('"kind":"gateway"'));
    expect(access.length).toBeGreaterThanOrEqual(2);
    expect(access.join('\n')).not.toContain(secret);

    const stopping = Date.now();
    docker('stop', '--time', '30', name);
    const stopSeconds = (Date.now() - stopping) / 1000;
    expect(docker('inspect', '--format', '{{.State.ExitCode}}', name)).toBe('0');
    console.log(`container: ready, served the gateway, healthy; docker stop took ${stopSeconds.toFixed(1)} s, exit code 0`);
    console.log(`one access line from the container:\n${access[0]}`);
    // Its own waits add up to more than the project's default: start (up to 120 s), the demo app, two health checks, the stop.
  }, 300_000);
});

describe('compose.yaml', () => {
  it('is valid for docker-compose, with PostgreSQL 16, a named volume, the migration one-shot and the Docker socket', () => {
    const result = spawnSync('docker-compose', ['-f', 'compose.yaml', 'config'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, POSTGRES_PASSWORD: 'compose-check' },
    });
    if (result.error) throw new Error(`docker-compose is not installed (apt-get install -y docker-compose): ${result.error.message}`);
    expect(result.status, result.stderr).toBe(0);
    const config = result.stdout;
    expect(config).toContain('image: postgres:16');
    expect(config).toMatch(/DATABASE_URL: postgresql:\/\/tollgate:compose-check@127\.0\.0\.1:5433\/tollgate/);
    expect(config).toContain('condition: service_completed_successfully');
    expect(config).toContain('/var/run/docker.sock:/var/run/docker.sock');
    expect(config).toMatch(/volumes:\n\s+postgres-data: \{\}\n\s+tollgate-data: \{\}/);
    // Without the password, it refuses to render rather than run PostgreSQL with an empty one.
    const missing = spawnSync('docker-compose', ['-f', 'compose.yaml', 'config'], { cwd: root, encoding: 'utf8', env: { ...process.env, POSTGRES_PASSWORD: '' } });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('set POSTGRES_PASSWORD');
  });
});
