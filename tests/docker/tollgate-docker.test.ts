// Tollgate with RUNTIME=docker, end to end: a real server (the built panel) deploys apps through
// /v1 as containers of the local engine, and the gateway serves them through 127.0.0.1 and the
// published ports. Needs the images `npm run images:build` makes (the global setup builds them).

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from '../integration/helpers/api-client.ts';
import { appRequest } from '../integration/helpers/app-host-request.ts';
import { gatewayFixture } from '../integration/helpers/gateway-fixture.ts';
import { signIn, startTestServer, type TestServer } from '../integration/helpers/test-server.ts';
import { waitFor } from '../integration/helpers/wait-for.ts';

const namespace = `it-${randomBytes(4).toString('hex')}`;
let server: TestServer;
let restarted: TestServer | undefined;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let token: { id: string; secret: string };

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
/** Container ids of an app, running or not, as `docker ps -a` lists them. */
const containers = (appId: string) => docker('ps', '-aq', '--no-trunc', '--filter', `label=tollgate.app-id=${appId}`).split('\n').filter(Boolean);
const bearer = () => ({ authorization: `Bearer ${token.secret}` });

const env = { RUNTIME: 'docker', RUNTIME_NAMESPACE: namespace };

beforeAll(async () => {
  server = await startTestServer({ env });
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  token = await fx.token('group=D', 'operator');
}, 180_000);

afterAll(async () => {
  await restarted?.stop();
  await server?.stop();
  const left = docker('ps', '-aq', '--filter', `label=tollgate.namespace=${namespace}`).split('\n').filter(Boolean);
  if (left.length) docker('rm', '-f', ...left);
});

async function running(id: string, timeoutMs = 60_000) {
  return waitFor(async () => {
    const res = await fx.call(admin, 'GET', `/v1/app/${id}`);
    if (res.body?.status?.state === 'FAILED') throw new Error(`app failed: ${res.body.status.info}`);
    return res.body?.status?.state === 'RUNNING' && res.body.status.replicas.ready === res.body.spec.scalingStrategy.fixed.replicas ? res.body : undefined;
  }, `app ${id} RUNNING`, timeoutMs);
}

describe('Tollgate on Docker', () => {
  let hello: { id: string; url: string };

  it('deploys an image as a container and serves it through the gateway with a token', async () => {
    hello = await fx.app('infrastructureascode/hello-world', { group: 'D' });
    const app = await running(hello.id);
    expect(app.status.imageDigest).toMatch(/^sha256:/);
    const [id] = containers(hello.id);
    expect(docker('inspect', '-f', '{{index .Config.Labels "tollgate.namespace"}} {{.HostConfig.PortBindings}}', id!)).toMatch(new RegExp(`^${namespace} map\\[8080/tcp:\\[\\{127\\.0\\.0\\.1 \\}\\]\\]$`));
    const res = await appRequest(hello.url, { headers: bearer() });
    expect(res).toMatchObject({ status: 200, body: 'Hello, World!' });
    expect((await appRequest(hello.url)).status).toBe(401);
  });

  it('runs an image that is not a built-in (busybox httpd, no Node in it)', async () => {
    const busybox = await fx.app('tollgate-test/busybox-httpd', { group: 'D' });
    await running(busybox.id);
    const res = await appRequest(busybox.url, { headers: bearer() });
    expect(res.status).toBe(200);
    expect(res.body).toContain('busybox');
  });

  it('passes env vars, command and limits to the container', async () => {
    const echo = await fx.app('tollgate/echo', { group: 'D' }, {
      envVars: [{ name: 'GREETING', value: 'bonjour' }, { name: 'API_KEY', value: 'not-for-logs', secret: true }],
      resources: { cpu: 0.5, memoryMiB: 256 },
    });
    const app = await running(echo.id);
    expect(app.spec.envVars).toEqual([{ name: 'GREETING', value: 'bonjour', secret: false }, { name: 'API_KEY', secret: true }]);
    const seen = JSON.parse((await appRequest(echo.url, { headers: bearer() })).body);
    expect(seen.env).toMatchObject({ GREETING: 'bonjour', API_KEY: 'not-for-logs', PORT: '8080' });
    const [id] = containers(echo.id);
    expect(docker('inspect', '-f', '{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}} {{.HostConfig.SecurityOpt}}', id!)).toBe(`500000000 ${256 * 1024 * 1024} [no-new-privileges]`);
    expect(server.output()).not.toContain('not-for-logs');
  });

  it('a crashed container is restarted, and the crash with its exit code is in the history', async () => {
    const [id] = containers(hello.id);
    const pid = docker('inspect', '-f', '{{.State.Pid}}', id!);
    execFileSync('kill', ['-9', pid]);
    const app = await waitFor(async () => {
      const res = await fx.call(admin, 'GET', `/v1/app/${hello.id}`);
      const crashed = res.body.status.history.some((h: { reason?: string }) => /crashed \(exited with code 137/.test(h.reason ?? ''));
      return crashed && res.body.status.state === 'RUNNING' ? res.body : undefined;
    }, 'the crash in the history and the app RUNNING again', 60_000);
    expect(app.status.replicas.ready).toBe(1);
    expect(containers(hello.id)).toEqual([id]);
    expect((await appRequest(hello.url, { headers: bearer() })).body).toBe('Hello, World!');
  });

  it('an image that cannot be pulled ends FAILED, naming the image and the reason', async () => {
    const missing = await fx.app('tollgate-test/does-not-exist:1', { group: 'D' });
    const app = await fx.state(missing.id, 'FAILED');
    expect(app.status.info).toContain('tollgate-test/does-not-exist:1');
    expect(containers(missing.id)).toEqual([]);
  });

  it('a rolling update under a request loop fails no request; a version that never gets ready leaves the old one serving', { timeout: 180_000 }, async () => {
    const app = await fx.app('infrastructureascode/hello-world', { group: 'D' }, { scalingStrategy: { fixed: { replicas: 2 } } });
    await running(app.id);
    const before = containers(app.id);
    let total = 0;
    const failed: string[] = [];
    let looping = true;
    const loop = (async () => {
      while (looping) {
        total++;
        const res = await appRequest(app.url, { headers: bearer() }).catch((error: Error) => ({ status: 0, body: error.message }));
        if (res.status !== 200) failed.push(`${res.status} ${res.body.slice(0, 80)}`);
      }
    })();
    const update = await fx.call(admin, 'PUT', `/v1/app/${app.id}`, { image: 'tollgate/echo' });
    expect(update.status, update.text).toBe(200);
    expect(update.body.status.generation).toBe(2);
    await waitFor(async () => {
      const res = await fx.call(admin, 'GET', `/v1/app/${app.id}`);
      return res.body.spec.image === 'tollgate/echo' && res.body.status.state === 'RUNNING' && res.body.status.info === undefined && containers(app.id).length === 2 ? true : undefined;
    }, 'generation 2 rolled out', 90_000);
    looping = false;
    await loop;
    console.log(`rolling update: ${total} requests through the gateway, ${failed.length} failed`);
    expect(failed).toEqual([]);
    expect(total).toBeGreaterThan(50);
    expect(containers(app.id).some((id) => before.includes(id))).toBe(false);

    const broken = await fx.call(admin, 'PUT', `/v1/app/${app.id}`, { command: ['/usr/bin/node', '-e', 'console.error("no model found"); process.exit(3)'] });
    expect(broken.status).toBe(200);
    let last: unknown;
    const after = await waitFor(async () => {
      const res = await fx.call(admin, 'GET', `/v1/app/${app.id}`);
      last = res.body.status;
      return res.body.status.info?.startsWith('generation 3 did not start') ? res.body : undefined;
    }, 'the failed rollout to be reported', 90_000).catch((error: Error) => {
      throw new Error(`${error.message}; last status ${JSON.stringify(last)}; server said:\n${server.output().slice(-3000)}`);
    });
    expect(after.status.state).toBe('RUNNING');
    expect(after.status.lastOutput.join('\n')).toContain('no model found');
    expect((await appRequest(app.url, { headers: bearer() })).status).toBe(200);
  });

  it('survives kill -9 of Tollgate: the same container keeps serving, adopted, not duplicated', async () => {
    const before = containers(hello.id);
    expect(before).toHaveLength(1);
    await server.kill('SIGKILL');
    // Nothing stops the container meanwhile: it answers on its published port.
    const port = docker('port', before[0]!, '8080/tcp').split(':').at(-1);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('Hello, World!');
    restarted = await startTestServer({ env, dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    const res = await appRequest(hello.url.replace(`:${server.port}/`, `:${restarted.port}/`), { headers: bearer() });
    expect(res).toMatchObject({ status: 200, body: 'Hello, World!' });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(containers(hello.id)).toEqual(before);
    console.log(`kill -9: container ${before[0]!.slice(0, 12)} before, ${containers(hello.id)[0]!.slice(0, 12)} after`);
  });

  it('delete leaves no container behind', async () => {
    const call = gatewayFixture(restarted!, { cookie: await signIn(restarted!.url) }).call;
    const res = await call({ token: token.secret }, 'DELETE', `/v1/app/${hello.id}`);
    expect(res.status, res.text).toBe(200);
    await waitFor(async () => (containers(hello.id).length === 0 ? true : undefined), 'no container left', 30_000);
  });
});
