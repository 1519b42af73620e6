import type { AppState } from '@/lib/db/generated/enums';

/** States an app passes through on its own: the panel polls while any app is in one. */
export const TRANSITIONAL_STATES: ReadonlySet<AppState> = new Set<AppState>(['QUEUED', 'INITIALIZING', 'SCALING', 'STOPPING', 'DELETING']);

export function isTransitional(state: AppState): boolean {
  return TRANSITIONAL_STATES.has(state);
}

/** How often to poll while something is moving. */
export const POLL_MS = 1000;

/** Start is offered when the app is not running or on its way; Stop when it is. */
export function canStart(state: AppState): boolean {
  return state === 'STOPPED' || state === 'FAILED';
}

export function canStop(state: AppState): boolean {
  return state === 'RUNNING' || state === 'SCALING' || state === 'QUEUED' || state === 'INITIALIZING';
}
