// Access beyond OVHcloud's: renewing with a grace period, IP allow-lists and the client address
// behind trusted proxies, expiry — on a real server, through the gateway and /v1.

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from './helpers/api-client.ts';
import { appRequest, localhostLookup } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let server: TestServer;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let hello: { id: string; url: string };
let stream: { id: string; url: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  hello = await fx.app('infrastructureascode/hello-world', { access: 'yes' });
  stream = await fx.app('tollgate/stream', { access: 'yes' });
  await Promise.all([hello, stream].map((app) => fx.state(app.id, 'RUNNING')));
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

const get = (url: string, secret: string, localAddress?: string, headers: Record<string, string> = {}) =>
  appRequest(url, { headers: { authorization: `Bearer ${secret}`, ...headers }, localAddress });
const renew = (id: string, gracePeriodSeconds?: number) => fx.call(admin, 'POST', `/v1/token/${id}/renew`, gracePeriodSeconds === undefined ? undefined : { gracePeriodSeconds });

/** Opens an event stream through the gateway; `ended` says when it ends. */
function openStream(secret: string): Promise<{ ended: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${stream.url}sse`, { headers: { authorization: `Bearer ${secret}` }, lookup: localhostLookup }, (res) => {
      expect(res.statusCode).toBe(200);
      resolve({ ended: new Promise((ended) => res.on('close', () => ended(Date.now()))) });
      res.resume();
    });
    req.on('error', reject);
  });
}

describe('renew with a grace period', () => {
  it('keeps the old secret (and its streams) working until the grace ends, and not one request longer', async () => {
    const token = await fx.token('access=yes');
    const { ended } = await openStream(token.secret);
    // 5 s of grace: room for the four requests below on a busy machine.
    const renewed = await renew(token.id, 5);
    expect(renewed.status).toBe(200);
    const until = Date.parse(renewed.body.status.previousSecretExpiresAt);
    expect(until - Date.now()).toBeGreaterThan(1_000);
    expect(until - Date.now()).toBeLessThanOrEqual(5_000);
    const fresh = renewed.body.status.value as string;
    expect((await get(hello.url, token.secret)).status).toBe(200);
    expect((await get(hello.url, fresh)).status).toBe(200);
    // At the instant the grace ends: the next request with the old secret is refused.
    await new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())));
    const after = await get(hello.url, token.secret);
    expect(after.status).toBe(401);
    expect(JSON.parse(after.body).error.details.reason).toBe('unknown_token');
    expect((await get(hello.url, fresh)).status).toBe(200);
    // The stream opened with the old secret was cut within 2 s of the grace's end.
    const endedAt = await ended;
    expect(endedAt - until).toBeLessThan(2_000);
    expect((await fx.call(admin, 'GET', `/v1/token/${token.id}`)).body.status.previousSecretExpiresAt).toBeNull();
  });

  it('a second renew during a grace ends the first at once: at most two secrets are ever live', async () => {
    const token = await fx.token('access=yes');
    const second = (await renew(token.id, 600)).body.status.value as string;
    const third = (await renew(token.id, 600)).body.status.value as string;
    expect((await get(hello.url, token.secret)).status).toBe(401);
    expect((await get(hello.url, second)).status).toBe(200);
    expect((await get(hello.url, third)).status).toBe(200);
  });

  it('without a grace period (the default) the old secret stops at once', async () => {
    const token = await fx.token('access=yes');
    const renewed = await renew(token.id);
    expect(renewed.body.status.previousSecretExpiresAt).toBeNull();
    expect((await get(hello.url, token.secret)).status).toBe(401);
  });

  it('refuses a grace period outside 0..7 days with 400', async () => {
    const token = await fx.token('access=yes');
    const res = await renew(token.id, 604_801);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Invalid input: gracePeriodSeconds: gracePeriodSeconds must be between 0 and 604800 (7 days)');
  });
});

describe('allowed IPs', () => {
  it('lets a token through from an allowed address only, and says which address it saw', async () => {
    const res = await fx.call(admin, 'POST', '/v1/token', { name: 'from-127-0-0-2', labelSelector: 'access=yes', role: 'read', region: 'GRA', allowedIps: ['127.0.0.2/32', '2001:db8::/32'] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.spec.allowedIps).toEqual(['127.0.0.2/32', '2001:db8::/32']);
    const secret = res.body.status.value as string;
    expect((await get(hello.url, secret, '127.0.0.2')).status).toBe(200);
    const refused = await get(hello.url, secret, '127.0.0.1');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error).toMatchObject({ message: 'the token may not be used from 127.0.0.1', details: { reason: 'ip_not_allowed' } });
    // A client cannot claim another address: X-Forwarded-For is believed only from a trusted proxy.
    expect((await get(hello.url, secret, '127.0.0.1', { 'x-forwarded-for': '127.0.0.2' })).status).toBe(403);
    // The API applies the same rule.
    expect((await fx.call({ token: secret }, 'GET', `/v1/app/${hello.id}`)).status).toBe(403);
  });

  it('refuses an entry that is not an IP or CIDR with 400 naming it', async () => {
    const res = await fx.call(admin, 'POST', '/v1/token', { name: 'bad-ips', labelSelector: '', role: 'read', region: 'GRA', allowedIps: ['10.0.0.0/8', '10.0.0.0/33'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Invalid input: allowedIps.1: "10.0.0.0/33" has a prefix length outside 0-32');
  });
});

describe('behind a trusted proxy', () => {
  let behind: TestServer;
  let url: string;
  let secret: string;

  beforeAll(async () => {
    behind = await startTestServer({ env: { TRUSTED_PROXIES: '127.0.0.1/32' } });
    const fx2 = gatewayFixture(behind, { cookie: await signIn(behind.url) });
    url = (await fx2.app('infrastructureascode/hello-world', { access: 'proxied' })).url;
    const res = await fx2.call({ cookie: await signIn(behind.url) }, 'POST', '/v1/token', { name: 'proxied', labelSelector: 'access=proxied', role: 'read', region: 'GRA', allowedIps: ['198.51.100.0/24'] });
    secret = res.body.status.value;
    await waitFor(async () => ((await get(url, secret, '127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).status === 200 ? true : undefined), 'the app to run');
  }, 180_000);

  afterAll(async () => {
    await behind?.stop();
  });

  it('takes the client address from X-Forwarded-For, the rightmost hop the proxy did not write itself', async () => {
    expect((await get(url, secret, '127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
    // The client forged "198.51.100.7"; the proxy appended the address it really saw.
    expect((await get(url, secret, '127.0.0.1', { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' })).status).toBe(403);
    // From an address that is not a trusted proxy, the header means nothing.
    expect((await get(url, secret, '127.0.0.2', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(403);
  });
});

describe('expiry', () => {
  it('an expired token gets 401 with reason expired, and the list says expired', async () => {
    const res = await fx.call(admin, 'POST', '/v1/token', { name: 'short-lived', labelSelector: 'access=yes', role: 'read', region: 'GRA', expiresAt: new Date(Date.now() + 1_500).toISOString() });
    const secret = res.body.status.value as string;
    expect((await get(hello.url, secret)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_600));
    const refused = await get(hello.url, secret);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).error.details.reason).toBe('expired');
    expect((await fx.call(admin, 'GET', `/v1/token/${res.body.id}`)).body.status.expired).toBe(true);
  });
});
