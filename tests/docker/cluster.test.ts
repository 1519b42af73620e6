// Three Tollgate instances on one PostgreSQL with the Docker runtime: one leads the controller,
// every one serves the gateway and routes to the same replicas; the leader is kill -9'ed and
// another takes over without a duplicate or a restart. Then a request loop through the gateway
// while a replica is killed, the app scaled down and rolled out.
//
// This needs PostgreSQL even in the embedded pass (instances share a database by definition): it
// makes its own database next to DATABASE_URL, or on the local server at 127.0.0.1:5432.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from '../integration/helpers/api-client.ts';
import { apiClient } from '../integration/helpers/api-client.ts';
import { appRequest } from '../integration/helpers/app-host-request.ts';
import { createPostgresDatabase } from '../integration/helpers/test-database.ts';
import { runMigrate, signIn, startTestServer, type TestServer } from '../integration/helpers/test-server.ts';
import { waitFor } from '../integration/helpers/wait-for.ts';

const namespace = `it-${randomBytes(4).toString('hex')}`;
const env = { RUNTIME: 'docker', RUNTIME_NAMESPACE: namespace };
const servers: TestServer[] = [];
let drop: () => Promise<void> = async () => {};
let admin: Credential;
let token: string;
let app: { id: string; host: string };

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const containers = (appId: string) => docker('ps', '-q', '--no-trunc', '--filter', `label=tollgate.app-id=${appId}`).split('\n').filter(Boolean).sort();
const urlOn = (server: TestServer) => `http://${app.host}:${server.port}/`;

async function leader(on: TestServer): Promise<string | undefined> {
  const res = await apiClient(on.url)(admin, 'GET', '/v1/runtime');
  return res.body?.leader && !res.body.leader.stale ? res.body.leader.instance : undefined;
}

beforeAll(async () => {
  const created = await createPostgresDatabase(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', 'tollgate_cluster');
  drop = created.drop;
  await runMigrate(created.url);
  // One after the other: the first seeds the database; the others find it seeded.
  for (let i = 0; i < 3; i++) servers.push(await startTestServer({ env, databaseUrl: created.url }));
  admin = { cookie: await signIn(servers[0]!.url) };
  const call = apiClient(servers[1]!.url);
  token = (await call(admin, 'POST', '/v1/token', { name: 'cluster', labelSelector: 'tier=cluster', role: 'read', region: 'GRA' })).body.status.value;
  const res = await call(admin, 'POST', '/v1/app', {
    name: 'clustered',
    image: 'infrastructureascode/hello-world',
    region: 'GRA',
    labels: { tier: 'cluster' },
    scalingStrategy: { fixed: { replicas: 2 } },
  });
  expect(res.status, res.text).toBe(200);
  app = { id: res.body.id, host: new URL(res.body.status.url).hostname };
}, 240_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await drop();
  const left = docker('ps', '-aq', '--filter', `label=tollgate.namespace=${namespace}`).split('\n').filter(Boolean);
  if (left.length) docker('rm', '-f', ...left);
});

async function runningWith(replicas: number, on: TestServer = servers[0]!) {
  return waitFor(async () => {
    const res = await apiClient(on.url)(admin, 'GET', `/v1/app/${app.id}`);
    const { state, replicas: r, rollout } = res.body.status;
    return state === 'RUNNING' && r.ready === replicas && r.current === replicas && rollout === 'done' ? res.body : undefined;
  }, `the app RUNNING with ${replicas} replica(s)`, 90_000);
}

/** Requests through one instance's gateway, `concurrency` at a time, until stopped. */
function requestLoop(on: TestServer, concurrency = 4) {
  let running = true;
  let total = 0;
  const failures: { at: number; what: string }[] = [];
  const workers = Array.from({ length: concurrency }, async () => {
    while (running) {
      total++;
      const res = await appRequest(urlOn(on), { headers: { authorization: `Bearer ${token}` } }).catch((error: Error) => ({ status: 0, body: error.message }));
      if (res.status !== 200 || res.body !== 'Hello, World!') failures.push({ at: Date.now(), what: `${res.status} ${res.body.slice(0, 60)}` });
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return { total, failures };
    },
  };
}

describe('three Tollgate instances on one PostgreSQL', () => {
  it('run one app with 2 replicas as exactly 2 containers, reachable through every instance', async () => {
    await runningWith(2);
    expect(containers(app.id)).toHaveLength(2);
    for (const server of servers) {
      const res = await appRequest(urlOn(server), { headers: { authorization: `Bearer ${token}` } });
      expect(res, `through ${server.url}`).toMatchObject({ status: 200, body: 'Hello, World!' });
    }
    const leaders = new Set(await Promise.all(servers.map(leader)));
    expect(leaders.size).toBe(1);
  });

  it('every instance reads the app’s logs from the engine, both replicas tagged', async () => {
    for (const server of servers) {
      const res = await apiClient(server.url)(admin, 'GET', `/v1/app/${app.id}/log?tail=50`);
      expect(res.status, res.text).toBe(200);
      const lines = res.body.logs as { content: string; replica: string }[];
      expect(lines.filter((l) => /listening on/.test(l.content)).map((l) => l.replica).sort()).toEqual(['1', '2']);
    }
  });

  it('when the leader is kill -9ed, another instance takes over within 15 s, with no duplicate and no restart', async () => {
    const before = containers(app.id);
    const name = (await leader(servers[0]!))!;
    const victim = servers.find((server) => name.endsWith(`:${server.pid}`))!;
    expect(victim).toBeDefined();
    const killedAt = Date.now();
    await victim.kill('SIGKILL');
    servers.splice(servers.indexOf(victim), 1);
    const survivor = servers[0]!;
    const next = await waitFor(async () => {
      const current = await leader(survivor);
      return current && current !== name ? current : undefined;
    }, 'a new leader', 20_000);
    const takeoverMs = Date.now() - killedAt;
    console.log(`leader ${name} killed; ${next} took over in ${takeoverMs} ms`);
    expect(takeoverMs).toBeLessThan(15_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(containers(app.id)).toEqual(before);
    for (const server of servers) {
      expect((await appRequest(urlOn(server), { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    }
  });

  it('a request loop sees no failure through a replica kill, a scale-down and a rolling update, but for requests in flight on the killed replica', async () => {
    const through = servers[0]!;
    const call = apiClient(through.url);
    const loop = requestLoop(through);

    // A replica dies (its process SIGKILLed): Docker restarts it, the gateway routes around it.
    const [victim] = containers(app.id);
    const killedAt = Date.now();
    execFileSync('kill', ['-9', docker('inspect', '-f', '{{.State.Pid}}', victim!)]);
    await runningWith(2, through);

    // Scale down, then a rolling update to another image.
    expect((await call(admin, 'PUT', `/v1/app/${app.id}/scalingstrategy`, { fixed: { replicas: 1 } })).status).toBe(200);
    await runningWith(1, through);
    expect((await call(admin, 'PUT', `/v1/app/${app.id}`, { command: ['/usr/bin/node', '/app/hello-world.mjs'] })).status).toBe(200);
    await runningWith(1, through);
    expect((await call(admin, 'PUT', `/v1/app/${app.id}/scalingstrategy`, { fixed: { replicas: 3 } })).status).toBe(200);
    await runningWith(3, through);

    const { total, failures } = await loop.stop();
    // The loop runs 4 requests at a time: at most those 4 can have been on the killed replica.
    const inFlightAtKill = failures.filter((f) => f.at - killedAt < 1_000);
    console.log(`request loop: ${total} requests, ${failures.length} failed (${inFlightAtKill.length} in flight on the killed replica)`, failures);
    expect(total).toBeGreaterThan(100);
    expect(failures.length).toBe(inFlightAtKill.length);
    expect(inFlightAtKill.length).toBeLessThanOrEqual(4);
    expect(containers(app.id)).toHaveLength(3);
  });
});
