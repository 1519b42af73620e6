// No secret in any line the server prints: a scripted session through a real server (sign in, create a
// token, use it with Bearer and with Login with token, an app with an env var marked secret, renew the
// token, a /v1 call with it), then everything the process wrote is searched for each secret.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from './helpers/api-client.ts';
import { appRequest } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, TEST_ADMIN, type TestServer } from './helpers/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  // debug: the most the log ever says.
  server = await startTestServer({ env: { LOG_LEVEL: 'debug' } });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

const cookieValue = (cookieHeader: string, name: string) =>
  cookieHeader
    .split(/;\s*/)
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

describe('secrets never reach the log', () => {
  it('a whole session leaves no token secret, session id or secret env value in the output', async () => {
    const secrets: Record<string, string> = {};
    const panelCookie = await signIn(server.url);
    secrets['next-auth session token'] = cookieValue(panelCookie, 'next-auth.session-token')!;
    secrets['next-auth csrf token'] = cookieValue(panelCookie, 'next-auth.csrf-token')!;
    const admin: Credential = { cookie: panelCookie };
    const fx = gatewayFixture(server, admin);

    const envSecret = `env-secret-${randomBytes(12).toString('hex')}`;
    const echo = await fx.app('tollgate/echo', { group: 'A' }, { envVars: [{ name: 'API_KEY', value: envSecret, secret: true }, { name: 'MODE', value: 'plain' }] });
    const token = await fx.token('group=A');
    secrets['token secret'] = token.secret;
    await fx.state(echo.id, 'RUNNING');

    // Bearer, with the secret in the query string too (a careless client).
    const withBearer = await appRequest(`${echo.url}predict?api_key=${token.secret}`, { headers: { authorization: `Bearer ${token.secret}` } });
    expect(withBearer.status).toBe(200);
    // The app received its secret env var: it exists, and is only in what the app itself answers.
    expect(JSON.parse(withBearer.body).env.API_KEY).toBe(envSecret);

    // Login with token: the form post, then the gate cookie.
    const login = await appRequest(echo.url + '__tollgate/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: token.secret, next: '/after-login' }).toString(),
    });
    expect(login.status).toBe(303);
    const gateCookie = login.headers['set-cookie']![0]!.split(';')[0]!;
    secrets['gate session id'] = gateCookie.slice(gateCookie.indexOf('=') + 1);
    expect((await appRequest(echo.url + 'as-browser', { headers: { cookie: gateCookie } })).status).toBe(200);
    // A wrong token on the login form, and a forged one as Bearer.
    const wrong = `tg_${randomBytes(16).toString('hex')}`;
    secrets['refused token'] = wrong;
    await appRequest(echo.url + '__tollgate/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: wrong, next: '/' }).toString(),
    });
    expect((await appRequest(echo.url, { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(401);

    // The token on /v1, then renewed, and the new secret used.
    expect((await fx.call({ token: token.secret }, 'GET', '/v1/app')).status).toBe(200);
    const renewed = await fx.call(admin, 'POST', `/v1/token/${token.id}/renew`);
    expect(renewed.status).toBe(200);
    secrets['renewed token secret'] = renewed.body.status.value as string;
    expect((await appRequest(echo.url, { headers: { authorization: `Bearer ${secrets['renewed token secret']}` } })).status).toBe(200);
    // The old secret now fails, in the gateway and on /v1.
    expect((await appRequest(echo.url, { headers: { authorization: `Bearer ${token.secret}` } })).status).toBe(401);
    expect((await fx.call({ token: token.secret }, 'GET', '/v1/app')).status).toBe(401);
    secrets['admin password'] = TEST_ADMIN.password;

    // Everything the process printed, until its very last line.
    await server.kill('SIGTERM');
    const output = server.output();
    // The session was logged: ids and names, not values.
    expect(output).toContain(`"tokenId":"${token.id}"`);
    expect(output).toContain('"path":"/predict"');
    expect(output).toContain('"decision":"gate"');
    for (const [what, value] of Object.entries(secrets)) {
      expect(value, what).toBeTruthy();
      expect(output.includes(value), `${what} found in the server output`).toBe(false);
    }
    expect(output.includes(envSecret), 'the secret env value found in the server output').toBe(false);
    // Nothing shaped like a token secret at all.
    expect(output.match(/tg_[A-Za-z0-9]{20,}/g) ?? []).toEqual([]);
  });
});
