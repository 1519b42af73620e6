import { TIME } from './token-time';

// When a new token stops working, as the New Token form offers it: GitHub's
// presets (7, 30, 90 days, a date, or none), with GitHub's default of 30 days,
// so a token nobody thinks about again does not work forever.

export type ExpiryChoice = '7' | '30' | '90' | 'custom' | 'none';

export const EXPIRY_CHOICES: { value: ExpiryChoice; label: string }[] = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: 'custom', label: 'Custom date' },
  { value: 'none', label: 'No expiry' },
];

export const DEFAULT_EXPIRY: ExpiryChoice = '30';

/** Within this many days of its expiry a token is flagged in the list. */
export const EXPIRES_SOON_DAYS = 7;

export type ExpiryResult = { ok: true; expiresAt: string | null } | { ok: false; message: string };

/** A `<input type="date">` value (yyyy-mm-dd) as the end of that day in the browser's time zone; null when not a date. */
export function endOfLocalDay(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, day);
  if (start.getFullYear() !== year || start.getMonth() !== month || start.getDate() !== day) return null;
  // The token works through the whole chosen day: it stops at the next midnight.
  return new Date(year, month, day + 1);
}

/** The `expiresAt` POST /v1/token takes for a choice, or why the custom date cannot be used. */
export function expiryFromChoice(choice: ExpiryChoice, customDate: string, now: number): ExpiryResult {
  if (choice === 'none') return { ok: true, expiresAt: null };
  if (choice !== 'custom') return { ok: true, expiresAt: new Date(now + Number(choice) * TIME.DAY).toISOString() };
  if (customDate.trim() === '') return { ok: false, message: 'Pick the date the token expires' };
  const end = endOfLocalDay(customDate.trim());
  if (!end) return { ok: false, message: 'Enter a date such as 2030-01-31' };
  if (end.getTime() <= now + TIME.DAY) return { ok: false, message: 'Pick a date after today' };
  return { ok: true, expiresAt: end.toISOString() };
}

/** Today's date in the browser's time zone as yyyy-mm-dd shifted by `days` (a date input's min). */
export function localDateInput(now: number, days = 0): string {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export type ExpiryState =
  | { kind: 'none' }
  | { kind: 'expired'; at: string }
  | { kind: 'soon'; at: string }
  | { kind: 'later'; at: string };

/** Where a token stands with its expiry, for badges: the server's `expired` wins over the clock. */
export function expiryState(token: { spec: { expiresAt: string | null }; status: { expired: boolean } }, now: number): ExpiryState {
  const at = token.spec.expiresAt;
  if (at === null) return { kind: 'none' };
  if (token.status.expired || new Date(at).getTime() <= now) return { kind: 'expired', at };
  if (new Date(at).getTime() - now < EXPIRES_SOON_DAYS * TIME.DAY) return { kind: 'soon', at };
  return { kind: 'later', at };
}
