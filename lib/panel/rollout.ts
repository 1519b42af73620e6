import type { AppDto } from '@/lib/apps/app-dto';
import { isTransitional } from './app-states';

// After an Edit, the details page follows the new generation until it runs.
// The API says which generation is wanted, the state, and how many replicas
// are ready, but not yet which generation those replicas run, and an app may
// still show RUNNING for a moment before the runtime picks the change up: so
// "done" waits for a short grace period as well as for every replica.

export interface RolloutWatch {
  /** The generation the update created. */
  generation: number;
  /** When the update was answered (ms). */
  since: number;
}

export type RolloutPhase = 'progressing' | 'done' | 'failed' | 'stopped' | 'superseded';

/** How long a RUNNING answer is not believed to be the new generation's. */
export const ROLLOUT_GRACE_MS = 3000;

/** How long the page keeps polling a rollout that does not end (then a reload checks again). */
export const ROLLOUT_FOLLOW_MS = 5 * 60_000;

export function rolloutPhase(app: AppDto, watch: RolloutWatch, now: number): RolloutPhase {
  const { state, generation, replicas } = app.status;
  if (generation > watch.generation) return 'superseded';
  if (state === 'FAILED') return 'failed';
  if (state === 'STOPPED' || state === 'STOPPING' || state === 'DELETING' || state === 'DELETED') return 'stopped';
  if (isTransitional(state)) return 'progressing';
  // A runtime that reports no replica at all (0 ready while RUNNING) is taken at its state's word.
  const ready = replicas.ready >= replicas.desired || replicas.ready === 0;
  return ready && now - watch.since >= ROLLOUT_GRACE_MS ? 'done' : 'progressing';
}

/** Whether the page should poll for this rollout now. */
export function followingRollout(app: AppDto, watch: RolloutWatch | null, now: number): boolean {
  return watch !== null && now - watch.since < ROLLOUT_FOLLOW_MS && rolloutPhase(app, watch, now) === 'progressing';
}
