// The signed identity apps receive: X-Tollgate-Jwt-Assertion, verified against the panel's JWKS,
// by this test and by an app that checks it itself.

import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from './helpers/api-client.ts';
import { appRequest } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';

let server: TestServer;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let echo: { id: string; url: string };
let verifier: { id: string; url: string };
let token: { id: string; secret: string };
let issuer: string;

// An app that trusts nobody but Tollgate's signature: it fetches the JWKS and verifies every request.
const VERIFYING_APP = `
import http from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
const jwks = createRemoteJWKSet(new URL(process.env.JWKS_URL));
http.createServer(async (req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  try {
    const { payload } = await jwtVerify(req.headers['x-tollgate-jwt-assertion'] ?? '', jwks, { issuer: process.env.ISSUER, audience: process.env.APP_ID });
    console.log('verified assertion: sub=' + payload.sub + ' name=' + payload.name + ' role=' + payload.role + ' aud=' + payload.aud);
    res.end(JSON.stringify({ verified: true, payload }));
  } catch (error) {
    res.statusCode = 401;
    res.end(JSON.stringify({ verified: false, error: error.code ?? String(error) }));
  }
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

beforeAll(async () => {
  server = await startTestServer();
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  issuer = `http://localhost:${server.port}`;
  echo = await fx.app('tollgate/echo', { who: 'asserted' });
  token = await fx.token('who=asserted');
  await fx.state(echo.id, 'RUNNING');
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('X-Tollgate-Jwt-Assertion', () => {
  it('carries who calls, signed ES256 for 60 s, for this app only, verifiable with the JWKS', async () => {
    const res = await appRequest(echo.url, { headers: { authorization: `Bearer ${token.secret}`, 'x-tollgate-jwt-assertion': 'forged.by.client' } });
    const assertion = JSON.parse(res.body).headers['x-tollgate-jwt-assertion'] as string;
    expect(assertion).not.toBe('forged.by.client');
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: expect.any(String) });
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', server.url));
    const { payload } = await jwtVerify(assertion, jwks, { issuer, audience: echo.id });
    expect(payload).toMatchObject({ sub: token.id, name: expect.stringMatching(/^gw-token-/), role: 'read', kind: 'token', project: expect.any(String) });
    expect(payload.exp! - payload.iat!).toBe(60);
    await expect(jwtVerify(assertion, jwks, { issuer, audience: crypto.randomUUID() })).rejects.toThrow(/aud/);
  });

  it('is verified by an app that trusts nothing else, which prints what it verified', async () => {
    verifier = await fx.app('tollgate/echo', { who: 'asserted' }, {
      command: ['node', '--input-type=module', '-e', VERIFYING_APP],
      probe: { path: '/healthz' },
      envVars: [
        { name: 'JWKS_URL', value: `${server.url}/.well-known/jwks.json` },
        { name: 'ISSUER', value: issuer },
      ],
    });
    // The app learns its own id once it exists: it is its audience.
    expect((await fx.call(admin, 'PUT', `/v1/app/${verifier.id}`, { envVars: [{ name: 'JWKS_URL', value: `${server.url}/.well-known/jwks.json` }, { name: 'ISSUER', value: issuer }, { name: 'APP_ID', value: verifier.id }] })).status).toBe(200);
    await fx.state(verifier.id, 'RUNNING');
    let res = await appRequest(verifier.url, { headers: { authorization: `Bearer ${token.secret}` } });
    for (let i = 0; i < 50 && JSON.parse(res.body).payload?.aud !== verifier.id; i++) {
      await new Promise((r) => setTimeout(r, 200));
      res = await appRequest(verifier.url, { headers: { authorization: `Bearer ${token.secret}` } });
    }
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ verified: true, payload: { sub: token.id, aud: verifier.id } });
    const printed = (await fx.call(admin, 'GET', `/v1/app/${verifier.id}/log?tail=50`)).body.logs.map((l: { content: string }) => l.content);
    const line = printed.find((content: string) => content.startsWith('verified assertion:'));
    console.log(`the app printed: ${line}`);
    expect(line).toBe(`verified assertion: sub=${token.id} name=${JSON.parse(res.body).payload.name} role=read aud=${verifier.id}`);
  });

  it('publishes the signing key at /.well-known/jwks.json, public and cacheable', async () => {
    const res = await fetch(`${server.url}/.well-known/jwks.json`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const { keys } = (await res.json()) as { keys: { kty: string; crv: string; alg: string; use: string; d?: string }[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keys[0]!.d).toBeUndefined();
  });
});
