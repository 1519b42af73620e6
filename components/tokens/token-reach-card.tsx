'use client';

import { errorMessage } from '@/lib/panel/api-client';
import { useTokenReach } from '@/lib/panel/token-reach';
import type { TokenDto } from '@/lib/panel/token-queries';
import { Card } from '@/components/ui/card';
import { AppLinkList } from './app-link-list';
import { countText } from './matching-apps';

/**
 * The apps the token's scope covers now: its selector through the apps list
 * API (the gateway's parser and matcher), in its region. Each request is still
 * decided by the gateway, which also checks expiry, allowed IPs and role.
 */
export function TokenReachCard({ token, expired }: { token: TokenDto; expired: boolean }) {
  const { query, reach } = useTokenReach(token.spec.labelSelector, token.spec.region);
  return (
    <Card title="Apps it reaches now" titleId="token-reach-heading">
      <div className="text-sm">
        {query.isPending ? (
          <p className="text-slate-600">Looking for matching apps…</p>
        ) : query.isError && !reach ? (
          <p className="text-red-700">Could not list the apps: {errorMessage(query.error)}</p>
        ) : (
          reach && (
            <>
              <p className="font-medium text-slate-900">{countText(reach.apps.length, token.spec.region, reach.truncated)}</p>
              <AppLinkList apps={reach.apps} label="Apps it reaches" />
              {expired && <p className="mt-2 text-xs text-red-800">The token has expired: it opens none of them any more.</p>}
              <p className="mt-2 text-xs text-slate-600">
                The gateway decides each request: apps created later that match are covered too
                {token.spec.allowedIps.length > 0 ? ', from the allowed IPs only' : ''}.
              </p>
            </>
          )
        )}
      </div>
    </Card>
  );
}
