import { formatDateTime } from '@/lib/panel/format-date';
import type { TokenDto } from '@/lib/panel/token-queries';
import { relativeTime } from '@/lib/panel/token-time';

/** "3 requests in 24 h" (the gateway counts them and writes them every few seconds). */
export function requestsText(count: number): string {
  return `${count.toLocaleString('en')} request${count === 1 ? '' : 's'} in 24 h`;
}

/** The Usage cell: when and from where the token was last used, and how much in the last 24 hours. */
export function TokenUsage({ token, now }: { token: TokenDto; now: number }) {
  const { lastUsedAt, lastUsedIp, requests24h } = token.status;
  if (!lastUsedAt) return <span>never</span>;
  return (
    <span className="block space-y-0.5">
      <span className="block">
        <time dateTime={lastUsedAt} title={formatDateTime(lastUsedAt)}>
          {relativeTime(lastUsedAt, now)}
        </time>
        {lastUsedIp && <span className="font-mono text-xs"> from {lastUsedIp}</span>}
      </span>
      <span className="block text-xs">{requestsText(requests24h)}</span>
    </span>
  );
}
