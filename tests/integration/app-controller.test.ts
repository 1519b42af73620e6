import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppController } from '../../lib/runtime/app-controller.ts';
import type { RuntimeDriver, StartSpec, Upstream } from '../../lib/runtime/runtime-driver.ts';
import { createTestDatabase } from './helpers/test-database.ts';

/** A driver whose stop waits until the test lets it finish. */
class SlowStopDriver implements RuntimeDriver {
  readonly name = 'slow-stop';
  private running = new Set<string>();
  releaseStop: () => void = () => {};
  // Stops wait on this gate, whether they begin before or after the test opens it.
  private readonly stopGate = new Promise<void>((resolve) => (this.releaseStop = resolve));
  private exitListeners: ((appId: string, reason: string) => void)[] = [];
  async start(spec: StartSpec): Promise<Upstream> {
    this.running.add(spec.appId);
    return { host: '127.0.0.1', port: 1 };
  }
  async stop(appId: string): Promise<void> {
    await this.stopGate;
    this.running.delete(appId);
  }
  upstream(appId: string) {
    return this.running.has(appId) ? { host: '127.0.0.1', port: 1 } : null;
  }
  onUnexpectedExit(listener: (appId: string, reason: string) => void) {
    this.exitListeners.push(listener);
  }
  die(appId: string) {
    this.running.delete(appId);
    for (const l of this.exitListeners) l(appId, 'process exited with code 1');
  }
  async stopAll() {}
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let projectId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  projectId = (await db.prisma.project.create({ data: { slug: 'ctl', name: 'ctl' } })).id;
});
afterAll(async () => {
  await db?.drop();
});

async function newApp() {
  return db.prisma.app.create({
    data: { id: crypto.randomUUID(), projectId, name: 'a', image: 'tollgate/echo', region: 'GRA', labels: {}, events: { create: { state: 'QUEUED' } } },
  });
}

const states = async (id: string) =>
  (await db.prisma.appEvent.findMany({ where: { appId: id }, orderBy: { createdAt: 'asc' } })).map((e) => e.state);

describe('app lifecycle controller', () => {
  it('a start requested while a delete is under way is refused with 409, and the app ends DELETED', async () => {
    const driver = new SlowStopDriver();
    const controller = new AppController(db.prisma, driver, () => {});
    const app = await newApp();
    controller.submitted(app.id);
    await controller.settled(app.id);
    expect((await db.prisma.app.findUniqueOrThrow({ where: { id: app.id } })).state).toBe('RUNNING');

    await controller.request(app.id, 'DELETED', { type: 'SYSTEM' });
    await expect(controller.request(app.id, 'RUNNING', { type: 'SYSTEM' })).rejects.toMatchObject({ code: 'CONFLICT', message: 'The app is being deleted' });
    driver.releaseStop();
    await controller.settled(app.id);
    expect((await db.prisma.app.findUniqueOrThrow({ where: { id: app.id } })).state).toBe('DELETED');
    expect(await states(app.id)).toEqual(['QUEUED', 'INITIALIZING', 'RUNNING', 'DELETING', 'DELETED']);
  });

  it('records FAILED with the reason when a running app dies, and audits every request', async () => {
    const driver = new SlowStopDriver();
    const controller = new AppController(db.prisma, driver, () => {});
    const app = await newApp();
    controller.submitted(app.id);
    await controller.settled(app.id);
    driver.die(app.id);
    await new Promise((r) => setTimeout(r, 300));
    const failed = await db.prisma.appEvent.findFirstOrThrow({ where: { appId: app.id, state: 'FAILED' } });
    expect(failed.reason).toBe('process exited with code 1');

    const stopping = controller.request(app.id, 'STOPPED', { type: 'USER', id: crypto.randomUUID(), ip: '127.0.0.9' });
    await stopping;
    driver.releaseStop();
    await controller.settled(app.id);
    expect((await db.prisma.app.findUniqueOrThrow({ where: { id: app.id } })).state).toBe('STOPPED');
    const audit = await db.prisma.auditEvent.findMany({ where: { targetId: app.id } });
    expect(audit).toEqual([expect.objectContaining({ action: 'app.stop', actorType: 'USER', sourceIp: '127.0.0.9' })]);
  });
});
