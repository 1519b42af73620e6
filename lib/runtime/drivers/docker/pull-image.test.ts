import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeError } from '../runtime-driver.ts';
import { ensureImage } from './pull-image.ts';
import { FakeDockerEngine, json } from './test-fixtures/fake-docker-engine.ts';

// No registry is reachable here: the fake engine plays one pull stream as dockerd relays it.
let engine: FakeDockerEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

function pullStream(lines: object[]) {
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    // Split mid-line on purpose: Docker's chunks do not follow its lines.
    const text = lines.map((l) => JSON.stringify(l) + '\n').join('');
    res.write(text.slice(0, 37));
    res.end(text.slice(37));
  };
}

async function start(routes: ConstructorParameters<typeof FakeDockerEngine>[0]) {
  engine = new FakeDockerEngine(routes);
  await engine.listen();
  return engine;
}

describe('ensureImage', () => {
  it('does not pull an image the engine has', async () => {
    const e = await start({ 'GET /images/app:1/json': (_q, res) => json(res, 200, { Id: 'sha256:1' }) });
    const progress: string[] = [];
    await ensureImage(e.docker, 'app:1', (l) => progress.push(l));
    expect(progress).toEqual([]);
    expect(e.requests.map((u) => u.pathname)).toEqual(['/images/app:1/json']);
  });

  it('pulls a missing image, reporting the bytes downloaded over all layers', async () => {
    const layer = (id: string, status: string, current?: number) => ({ id, status, ...(current === undefined ? {} : { progressDetail: { current, total: 1000 } }) });
    const e = await start({
      'POST /images/create': pullStream([
        { status: 'Pulling from library/app', id: '1' },
        layer('a', 'Pulling fs layer'),
        layer('b', 'Pulling fs layer'),
        layer('a', 'Downloading', 100),
        layer('b', 'Downloading', 500),
        layer('a', 'Downloading', 1000),
        layer('a', 'Download complete'),
        layer('b', 'Downloading', 900),
        layer('b', 'Pull complete'),
        { status: 'Digest: sha256:feed' },
      ]),
    });
    const progress: string[] = [];
    await ensureImage(e.docker, 'registry.example/app:1', (l) => progress.push(l));
    expect(progress).toEqual([
      'pulling image registry.example/app:1',
      'pulling image: 10%', // a: 100 of 1000; b has no size yet, so counts for nothing
      'pulling image: 30%',
      'pulling image: 75%',
      'pulling image: 95%',
      'pulling image: 100%',
      'pulled image registry.example/app:1',
    ]);
    const create = e.requests.find((u) => u.pathname === '/images/create')!;
    expect([create.searchParams.get('fromImage'), create.searchParams.get('tag')]).toEqual(['registry.example/app', '1']);
  });

  it("fails with the registry's reason when the stream reports an error", async () => {
    const e = await start({
      'POST /images/create': pullStream([
        { status: 'Pulling from acme/app', id: '2' },
        { error: 'manifest unknown', errorDetail: { message: 'manifest for acme/app:2 not found: manifest unknown' } },
      ]),
    });
    const failure = await ensureImage(e.docker, 'acme/app:2', () => {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RuntimeError);
    expect((failure as Error).message).toBe('cannot pull image acme/app:2: manifest for acme/app:2 not found: manifest unknown');
  });
});
