// Sign in with Tollgate: a member signed in to the panel opens an app without a token. The panel
// issues a one-time code bound to the app, its host and the user; the gateway takes it at
// /__tollgate/callback and opens a gate session that lasts while the user stays a member.

import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../lib/auth/password.ts';
import { apiClient } from './helpers/api-client.ts';
import { appRequest, type HostResponse } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { POSTGRES_ADMIN_URL } from './helpers/relayed-postgres.ts';
import { createPostgresDatabase } from './helpers/test-database.ts';
import { runMigrate, signIn, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

// A second user is written straight into the database: PostgreSQL, as the embedded one is the server's alone.

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let db: pg.Client;
let server: TestServer;
let admin: string;
let fx: ReturnType<typeof gatewayFixture>;
let app: { id: string; url: string };
let other: { id: string; url: string };

beforeAll(async () => {
  database = await createPostgresDatabase(POSTGRES_ADMIN_URL, 'tollgate_panel_signin');
  await runMigrate(database.url);
  server = await startTestServer({ databaseUrl: database.url });
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  admin = await signIn(server.url);
  fx = gatewayFixture(server, { cookie: admin });
  app = await fx.app('tollgate/echo', { who: 'members' });
  other = await fx.app('tollgate/echo', { who: 'others' });
  await fx.state(app.id, 'RUNNING');
  await fx.state(other.id, 'RUNNING');
}, 180_000);

afterAll(async () => {
  await db?.end();
  await server?.stop();
  await database?.drop();
});

/** GET on the panel host, redirects not followed. */
function panel(path: string, cookie?: string): Promise<Response> {
  return fetch(new URL(path, server.url), { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** The callback URL the panel sends a member's browser to, for `appId`. */
async function issue(appId: string, cookie = admin, next?: string): Promise<string> {
  const res = await panel(`/apps/${appId}/open${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`, cookie);
  expect(res.status, await res.text()).toBe(303);
  return res.headers.get('location')!;
}

function gateCookie(res: HostResponse): string {
  const line = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('tg_gate='));
  expect(line, 'a gate cookie').toBeDefined();
  return line!.split(';')[0]!;
}

async function newMember(email: string): Promise<{ id: string; cookie: string }> {
  const password = 'member-password-1';
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO "User" ("id", "email", "passwordHash", "updatedAt") VALUES (gen_random_uuid(), $1, $2, now()) RETURNING "id"`,
    [email, await hashPassword(password)],
  );
  return { id: rows[0]!.id, cookie: await signIn(server.url, email, password) };
}

async function projectOf(appId: string): Promise<string> {
  const { rows } = await db.query<{ projectId: string }>(`SELECT "projectId" FROM "App" WHERE "id" = $1`, [appId]);
  return rows[0]!.projectId;
}

describe('Sign in with Tollgate', () => {
  it('the login page of an app offers it, coming back to the page asked for', async () => {
    const res = await appRequest(new URL('/__tollgate/login?next=%2Freports%3Fday%3D1', app.url).href);
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/<h1>Sign in to gw-[a-z0-9]+-\d+<\/h1>/);
    const href = /<a class="button" href="([^"]+)">Sign in with Tollgate<\/a>/.exec(res.body)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBe(`${server.url}/apps/${app.id}/open?next=%2Freports%3Fday%3D1`);
  });

  it('a signed-in member is sent through with a one-time code and lands on the page, signed in as themselves', async () => {
    const location = await issue(app.id, admin, '/reports?day=1');
    const callback = new URL(location);
    expect(callback.origin + '/').toBe(app.url);
    expect(callback.pathname).toBe('/__tollgate/callback');
    expect(callback.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the code's hash is stored.
    const { rows } = await db.query(`SELECT "codeHash" FROM "GateAuthCode" WHERE "appId" = $1`, [app.id]);
    expect(rows.map((r) => r.codeHash)).toContain(createHash('sha256').update(callback.searchParams.get('code')!).digest('hex'));

    const landed = await appRequest(location);
    expect(landed.status).toBe(303);
    expect(landed.headers.location).toBe('/reports?day=1');
    const cookie = gateCookie(landed);

    const res = await appRequest(new URL('/reports?day=1', app.url).href, { headers: { cookie } });
    expect(res.status).toBe(200);
    const seen = JSON.parse(res.body) as { headers: Record<string, string> };
    expect(seen.headers.cookie ?? '').not.toContain('tg_gate');
    // The app is told who it is, signed: the user, as a member.
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', server.url));
    const { payload } = await jwtVerify(seen.headers['x-tollgate-jwt-assertion']!, jwks, { audience: app.id });
    expect(payload).toMatchObject({ kind: 'user', role: 'member', name: 'admin@it.test' });

    // The session opens this app only.
    expect((await appRequest(other.url, { headers: { cookie } })).status).toBe(401);
  });

  it('a code works once: a replay, another app host, or an expired code opens nothing', async () => {
    const location = await issue(app.id);
    expect((await appRequest(location)).status).toBe(303);
    const replay = await appRequest(location);
    expect(replay.status).toBe(400);
    expect(replay.headers['set-cookie']).toBeUndefined();
    expect(replay.body).toContain('works once, for one minute');

    // Issued for one app, presented at another: refused, and spent.
    const stolen = new URL(await issue(app.id));
    const elsewhere = await appRequest(new URL(`/__tollgate/callback${stolen.search}`, other.url).href);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers['set-cookie']).toBeUndefined();
    expect((await appRequest(stolen.href)).status).toBe(400);

    // Past its minute.
    const expired = new URL(await issue(app.id));
    const hash = createHash('sha256').update(expired.searchParams.get('code')!).digest('hex');
    await db.query(`UPDATE "GateAuthCode" SET "expiresAt" = now() - interval '1 second' WHERE "codeHash" = $1`, [hash]);
    expect((await appRequest(expired.href)).status).toBe(400);

    // Forged.
    const forged = await appRequest(new URL('/__tollgate/callback?code=' + 'A'.repeat(43), app.url).href);
    expect(forged.status).toBe(400);
    expect(forged.headers['set-cookie']).toBeUndefined();
  });

  it('never sends the browser off the app host, whatever next says', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '/__tollgate/login']) {
      const landed = await appRequest(await issue(app.id, admin, next));
      expect(landed.status, next).toBe(303);
      expect(landed.headers.location, next).toBe('/');
    }
  });

  it('someone not signed in to the panel signs in first and comes back', async () => {
    const res = await panel(`/apps/${app.id}/open?next=%2Fx`);
    expect(res.status).toBe(307);
    const to = new URL(res.headers.get('location')!, server.url);
    expect(to.pathname).toBe('/signin');
    expect(to.searchParams.get('callbackUrl')).toBe(`/apps/${app.id}/open?next=%2Fx`);
  });

  it('a user outside the project gets no code; one removed from it loses the app within seconds', async () => {
    const outsider = await newMember(`outsider-${Date.now()}@it.test`);
    const refused = await panel(`/apps/${app.id}/open`, outsider.cookie);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain('not a member of its project');

    const member = await newMember(`member-${Date.now()}@it.test`);
    const project = await projectOf(app.id);
    await db.query(`INSERT INTO "Membership" ("userId", "projectId") VALUES ($1, $2)`, [member.id, project]);
    const cookie = gateCookie(await appRequest(await issue(app.id, member.cookie)));
    expect((await appRequest(app.url, { headers: { cookie } })).status).toBe(200);

    await db.query(`DELETE FROM "Membership" WHERE "userId" = $1`, [member.id]);
    const denied = await waitFor(async () => {
      const res = await appRequest(app.url, { headers: { cookie } });
      return res.status === 403 ? res : undefined;
    }, 'the removed member to be refused', 15_000);
    expect(JSON.parse(denied.body)).toMatchObject({ error: { details: { reason: 'not_member' } } });
  });

  it('an app can keep panel users out: no link, no code, and open sessions are refused', async () => {
    const closed = await fx.app('tollgate/echo', { who: 'token-only' });
    await fx.state(closed.id, 'RUNNING');
    const cookie = gateCookie(await appRequest(await issue(closed.id)));
    expect((await appRequest(closed.url, { headers: { cookie } })).status).toBe(200);

    const call = apiClient(server.url);
    const put = await call({ cookie: admin }, 'PUT', `/v1/app/${closed.id}`, { allowPanelUsers: false });
    expect(put.status, put.text).toBe(200);
    expect(put.body.spec.allowPanelUsers).toBe(false);
    // An access setting: nothing is rolled out.
    expect(put.body.status.generation).toBe(1);

    const open = await appRequest(closed.url, { headers: { cookie } });
    expect(open.status).toBe(403);
    expect(JSON.parse(open.body)).toMatchObject({ error: { details: { reason: 'panel_users_not_allowed' } } });
    const noCode = await panel(`/apps/${closed.id}/open`, admin);
    expect(noCode.status).toBe(403);
    expect(await noCode.text()).toContain('open it with a token');
    const login = await appRequest(new URL('/__tollgate/login', closed.url).href);
    expect(login.body).not.toContain('Sign in with Tollgate');

    // A token still opens it.
    const token = await fx.token('who=token-only');
    expect((await appRequest(closed.url, { headers: { authorization: `Bearer ${token.secret}` } })).status).toBe(200);
  });
});
