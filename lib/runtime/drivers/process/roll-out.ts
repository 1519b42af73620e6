import { RuntimeError, type RunSpec } from '../runtime-driver.ts';
import { planRollOut, retireOne, retireRest, takeReplaced } from '../shared/roll-out-plan.ts';
import type { Replica } from './replica-supervisor.ts';

export interface RollOutContext {
  /** The app's replicas in rotation or on their way (not those being retired). */
  replicas: () => Replica[];
  /** A new replica of `spec.generation` for `slot`, listed at once (as `starting`). */
  create: (slot: number) => Replica;
  /** Out of rotation (`changed` says so), a drain for in-flight requests, then stopped. */
  retire: (replica: Replica) => Promise<void>;
  /** Unlisted and stopped at once: it serves nothing (never ready, or down for good). */
  discard: (replica: Replica) => Promise<void>;
  changed: () => void;
  readyTimeoutMs: number;
}

function failure(spec: RunSpec, replica: Replica, error: unknown, signal: AbortSignal | undefined): RuntimeError {
  if (signal?.aborted) return new RuntimeError(`rollout of generation ${spec.generation} aborted`, replica.lastOutput());
  const why = error instanceof Error ? error.message : String(error);
  return new RuntimeError(`replica ${replica.slot} of ${spec.image} (generation ${spec.generation}) ${why}`, replica.lastOutput());
}

/**
 * Brings the app to `spec`, as the docker driver does: keeps the replicas already running
 * `spec.generation`; for each missing slot starts a new replica, waits for its probe, and only
 * then retires one replica of another generation (the same slot's, else the highest), so serving
 * capacity never drops. Scale down retires the highest slots; replicas down for good are
 * discarded at the end.
 *
 * If a new replica exits or is not ready in time, it is discarded and the rollout stops with a
 * RuntimeError carrying its last output; the old replicas not yet replaced keep serving, and new
 * ones already ready stay (their old counterparts are gone).
 */
export async function rollOut(ctx: RollOutContext, spec: RunSpec, progress: (info: string) => void, signal?: AbortSignal): Promise<void> {
  const { keep, old, leftovers } = planRollOut(ctx.replicas(), spec, (r) => r.state === 'exited');

  const total = spec.replicas;
  await Promise.all(
    [...keep.values()].map(async (r) => {
      try {
        // An adopted replica may be between two lives: wait for the supervisor's verdict.
        await r.waitRunning(ctx.readyTimeoutMs, signal);
      } catch (error) {
        throw failure(spec, r, error, signal);
      }
      progress(`replica ${r.slot}/${total} ready`);
    }),
  );

  for (let slot = 1; slot <= total; slot++) {
    if (keep.has(slot)) continue;
    if (signal?.aborted) throw new RuntimeError(`rollout of generation ${spec.generation} aborted`);
    progress(`starting replica ${slot}/${total} (generation ${spec.generation})`);
    const replica = ctx.create(slot);
    try {
      await replica.start(signal);
    } catch (error) {
      const rejection = failure(spec, replica, error, signal);
      await ctx.discard(replica);
      ctx.changed();
      throw rejection;
    }
    progress(`replica ${slot}/${total} ready`);
    ctx.changed();
    const replaced = takeReplaced(old, slot);
    if (replaced) await retireOne(replaced, progress, ctx.retire);
  }

  await retireRest(old, progress, ctx.retire);
  await Promise.all(leftovers.map((r) => ctx.discard(r)));
}
