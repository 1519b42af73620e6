import { describe, expect, it } from 'vitest';
import { endOfLocalDay, expiryFromChoice, expiryState, localDateInput } from './token-expiry';

const NOW = new Date(2030, 0, 10, 12, 0, 0).getTime();
const DAY = 86_400_000;

describe('expiryFromChoice', () => {
  it('counts the presets from now and sends null for no expiry', () => {
    expect(expiryFromChoice('7', '', NOW)).toEqual({ ok: true, expiresAt: new Date(NOW + 7 * DAY).toISOString() });
    expect(expiryFromChoice('90', '', NOW)).toEqual({ ok: true, expiresAt: new Date(NOW + 90 * DAY).toISOString() });
    expect(expiryFromChoice('none', '2030-02-01', NOW)).toEqual({ ok: true, expiresAt: null });
  });

  it('lets a custom date run to the end of that day, in local time', () => {
    expect(expiryFromChoice('custom', '2030-01-31', NOW)).toEqual({ ok: true, expiresAt: new Date(2030, 1, 1).toISOString() });
  });

  it('refuses a custom date that is missing, malformed, today or past', () => {
    expect(expiryFromChoice('custom', '', NOW)).toEqual({ ok: false, message: 'Pick the date the token expires' });
    expect(expiryFromChoice('custom', '2030-02-30', NOW)).toMatchObject({ ok: false, message: 'Enter a date such as 2030-01-31' });
    expect(expiryFromChoice('custom', '2030-01-10', NOW)).toEqual({ ok: false, message: 'Pick a date after today' });
    expect(expiryFromChoice('custom', '2029-12-31', NOW)).toEqual({ ok: false, message: 'Pick a date after today' });
    expect(expiryFromChoice('custom', '2030-01-11', NOW).ok).toBe(true);
  });
});

describe('endOfLocalDay / localDateInput', () => {
  it('round-trip a date input', () => {
    expect(localDateInput(NOW, 1)).toBe('2030-01-11');
    expect(endOfLocalDay('2030-01-11')?.getTime()).toBe(new Date(2030, 0, 12).getTime());
    expect(endOfLocalDay('31/01/2030')).toBeNull();
  });
});

describe('expiryState', () => {
  const token = (expiresAt: string | null, expired = false) => ({ spec: { expiresAt }, status: { expired } });

  it('flags a token within 7 days of its expiry, and one past it', () => {
    expect(expiryState(token(null), NOW)).toEqual({ kind: 'none' });
    expect(expiryState(token(new Date(NOW + 3 * DAY).toISOString()), NOW).kind).toBe('soon');
    expect(expiryState(token(new Date(NOW + 8 * DAY).toISOString()), NOW).kind).toBe('later');
    expect(expiryState(token(new Date(NOW - 1000).toISOString()), NOW).kind).toBe('expired');
  });

  it('believes the server when it says expired (a clock behind the server’s)', () => {
    expect(expiryState(token(new Date(NOW + 1000).toISOString(), true), NOW).kind).toBe('expired');
  });
});
