// The app controller against an engine in memory: lifecycle, rollouts, crashes,
// adoption after a restart. The real engines have their own tests
// (tests/docker, lib/runtime/drivers/process).

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appSpecSchema } from '../../lib/apps/app-spec.ts';
import { createApp } from '../../lib/apps/create-app.ts';
import { requestAppState } from '../../lib/apps/request-app-state.ts';
import { updateApp } from '../../lib/apps/update-app.ts';
import { AppController } from '../../lib/runtime/controller/app-controller.ts';
import { RuntimeError } from '../../lib/runtime/drivers/runtime-driver.ts';
import { userCaller } from './helpers/callers.ts';
import { FakeDriver } from './helpers/fake-driver.ts';
import { createTestDatabase } from './helpers/test-database.ts';
import { waitFor } from './helpers/wait-for.ts';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let caller: ReturnType<typeof userCaller>;
const controllers: AppController[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const projectId = (await db.prisma.project.create({ data: { slug: 'ctl', name: 'ctl' } })).id;
  caller = userCaller(crypto.randomUUID(), [projectId], { ip: '127.0.0.9' });
});
afterEach(async () => {
  for (const controller of controllers.splice(0)) await controller.close();
});
afterAll(async () => {
  await db?.drop();
});

function start(driver = new FakeDriver()) {
  const controller = new AppController(db.prisma, driver, { log: () => {}, resyncMs: 60_000, progressIntervalMs: 0 });
  controllers.push(controller);
  return { driver, controller };
}

async function deploy(spec: Record<string, unknown> = {}) {
  const parsed = appSpecSchema({ regions: ['GRA'] }).parse({ name: 'a', image: 'tollgate/echo', region: 'GRA', ...spec });
  return (await createApp({ prisma: db.prisma, caller, spec: parsed })).id;
}

const app = (id: string) => db.prisma.app.findUniqueOrThrow({ where: { id } });
const history = async (id: string) => (await db.prisma.appEvent.findMany({ where: { appId: id }, orderBy: { createdAt: 'asc' } })).map((e) => e.state);
const replicaPorts = async (id: string) => (await db.prisma.appReplica.findMany({ where: { appId: id }, orderBy: { slot: 'asc' } })).map((r) => r.port);

describe('app controller', () => {
  it('starts a created app with its replicas, and writes where they answer for the gateway', async () => {
    const { driver, controller } = start();
    const id = await deploy({ scalingStrategy: { fixed: { replicas: 2 } }, envVars: [{ name: 'MODE', value: 'demo' }] });
    await controller.settled(id);
    expect(await app(id)).toMatchObject({ state: 'RUNNING', statusInfo: null, imageDigest: 'sha256:13' });
    expect(await history(id)).toEqual(['QUEUED', 'INITIALIZING', 'RUNNING']);
    expect(await replicaPorts(id)).toHaveLength(2);
    expect(driver.applied[0]).toMatchObject({ generation: 1, replicas: 2, env: [{ name: 'PORT', value: '8080' }, { name: 'MODE', value: 'demo' }] });
  });

  it('an engine event as a rollout ends never shows the app RUNNING before the rollout wrote it, image digest and all', async () => {
    const driver = new FakeDriver();
    driver.announceApplies = true;
    const seen: { state: string; imageDigest: string | null }[] = [];
    driver.beforeObserve = async (appId) => {
      // The event's sync is held here while the rollout reaches its last steps.
      await new Promise((r) => setTimeout(r, 50));
      seen.push(await db.prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { state: true, imageDigest: true } }));
    };
    const { controller } = start(driver);
    const id = await deploy();
    await controller.settled(id);
    await waitFor(async () => ((await app(id)).state === 'RUNNING' && seen.length >= 2 ? true : undefined), 'the rollout and the event\'s sync done');
    expect(seen.filter((row) => row.state === 'RUNNING' && row.imageDigest === null)).toEqual([]);
    expect(await app(id)).toMatchObject({ state: 'RUNNING', imageDigest: 'sha256:13' });
    expect(await history(id)).toEqual(['QUEUED', 'INITIALIZING', 'RUNNING']);
  });

  it('a start requested while a delete is under way is refused with 409, and the app ends DELETED', async () => {
    const { driver, controller } = start();
    const id = await deploy();
    await controller.settled(id);
    const release = driver.hold();
    await requestAppState({ prisma: db.prisma, caller, appId: id, desired: 'DELETED' });
    await expect(requestAppState({ prisma: db.prisma, caller, appId: id, desired: 'RUNNING' })).rejects.toMatchObject({ code: 'CONFLICT', message: 'The app is being deleted' });
    release();
    await controller.settled(id);
    expect((await app(id)).state).toBe('DELETED');
    expect(await history(id)).toEqual(['QUEUED', 'INITIALIZING', 'RUNNING', 'DELETING', 'DELETED']);
    expect(driver.removed).toContain(id);
    expect(await replicaPorts(id)).toEqual([]);
  });

  it('stops and starts again, audited with who asked and from where', async () => {
    const { driver, controller } = start();
    const id = await deploy();
    await controller.settled(id);
    await requestAppState({ prisma: db.prisma, caller, appId: id, desired: 'STOPPED' });
    await controller.settled(id);
    expect((await app(id)).state).toBe('STOPPED');
    expect(driver.apps.has(id)).toBe(false);
    await requestAppState({ prisma: db.prisma, caller, appId: id, desired: 'RUNNING' });
    await controller.settled(id);
    expect((await app(id)).state).toBe('RUNNING');
    const audit = await db.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((e) => [e.action, e.sourceIp])).toEqual([
      ['app.create', '127.0.0.9'],
      ['app.stop', '127.0.0.9'],
      ['app.start', '127.0.0.9'],
    ]);
  });

  it('rolls a running app out to a new generation and records it', async () => {
    const { driver, controller } = start();
    const id = await deploy();
    await controller.settled(id);
    const before = await replicaPorts(id);
    await updateApp({ prisma: db.prisma, caller, appId: id, update: { image: 'infrastructureascode/hello-world' } });
    await controller.settled(id);
    expect(await app(id)).toMatchObject({ state: 'RUNNING', generation: 2, image: 'infrastructureascode/hello-world' });
    expect(driver.applied.map((s) => s.generation)).toEqual([1, 2]);
    expect(await replicaPorts(id)).not.toEqual(before);
    const events = await db.prisma.appEvent.findMany({ where: { appId: id }, orderBy: { createdAt: 'asc' } });
    expect(events.at(-1)).toMatchObject({ state: 'RUNNING', reason: 'rolling out generation 2' });
  });

  it('keeps the previous generation serving when the new one fails, and says why with the app output', async () => {
    const { driver, controller } = start();
    const id = await deploy();
    await controller.settled(id);
    const serving = await replicaPorts(id);
    driver.failGeneration.set(2, new RuntimeError('replica 1 exited with code 3 before passing its probe', ['boot', 'Error: missing MODEL_PATH']));
    await updateApp({ prisma: db.prisma, caller, appId: id, update: { envVars: [{ name: 'X', value: '1', secret: false }] } });
    await controller.settled(id);
    const row = await app(id);
    expect(row.state).toBe('RUNNING');
    expect(row.statusInfo).toBe('generation 2 did not start, the previous one keeps serving: replica 1 exited with code 3 before passing its probe');
    expect(row.lastOutput).toEqual(['boot', 'Error: missing MODEL_PATH']);
    expect(await replicaPorts(id)).toEqual(serving);
  });

  it('a first start that fails is FAILED with the reason and the last lines; Start tries again', async () => {
    const { driver, controller } = start();
    driver.failGeneration.set(1, new RuntimeError('image tollgate/nope:1 cannot be pulled: not found'));
    const id = await deploy({ image: 'tollgate/nope:1' });
    await controller.settled(id);
    expect(await app(id)).toMatchObject({ state: 'FAILED', statusInfo: 'image tollgate/nope:1 cannot be pulled: not found' });
    await requestAppState({ prisma: db.prisma, caller, appId: id, desired: 'RUNNING' });
    await controller.settled(id);
    expect((await app(id)).state).toBe('RUNNING');
  });

  it('a crash the engine restarts stays in the history; one it gives up on makes the app FAILED with what it printed', async () => {
    const { driver, controller } = start();
    const id = await deploy();
    await controller.settled(id);
    driver.crash(id, 1, true);
    await controller.settled(id);
    expect(await app(id)).toMatchObject({ state: 'INITIALIZING', statusInfo: 'a replica crashed (exited with code 1); restarting it' });
    expect(await replicaPorts(id)).toEqual([]);
    driver.restart(id, 1);
    await controller.settled(id);
    expect((await app(id)).state).toBe('RUNNING');
    expect(await replicaPorts(id)).toHaveLength(1);

    driver.output.set(id, ['Traceback (most recent call last):', 'OSError: CUDA out of memory']);
    driver.crash(id, 1, false);
    await controller.settled(id);
    const row = await app(id);
    expect(row.state).toBe('FAILED');
    expect(row.statusInfo).toMatch(/kept crashing \(exited with code 1\)/);
    expect(row.lastOutput).toEqual(['Traceback (most recent call last):', 'OSError: CUDA out of memory']);
    expect(await history(id)).toEqual(['QUEUED', 'INITIALIZING', 'RUNNING', 'INITIALIZING', 'RUNNING', 'FAILED']);
  });

  it('after a restart adopts what the engine still runs (same replicas, nothing restarted) and removes what no app owns', async () => {
    const first = start();
    const id = await deploy({ scalingStrategy: { fixed: { replicas: 2 } } });
    await first.controller.settled(id);
    const ports = await replicaPorts(id);
    await first.controller.close();
    controllers.splice(controllers.indexOf(first.controller), 1);

    // The engine kept running (docker), plus containers of an app the database no longer knows.
    const orphan = crypto.randomUUID();
    first.driver.apps.set(orphan, { appId: orphan, replicas: [], imageDigest: null });
    const again = start(first.driver);
    await again.controller.reconcile();
    await again.controller.settled(id);
    await again.controller.settled(orphan);
    expect(await replicaPorts(id)).toEqual(ports);
    expect((await app(id)).state).toBe('RUNNING');
    expect(first.driver.removed).toEqual([orphan]);
  });
});
