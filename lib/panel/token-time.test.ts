import { describe, expect, it } from 'vitest';
import { daysUntil, relativeTime } from './token-time';

const NOW = Date.parse('2030-01-10T12:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('relativeTime', () => {
  it('rounds to the nearest unit, so a 7-day token says 7 days a second after it was made', () => {
    expect(relativeTime(at(7 * DAY - 1000), NOW)).toBe('in 7 days');
    expect(relativeTime(at(6 * DAY + 23 * HOUR), NOW)).toBe('in 7 days');
    expect(relativeTime(at(3 * DAY + 5 * HOUR), NOW)).toBe('in 3 days');
    expect(relativeTime(at(-5 * MIN - 20_000), NOW)).toBe('5 minutes ago');
  });

  it('says weeks below a month, months above', () => {
    expect(relativeTime(at(14 * DAY), NOW)).toBe('in 2 weeks');
    expect(relativeTime(at(90 * DAY), NOW)).toBe('in 3 months');
    expect(relativeTime(at(-400 * DAY), NOW)).toBe('1 year ago');
  });

  it('has words for under a minute', () => {
    expect(relativeTime(at(-10_000), NOW)).toBe('just now');
    expect(relativeTime(at(10_000), NOW)).toBe('in less than a minute');
  });
});

describe('daysUntil', () => {
  it('counts whole days left, negative once past', () => {
    expect(daysUntil(at(3 * DAY + HOUR), NOW)).toBe(3);
    expect(daysUntil(at(HOUR), NOW)).toBe(0);
    expect(daysUntil(at(-HOUR), NOW)).toBe(-1);
  });
});
