import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type Credential } from './helpers/api-client.ts';
import { appRequest } from './helpers/app-host-request.ts';
import { createRelayedDatabase } from './helpers/relayed-postgres.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

// These need a PostgreSQL server whatever DATABASE_URL says (helpers/relayed-postgres.ts).
let database: Awaited<ReturnType<typeof createRelayedDatabase>>['database'];
let proxy: Awaited<ReturnType<typeof createRelayedDatabase>>['proxy'];
let viaProxy: TestServer;
let direct: TestServer;
let cookie: string;
let helloUrl: string;

beforeAll(async () => {
  let proxiedUrl: string;
  ({ database, proxy, proxiedUrl } = await createRelayedDatabase('tollgate_gw_pg'));
  // Server one reaches the database through the cuttable relay; server two directly.
  viaProxy = await startTestServer({ databaseUrl: proxiedUrl });
  direct = await startTestServer({ databaseUrl: database.url });
  cookie = await signIn(viaProxy.url);
  const apps = await waitFor(async () => {
    const res = await apiClient(viaProxy.url)({ cookie }, 'GET', '/v1/app');
    return res.body?.[0]?.status.state === 'RUNNING' ? res.body : undefined;
  }, 'the demo app to run');
  helloUrl = apps[0].status.url;
}, 240_000);

afterAll(async () => {
  await viaProxy?.stop();
  await direct?.stop();
  await proxy?.close();
  await database?.drop();
});

async function newToken(server: TestServer, credential: Credential, name: string) {
  const res = await apiClient(server.url)(credential, 'POST', '/v1/token', { name, labelSelector: 'group=A', role: 'read', region: 'GRA' });
  expect(res.status, res.text).toBe(200);
  return { id: res.body.id as string, secret: res.body.status.value as string };
}

const onServer = (url: string, server: TestServer) => url.replace(`:${viaProxy.port}/`, `:${server.port}/`);

describe('two server processes on one database', () => {
  it('a token regenerated through one is refused by the other within a second', async () => {
    const token = await newToken(viaProxy, { cookie }, 'two-processes');
    const otherUrl = onServer(helloUrl, direct);
    await waitFor(async () => ((await appRequest(otherUrl, { headers: { authorization: `Bearer ${token.secret}` } })).status === 200 ? true : undefined), 'the second server to serve the app');
    // The second process has now cached the token.
    expect((await appRequest(otherUrl, { headers: { authorization: `Bearer ${token.secret}` } })).body).toBe('Hello, World!');

    const renewed = await apiClient(viaProxy.url)({ cookie }, 'POST', `/v1/token/${token.id}/renew`);
    expect(renewed.status).toBe(200);
    const started = Date.now();
    await waitFor(
      async () => ((await appRequest(otherUrl, { headers: { authorization: `Bearer ${token.secret}` } })).status === 401 ? true : undefined),
      'the second server to refuse the old secret',
      5_000,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await appRequest(otherUrl, { headers: { authorization: `Bearer ${renewed.body.status.value}` } })).status).toBe(200);
  });
});

describe('forward auth across processes', () => {
  it('a token regenerated through one process is refused by the other\'s decision endpoint within a second', async () => {
    const token = await newToken(viaProxy, { cookie }, 'forward-auth-two-processes');
    const decide = (secret: string) =>
      appRequest(`http://127.0.0.1:${direct.port}/__tollgate/authz`, {
        headers: { 'x-forwarded-host': new URL(helloUrl).host, 'x-forwarded-uri': '/', authorization: `Bearer ${secret}` },
      });
    // The second process has now cached the token.
    expect((await decide(token.secret)).status).toBe(200);
    expect((await decide(token.secret)).status).toBe(200);
    const renewed = await apiClient(viaProxy.url)({ cookie }, 'POST', `/v1/token/${token.id}/renew`);
    expect(renewed.status).toBe(200);
    const started = Date.now();
    await waitFor(async () => ((await decide(token.secret)).status === 401 ? true : undefined), 'the second server to refuse the old secret', 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await decide(renewed.body.status.value)).status).toBe(200);
  });
});

describe('database unreachable', () => {
  it('answers 503 (never the app) once a credential is unverified for 5 s, and recovers when the database returns', async () => {
    const token = await newToken(viaProxy, { cookie }, 'db-down');
    const ask = () => appRequest(helloUrl, { headers: { authorization: `Bearer ${token.secret}` } });
    expect((await ask()).status).toBe(200);

    await proxy.cut();
    try {
      await new Promise((r) => setTimeout(r, 5_500));
      const down = await ask();
      expect(down.status).toBe(503);
      expect(down.body).not.toContain('Hello, World!');
      expect(JSON.parse(down.body).error.code).toBe('unavailable');
      expect(down.headers['retry-after']).toBe('5');
      // A credential never seen before cannot be decided either.
      const stranger = await appRequest(helloUrl, { headers: { authorization: 'Bearer tg_0000000000000000000000000000' } });
      expect(stranger.status).not.toBe(200);
    } finally {
      await proxy.restore();
    }
    await waitFor(async () => ((await ask()).status === 200 ? true : undefined), 'the gateway to recover', 15_000);
    expect((await ask()).body).toBe('Hello, World!');
  });
});
