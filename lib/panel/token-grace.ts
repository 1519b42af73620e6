import { TIME } from './token-time';

// How long the secret a Regenerate replaces keeps working (POST
// /v1/token/{id}/renew's gracePeriodSeconds, 0 to 7 days): time to roll the
// new secret out before the old one stops, as Cloudflare's client secrets do.

export const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export type GraceChoice = 'now' | '1h' | '24h' | 'custom';

export const GRACE_CHOICES: { value: GraceChoice; label: string }[] = [
  { value: 'now', label: 'Now' },
  { value: '1h', label: 'In 1 hour' },
  { value: '24h', label: 'In 24 hours' },
  { value: 'custom', label: 'Custom' },
];

export type GraceUnit = 'minutes' | 'hours' | 'days';

export const GRACE_UNITS: Record<GraceUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };

export interface CustomGrace {
  /** A length of time from now, or a moment. */
  mode: 'duration' | 'until';
  amount: string;
  unit: GraceUnit;
  /** A `<input type="datetime-local">` value, in the browser's time zone. */
  until: string;
}

export const DEFAULT_CUSTOM_GRACE: CustomGrace = { mode: 'duration', amount: '3', unit: 'days', until: '' };

export type GraceResult = { ok: true; seconds: number } | { ok: false; field: 'amount' | 'until'; message: string };

const TOO_LONG = 'The old secret can keep working for at most 7 days';

/** The grace period in seconds for a choice, or what is wrong with the custom one. */
export function graceSeconds(choice: GraceChoice, custom: CustomGrace, now: number): GraceResult {
  if (choice === 'now') return { ok: true, seconds: 0 };
  if (choice === '1h') return { ok: true, seconds: 3600 };
  if (choice === '24h') return { ok: true, seconds: 86_400 };
  if (custom.mode === 'duration') {
    const text = custom.amount.trim();
    if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, field: 'amount', message: 'Enter a number, such as 3' };
    const seconds = Math.round(Number(text) * GRACE_UNITS[custom.unit]);
    if (seconds > MAX_GRACE_SECONDS) return { ok: false, field: 'amount', message: TOO_LONG };
    return { ok: true, seconds };
  }
  if (custom.until === '') return { ok: false, field: 'until', message: 'Pick the date and time the old secret stops' };
  // A datetime-local value has no zone: Date reads it as local time, which is what the user picked.
  const at = new Date(custom.until).getTime();
  if (Number.isNaN(at)) return { ok: false, field: 'until', message: 'Enter a date and time such as 2030-01-31 18:00' };
  if (at < now) return { ok: false, field: 'until', message: 'Pick a time in the future' };
  const seconds = Math.ceil((at - now) / 1000);
  if (seconds > MAX_GRACE_SECONDS) return { ok: false, field: 'until', message: TOO_LONG };
  return { ok: true, seconds };
}

/** A datetime-local value for `now + ms`, minutes precision, in the browser's time zone. */
export function localDateTimeInput(now: number, ms = 0): string {
  const d = new Date(now + ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The latest moment a custom "until" may name. */
export function latestGraceInput(now: number): string {
  return localDateTimeInput(now, MAX_GRACE_SECONDS * 1000 - TIME.MINUTE);
}

/** Until when the secret before the last Regenerate still works, or null when it no longer does. */
export function graceUntil(token: { status: { previousSecretExpiresAt: string | null } }, now: number): string | null {
  const until = token.status.previousSecretExpiresAt;
  return until !== null && new Date(until).getTime() > now ? until : null;
}
