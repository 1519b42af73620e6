// GET /v1/audit: the project's activity, filtered, paged and exported.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from './helpers/api-client.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';

let server: TestServer;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let app: { id: string };
let operator: { id: string; secret: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  app = await fx.app('infrastructureascode/hello-world', { audit: 'yes' });
  operator = await fx.token('audit=yes', 'operator');
  await fx.state(app.id, 'RUNNING');
  expect((await fx.call({ token: operator.secret }, 'PUT', `/v1/app/${app.id}/label`, { name: 'team', value: 'ml' })).status).toBe(200);
  expect((await fx.call(admin, 'POST', `/v1/token/${operator.id}/renew`, { gracePeriodSeconds: 3600 })).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('GET /v1/audit', () => {
  it('lists who did what to which object, newest first, from where', async () => {
    const res = await fx.call(admin, 'GET', '/v1/audit');
    expect(res.status).toBe(200);
    const actions = (res.body as { action: string }[]).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['token.regenerate', 'app.label.set']);
    expect(res.body[1]).toMatchObject({ actor: { type: 'token', id: operator.id, ip: '127.0.0.1' }, target: { type: 'app', id: app.id }, details: { name: 'team', value: 'ml' } });
    // The regenerate says how long the replaced secret keeps working, and until when.
    const regenerate = res.body[0] as { details: { version: number; gracePeriodSeconds: number; previousSecretExpiresAt: string } };
    expect(regenerate.details).toMatchObject({ version: 2, gracePeriodSeconds: 3600 });
    expect(Date.parse(regenerate.details.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3500_000);
  });

  it('filters by token (done to it or with it), app, action family and actor, and pages', async () => {
    const byToken = (await fx.call(admin, 'GET', `/v1/audit?token=${operator.id}`)).body as { action: string }[];
    expect(byToken.map((e) => e.action)).toEqual(['token.regenerate', 'app.label.set', 'token.create']);
    const byApp = (await fx.call(admin, 'GET', `/v1/audit?app=${app.id}`)).body as { action: string }[];
    expect(byApp.map((e) => e.action)).toEqual(['app.label.set', 'app.create']);
    const tokenFamily = (await fx.call(admin, 'GET', '/v1/audit?action=token')).body as { action: string }[];
    expect(new Set(tokenFamily.map((e) => e.action))).toEqual(new Set(['token.create', 'token.regenerate']));
    const page = await fx.call(admin, 'GET', '/v1/audit?size=1&page=1');
    expect(page.body).toHaveLength(1);
    expect(Number(page.headers.get('x-total-count'))).toBeGreaterThan(2);
    expect((await fx.call(admin, 'GET', '/v1/audit?action=DROP TABLE')).status).toBe(400);
  });

  it('exports CSV a spreadsheet opens, formulas defused', async () => {
    const res = await fetch(`${server.url}/v1/audit?format=csv&app=${app.id}`, { headers: { cookie: (admin as { cookie: string }).cookie } });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, first] = (await res.text()).split('\r\n');
    expect(header).toBe('createdAt,action,actorType,actorId,actorIp,targetType,targetId,details');
    expect(first).toContain(`"app.label.set","token","${operator.id}","127.0.0.1","app","${app.id}"`);
  });

  it('is closed to app tokens', async () => {
    const other = await fx.token('audit=yes', 'operator');
    const res = await fx.call({ token: other.secret }, 'GET', '/v1/audit');
    expect(res.status).toBe(403);
    expect(res.body.error.details.reason).toBe('token_not_allowed');
  });
});
