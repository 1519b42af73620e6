// Times as people say them ("in 3 days", "5 minutes ago"), rounded to the
// nearest unit: a token made to last 7 days says "expires in 7 days" at once,
// not "in 6 days".

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** `iso` relative to `now`: "in 3 days", "2 hours ago"; under a minute, "just now" or "in less than a minute". */
export function relativeTime(iso: string, now: number): string {
  const diff = new Date(iso).getTime() - now;
  const size = Math.abs(diff);
  for (const [unit, ms] of UNITS) {
    // Weeks only below a month: "in 2 weeks" reads better than "in 14 days", "in 5 weeks" does not.
    if (unit === 'week' && size >= 30 * DAY) continue;
    if (size >= ms) return relative.format(Math.sign(diff) * Math.round(size / ms), unit);
  }
  return diff >= 0 ? 'in less than a minute' : 'just now';
}

/** Whole days from `now` until `iso`, rounded down (0 on the last day). */
export function daysUntil(iso: string, now: number): number {
  return Math.floor((new Date(iso).getTime() - now) / DAY);
}

export const TIME = { MINUTE, HOUR, DAY } as const;
