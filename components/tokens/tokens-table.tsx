'use client';

import Link from 'next/link';
import type { TokenDto } from '@/lib/panel/token-queries';
import { formatDateTime } from '@/lib/panel/format-date';
import { roleLabel } from '@/lib/panel/roles';
import { relativeTime } from '@/lib/panel/token-time';
import { ActionsMenu } from '@/components/ui/actions-menu';
import { TokenBadges } from './token-badges';
import { TokenUsage } from './token-usage';

const TH = 'px-4 py-3 font-semibold whitespace-nowrap';

/**
 * What the hidden columns say, under the name on a narrow screen: a phone
 * still sees where a token reaches and when it was last used.
 */
function NarrowSummary({ token, now }: { token: TokenDto; now: number }) {
  const { lastUsedAt, lastUsedIp } = token.status;
  return (
    <span className="mt-1 block space-y-0.5 text-xs text-slate-600 md:hidden">
      <span className="block break-all">
        <span className="sm:hidden">{token.spec.region} · </span>
        {token.spec.labelSelector ? <code className="font-mono text-brand-900">{token.spec.labelSelector}</code> : 'every app in the region'}
      </span>
      <span className="block lg:hidden">
        {lastUsedAt ? `Last used ${relativeTime(lastUsedAt, now)}${lastUsedIp ? ` from ${lastUsedIp}` : ''}` : 'Not used yet'}
      </span>
    </span>
  );
}

export function TokensTable({
  tokens,
  now,
  highlightId,
  onRegenerate,
  onDelete,
}: {
  tokens: TokenDto[];
  /** When the list was fetched: badges and "5 minutes ago" count from it. */
  now: number;
  highlightId?: string;
  onRegenerate: (token: TokenDto) => void;
  onDelete: (token: TokenDto) => void;
}) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Tokens of this project</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className={`${TH} sm:min-w-44`}>Name</th>
            <th scope="col" className={TH}>Role</th>
            <th scope="col" className={`${TH} hidden sm:table-cell`}>Region</th>
            <th scope="col" className={`${TH} hidden md:table-cell`}>Label selector</th>
            <th scope="col" className={`${TH} hidden xl:table-cell`}>Expires</th>
            <th scope="col" className={`${TH} hidden lg:table-cell`}>Usage</th>
            <th scope="col" className={`${TH} hidden sm:table-cell`}>Version</th>
            <th scope="col" className="w-12 px-2 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((token) => {
            const nameId = `token-${token.id}-name`;
            return (
              <tr key={token.id} className={`align-top ${token.id === highlightId ? 'bg-green-50/60' : 'hover:bg-slate-50'}`}>
                <td className="px-4 py-3">
                  <Link
                    id={nameId}
                    href={`/tokens/${token.id}`}
                    className="font-semibold break-all text-brand-600 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    {token.spec.name}
                  </Link>
                  <span className="mt-1 block empty:hidden">
                    <TokenBadges token={token} now={now} />
                  </span>
                  <NarrowSummary token={token} now={now} />
                </td>
                <td className="px-4 py-3 sm:whitespace-nowrap">{roleLabel(token.spec.role)}</td>
                <td className="hidden px-4 py-3 font-medium sm:table-cell">{token.spec.region}</td>
                <td className="hidden max-w-xs px-4 py-3 md:table-cell">
                  {token.spec.labelSelector ? (
                    <code className="font-mono text-xs break-all text-brand-900">{token.spec.labelSelector}</code>
                  ) : (
                    <span className="text-xs text-slate-500">every app in the region</span>
                  )}
                </td>
                <td className="hidden px-4 py-3 whitespace-nowrap text-slate-600 xl:table-cell">
                  {token.spec.expiresAt ? <time dateTime={token.spec.expiresAt}>{formatDateTime(token.spec.expiresAt)}</time> : 'No expiry'}
                </td>
                <td className="hidden px-4 py-3 whitespace-nowrap text-slate-600 lg:table-cell">
                  <TokenUsage token={token} now={now} />
                </td>
                <td className="hidden px-4 py-3 text-slate-600 sm:table-cell">{token.status.version}</td>
                <td className="px-2 py-2 text-right">
                  <ActionsMenu
                    describedBy={nameId}
                    items={[
                      { label: 'Regenerate', onSelect: () => onRegenerate(token) },
                      { label: 'Delete', onSelect: () => onDelete(token), tone: 'danger' },
                    ]}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
