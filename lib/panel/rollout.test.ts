import { describe, expect, it } from 'vitest';
import type { AppDto } from '@/lib/apps/app-dto';
import { followingRollout, ROLLOUT_FOLLOW_MS, ROLLOUT_GRACE_MS, rolloutPhase } from './rollout';

function app(state: AppDto['status']['state'], ready: number, desired = 2, generation = 2): AppDto {
  return { status: { state, generation, replicas: { ready, desired } } } as AppDto;
}

const watch = { generation: 2, since: 1_000 };
const later = watch.since + ROLLOUT_GRACE_MS;

describe('rolloutPhase', () => {
  it('is done once RUNNING with every replica ready, after the grace period', () => {
    expect(rolloutPhase(app('RUNNING', 2), watch, watch.since + 10)).toBe('progressing');
    expect(rolloutPhase(app('RUNNING', 2), watch, later)).toBe('done');
    expect(rolloutPhase(app('RUNNING', 1), watch, later)).toBe('progressing');
    expect(rolloutPhase(app('SCALING', 2), watch, later)).toBe('progressing');
  });

  it('takes a runtime that reports no replicas at its state’s word', () => {
    expect(rolloutPhase(app('RUNNING', 0), watch, later)).toBe('done');
  });

  it('ends on failure, a stop, or a newer change', () => {
    expect(rolloutPhase(app('FAILED', 1), watch, later)).toBe('failed');
    expect(rolloutPhase(app('STOPPED', 0, 0), watch, later)).toBe('stopped');
    expect(rolloutPhase(app('SCALING', 1, 2, 3), watch, later)).toBe('superseded');
  });
});

describe('followingRollout', () => {
  it('polls while the rollout is on its way, for a bounded time', () => {
    expect(followingRollout(app('RUNNING', 1), watch, later)).toBe(true);
    expect(followingRollout(app('RUNNING', 1), watch, watch.since + ROLLOUT_FOLLOW_MS)).toBe(false);
    expect(followingRollout(app('RUNNING', 2), watch, later)).toBe(false);
    expect(followingRollout(app('RUNNING', 1), null, later)).toBe(false);
  });
});
