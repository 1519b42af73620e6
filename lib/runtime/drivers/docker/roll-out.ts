import type Dockerode from 'dockerode';
import { RuntimeError, type RunSpec } from '../runtime-driver.ts';
import { containerName, containerSpec } from './container-spec.ts';
import { dockerMessage } from './docker-error.ts';
import { dockerLogs } from './docker-logs.ts';
import { listManagedContainers, type ManagedContainer } from './managed-containers.ts';
import { planRollOut, retireOne, retireRest, takeReplaced } from '../shared/roll-out-plan.ts';
import { ensureImage } from './pull-image.ts';
import { NotReadyError, waitReady } from './wait-ready.ts';

export interface RollOutContext {
  docker: Dockerode;
  namespace: string;
  restartMaxRetries: number;
  readyTimeoutMs: number;
  probeTimeoutMs: number;
  /** Takes a serving container out of rotation, lets in-flight requests finish, stops and removes it. */
  retire: (container: ManagedContainer) => Promise<void>;
  /** Removes a container that serves nothing (crashed, never ready). */
  discard: (containerId: string) => Promise<void>;
  /** A replica became ready: the controller should look again. */
  changed: () => void;
}

const LAST_OUTPUT_LINES = 20;
const serving = (c: ManagedContainer) => c.status === 'running' || c.status === 'restarting';

async function lastOutput(docker: Dockerode, id: string): Promise<string[]> {
  const lines: string[] = [];
  try {
    for await (const line of dockerLogs(docker, async () => [{ id, replica: '', live: false }], { tail: LAST_OUTPUT_LINES })) {
      lines.push(line.content);
    }
  } catch {
    // the container is gone: no output to show
  }
  return lines;
}

/**
 * Brings the app to `spec`: adopts the replicas already running `spec.generation`, and for each
 * missing slot starts a new container, waits for its probe, and only then retires one container of
 * another generation (the same slot's, else the highest), so serving capacity never drops below
 * what it was. Scale down retires the highest slots. Crashed leftovers are removed at the end.
 *
 * If a new replica crashes or is not ready in time, it is removed and the rollout stops with a
 * RuntimeError carrying its last output; the old replicas not yet replaced keep serving, and new
 * ones that were already ready stay (their old counterparts are gone).
 */
export async function rollOut(ctx: RollOutContext, spec: RunSpec, progress: (info: string) => void, signal?: AbortSignal): Promise<void> {
  const { docker } = ctx;
  if (spec.replicas > 0) await ensureImage(docker, spec.image, progress, signal);

  const { keep, old, leftovers } = planRollOut(await listManagedContainers(docker, ctx.namespace, spec.appId), spec, (c) => !serving(c));

  let ready = 0;
  const readyOne = () => progress(`replica ${++ready}/${spec.replicas} ready`);
  await Promise.all(
    [...keep.values()].map(async (c) => {
      try {
        await waitReady(docker, c.id, { timeoutMs: ctx.readyTimeoutMs, probeTimeoutMs: ctx.probeTimeoutMs, tolerateRestarts: true, signal });
      } catch (error) {
        throw await notReady(docker, spec, c.slot, error);
      }
      readyOne();
    }),
  );

  for (let slot = 1; slot <= spec.replicas; slot++) {
    if (keep.has(slot)) continue;
    if (signal?.aborted) throw new RuntimeError(`rollout of generation ${spec.generation} aborted`);
    progress(`starting replica ${slot} (generation ${spec.generation})`);
    const name = containerName(ctx.namespace, spec.appId, spec.generation, slot);
    let id: string;
    const stopWaiting = new AbortController();
    let firstExit: Promise<number | null>;
    try {
      const container = await docker.createContainer(containerSpec(spec, { namespace: ctx.namespace, slot, name, restartMaxRetries: ctx.restartMaxRetries }));
      id = container.id;
      // Asked before the start, so even an exit within milliseconds is caught, with its code.
      firstExit = (container.wait({ condition: 'next-exit', abortSignal: stopWaiting.signal }) as Promise<{ StatusCode?: number }>).then(
        (result) => result.StatusCode ?? null,
      );
      firstExit.catch(() => {}); // aborted once the replica is ready
      try {
        await container.start();
      } catch (error) {
        stopWaiting.abort();
        await ctx.discard(id);
        throw error;
      }
    } catch (error) {
      throw new RuntimeError(`cannot start replica ${slot} of ${spec.image}: ${dockerMessage(error)}`);
    }
    try {
      await waitReady(docker, id, { timeoutMs: ctx.readyTimeoutMs, probeTimeoutMs: ctx.probeTimeoutMs, tolerateRestarts: false, firstExit, signal });
    } catch (error) {
      const failure = await notReady(docker, spec, slot, error);
      await ctx.discard(id);
      ctx.changed();
      throw failure;
    } finally {
      stopWaiting.abort();
    }
    readyOne();
    ctx.changed();
    const replaced = takeReplaced(old, slot);
    if (replaced) await retireOne(replaced, progress, ctx.retire);
  }

  await retireRest(old, progress, ctx.retire);
  await Promise.all(leftovers.map((c) => ctx.discard(c.id)));
}

async function notReady(docker: Dockerode, spec: RunSpec, slot: number, error: unknown): Promise<RuntimeError> {
  if (!(error instanceof NotReadyError)) return error instanceof RuntimeError ? error : new RuntimeError(dockerMessage(error));
  const output = await lastOutput(docker, error.containerId);
  return new RuntimeError(`replica ${slot} of ${spec.image} (generation ${spec.generation}) ${error.message}`, output);
}
