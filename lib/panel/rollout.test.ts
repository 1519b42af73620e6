import { describe, expect, it } from 'vitest';
import type { AppDto } from '@/lib/apps/app-dto';
import { followingRollout, ROLLOUT_FOLLOW_MS, rolloutPhase } from './rollout';

function app(state: AppDto['status']['state'], rollout: AppDto['status']['rollout'], generation = 2): AppDto {
  return { status: { state, generation, rollout } } as AppDto;
}

const watch = { generation: 2, since: 1_000 };

describe('rolloutPhase', () => {
  it("follows the API's rollout status for the watched generation", () => {
    expect(rolloutPhase(app('RUNNING', 'progressing'), watch)).toBe('progressing');
    expect(rolloutPhase(app('RUNNING', 'done'), watch)).toBe('done');
    expect(rolloutPhase(app('SCALING', 'progressing'), watch)).toBe('progressing');
  });

  it('ends on a failure, a stop, or a newer update', () => {
    expect(rolloutPhase(app('RUNNING', 'failed'), watch)).toBe('failed');
    expect(rolloutPhase(app('FAILED', 'failed'), watch)).toBe('failed');
    expect(rolloutPhase(app('STOPPED', 'progressing'), watch)).toBe('stopped');
    expect(rolloutPhase(app('RUNNING', 'progressing', 3), watch)).toBe('superseded');
  });
});

describe('followingRollout', () => {
  it('polls while the rollout progresses, for a bounded time, and only with a watch', () => {
    expect(followingRollout(app('RUNNING', 'progressing'), watch, watch.since + 10)).toBe(true);
    expect(followingRollout(app('RUNNING', 'progressing'), watch, watch.since + ROLLOUT_FOLLOW_MS)).toBe(false);
    expect(followingRollout(app('RUNNING', 'done'), watch, watch.since + 10)).toBe(false);
    expect(followingRollout(app('RUNNING', 'progressing'), null, watch.since + 10)).toBe(false);
  });
});
