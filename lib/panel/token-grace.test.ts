import { describe, expect, it } from 'vitest';
import { DEFAULT_CUSTOM_GRACE, graceSeconds, graceUntil, localDateTimeInput, MAX_GRACE_SECONDS, type CustomGrace } from './token-grace';

const NOW = new Date(2030, 0, 10, 12, 0, 0).getTime();
const custom = (change: Partial<CustomGrace>): CustomGrace => ({ ...DEFAULT_CUSTOM_GRACE, ...change });

describe('graceSeconds', () => {
  it('gives the presets in seconds, 0 for now', () => {
    expect(graceSeconds('now', DEFAULT_CUSTOM_GRACE, NOW)).toEqual({ ok: true, seconds: 0 });
    expect(graceSeconds('1h', DEFAULT_CUSTOM_GRACE, NOW)).toEqual({ ok: true, seconds: 3600 });
    expect(graceSeconds('24h', DEFAULT_CUSTOM_GRACE, NOW)).toEqual({ ok: true, seconds: 86_400 });
  });

  it('takes a number and a unit, from 0 up to 7 days', () => {
    expect(graceSeconds('custom', custom({ amount: '90', unit: 'minutes' }), NOW)).toEqual({ ok: true, seconds: 5400 });
    expect(graceSeconds('custom', custom({ amount: '7', unit: 'days' }), NOW)).toEqual({ ok: true, seconds: MAX_GRACE_SECONDS });
    expect(graceSeconds('custom', custom({ amount: '0', unit: 'hours' }), NOW)).toEqual({ ok: true, seconds: 0 });
    expect(graceSeconds('custom', custom({ amount: '1.5', unit: 'hours' }), NOW)).toEqual({ ok: true, seconds: 5400 });
    expect(graceSeconds('custom', custom({ amount: '8', unit: 'days' }), NOW)).toMatchObject({ ok: false, field: 'amount', message: /at most 7 days/ });
    expect(graceSeconds('custom', custom({ amount: '169', unit: 'hours' }), NOW)).toMatchObject({ ok: false, field: 'amount' });
    expect(graceSeconds('custom', custom({ amount: '-1' }), NOW)).toMatchObject({ ok: false, field: 'amount', message: 'Enter a number, such as 3' });
    expect(graceSeconds('custom', custom({ amount: '' }), NOW)).toMatchObject({ ok: false, field: 'amount' });
  });

  it('takes a local date and time within the next 7 days', () => {
    const inTwoHours = localDateTimeInput(NOW, 2 * 3600_000);
    expect(graceSeconds('custom', custom({ mode: 'until', until: inTwoHours }), NOW)).toEqual({ ok: true, seconds: 7200 });
    expect(graceSeconds('custom', custom({ mode: 'until', until: '' }), NOW)).toMatchObject({ ok: false, field: 'until' });
    expect(graceSeconds('custom', custom({ mode: 'until', until: localDateTimeInput(NOW, -60_000) }), NOW)).toMatchObject({
      ok: false,
      message: 'Pick a time in the future',
    });
    expect(graceSeconds('custom', custom({ mode: 'until', until: localDateTimeInput(NOW, 8 * 86_400_000) }), NOW)).toMatchObject({
      ok: false,
      message: /at most 7 days/,
    });
  });
});

describe('graceUntil', () => {
  it('is the end of a grace still running, else null', () => {
    const later = new Date(NOW + 60_000).toISOString();
    expect(graceUntil({ status: { previousSecretExpiresAt: later } }, NOW)).toBe(later);
    expect(graceUntil({ status: { previousSecretExpiresAt: new Date(NOW - 1).toISOString() } }, NOW)).toBeNull();
    expect(graceUntil({ status: { previousSecretExpiresAt: null } }, NOW)).toBeNull();
  });
});
