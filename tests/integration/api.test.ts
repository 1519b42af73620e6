import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type Credential } from './helpers/api-client.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';

let server: TestServer;
let call: ReturnType<typeof apiClient>;
let admin: Credential;
const responses: string[] = [];
const secrets: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  call = apiClient(server.url, responses);
  admin = { cookie: await signIn(server.url) };
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

let counter = 0;
async function newToken(spec: { labelSelector: string; role?: string; region?: string }, as: Credential = admin) {
  const res = await call(as, 'POST', '/v1/token', { name: `token-${++counter}`, role: 'read', region: 'GRA', ...spec });
  expect(res.status, res.text).toBe(200);
  secrets.push(res.body.status.value);
  return { id: res.body.id as string, secret: res.body.status.value as string, credential: { token: res.body.status.value } as Credential };
}

async function newApp(labels: Record<string, string>, extra: Record<string, unknown> = {}, as: Credential = admin) {
  const res = await call(as, 'POST', '/v1/app', {
    name: `app-${++counter}`,
    image: 'infrastructureascode/hello-world',
    region: 'GRA',
    labels,
    ...extra,
  });
  expect(res.status, res.text).toBe(200);
  return res.body as { id: string; spec: { labels: Record<string, string>; region: string }; status: Record<string, unknown> };
}

describe('/v1/token', () => {
  it('creates a token whose secret appears only in the creating response', async () => {
    const res = await call(admin, 'POST', '/v1/token', { name: 'ci-reader', labelSelector: 'group = A', role: 'read', region: 'gra' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const secret = res.body.status.value as string;
    secrets.push(secret);
    expect(secret).toMatch(/^tg_[0-9A-Za-z]{28}$/);
    expect(res.body.spec).toEqual({ name: 'ci-reader', description: '', labelSelector: 'group=A', role: 'read', region: 'GRA', expiresAt: null, allowedIps: [] });
    expect(res.body.status).toMatchObject({ version: 1, lastUsedAt: null });

    const list = await call(admin, 'GET', '/v1/token');
    const listed = list.body.find((t: { id: string }) => t.id === res.body.id);
    expect(listed.spec.name).toBe('ci-reader');
    expect(listed.status.value).toBeUndefined();
    const one = await call(admin, 'GET', `/v1/token/${res.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.status.value).toBeUndefined();
    expect(one.text).not.toContain(secret);
  });

  it('accepts OVHcloud role names', async () => {
    const res = await call(admin, 'POST', '/v1/token', { name: 'ovh-style', labelSelector: '', role: 'ai_training_operator', region: 'BHS' });
    expect(res.status).toBe(200);
    secrets.push(res.body.status.value);
    expect(res.body.spec.role).toBe('operator');
  });

  it('refuses bad input with 400 and the zod issues in details', async () => {
    const res = await call(admin, 'POST', '/v1/token', { name: '', labelSelector: 'group in (A', role: 'admin', region: 'MARS' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    const paths = res.body.error.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toEqual(['name', 'labelSelector', 'role', 'region']);
    expect(res.body.error.details[1].message).toBe("expected ',' or ')' at 11, found end of input");
    const notJson = await fetch(`${server.url}/v1/token`, {
      method: 'POST',
      headers: { cookie: (admin as { cookie: string }).cookie, origin: server.url, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toBe('The request body must be JSON');
  });

  it('answers 409 for a second token with the same name', async () => {
    await newToken({ labelSelector: 'group=A' }).then(async ({ id }) => {
      const name = (await call(admin, 'GET', `/v1/token/${id}`)).body.spec.name;
      const again = await call(admin, 'POST', '/v1/token', { name, labelSelector: '', role: 'read', region: 'GRA' });
      expect(again.status).toBe(409);
      expect(again.body.error).toEqual({ code: 'conflict', message: `A token named "${name}" already exists`, details: { reason: 'name_taken' } });
    });
  });

  it('renews: same id, version + 1, a new secret; the old secret is refused on the very next request', async () => {
    const { id, secret: old } = await newToken({ labelSelector: 'group=A' });
    expect((await call({ token: old }, 'GET', '/v1/app')).status).toBe(200);
    const renewed = await call(admin, 'POST', `/v1/token/${id}/renew`);
    expect(renewed.status).toBe(200);
    secrets.push(renewed.body.status.value);
    expect(renewed.body.id).toBe(id);
    expect(renewed.body.status.version).toBe(2);
    expect(renewed.body.status.value).not.toBe(old);
    expect((await call({ token: old }, 'GET', '/v1/app')).status).toBe(401);
    expect((await call({ token: renewed.body.status.value }, 'GET', '/v1/app')).status).toBe(200);
  });

  it('deletes: the secret is refused on the very next request and the token is gone', async () => {
    const { id, secret } = await newToken({ labelSelector: 'group=A' });
    expect((await call({ token: secret }, 'GET', '/v1/app')).status).toBe(200);
    expect((await call(admin, 'DELETE', `/v1/token/${id}`)).status).toBe(204);
    expect((await call({ token: secret }, 'GET', '/v1/app')).status).toBe(401);
    expect((await call(admin, 'GET', `/v1/token/${id}`)).status).toBe(404);
    expect((await call(admin, 'DELETE', `/v1/token/${id}`)).status).toBe(404);
  });

  it('is closed to app tokens, even operator ones: tokens never manage tokens', async () => {
    const { credential, id } = await newToken({ labelSelector: '', role: 'operator' });
    for (const [method, path] of [
      ['GET', '/v1/token'],
      ['POST', '/v1/token'],
      ['GET', `/v1/token/${id}`],
      ['POST', `/v1/token/${id}/renew`],
      ['DELETE', `/v1/token/${id}`],
    ] as const) {
      const res = await call(credential, method, path, method === 'POST' ? { name: 'x', labelSelector: '', role: 'read', region: 'GRA' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error).toMatchObject({ message: 'app tokens cannot manage tokens; sign in to the panel', details: { reason: 'token_not_allowed' } });
    }
  });

  it('refuses a cross-site state change made with the session cookie', async () => {
    const res = await fetch(`${server.url}/v1/token`, {
      method: 'POST',
      headers: { cookie: (admin as { cookie: string }).cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'csrf', labelSelector: '', role: 'read', region: 'GRA' }),
    });
    expect(res.status).toBe(403);
    expect((await call(admin, 'GET', '/v1/token')).body.some((t: { spec: { name: string } }) => t.spec.name === 'csrf')).toBe(false);
  });
});

describe('/v1/app', () => {
  it('lists exactly the apps matching ?labelSelector=, and a broken selector is a 400 naming the position', async () => {
    const a = await newApp({ group: 'A', tier: 'gpu' });
    const b = await newApp({ group: 'B' });
    const c = await newApp({ tier: '2' });
    const ids = async (selector: string) => {
      const res = await call(admin, 'GET', `/v1/app?labelSelector=${encodeURIComponent(selector)}&size=1000`);
      expect(res.status, res.text).toBe(200);
      return (res.body as { id: string }[]).map((app) => app.id).filter((id) => [a.id, b.id, c.id].includes(id));
    };
    expect(await ids('group=A')).toEqual([a.id]);
    expect(await ids('group in (A,B)')).toEqual([b.id, a.id]);
    expect(await ids('group notin (A)')).toEqual([c.id, b.id]);
    expect(await ids('!group')).toEqual([c.id]);
    expect(await ids('tier,group!=B')).toEqual([c.id, a.id]);
    expect(await ids('tier>1')).toEqual([c.id]);
    expect(await ids(`ovh/id=${b.id}`)).toEqual([b.id]);

    const broken = await call(admin, 'GET', `/v1/app?labelSelector=${encodeURIComponent('group in (A,B')}`);
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'invalid_selector', details: { position: 13 } });
    expect(broken.body.error.message).toContain('at 13');
  });

  it('pages with page and size', async () => {
    for (let i = 0; i < 3; i++) await newApp({ paging: 'yes' });
    const first = await call(admin, 'GET', '/v1/app?labelSelector=paging&size=2&page=0');
    const second = await call(admin, 'GET', '/v1/app?labelSelector=paging&size=2&page=1');
    expect(first.body).toHaveLength(2);
    expect(second.body).toHaveLength(1);
    expect(first.headers.get('x-total-count')).toBe('3');
    expect((await call(admin, 'GET', '/v1/app?size=5000')).status).toBe(400);
  });

  it('stamps the platform labels and says which submitted ones it replaced', async () => {
    const app = await newApp({ group: 'A', 'ovh/id': 'mine', 'ovh/type': 'job' });
    expect(app.spec.labels).toEqual({ group: 'A', 'ovh/id': app.id, 'ovh/type': 'app' });
    expect(app.status.replacedLabels).toEqual(['ovh/id', 'ovh/type']);
    expect(app.status.state).toBe('QUEUED');
    expect(app.status.url).toBe(`http://${app.id}.app.gra.localhost:${server.port}/`);
  });

  it('rejects invalid labels and images this runtime cannot run with 400 details', async () => {
    const res = await call(admin, 'POST', '/v1/app', { name: 'bad', image: 'nginx', region: 'GRA', labels: { 'Bad Key': 'x', ok: 'not ok!' } });
    expect(res.status).toBe(400);
    const details = res.body.error.details as { path: string[]; message: string }[];
    const messages = details.map((d) => d.message);
    expect(details.find((d) => d.path[0] === 'image')?.message).toBe(
      'This Tollgate runs apps as local processes and knows only the built-in images (infrastructureascode/hello-world, tollgate/echo, tollgate/stream); run it with RUNTIME=docker to deploy any image',
    );
    expect(messages.some((m: string) => m.startsWith("label key 'Bad Key'"))).toBe(true);
    expect(messages.some((m: string) => m.startsWith("value of label 'ok'"))).toBe(true);
  });

  it.each([
    ['an image reference with spaces', { image: 'my image' }, 'image', 'An image reference cannot contain spaces'],
    ['replicas: 11', { scalingStrategy: { fixed: { replicas: 11 } } }, 'scalingStrategy.fixed.replicas', 'replicas must be between 1 and 10'],
    ['a bad env var name', { envVars: [{ name: '1BAD', value: 'x' }] }, 'envVars.0.name', 'Env var names start with a letter or "_" and hold letters, digits and "_"'],
    ['a port out of range', { defaultHttpPort: 70000 }, 'defaultHttpPort', 'Port must be between 1 and 65535'],
  ])('names the field for %s, and creates nothing', async (_label, spec, path, message) => {
    const before = (await call(admin, 'GET', '/v1/app')).headers.get('x-total-count');
    const res = await call(admin, 'POST', '/v1/app', { name: 'bad', image: 'tollgate/echo', region: 'GRA', ...spec });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(`Invalid input: ${path}: ${message}`);
    expect((await call(admin, 'GET', '/v1/app')).headers.get('x-total-count')).toBe(before);
  });

  it('a read token lists and gets only the apps it matches, in its region', async () => {
    const inScope = await newApp({ team: 'red' });
    const otherLabels = await newApp({ team: 'blue' });
    const otherRegion = await newApp({ team: 'red' }, { region: 'BHS' });
    const { credential } = await newToken({ labelSelector: 'team=red', role: 'read', region: 'GRA' });
    const listed = await call(credential, 'GET', '/v1/app');
    expect(listed.body.map((a: { id: string }) => a.id)).toEqual([inScope.id]);
    expect((await call(credential, 'GET', `/v1/app/${inScope.id}`)).status).toBe(200);

    const miss = await call(credential, 'GET', `/v1/app/${otherLabels.id}`);
    expect(miss.status).toBe(403);
    expect(miss.body.error).toMatchObject({ message: "the token's selector team=red does not match this app", details: { reason: 'selector_miss' } });
    const region = await call(credential, 'GET', `/v1/app/${otherRegion.id}`);
    expect(region.status).toBe(403);
    expect(region.body.error.details.reason).toBe('other_region');
  });

  it('a read token is refused every manage action; an operator token may set labels', async () => {
    const app = await newApp({ team: 'ops' });
    const reader = await newToken({ labelSelector: 'team=ops', role: 'read' });
    const operator = await newToken({ labelSelector: 'team=ops', role: 'operator' });
    for (const [method, path, body] of [
      ['PUT', `/v1/app/${app.id}/start`],
      ['PUT', `/v1/app/${app.id}/stop`],
      ['DELETE', `/v1/app/${app.id}`],
      ['PUT', `/v1/app/${app.id}/label`, { name: 'x', value: 'y' }],
      ['POST', '/v1/app', { name: 'x', image: 'tollgate/echo', region: 'GRA', labels: {} }],
    ] as const) {
      const res = await call(reader.credential, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.details.reason).toBe('role_too_weak');
    }
    const set = await call(operator.credential, 'PUT', `/v1/app/${app.id}/label`, { name: 'stage', value: 'prod' });
    expect(set.status).toBe(200);
    expect(set.body.spec.labels).toMatchObject({ team: 'ops', stage: 'prod' });
    const removed = await call(operator.credential, 'PUT', `/v1/app/${app.id}/label`, { name: 'stage', value: null });
    expect(removed.body.spec.labels.stage).toBeUndefined();
    const reserved = await call(operator.credential, 'PUT', `/v1/app/${app.id}/label`, { name: 'ovh/id', value: 'x' });
    expect(reserved.status).toBe(400);
    const stopped = await call(operator.credential, 'PUT', `/v1/app/${app.id}/stop`);
    expect(stopped.status).toBe(200);
    expect(['STOPPING', 'STOPPED']).toContain(stopped.body.status.state);
  });

  it('an app created with an operator token carries its selector\'s equality labels', async () => {
    const operator = await newToken({ labelSelector: 'team=ml,env in (dev)', role: 'operator' });
    const app = await newApp({ env: 'prod', extra: '1' }, {}, operator.credential);
    expect(app.spec.labels).toMatchObject({ team: 'ml', env: 'dev', extra: '1' });
    const listed = await call(operator.credential, 'GET', '/v1/app');
    expect(listed.body.map((a: { id: string }) => a.id)).toContain(app.id);
    const outside = await call(operator.credential, 'POST', '/v1/app', { name: 'x', image: 'tollgate/echo', region: 'BHS', labels: {} });
    expect(outside.status).toBe(403);
    expect(outside.body.error.details.reason).toBe('other_region');
  });

  it('answers 401 without a credential, for a malformed header, and for a forged checksum', async () => {
    expect((await call(null, 'GET', '/v1/app')).status).toBe(401);
    const { secret } = await newToken({ labelSelector: '' });
    const forged = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    for (const header of [`Bearer ${forged}`, 'Basic abc', 'Bearer', `Bearer tg_${'x'.repeat(28)}`]) {
      const res = await fetch(`${server.url}/v1/app`, { headers: { authorization: header } });
      expect(res.status, header).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await res.json()).error.code).toBe('unauthenticated');
    }
  });

  it('answers 404 for unknown and malformed app ids and unknown endpoints', async () => {
    expect((await call(admin, 'GET', '/v1/app/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call(admin, 'GET', '/v1/app/not-a-uuid')).status).toBe(404);
    const unknown = await call(admin, 'GET', '/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });
});

describe('app lifecycle conflicts', () => {
  it('a start racing a delete gets 409 and the app stays deleted', async () => {
    const app = await newApp({ race: 'yes' });
    const deleting = await call(admin, 'DELETE', `/v1/app/${app.id}`);
    expect(deleting.status).toBe(200);
    expect(deleting.body.status.state).toBe('DELETING');
    const start = await call(admin, 'PUT', `/v1/app/${app.id}/start`);
    expect([404, 409]).toContain(start.status);
    if (start.status === 409) expect(start.body.error.message).toBe('The app is being deleted');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await call(admin, 'GET', `/v1/app/${app.id}`)).status !== 404) await new Promise((r) => setTimeout(r, 100));
    expect((await call(admin, 'GET', `/v1/app/${app.id}`)).status).toBe(404);
  });
});

describe('tenant isolation', () => {
  it('two projects with identical labels: a token of one never sees or touches the other\'s apps', async () => {
    const created = await call(admin, 'POST', '/v1/project', { name: 'second' });
    expect(created.status).toBe(200);
    const second: Credential = { cookie: (admin as { cookie: string }).cookie, project: created.body.id };
    const mine = await newApp({ shared: 'yes' });
    const theirs = await newApp({ shared: 'yes' }, {}, second);
    const myToken = await newToken({ labelSelector: 'shared=yes', role: 'operator' });
    const theirToken = await newToken({ labelSelector: 'shared=yes', role: 'operator' }, second);

    expect((await call(myToken.credential, 'GET', '/v1/app')).body.map((a: { id: string }) => a.id)).toEqual([mine.id]);
    expect((await call(theirToken.credential, 'GET', '/v1/app')).body.map((a: { id: string }) => a.id)).toEqual([theirs.id]);
    const cross = await call(myToken.credential, 'PUT', `/v1/app/${theirs.id}/label`, { name: 'pwned', value: 'yes' });
    expect(cross.status).toBe(403);
    expect(cross.body.error.details.reason).toBe('other_project');
    expect((await call(second, 'GET', `/v1/app/${theirs.id}`)).body.spec.labels.pwned).toBeUndefined();
    // Panel users see a project's tokens only from within it.
    const mineList = (await call(admin, 'GET', '/v1/token')).body.map((t: { id: string }) => t.id);
    expect(mineList).not.toContain(theirToken.id);
    expect((await call(admin, 'GET', `/v1/token/${theirToken.id}`)).status).toBe(404);
  });
});

describe('secret hygiene', () => {
  it('no secret appears in the server log or in any response other than the one that issued it', async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const log = server.output();
    for (const secret of secrets) {
      expect(log).not.toContain(secret);
      const carrying = responses.filter((body) => body.includes(secret));
      expect(carrying, `secret seen in ${carrying.length} responses`).toHaveLength(1);
    }
  });
});
