import Link from 'next/link';
import type { AppAccess } from '@/lib/apps/list-tokens-with-access';
import { roleLabel } from '@/lib/panel/roles';
import { Card } from '@/components/ui/card';

/** The tokens whose scope covers the app (decided by authorize, server-side), with their role. */
export function TokensWithAccess({ access, newTokenHref }: { access: AppAccess; newTokenHref: string }) {
  return (
    <Card
      title="Tokens with access"
      titleId="tokens-with-access-heading"
      actions={
        <Link href={newTokenHref} className="text-sm font-medium text-brand-600 hover:underline">
          New token
        </Link>
      }
    >
      {access.unsecureHttp && (
        <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          Unsecure HTTP is on: anyone can query this app, with or without a token.
        </p>
      )}
      {access.tokens.length === 0 ? (
        <p className="text-sm text-slate-600">
          No token covers this app yet. A token reaches it when its region is the app&apos;s and its label selector matches the app&apos;s
          labels.
        </p>
      ) : (
        <ul aria-labelledby="tokens-with-access-heading" className="divide-y divide-slate-100">
          {access.tokens.map((token) => (
            <li key={token.id} className="py-2.5 first:pt-0 last:pb-0">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <Link href={`/tokens/${token.id}`} className="font-medium text-brand-600 hover:underline">{token.name}</Link>
                <span className="text-xs font-medium text-slate-600">{roleLabel(token.role)}</span>
              </div>
              <p className="mt-0.5 font-mono text-xs break-all text-slate-500">
                {token.labelSelector || '(every app)'} · {token.region}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
