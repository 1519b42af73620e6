'use client';

import type { TokenDto } from '@/lib/panel/token-queries';
import { formatDateTime } from '@/lib/panel/format-date';
import { roleLabel } from '@/lib/panel/roles';
import { ActionsMenu } from '@/components/ui/actions-menu';

const TH = 'px-4 py-3 font-semibold whitespace-nowrap';

export function TokensTable({
  tokens,
  highlightId,
  onRegenerate,
  onDelete,
}: {
  tokens: TokenDto[];
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
            <th scope="col" className={`${TH} hidden lg:table-cell`}>Created</th>
            <th scope="col" className={`${TH} hidden lg:table-cell`}>Last used</th>
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
              <tr key={token.id} className={token.id === highlightId ? 'bg-green-50/60' : 'hover:bg-slate-50'}>
                <td id={nameId} className="px-4 py-3 font-semibold text-slate-900">
                  {token.spec.name}
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
                <td className="hidden px-4 py-3 whitespace-nowrap text-slate-600 lg:table-cell">
                  <time dateTime={token.createdAt}>{formatDateTime(token.createdAt)}</time>
                </td>
                <td className="hidden px-4 py-3 whitespace-nowrap text-slate-600 lg:table-cell">
                  {token.status.lastUsedAt ? <time dateTime={token.status.lastUsedAt}>{formatDateTime(token.status.lastUsedAt)}</time> : 'never'}
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
