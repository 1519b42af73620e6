import type { AppState, PrismaClient } from '../db/generated/client';
import { recordAudit, type Actor } from '../audit/record-audit';
import { notifyChange, publishLocal } from '../events/change-bus';
import type { RuntimeDriver } from './runtime-driver';
import { DomainError } from '../errors/domain-error';

type Desired = 'RUNNING' | 'STOPPED' | 'DELETED';

const REQUEST_STATE: Record<Desired, AppState> = { RUNNING: 'INITIALIZING', STOPPED: 'STOPPING', DELETED: 'DELETING' };
const AUDIT_ACTION: Record<Desired, string> = { RUNNING: 'app.start', STOPPED: 'app.stop', DELETED: 'app.delete' };

/**
 * Moves apps through their lifecycle: records what the operator asked for
 * (desiredState), drives the runtime towards it, and writes every state it
 * passes through as an AppEvent. Work on one app is serialised, so a stop
 * issued during a start runs after it, never interleaved.
 */
export class AppController {
  private readonly queues = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly driver: RuntimeDriver,
    private readonly log: (line: string) => void = (line) => console.log(`[tollgate] ${line}`),
  ) {
    driver.onUnexpectedExit((appId, reason) => {
      if (this.closed) return;
      this.log(`app ${appId} died: ${reason}`);
      void this.transition(appId, 'FAILED', reason).catch((error: unknown) => this.log(`could not record failure of ${appId}: ${String(error)}`));
    });
  }

  upstream(appId: string) {
    return this.driver.upstream(appId);
  }

  /** At server start: every app that should run is started again. */
  async reconcile(): Promise<void> {
    const apps = await this.prisma.app.findMany({
      where: { desiredState: 'RUNNING', state: { notIn: ['DELETED', 'DELETING'] } },
      select: { id: true },
    });
    for (const { id } of apps) this.enqueue(id, () => this.converge(id));
  }

  /** Records the request (state, event, audit in one transaction) and converges in the background. */
  async request(appId: string, desired: Desired, actor: Actor): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      // Row lock: concurrent requests for one app queue here instead of interleaving.
      await tx.$queryRaw`SELECT 1 FROM "App" WHERE "id" = ${appId}::uuid FOR UPDATE`;
      const app = await tx.app.findUniqueOrThrow({ where: { id: appId } });
      // Deletion is final: a start racing it must not bring the app back.
      if (app.desiredState === 'DELETED') throw new DomainError('CONFLICT', 'The app is being deleted', { reason: 'deleting' });
      const settled = (desired === 'RUNNING' && app.state === 'RUNNING') || (desired === 'STOPPED' && app.state === 'STOPPED');
      await tx.app.update({
        where: { id: appId },
        data: { desiredState: desired, ...(settled ? {} : { state: REQUEST_STATE[desired], events: { create: { state: REQUEST_STATE[desired] } } }) },
      });
      await recordAudit(tx, { actor, projectId: app.projectId, action: AUDIT_ACTION[desired], targetType: 'app', targetId: appId });
      await notifyChange(tx, { kind: 'app', id: appId });
    });
    publishLocal({ kind: 'app', id: appId });
    this.enqueue(appId, () => this.converge(appId));
  }

  /** A newly submitted app: start it. */
  submitted(appId: string): void {
    this.enqueue(appId, () => this.converge(appId));
  }

  /** Waits for queued work on an app (tests, CLI --wait is server-independent). */
  async settled(appId: string): Promise<void> {
    await this.queues.get(appId);
  }

  /** Server shutdown: stop every app process; desired states stay, so the next start resumes them. */
  async close(): Promise<void> {
    this.closed = true;
    await this.driver.stopAll();
  }

  private enqueue(appId: string, work: () => Promise<void>): void {
    const previous = this.queues.get(appId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => this.log(`app ${appId}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        if (this.queues.get(appId) === next) this.queues.delete(appId);
      });
    this.queues.set(appId, next);
  }

  private async converge(appId: string): Promise<void> {
    if (this.closed) return;
    const app = await this.prisma.app.findUnique({ where: { id: appId } });
    if (!app) return;
    if (app.desiredState === 'RUNNING') {
      if (app.state === 'RUNNING' && this.driver.upstream(appId)) return;
      if (app.state !== 'INITIALIZING') await this.transition(appId, 'INITIALIZING');
      try {
        await this.driver.start({ appId, image: app.image, port: app.port });
      } catch (error) {
        await this.transition(appId, 'FAILED', error instanceof Error ? error.message : String(error));
        return;
      }
      // The operator may have asked for something else while it started.
      const now = await this.prisma.app.findUnique({ where: { id: appId }, select: { desiredState: true } });
      if (now?.desiredState === 'RUNNING') await this.transition(appId, 'RUNNING');
      return;
    }
    await this.driver.stop(appId);
    if (app.desiredState === 'STOPPED') {
      if (app.state !== 'STOPPED') await this.transition(appId, 'STOPPED');
      return;
    }
    await this.prisma.gateSession.deleteMany({ where: { appId } });
    await this.transition(appId, 'DELETED');
  }

  private async transition(appId: string, state: AppState, reason?: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.app.update({ where: { id: appId }, data: { state, events: { create: { state, reason: reason ?? null } } } });
      await notifyChange(tx, { kind: 'app', id: appId });
    });
    publishLocal({ kind: 'app', id: appId });
  }
}

const holder = globalThis as typeof globalThis & { __tollgateAppController?: AppController };

/** The process's controller (set by server.ts), shared with Next's route handlers. */
export function setAppController(controller: AppController | undefined): void {
  holder.__tollgateAppController = controller;
}

export function getAppController(): AppController | undefined {
  return holder.__tollgateAppController;
}
