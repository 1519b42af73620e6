import type { App, PrismaClient } from '../../db/generated/client.ts';
import { onChange } from '../../events/change-bus.ts';
import { lineLogger } from '../../observability/logger.ts';
import { RuntimeError, type ObservedApp, type RuntimeDriver, type RuntimeEvent } from '../drivers/runtime-driver.ts';
import { setStatusInfo, transition } from './app-transition.ts';
import { AppQueue } from './app-queue.ts';
import { convergeExternalApp } from './external-app.ts';
import { lastOutputOf } from './last-output.ts';
import { writeReplicaRows } from './replica-rows.ts';
import { runSpecOf } from './run-spec.ts';

export interface AppControllerOptions {
  log?: (line: string) => void;
  /** How often running apps are compared with what the engine runs (default 5 s). */
  resyncMs?: number;
  /** Progress lines are written at most this often (default 500 ms). */
  progressIntervalMs?: number;
}

/**
 * Drives the engine towards what the database asks for. Reconcile, don't
 * remember: every decision re-reads the app row, and the engine is observed
 * at boot, on its events (hints) and on a timer. Work on one app is
 * serialised, so a stop issued during a start runs after it.
 *
 * Requests reach it as change events: the verbs that start, stop, delete,
 * create or update an app write the row and announce it, on this instance or
 * (through PostgreSQL NOTIFY) another one.
 */
export class AppController {
  /** Lifecycle work: converge, crashes. Long (a rollout can take minutes). */
  private readonly queue: AppQueue;
  /**
   * Replica rows: observe and write, one at a time per app, but beside the
   * lifecycle queue, so the gateway follows a rollout step by step while it runs.
   */
  private readonly syncQueue: AppQueue;
  /** The generation and size each app was last applied with, so a change event that asks for nothing new costs one read. */
  private readonly applied = new Map<string, string>();
  /** Apps whose converge is inside driver.apply right now: that converge decides their state. */
  private readonly applying = new Set<string>();
  private readonly log: (line: string) => void;
  private readonly resyncMs: number;
  private readonly progressIntervalMs: number;
  private readonly unsubscribe: (() => void)[] = [];
  private resyncTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly prisma: PrismaClient,
    readonly driver: RuntimeDriver,
    options: AppControllerOptions = {},
  ) {
    this.log = options.log ?? lineLogger('controller');
    this.resyncMs = options.resyncMs ?? 5_000;
    this.progressIntervalMs = options.progressIntervalMs ?? 500;
    const onError = (appId: string, error: unknown) => this.log(`app ${appId}: ${error instanceof Error ? error.message : String(error)}`);
    this.queue = new AppQueue(onError);
    this.syncQueue = new AppQueue(onError);
    this.unsubscribe.push(driver.onEvent((event) => this.onRuntimeEvent(event)));
    this.unsubscribe.push(
      onChange((change) => {
        if (change.kind === 'app') this.poke(change.id);
        else if (change.kind === 'flush') void this.pokeAll();
      }),
    );
  }

  /**
   * At start: forgets replicas the engine no longer runs, removes what it runs
   * for apps that are gone or stopped, and converges every app (adopting what
   * already runs: the engine keeps replicas of the same generation).
   */
  async reconcile(): Promise<void> {
    const running = await this.driver.list();
    const apps = await this.prisma.app.findMany({ select: { id: true, desiredState: true, state: true } });
    const byId = new Map(apps.map((app) => [app.id, app]));
    const observed = new Map(running.map((entry) => [entry.appId, entry]));
    for (const entry of running) {
      const app = byId.get(entry.appId);
      if (!app || app.desiredState !== 'RUNNING') {
        this.log(`removing what the engine runs for ${app ? `stopped app ${entry.appId}` : `unknown app ${entry.appId}`}`);
        this.queue.run(entry.appId, () => this.driver.remove(entry.appId));
      }
    }
    for (const app of apps) {
      if (app.state === 'DELETED') continue;
      await writeReplicaRows(this.prisma, app.id, observed.get(app.id) ?? null);
      this.poke(app.id);
    }
    this.resyncTimer = setInterval(() => void this.resync(), this.resyncMs);
    this.resyncTimer.unref();
  }

  /** Something about the app changed: converge it (once, however many changes arrive meanwhile). */
  poke(appId: string): void {
    if (this.closed) return;
    this.queue.coalesce(`converge:${appId}`, appId, () => this.converge(appId));
  }

  /** Waits for queued work on an app (tests). */
  async settled(appId: string): Promise<void> {
    while (this.queue.busy(appId) || this.syncQueue.busy(appId)) {
      await this.queue.settled(appId);
      await this.syncQueue.settled(appId);
    }
  }

  /** Server shutdown. The process runtime stops its apps; docker and swarm leave them running for the next start to adopt. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.resyncTimer);
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    await this.queue.drain();
    await this.syncQueue.drain();
    await this.driver.close();
  }

  private async pokeAll(): Promise<void> {
    const apps = await this.prisma.app.findMany({ where: { state: { not: 'DELETED' } }, select: { id: true } });
    for (const app of apps) this.poke(app.id);
  }

  private async converge(appId: string): Promise<void> {
    if (this.closed) return;
    const app = await this.prisma.app.findUnique({ where: { id: appId } });
    if (!app) return;
    if (app.upstreamUrl !== null) return convergeExternalApp(this.prisma, app);
    if (app.desiredState === 'RUNNING') return this.run(app);
    if (app.state === app.desiredState) return;
    await this.driver.remove(appId);
    this.applied.delete(appId);
    await this.prisma.appReplica.deleteMany({ where: { appId } });
    if (app.desiredState === 'DELETED') await this.prisma.gateSession.deleteMany({ where: { appId } });
    await transition(this.prisma, appId, app.desiredState, { info: null });
  }

  private async run(app: App): Promise<void> {
    // FAILED waits for the operator: Start (or a new spec) asks again.
    if (app.state === 'FAILED') return;
    const target = `${app.generation}x${app.replicas}`;
    const previous = this.applied.get(app.id);
    // The engine already runs this; crashes and restarts in between are its business (and hints for sync).
    if (previous === target) return;
    const settled = app.state === 'RUNNING' || app.state === 'SCALING';
    const scaling = settled && previous !== undefined && previous.split('x')[0] === String(app.generation);
    if (scaling) {
      if (app.state !== 'SCALING') await transition(this.prisma, app.id, 'SCALING', { reason: `scaling to ${app.replicas} replica(s)` });
    } else if (settled && previous !== undefined) {
      await transition(this.prisma, app.id, app.state, { reason: `rolling out generation ${app.generation}`, event: true });
    } else if (!settled && app.state !== 'INITIALIZING') {
      await transition(this.prisma, app.id, 'INITIALIZING');
    }
    const progress = this.progressWriter(app.id);
    // Until the converge has written its outcome, a sync must not decide the state (it would write
    // RUNNING without the image digest, or over the outcome of a failed rollout).
    this.applying.add(app.id);
    try {
      const observed = await this.driver.apply(runSpecOf(app), progress.write);
      await progress.flush();
      this.applied.set(app.id, target);
      await this.syncRows(app.id);
      const still = await this.prisma.app.findUnique({ where: { id: app.id }, select: { desiredState: true, generation: true } });
      // The operator may have asked for something else meanwhile: that change queued its own converge.
      if (still?.desiredState !== 'RUNNING' || still.generation !== app.generation) return;
      await transition(this.prisma, app.id, 'RUNNING', { info: null, lastOutput: null, data: { imageDigest: observed.imageDigest, failedGeneration: null } });
    } catch (error) {
      await progress.flush();
      await this.failed(app, target, error);
    } finally {
      this.applying.delete(app.id);
    }
  }

  /** A rollout that failed: the app keeps serving on its previous replicas if any answer, else it is FAILED. */
  private async failed(app: App, target: string, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const lastOutput = error instanceof RuntimeError && error.lastOutput.length ? error.lastOutput : await lastOutputOf(this.driver, app.id);
    const observed = await this.syncRows(app.id);
    const serving = (observed?.replicas ?? []).some((replica) => replica.state === 'running');
    if (serving && (app.state === 'RUNNING' || app.state === 'SCALING')) {
      // Not retried on its own: the next change of spec (or a Start) tries again.
      this.applied.set(app.id, target);
      const info = `generation ${app.generation} did not start, the previous one keeps serving: ${reason}`;
      await transition(this.prisma, app.id, 'RUNNING', { reason: info, lastOutput, event: true, data: { failedGeneration: app.generation } });
      return;
    }
    this.applied.delete(app.id);
    await transition(this.prisma, app.id, 'FAILED', { reason, lastOutput, data: { failedGeneration: app.generation } });
  }

  /** Progress lines become status.info, written at most every progressIntervalMs; the last one always lands. */
  private progressWriter(appId: string) {
    let last = 0;
    let pending: string | null = null;
    let writing = Promise.resolve();
    const write = (info: string) => {
      pending = info;
      const now = Date.now();
      if (now - last < this.progressIntervalMs) return;
      last = now;
      const line = pending;
      pending = null;
      writing = writing.then(() => setStatusInfo(this.prisma, appId, line)).catch(() => {});
    };
    const flush = async () => {
      if (pending !== null) {
        const line = pending;
        pending = null;
        writing = writing.then(() => setStatusInfo(this.prisma, appId, line)).catch(() => {});
      }
      await writing;
    };
    return { write, flush };
  }

  private onRuntimeEvent(event: RuntimeEvent): void {
    if (this.closed) return;
    if (event.type === 'changed') {
      this.syncQueue.coalesce(`sync:${event.appId}`, event.appId, () => this.sync(event.appId));
      return;
    }
    this.log(`app ${event.appId}: replica crashed (${event.reason})${event.willRestart ? ', restarting' : ''}`);
    this.queue.run(event.appId, () => this.crashed(event));
  }

  private async crashed(event: Extract<RuntimeEvent, { type: 'crash' }>): Promise<void> {
    const app = await this.prisma.app.findUnique({ where: { id: event.appId } });
    if (!app || app.desiredState !== 'RUNNING') return;
    const observed = await this.syncRows(app.id);
    // A replica the engine no longer has was discarded (a failed rollout's) or removed: its death is no news.
    if (!observed?.replicas.some((replica) => replica.id === event.replicaId)) return;
    const serving = (observed?.replicas ?? []).some((replica) => replica.state === 'running');
    const recovering = (observed?.replicas ?? []).some((replica) => replica.state !== 'exited');
    if (event.willRestart || serving || recovering) {
      const reason = `a replica crashed (${event.reason})${event.willRestart ? '; restarting it' : ''}`;
      const state = serving ? (app.state === 'SCALING' ? 'SCALING' : 'RUNNING') : 'INITIALIZING';
      await transition(this.prisma, app.id, state, { reason, event: true });
      return;
    }
    const lastOutput = await lastOutputOf(this.driver, app.id);
    this.applied.delete(app.id);
    await transition(this.prisma, app.id, 'FAILED', { reason: `the app kept crashing (${event.reason}); it was restarted as often as allowed`, lastOutput });
  }

  /** Observes the app and writes its replica rows, in turn with every other sync of it; answers what it saw. */
  private syncRows(appId: string): Promise<ObservedApp | null> {
    let seen: ObservedApp | null = null;
    return this.syncQueue
      .run(appId, async () => {
        seen = await this.driver.observe(appId);
        await writeReplicaRows(this.prisma, appId, seen);
      })
      .then(() => seen);
  }

  /** The engine says something moved: make the rows say which replicas answer, and the state follow. */
  private async sync(appId: string): Promise<void> {
    const app = await this.prisma.app.findUnique({ where: { id: appId }, select: { desiredState: true, state: true } });
    if (!app || app.desiredState !== 'RUNNING') return;
    const observed = await this.driver.observe(appId).catch(() => undefined);
    if (observed === undefined) return;
    await writeReplicaRows(this.prisma, appId, observed);
    await this.followReplicas(appId, app.state, observed);
  }

  /** A crashed app whose replica came back is RUNNING again; one whose replicas all vanished is re-applied. */
  private async followReplicas(appId: string, state: App['state'], observed: ObservedApp | null): Promise<void> {
    const replicas = observed?.replicas ?? [];
    // Only after a crash: while a converge runs, it decides the state itself (and writes the image digest with it).
    const recovered = state === 'INITIALIZING' && this.applied.has(appId) && !this.applying.has(appId);
    if (recovered && replicas.some((replica) => replica.state === 'running')) {
      await transition(this.prisma, appId, 'RUNNING', { info: null });
    } else if ((state === 'RUNNING' || state === 'SCALING') && replicas.length === 0) {
      // Removed behind Tollgate's back (docker rm, a node lost): start it again.
      this.applied.delete(appId);
      this.poke(appId);
    }
  }

  private async resync(): Promise<void> {
    if (this.closed) return;
    const apps = await this.prisma.app
      .findMany({ where: { desiredState: 'RUNNING', state: { not: 'DELETED' } }, select: { id: true, state: true, upstreamUrl: true } })
      .catch(() => []);
    for (const { id, state, upstreamUrl } of apps) {
      // External apps are probed again (they recover by themselves); engine apps compared with what runs.
      if (upstreamUrl !== null) this.poke(id);
      else if (state === 'RUNNING' || state === 'SCALING' || state === 'INITIALIZING') this.syncQueue.coalesce(`sync:${id}`, id, () => this.sync(id));
    }
  }
}

const holder = globalThis as typeof globalThis & { __tollgateAppController?: AppController };

/** The process's controller (set by server.ts), for tests and diagnostics. */
export function setAppController(controller: AppController | undefined): void {
  holder.__tollgateAppController = controller;
}

export function getAppController(): AppController | undefined {
  return holder.__tollgateAppController;
}
