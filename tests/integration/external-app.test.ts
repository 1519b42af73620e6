// External apps: an app that already runs somewhere (here: servers this test starts on 127.0.0.1),
// registered by its URL. Tollgate gates it like any other app and follows its probe, but never
// starts or stops it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from './helpers/api-client.ts';
import { appRequest } from './helpers/app-host-request.ts';
import { gatewayFixture } from './helpers/gateway-fixture.ts';
import { signIn, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let server: TestServer;
let admin: Credential;
let fx: ReturnType<typeof gatewayFixture>;
let token: { id: string; secret: string };
const seen: { host?: string; path?: string; authorization?: string }[] = [];
const keys = mkdtempSync(path.join(tmpdir(), 'tollgate-tls-'));

/** What a model server behind Tollgate would see: its own answers, and every request it got. */
const handler: http.RequestListener = (req, res) => {
  seen.push({ host: req.headers.host, path: req.url, authorization: req.headers.authorization });
  if (req.url === '/sse') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: first\n\n');
    return;
  }
  res.end(JSON.stringify({ from: 'upstream', host: req.headers.host, path: req.url }));
};

function listen(target: http.Server, port = 0): Promise<number> {
  return new Promise((resolve) => target.listen(port, '127.0.0.1', () => resolve((target.address() as AddressInfo).port)));
}

let plain: http.Server;
let plainPort: number;
let secure: https.Server;
let securePort: number;

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', path.join(keys, 'key.pem'), '-out', path.join(keys, 'cert.pem')], { stdio: 'ignore' });
  plain = http.createServer(handler);
  plainPort = await listen(plain);
  secure = https.createServer({ key: readFileSync(path.join(keys, 'key.pem')), cert: readFileSync(path.join(keys, 'cert.pem')) }, handler);
  securePort = await listen(secure);
  server = await startTestServer();
  admin = { cookie: await signIn(server.url) };
  fx = gatewayFixture(server, admin);
  token = await fx.token('where=outside');
}, 180_000);

afterAll(async () => {
  await server?.stop();
  plain?.closeAllConnections();
  plain?.close();
  secure?.close();
  rmSync(keys, { recursive: true, force: true });
});

const bearer = () => ({ authorization: `Bearer ${token.secret}` });

describe('an app registered by upstreamUrl', () => {
  let app: { id: string; url: string };

  it('is gated like any app: a token gets through, with the upstream Host and without the token; nothing else does', async () => {
    app = await fx.app('', { where: 'outside' }, { image: undefined, upstreamUrl: `http://127.0.0.1:${plainPort}`, probe: { path: '/healthz' } });
    const running = await fx.state(app.id, 'RUNNING');
    expect(running.spec).toMatchObject({ image: null, upstreamUrl: `http://127.0.0.1:${plainPort}`, preserveHost: false, tlsSkipVerify: false });
    const res = await appRequest(`${app.url}v1/models?x=1`, { headers: bearer() });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ from: 'upstream', host: `127.0.0.1:${plainPort}`, path: '/v1/models?x=1' });
    expect(seen.at(-1)?.authorization).toBeUndefined();
    const before = seen.length;
    expect((await appRequest(app.url)).status).toBe(401);
    expect(seen.length).toBe(before);
  });

  it('keeps the client Host with preserveHost, and streams server-sent events', async () => {
    const updated = await fx.call(admin, 'PUT', `/v1/app/${app.id}`, { preserveHost: true });
    expect(updated.status, updated.text).toBe(200);
    await waitFor(async () => (JSON.parse((await appRequest(app.url, { headers: bearer() })).body).host === new URL(app.url).host ? true : undefined), 'the client Host to reach the upstream');
    const first = await new Promise<string>((resolve, reject) => {
      const req = http.get(`${app.url}sse`, { headers: bearer(), lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]) }, (res) => {
        res.setEncoding('utf8');
        res.once('data', (chunk: string) => {
          resolve(chunk);
          req.destroy();
        });
      });
      req.on('error', reject);
    });
    expect(first).toBe('data: first\n\n');
  });

  it('stopped, it answers 503 without touching the upstream; started, it serves again', async () => {
    expect((await fx.call(admin, 'PUT', `/v1/app/${app.id}/stop`)).status).toBe(200);
    await fx.state(app.id, 'STOPPED');
    const before = seen.length;
    expect((await appRequest(app.url, { headers: bearer() })).status).toBe(503);
    expect(seen.length).toBe(before);
    expect((await fx.call(admin, 'PUT', `/v1/app/${app.id}/start`)).status).toBe(200);
    await fx.state(app.id, 'RUNNING');
    expect((await appRequest(app.url, { headers: bearer() })).status).toBe(200);
  });

  it('turns FAILED with the probe error when the upstream dies, and RUNNING again when it returns', async () => {
    plain.closeAllConnections();
    await new Promise((resolve) => plain.close(resolve));
    const failed = await fx.state(app.id, 'FAILED');
    expect(failed.status.info).toMatch(/does not answer its probe: .*ECONNREFUSED/);
    expect((await appRequest(app.url, { headers: bearer() })).status).toBe(503);
    plain = http.createServer(handler);
    await listen(plain, plainPort);
    await fx.state(app.id, 'RUNNING');
    expect((await appRequest(app.url, { headers: bearer() })).status).toBe(200);
  });

  it('checks an https upstream certificate, unless tlsSkipVerify says not to', async () => {
    const strict = await fx.app('', { where: 'outside' }, { image: undefined, upstreamUrl: `https://localhost:${securePort}` });
    const refused = await fx.state(strict.id, 'FAILED');
    expect(refused.status.info).toMatch(/self[- ]signed certificate/i);
    const lax = await fx.app('', { where: 'outside' }, { image: undefined, upstreamUrl: `https://localhost:${securePort}`, tlsSkipVerify: true });
    await fx.state(lax.id, 'RUNNING');
    const res = await appRequest(lax.url, { headers: bearer() });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).host).toBe(`localhost:${securePort}`);
  });

  it('refuses an upstreamUrl beside an image, with a path, or with credentials, naming the field', async () => {
    for (const [spec, message] of [
      [{ image: 'tollgate/echo', upstreamUrl: 'http://10.0.0.5:7860' }, 'upstreamUrl: An app is deployed from an image or registered by upstreamUrl, not both'],
      [{ upstreamUrl: 'http://10.0.0.5:7860/v1' }, 'upstreamUrl: upstreamUrl must be an origin'],
      [{ upstreamUrl: 'http://user:pw@10.0.0.5' }, 'upstreamUrl: upstreamUrl must not hold a user name or password'],
      [{ upstreamUrl: 'ftp://10.0.0.5' }, 'upstreamUrl: upstreamUrl must start with http:// or https://'],
      [{ upstreamUrl: 'http://10.0.0.5', envVars: [{ name: 'A', value: 'b' }] }, 'envVars: envVars does not apply to an app that runs elsewhere'],
    ] as const) {
      const res = await fx.call(admin, 'POST', '/v1/app', { name: 'bad', region: 'GRA', ...spec });
      expect(res.status, JSON.stringify(spec)).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });

  it('cannot be scaled: it has the one replica its URL is', async () => {
    const res = await fx.call(admin, 'PUT', `/v1/app/${app.id}/scalingstrategy`, { fixed: { replicas: 3 } });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.message).toBe('replicas does not apply to an app that runs elsewhere (upstreamUrl)');
    expect((await fx.call(admin, 'GET', `/v1/app/${app.id}`)).body.spec.scalingStrategy.fixed.replicas).toBe(1);
  });
});
