// `app update --wait`: the new generation is rolled out once the app is RUNNING with every
// replica ready. The update's own answer still shows the app as it ran before (RUNNING, all
// ready), so waitForState only believes that after seeing the app move or a grace period.

import type { App } from './app-schema.ts';

/** Every replica ready. A runtime that reports no replica at all (0 ready while RUNNING) is taken at its state's word. */
export function rolledOut(app: App): boolean {
  const replicas = app.status.replicas;
  if (!replicas) return true;
  return replicas.ready >= replicas.desired || replicas.ready === 0;
}

/** `RUNNING, 1/2 replicas ready, generation 3`, or just the state when the server says no more. */
export function describeRollout(app: App): string {
  const { state, replicas, generation } = app.status;
  const parts = [state];
  if (replicas && replicas.desired > 0) parts.push(`${replicas.ready}/${replicas.desired} replicas ready`);
  if (generation !== undefined) parts.push(`generation ${generation}`);
  return parts.join(', ');
}
