// `app update --wait`: the new generation is rolled out once the API says so (status.rollout:
// every replica answers, all of the new generation). A server without that field is believed
// once every replica is ready, after waitForState's grace period.

import type { App } from './app-schema.ts';

export function rolledOut(app: App): boolean {
  if (app.status.rollout !== undefined) return app.status.rollout !== 'progressing';
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
