import { describe, expect, it } from 'vitest';
import { normaliseTimestamp, parseDetails, serviceLogLines } from './swarm-logs.ts';

describe('service log lines', () => {
  it('normalises timestamps to 9 fraction digits, so they compare as strings', () => {
    expect(normaliseTimestamp('2026-05-01T12:00:00.5Z')).toBe('2026-05-01T12:00:00.500000000Z');
    expect(normaliseTimestamp('2026-05-01T12:00:00Z')).toBe('2026-05-01T12:00:00.000000000Z');
    expect(normaliseTimestamp('2026-05-01T12:00:00.123456789Z')).toBe('2026-05-01T12:00:00.123456789Z');
    expect(normaliseTimestamp('yesterday')).toBeNull();
  });

  it("reads Docker's details (query-escaped key=value pairs), and tells them from content", () => {
    expect(parseDetails('com.docker.swarm.task.id=abc,env%3Dx=a%2Cb+c')).toEqual({ 'com.docker.swarm.task.id': 'abc', 'env=x': 'a,b c' });
    expect(parseDetails('hello')).toBeNull();
    expect(parseDetails('a=b,broken')).toBeNull();
  });

  it('splits timestamp, task and content, keeping spaces in the content and dropping CR', () => {
    const text =
      '2026-05-01T12:00:00.1Z com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1  two  spaces\r\n' +
      '2026-05-01T12:00:01.000000000Z com.docker.swarm.task.id=t2 \n';
    expect(serviceLogLines(text, 'stderr')).toEqual([
      { ts: '2026-05-01T12:00:00.100000000Z', timestamp: new Date('2026-05-01T12:00:00.100Z'), taskId: 't1', stream: 'stderr', content: ' two  spaces' },
      { ts: '2026-05-01T12:00:01.000000000Z', timestamp: new Date('2026-05-01T12:00:01.000Z'), taskId: 't2', stream: 'stderr', content: '' },
    ]);
    expect(serviceLogLines('2026-05-01T12:00:00Z no details here\n', 'stdout')).toMatchObject([{ taskId: null, content: 'no details here' }]);
  });
});
