import type Dockerode from 'dockerode';
import { RuntimeError, type RunSpec } from '../runtime-driver.ts';
import { dockerMessage, dockerStatus, unlessGone } from '../docker/docker-error.ts';
import { crashReason } from '../docker/docker-events.ts';
import { pause } from '../shared/pause.ts';
import { generationOf, LABEL, replicasOf, serviceSpec, type ServiceSpecOptions } from './service-spec.ts';
import { taskOutput } from './swarm-logs.ts';
import { exitCodeOf, inspectService, listServices, listTasks, probeTask, taskIdentity, type Addressing } from './swarm-tasks.ts';
import { createdAt, endedOnItsOwn, isWanted, type SwarmService, type SwarmServiceSpec, type SwarmTask } from './swarm-types.ts';

// How a rollout waits for readiness when Swarm cannot see it.
//
// Swarm knows a task is healthy only through a HEALTHCHECK, run inside the container, and images
// need not have anything to run one with (curl, wget, a shell). Without one, a task is `running` as
// soon as its container starts, and start-first stops the old task of the slot right then: Swarm
// alone would retire every old replica within seconds, before any new one answers.
//
// So Tollgate paces Swarm's own updater: UpdateConfig.Delay is a day (HOLD_NS), which holds the
// updater after each slot. Tollgate probes the new task through its address; once it answers,
// Tollgate changes a service label (tollgate.rollout-step): any spec change restarts the updater,
// which goes straight on to the next slot that still runs the old generation, then holds again. A
// last change after the last slot completes the update. And before the rollout Tollgate scales the
// old generation up by one spare replica (scaled away at the end), since the slot being replaced
// loses its old task before its new one answers: serving capacity never drops below what it was.
//
// What Swarm's own rollback sees: a new task that exits or cannot start, before or within Monitor
// after it started; FailureAction `rollback` then restores PreviousSpec. That is the old
// generation only until the first pacing label change (each update makes the current spec the
// previous one), so from then on FailureAction is `pause` and Tollgate rolls back itself, to the
// spec it read before the rollout. What it cannot see: a task that runs but never answers its probe
// (no HEALTHCHECK), nor one that stops answering later; Tollgate's probe and timeout catch those.
// An image with its own HEALTHCHECK is honoured by Swarm on top of all this.

export interface RollOutContext {
  docker: Dockerode;
  namespace: string;
  addressing: Addressing;
  spec: Omit<ServiceSpecOptions, 'network' | 'publish'>;
  /** Makes sure the network exists; answers its name. */
  network: () => Promise<string>;
  readyTimeoutMs: number;
  probeTimeoutMs: number;
  pollMs: number;
  /** Scale the old generation up by one replica for the time of a rollout. */
  surge: boolean;
  /** Something the gateway routes to changed: a replica became ready, or one left the rotation. */
  changed: () => void;
}

const LAST_OUTPUT_LINES = 20;
const NUDGE_RETRY_MS = 3_000;

const clone = <T>(value: T): T => structuredClone(value);
const generationOfTask = (task: SwarmTask) => taskIdentity(task)?.generation ?? null;

/**
 * Reads the service, changes its spec and sends it back with the version it read. Swarm refuses an
 * update whose version is stale ("update out of sequence": its own updater moved meanwhile): read
 * and try again.
 */
export async function updateService(docker: Dockerode, id: string, change: (spec: SwarmServiceSpec) => SwarmServiceSpec): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const service = await inspectService(docker, id);
    if (!service?.Spec) throw new RuntimeError(`service ${id} is gone`);
    try {
      await docker.getService(id).update({ _query: { version: service.Version?.Index ?? 0 }, _body: change(clone(service.Spec)) });
      return;
    } catch (error) {
      const message = dockerMessage(error);
      if (attempt < 5 && /out of sequence/i.test(message)) continue;
      throw new RuntimeError(`cannot update service ${service.Spec.Name ?? id}: ${message}`);
    }
  }
}

function nextStep(spec: SwarmServiceSpec): string {
  return String((Number(spec.Labels?.[LABEL.step]) || 0) + 1);
}

export function scaleService(docker: Dockerode, id: string, replicas: number): Promise<void> {
  return updateService(docker, id, (spec) => ({ ...spec, Mode: { ...spec.Mode, Replicated: { Replicas: replicas } } }));
}

/** Lets Swarm's updater go on past the slot it holds at (any spec change restarts it), with `pause` on failure from now on. */
function nudge(docker: Dockerode, id: string): Promise<void> {
  return updateService(docker, id, (spec) => ({
    ...spec,
    Labels: { ...spec.Labels, [LABEL.step]: nextStep(spec) },
    UpdateConfig: { ...spec.UpdateConfig, FailureAction: 'pause' },
  }));
}

const taskIds = async (docker: Dockerode, serviceId: string) => new Set((await listTasks(docker, [serviceId])).map((t) => t.ID));

/** "exited with code 3", or why Swarm could not start it. */
function endedReason(task: SwarmTask): string {
  const state = task.Status?.State;
  if (state === 'rejected') return `could not start: ${task.Status?.Err || 'rejected by the node'}`;
  const code = exitCodeOf(task);
  return code === null ? task.Status?.Err || `${state}` : crashReason(code, false);
}

async function replicaFailure(docker: Dockerode, target: Target, task: SwarmTask, why: string): Promise<RuntimeError> {
  return new RuntimeError(
    `replica ${task.Slot ?? '?'} of ${target.image} (generation ${target.generation}) ${why}`,
    await taskOutput(docker, task.ID, LAST_OUTPUT_LINES),
  );
}

interface Target {
  generation: number;
  replicas: number;
  image: string;
  /**
   * A new generation fails at its first task that exits or cannot start: it would do so again, and
   * waiting out the restart delays only delays the verdict. Otherwise (adoption, a rollback, a
   * scale) tasks are left to the restart policy: they fail when it gives up, or on timeout.
   */
  strict: boolean;
  /** Tasks that existed before this step: what they did is not this step's doing. */
  known: ReadonlySet<string>;
}

/**
 * Waits until the service runs `target.replicas` tasks of `target.generation`, all answering their
 * probe, and nothing else Swarm wants running; lets Swarm's updater on from slot to slot meanwhile.
 * Says `changed` whenever the set of replicas to route to changes, and `progress` at each step.
 */
async function converge(ctx: RollOutContext, serviceId: string, target: Target, progress: (info: string) => void, signal?: AbortSignal): Promise<void> {
  const { docker } = ctx;
  let lastProgress = Date.now();
  let routable: string | null = null;
  const ready = new Set<string>();
  const announced = new Set<string>();
  let previousOld = new Map<string, SwarmTask>();
  let readyCount = 0;
  let readyAtNudge = -1;
  let nudgedAt = 0;
  let slowest: { task: SwarmTask; reason: string } | null = null;
  let rolledBackReads = 0;
  for (;;) {
    if (signal?.aborted) throw new RuntimeError(`rollout of generation ${target.generation} aborted`);
    const service = await inspectService(docker, serviceId);
    if (!service) throw new RuntimeError(`the service of this app was removed during the rollout of generation ${target.generation}`);
    const tasks = await listTasks(docker, [serviceId]);
    const wanted = tasks.filter(isWanted);
    const fresh = wanted.filter((t) => generationOfTask(t) === target.generation);
    const old = wanted.filter((t) => generationOfTask(t) !== target.generation);

    if (target.strict) {
      const failed = tasks
        .filter((t) => !target.known.has(t.ID) && generationOfTask(t) === target.generation && endedOnItsOwn(t.Status?.State))
        .sort((a, b) => createdAt(a) - createdAt(b))[0];
      if (failed) {
        const why = failed.Status?.State === 'rejected' ? endedReason(failed) : `${endedReason(failed)} before becoming ready`;
        throw await replicaFailure(docker, target, failed, why);
      }
    } else {
      const gaveUp = givenUp(tasks, target.generation, target.known);
      if (gaveUp) throw await replicaFailure(docker, target, gaveUp, `${endedReason(gaveUp)}; Swarm's restart policy gave up on it`);
    }
    const specGeneration = generationOf(service.Spec);
    if (specGeneration !== target.generation) {
      // Swarm's own rollback (FailureAction, first slot): its message names the task that failed.
      // The task list may not show that task ended yet: read again a few times before saying so.
      if (target.strict && rolledBackReads++ < 4) {
        await pause(ctx.pollMs, signal);
        continue;
      }
      throw await rolledBack(docker, target, service, specGeneration);
    }
    const updateState = service.UpdateStatus?.State;
    if (updateState === 'paused' || updateState === 'rollback_paused') {
      throw new RuntimeError(`Swarm paused the update of generation ${target.generation}: ${service.UpdateStatus?.Message ?? 'no reason given'}`);
    }

    await Promise.all(
      fresh.map(async (task) => {
        const probe = await probeTask(task, ctx.addressing, ctx.probeTimeoutMs);
        if (probe.ok) {
          ready.add(task.ID);
          return;
        }
        ready.delete(task.ID);
        const why = task.Status?.State === 'running' ? `its probe failed: ${probe.reason}` : `it is still ${task.Status?.State ?? 'unknown'}${task.Status?.Err ? ` (${task.Status.Err})` : ''}`;
        if (!slowest || createdAt(task) <= createdAt(slowest.task)) slowest = { task, reason: why };
      }),
    );
    for (const task of fresh) {
      if (announced.has(task.ID)) continue;
      announced.add(task.ID);
      if (!ready.has(task.ID)) progress(`starting replica ${task.Slot ?? '?'} (generation ${target.generation})`);
    }
    const readyFresh = fresh.filter((t) => ready.has(t.ID));
    if (readyFresh.length > readyCount) lastProgress = Date.now();
    for (let n = readyCount + 1; n <= readyFresh.length; n++) progress(`replica ${n}/${target.replicas} ready`);
    readyCount = readyFresh.length;
    const oldNow = new Map(old.map((t) => [t.ID, t]));
    for (const [id, task] of previousOld) {
      if (!oldNow.has(id)) progress(`retiring replica ${task.Slot ?? '?'} of generation ${generationOfTask(task) ?? '?'}`);
    }
    previousOld = oldNow;

    const serving = [...readyFresh, ...old.filter((t) => t.Status?.State === 'running')].map((t) => t.ID).sort().join(',');
    if (serving !== routable) {
      if (routable !== null) ctx.changed(); // the caller said so when it changed the service
      routable = serving;
    }

    const updating = updateState === 'updating' || updateState === 'rollback_started';
    if (readyFresh.length === target.replicas && fresh.length === target.replicas && old.length === 0 && !updating) return;

    // Swarm's updater holds after each slot (HOLD_NS): once every new task answers, let it go on.
    if (updateState === 'updating' && fresh.length > 0 && readyFresh.length === fresh.length && (readyFresh.length > readyAtNudge || Date.now() - nudgedAt > NUDGE_RETRY_MS)) {
      await nudge(docker, serviceId);
      readyAtNudge = readyFresh.length;
      nudgedAt = Date.now();
      continue;
    }

    if (Date.now() - lastProgress > ctx.readyTimeoutMs) {
      const seconds = ctx.readyTimeoutMs / 1000;
      const stuck = slowest as { task: SwarmTask; reason: string } | null;
      if (stuck) throw await replicaFailure(docker, target, stuck.task, `not ready after ${seconds} s: ${stuck.reason}`);
      throw new RuntimeError(
        `generation ${target.generation} of ${target.image} not ready after ${seconds} s: ${readyFresh.length}/${target.replicas} replicas ready, ${old.length} of other generations still running`,
      );
    }
    slowest = null;
    await pause(ctx.pollMs, signal);
  }
}

/** Swarm rolled the service back by itself: the failure of the task its message names, if it can be read. */
async function rolledBack(docker: Dockerode, target: Target, service: SwarmService, generation: number | null): Promise<RuntimeError> {
  const message = service.UpdateStatus?.Message ?? 'no reason given';
  const taskId = /task ([a-z0-9]{25})\b/.exec(message)?.[1];
  const task = taskId ? ((await unlessGone(() => docker.getTask(taskId).inspect()).catch(() => undefined)) as SwarmTask | undefined) : undefined;
  if (task && endedOnItsOwn(task.Status?.State)) return replicaFailure(docker, target, task, `${endedReason(task)} before becoming ready`);
  return new RuntimeError(
    `Swarm rolled the service back to generation ${generation ?? '?'} before generation ${target.generation} was ready: ${message}`,
    task ? await taskOutput(docker, task.ID, LAST_OUTPUT_LINES) : [],
  );
}

/** The latest task of a slot where Swarm stopped trying (no successor wanted), for `generation`, unless `known`. */
function givenUp(tasks: SwarmTask[], generation: number, known: ReadonlySet<string>): SwarmTask | null {
  const latest = new Map<number, SwarmTask>();
  for (const task of tasks) {
    const slot = task.Slot ?? 0;
    const current = latest.get(slot);
    if (!current || createdAt(task) > createdAt(current)) latest.set(slot, task);
  }
  for (const task of latest.values()) {
    if (known.has(task.ID) || isWanted(task) || task.DesiredState === 'remove') continue;
    if (endedOnItsOwn(task.Status?.State) && generationOfTask(task) === generation) return task;
  }
  return null;
}

/**
 * Removes a service and waits (bounded) until its tasks are gone: Swarm keeps them, desired
 * `remove`, while the node drains them (2 s), stops them and deletes their containers.
 */
export async function removeService(docker: Dockerode, service: SwarmService, timeoutMs = 60_000): Promise<void> {
  try {
    await docker.getService(service.ID).remove();
  } catch (error) {
    if (dockerStatus(error) !== 404) throw new RuntimeError(`cannot remove service ${service.Spec?.Name ?? service.ID}: ${dockerMessage(error)}`);
  }
  // The service filter fails once the service is gone: its tasks are found by their labels.
  const appId = service.Spec?.Labels?.[LABEL.appId];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const tasks = appId ? ((await docker.listTasks({ filters: { label: [`${LABEL.appId}=${appId}`] } })) as SwarmTask[]) : [];
    const containers = await docker.listContainers({ all: true, filters: { label: [`com.docker.swarm.service.id=${service.ID}`] } });
    if (!tasks.some((t) => t.ServiceID === service.ID) && containers.length === 0) return;
    await pause(200);
  }
  throw new RuntimeError(`the tasks of service ${service.Spec?.Name ?? service.ID} are still there ${timeoutMs / 1000} s after its removal`);
}

async function readyTaskCount(ctx: RollOutContext, serviceId: string, generation: number): Promise<number> {
  const tasks = (await listTasks(ctx.docker, [serviceId])).filter((t) => isWanted(t) && generationOfTask(t) === generation);
  const probes = await Promise.all(tasks.map((t) => probeTask(t, ctx.addressing, ctx.probeTimeoutMs)));
  return probes.filter((p) => p.ok).length;
}

/**
 * Brings the app's service to `spec`: creates it, scales it (same generation), or rolls it to a new
 * generation slot by slot (see the top of this file). If the new generation cannot become ready,
 * rolls back to the spec read before and rejects with a RuntimeError carrying the failing task's
 * last output; a service created by this call is removed instead (nothing served before it).
 */
export async function rollOut(ctx: RollOutContext, spec: RunSpec, progress: (info: string) => void, signal?: AbortSignal): Promise<void> {
  const { docker } = ctx;
  const network = await ctx.network();
  const wanted = serviceSpec(spec, { ...ctx.spec, network, publish: ctx.addressing.mode === 'loopback' });
  const target = (replicas: number, strict: boolean, known: ReadonlySet<string> = new Set()): Target => ({
    generation: spec.generation,
    replicas,
    image: spec.image,
    strict,
    known,
  });
  const [service, ...duplicates] = await listServices(docker, ctx.namespace, spec.appId);
  for (const duplicate of duplicates) await removeService(docker, duplicate); // two drivers raced to create it

  if (!service) {
    if (spec.replicas === 0) return;
    progress(`creating service ${wanted.Name} (${spec.replicas} replica${spec.replicas === 1 ? '' : 's'})`);
    let created: SwarmService;
    try {
      created = { ID: (await docker.createService(wanted as Dockerode.CreateServiceOptions)).id, Spec: wanted };
    } catch (error) {
      const hint = dockerStatus(error) === 409 ? ` (a service of that name exists without this app's labels: remove it, or another app shares this id's first 8 characters)` : '';
      throw new RuntimeError(`cannot create service ${wanted.Name} for ${spec.image}: ${dockerMessage(error)}${hint}`);
    }
    ctx.changed();
    try {
      await converge(ctx, created.ID, target(spec.replicas, true), progress, signal);
    } catch (error) {
      await removeService(docker, created).catch(() => {});
      ctx.changed();
      throw error;
    }
    return;
  }

  const currentGeneration = generationOf(service.Spec);
  if (currentGeneration === spec.generation) {
    const current = replicasOf(service.Spec);
    const known = await taskIds(docker, service.ID);
    if (current !== spec.replicas) {
      progress(`scaling from ${current} to ${spec.replicas} replica${spec.replicas === 1 ? '' : 's'}`);
      await scaleService(docker, service.ID, spec.replicas);
      ctx.changed();
    } else if ((await listTasks(docker, [service.ID])).filter((t) => isWanted(t) && generationOfTask(t) === spec.generation).length < spec.replicas) {
      // Slots whose restart policy gave up: asked again, they start afresh (as the docker driver
      // replaces a dead container). Swarm revives such a slot only in an update that changes the
      // task template: ForceUpdate, which replaces the others too, one by one (start-first, paced).
      progress('restarting the replicas Swarm gave up on');
      await updateService(docker, service.ID, (current) => ({
        ...current,
        TaskTemplate: { ...current.TaskTemplate, ForceUpdate: (current.TaskTemplate?.ForceUpdate ?? 0) + 1 },
      }));
      ctx.changed();
    }
    await converge(ctx, service.ID, target(spec.replicas, false, known), progress, signal);
    return;
  }
  await rollToGeneration(ctx, service, wanted, spec, progress, signal);
}

async function rollToGeneration(
  ctx: RollOutContext,
  service: SwarmService,
  wanted: SwarmServiceSpec,
  spec: RunSpec,
  progress: (info: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const { docker } = ctx;
  const previous = clone(service.Spec ?? {});
  const previousGeneration = generationOf(previous);
  const previousReplicas = replicasOf(previous);
  const previousImage = previous.TaskTemplate?.ContainerSpec?.Image ?? '?';

  let spare = false;
  if (ctx.surge && spec.replicas > 0 && previousReplicas > 0 && previousGeneration !== null && (await readyTaskCount(ctx, service.ID, previousGeneration)) > 0) {
    progress(`starting a spare replica of generation ${previousGeneration}, so that serving capacity holds during the rollout`);
    const known = await taskIds(docker, service.ID);
    await scaleService(docker, service.ID, previousReplicas + 1);
    ctx.changed();
    try {
      await converge(ctx, service.ID, { generation: previousGeneration, replicas: previousReplicas + 1, image: previousImage, strict: false, known }, progress, signal);
      spare = true;
    } catch (error) {
      await scaleService(docker, service.ID, previousReplicas);
      if (signal?.aborted) throw error;
      progress(`no spare replica (${error instanceof Error ? error.message : String(error)}); rolling out without it`);
    }
  }

  const replicas = spec.replicas + (spare ? 1 : 0);
  const known = await taskIds(docker, service.ID);
  progress(`rolling out generation ${spec.generation} (${spec.image}), one replica at a time`);
  await updateService(docker, service.ID, (current) => ({
    ...wanted,
    Labels: { ...wanted.Labels, [LABEL.step]: nextStep(current) },
    Mode: { Replicated: { Replicas: replicas } },
  }));
  ctx.changed();
  try {
    await converge(ctx, service.ID, { generation: spec.generation, replicas, image: spec.image, strict: true, known }, progress, signal);
  } catch (failure) {
    await rollBack(ctx, service.ID, previous, progress, signal);
    throw failure;
  }
  if (spare) {
    progress('retiring the spare replica');
    const before = await taskIds(docker, service.ID);
    await scaleService(docker, service.ID, spec.replicas);
    ctx.changed();
    await converge(ctx, service.ID, { generation: spec.generation, replicas: spec.replicas, image: spec.image, strict: false, known: before }, progress, signal);
  }
}

/**
 * Puts back the spec read before the rollout (its replica count too, so a spare goes away), with
 * FailureAction `pause`: a rollback is never rolled back (to the failing generation). Waits for it,
 * unless the apply was aborted; reports trouble through `progress` only, since the rollout's own
 * failure is what the caller must see.
 */
async function rollBack(ctx: RollOutContext, serviceId: string, previous: SwarmServiceSpec, progress: (info: string) => void, signal?: AbortSignal): Promise<void> {
  const generation = generationOf(previous);
  if (generation === null) return;
  progress(`rolling back to generation ${generation}`);
  try {
    const known = await taskIds(ctx.docker, serviceId);
    await updateService(ctx.docker, serviceId, (current) => ({
      ...previous,
      Labels: { ...previous.Labels, [LABEL.step]: nextStep(current) },
      UpdateConfig: { ...previous.UpdateConfig, FailureAction: 'pause' },
    }));
    ctx.changed();
    if (signal?.aborted) return;
    const image = previous.TaskTemplate?.ContainerSpec?.Image ?? '?';
    await converge(ctx, serviceId, { generation, replicas: replicasOf(previous), image, strict: false, known }, progress);
    progress(`generation ${generation} serves again`);
  } catch (error) {
    progress(`rollback to generation ${generation}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
