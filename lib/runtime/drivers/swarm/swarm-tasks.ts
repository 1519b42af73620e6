import type Dockerode from 'dockerode';
import { probeHttp, type ProbeResult } from '../../probe.ts';
import type { ObservedApp, ObservedReplica, ReplicaAddress, ReplicaState } from '../runtime-driver.ts';
import { dockerStatus, unlessGone } from '../docker/docker-error.ts';
import { generationOf, labelFilters, readIdentity, type TaskIdentity } from './service-spec.ts';
import { createdAt, endedOnItsOwn, isFinal, isWanted, type SwarmService, type SwarmTask } from './swarm-types.ts';

/** How replicas are reached: a port published on 127.0.0.1 (one node), or their address on an overlay network. */
export type Addressing = { mode: 'loopback' } | { mode: 'overlay'; network: string };

/** The namespace's services (or one app's), oldest first. */
export async function listServices(docker: Dockerode, namespace: string, appId?: string): Promise<SwarmService[]> {
  const listed = (await docker.listServices({ filters: { label: labelFilters(namespace, appId) } })) as SwarmService[];
  return listed
    .filter((s) => {
      const identity = readIdentity(s.Spec?.Labels);
      return identity !== null && (appId === undefined || identity.appId === appId);
    })
    .sort((a, b) => Date.parse(a.CreatedAt ?? '') - Date.parse(b.CreatedAt ?? ''));
}

export async function inspectService(docker: Dockerode, id: string): Promise<SwarmService | null> {
  return ((await unlessGone(() => docker.getService(id).inspect())) as SwarmService | undefined) ?? null;
}

/** Every task Swarm keeps for these services (history included: Swarm keeps a few ended tasks per slot). */
export async function listTasks(docker: Dockerode, serviceIds: string[]): Promise<SwarmTask[]> {
  if (serviceIds.length === 0) return [];
  try {
    return (await docker.listTasks({ filters: { service: serviceIds } })) as SwarmTask[];
  } catch (error) {
    // The filter names services: one removed meanwhile fails the whole list. Ask one by one.
    if (dockerStatus(error) !== 404) throw error;
    if (serviceIds.length === 1) return [];
    return (await Promise.all(serviceIds.map((id) => listTasks(docker, [id])))).flat();
  }
}

export function taskIdentity(task: SwarmTask): TaskIdentity | null {
  return readIdentity(task.Spec?.ContainerSpec?.Labels);
}

/**
 * Tasks of one slot with the same key run the same spec: Swarm's restart policy counts their
 * failures together (a new generation, or a ForceUpdate, starts the count afresh).
 */
export function specKey(task: SwarmTask): string {
  return `${taskIdentity(task)?.generation ?? '?'}/${task.Spec?.ForceUpdate ?? 0}`;
}

/** The tasks of `task`'s slot (in `slotTasks`) that ran its spec before it and ended on their own: its restarts. */
export function earlierFailures(task: SwarmTask, slotTasks: SwarmTask[]): SwarmTask[] {
  const key = specKey(task);
  return slotTasks
    .filter((t) => t.Slot === task.Slot && createdAt(t) < createdAt(task) && specKey(t) === key && endedOnItsOwn(t.Status?.State))
    .sort((a, b) => createdAt(a) - createdAt(b));
}

/** Where the task answers on `port` while its container runs: 127.0.0.1 + the published port, or its overlay address. */
export function taskAddress(task: SwarmTask, port: number, addressing: Addressing): ReplicaAddress | null {
  if (addressing.mode === 'loopback') {
    const published = task.Status?.PortStatus?.Ports?.find((p) => p.TargetPort === port && p.PublishedPort);
    return published?.PublishedPort ? { host: '127.0.0.1', port: published.PublishedPort } : null;
  }
  const attachment = task.NetworksAttachments?.find((a) => a.Network?.Spec?.Name === addressing.network || a.Network?.ID === addressing.network);
  const ip = attachment?.Addresses?.[0]?.split('/')[0];
  return ip ? { host: ip, port } : null;
}

/** Probes a running task on its own generation's probe. */
export async function probeTask(task: SwarmTask, addressing: Addressing, timeoutMs: number): Promise<ProbeResult> {
  const identity = taskIdentity(task);
  if (!identity) return { ok: false, reason: 'the task carries no Tollgate labels' };
  if (task.Status?.State !== 'running') return { ok: false, reason: `the task is ${task.Status?.State ?? 'unknown'}` };
  const address = taskAddress(task, identity.probe.port, addressing);
  if (!address) return { ok: false, reason: `port ${identity.probe.port} has no address yet` };
  return probeHttp(address, identity.probe.path, timeoutMs);
}

function date(value: string | undefined): Date | null {
  if (!value || value.startsWith('0001-')) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export function exitCodeOf(task: SwarmTask | undefined): number | null {
  // Swarm reports ExitCode 0 for a task that never ran (rejected) as for a clean exit: only trust it once ended.
  if (!task || !endedOnItsOwn(task.Status?.State) || task.Status?.State === 'rejected') return null;
  return task.Status?.ContainerStatus?.ExitCode ?? null;
}

/** Would Swarm's restart policy give this ended task a successor? (Its own rule: condition, then attempts per slot and generation.) */
export function policyRestarts(task: SwarmTask, restartsSoFar: number, policy: { Condition?: string; MaxAttempts?: number } | undefined): boolean {
  const condition = policy?.Condition ?? 'any';
  if (condition === 'none') return false;
  if (condition === 'on-failure' && task.Status?.State === 'complete') return false;
  const max = policy?.MaxAttempts ?? 0;
  return max === 0 || restartsSoFar < max;
}

export interface ObserveOptions {
  addressing: Addressing;
  probeTimeoutMs: number;
}

/**
 * One replica per task Swarm still wants (desired running, or ready: waiting out a restart delay),
 * its state sharpened by the app's probe as with the docker driver; plus, for a slot where Swarm
 * gave up (the restart policy is spent), its last task as `exited`. Tasks Swarm is shutting down
 * (a rollout retiring them, a scale down) are not listed: they leave the rotation at once, while
 * Swarm still gives them 2 s before their SIGTERM (see docs/swarm.md).
 */
export async function observeTasks(service: SwarmService, tasks: SwarmTask[], options: ObserveOptions): Promise<ObservedReplica[]> {
  const bySlot = new Map<number, SwarmTask[]>();
  for (const task of tasks) {
    if (task.ServiceID !== undefined && task.ServiceID !== service.ID) continue;
    const slot = task.Slot ?? 0;
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), task]);
  }
  const serviceGeneration = generationOf(service.Spec);
  const policy = service.Spec?.TaskTemplate?.RestartPolicy;
  const pending: Promise<ObservedReplica | null>[] = [];
  for (const [slot, slotTasks] of bySlot) {
    slotTasks.sort((a, b) => createdAt(a) - createdAt(b));
    const wanted = slotTasks.filter(isWanted);
    for (const task of wanted) pending.push(observeTask(task, slot, slotTasks, policy, options));
    const latest = slotTasks.at(-1);
    if (wanted.length === 0 && latest && endedOnItsOwn(latest.Status?.State) && latest.DesiredState !== 'remove') {
      if (taskIdentity(latest)?.generation === serviceGeneration) pending.push(observeTask(latest, slot, slotTasks, { Condition: 'none' }, options));
    }
  }
  const replicas = (await Promise.all(pending)).filter((r): r is ObservedReplica => r !== null);
  return replicas.sort((a, b) => b.generation - a.generation || a.slot - b.slot);
}

async function observeTask(
  task: SwarmTask,
  slot: number,
  slotTasks: SwarmTask[],
  policy: { Condition?: string; MaxAttempts?: number } | undefined,
  options: ObserveOptions,
): Promise<ObservedReplica | null> {
  const identity = taskIdentity(task);
  if (!identity) return null;
  const earlier = earlierFailures(task, slotTasks);
  const lastEnded = earlier.at(-1);
  const status = task.Status?.State;
  let state: ReplicaState;
  let exitCode: number | null = null;
  let error = task.Status?.Err || null;
  if (isFinal(status)) {
    // Ended, and Swarm has not acted on it yet (or gave up: then it is the slot's last word).
    state = endedOnItsOwn(status) && policyRestarts(task, earlier.length, policy) ? 'restarting' : 'exited';
    exitCode = exitCodeOf(task);
  } else if (status === 'running') {
    state = (await probeTask(task, options.addressing, options.probeTimeoutMs)).ok ? 'running' : 'starting';
  } else {
    // new .. starting: a successor still being scheduled, pulled, or waiting out the restart delay.
    state = lastEnded ? 'restarting' : 'starting';
    if (lastEnded) {
      exitCode = exitCodeOf(lastEnded);
      error ??= lastEnded.Status?.Err || null;
    }
  }
  const running = status === 'running';
  return {
    id: task.ID,
    slot,
    generation: identity.generation,
    state,
    address: running ? taskAddress(task, identity.port, options.addressing) : null,
    restartCount: earlier.length,
    exitCode,
    error,
    startedAt: running ? date(task.Status?.Timestamp) : null,
  };
}

/**
 * The digest of the image a task runs: Swarm pins `image@sha256:...` when a registry answers;
 * otherwise (an image built on the node) the local image's RepoDigests[0] or id, readable when the
 * task runs on this node.
 */
export async function taskImageDigest(docker: Dockerode, task: SwarmTask): Promise<string | null> {
  const image = task.Spec?.ContainerSpec?.Image ?? '';
  const pinned = /^(.*?)(?::[^:/@]+)?@(sha256:[0-9a-f]{64})$/.exec(image);
  if (pinned) return `${pinned[1]}@${pinned[2]}`;
  const containerId = task.Status?.ContainerStatus?.ContainerID;
  if (!containerId) return null;
  const container = await unlessGone(() => docker.getContainer(containerId).inspect()).catch(() => undefined);
  if (!container) return null;
  const local = await unlessGone(() => docker.getImage(container.Image).inspect()).catch(() => undefined);
  return local ? (local.RepoDigests?.[0] ?? local.Id) : null;
}

/** The app as observe() and list() report it. */
export async function observeService(docker: Dockerode, service: SwarmService, tasks: SwarmTask[], options: ObserveOptions): Promise<ObservedApp | null> {
  const identity = readIdentity(service.Spec?.Labels);
  if (!identity) return null;
  const replicas = await observeTasks(service, tasks, options);
  const newest = replicas[0]?.generation;
  const sample = tasks.find((t) => t.ID === replicas.find((r) => r.generation === newest && r.startedAt)?.id);
  return { appId: identity.appId, replicas, imageDigest: sample ? await taskImageDigest(docker, sample) : null };
}
