import { formatDateTime } from '@/lib/panel/format-date';
import type { TokenDto } from '@/lib/panel/token-queries';
import { relativeTime } from '@/lib/panel/token-time';
import { Card } from '@/components/ui/card';
import { requestsText } from './token-usage';

/** When and from where the token was last used, and its requests in the last 24 hours (written by the gateway every few seconds). */
export function TokenUsageCard({ token, now }: { token: TokenDto; now: number }) {
  const { lastUsedAt, lastUsedIp, requests24h } = token.status;
  return (
    <Card title="Usage" titleId="token-usage-heading">
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="text-xs font-medium text-slate-500">Last used</dt>
          <dd className="mt-0.5">
            {lastUsedAt ? (
              <>
                <time dateTime={lastUsedAt}>{formatDateTime(lastUsedAt)}</time> <span className="text-slate-600">({relativeTime(lastUsedAt, now)})</span>
                {lastUsedIp && (
                  <span className="block">
                    from <span className="font-mono text-xs">{lastUsedIp}</span>
                  </span>
                )}
              </>
            ) : (
              'Not used yet'
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">Requests</dt>
          <dd className="mt-0.5">{requestsText(requests24h)}</dd>
        </div>
      </dl>
    </Card>
  );
}
