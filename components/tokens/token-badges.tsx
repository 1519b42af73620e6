import { formatDateTime } from '@/lib/panel/format-date';
import { expiryState } from '@/lib/panel/token-expiry';
import { graceUntil } from '@/lib/panel/token-grace';
import type { TokenDto } from '@/lib/panel/token-queries';
import { relativeTime } from '@/lib/panel/token-time';

const BADGE = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset whitespace-nowrap';

/**
 * What needs the operator's attention about a token, as badges: expired,
 * expires within a week, or a previous secret still working after a
 * Regenerate. Nothing for a token that is simply fine.
 */
export function TokenBadges({ token, now }: { token: TokenDto; now: number }) {
  const expiry = expiryState(token, now);
  const grace = graceUntil(token, now);
  if (expiry.kind !== 'expired' && expiry.kind !== 'soon' && !grace) return null;
  return (
    <span className="inline-flex flex-wrap gap-1.5">
      {expiry.kind === 'expired' && (
        <span className={`${BADGE} bg-red-50 text-red-800 ring-red-600/20`} title={`Expired ${formatDateTime(expiry.at)}`}>
          expired
        </span>
      )}
      {expiry.kind === 'soon' && (
        <span className={`${BADGE} bg-amber-50 text-amber-900 ring-amber-600/30`} title={`Expires ${formatDateTime(expiry.at)}`}>
          expires {relativeTime(expiry.at, now)}
        </span>
      )}
      {grace && (
        <span className={`${BADGE} bg-blue-50 text-blue-800 ring-blue-600/20`} title="The secret before the last Regenerate still works until then">
          grace until {formatDateTime(grace)}
        </span>
      )}
    </span>
  );
}
