import type { AppDto } from '@/lib/apps/app-dto';

// After an Edit, the details page follows the new generation until the API
// says its rollout is done (every replica answers, all of the new generation)
// or failed (the previous generation, if any, keeps serving).

export interface RolloutWatch {
  /** The generation the update created. */
  generation: number;
  /** When the update was answered (ms). */
  since: number;
}

export type RolloutPhase = 'progressing' | 'done' | 'failed' | 'stopped' | 'superseded';

/** How long the page keeps polling a rollout that does not end (then a reload checks again). */
export const ROLLOUT_FOLLOW_MS = 5 * 60_000;

export function rolloutPhase(app: AppDto, watch: RolloutWatch): RolloutPhase {
  const { state, generation, rollout } = app.status;
  if (generation > watch.generation) return 'superseded';
  if (state === 'STOPPED' || state === 'STOPPING' || state === 'DELETING' || state === 'DELETED') return 'stopped';
  if (state === 'FAILED' || rollout === 'failed') return 'failed';
  return rollout === 'done' ? 'done' : 'progressing';
}

/** Whether the page should poll for this rollout now. */
export function followingRollout(app: AppDto, watch: RolloutWatch | null, now: number): boolean {
  return watch !== null && now - watch.since < ROLLOUT_FOLLOW_MS && rolloutPhase(app, watch) === 'progressing';
}
