import type { ReactNode } from 'react';
import { formatDateTime } from '@/lib/panel/format-date';
import { roleLabel } from '@/lib/panel/roles';
import { expiryState } from '@/lib/panel/token-expiry';
import { graceUntil } from '@/lib/panel/token-grace';
import type { TokenDto } from '@/lib/panel/token-queries';
import { relativeTime } from '@/lib/panel/token-time';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';

function Fact({ term, children, wide = false }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`min-w-0 ${wide ? 'sm:col-span-2' : ''}`}>
      <dt className="text-xs font-medium text-slate-500">{term}</dt>
      <dd className="mt-0.5 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function When({ iso, now }: { iso: string; now: number }) {
  return (
    <>
      <time dateTime={iso}>{formatDateTime(iso)}</time> <span className="text-slate-600">({relativeTime(iso, now)})</span>
    </>
  );
}

/** What the version number says: the secret has been replaced this many times. */
export function versionText(version: number): string {
  return version <= 1 ? `${version} (not regenerated yet)` : `${version} (regenerated ${version - 1}×)`;
}

function Expiry({ token, now }: { token: TokenDto; now: number }) {
  const state = expiryState(token, now);
  if (state.kind === 'none') return <>No expiry: it works until deleted</>;
  if (state.kind === 'expired') {
    return (
      <span className="text-red-800">
        Expired <When iso={state.at} now={now} />: requests with it get 401
      </span>
    );
  }
  return <When iso={state.at} now={now} />;
}

/** A token's spec and state, as a list of terms: what it is, what it may do, where from, and its secret's story. */
export function TokenFacts({ token, now }: { token: TokenDto; now: number }) {
  const grace = graceUntil(token, now);
  const { spec, status } = token;
  return (
    <Card title="Overview" titleId="token-overview-heading">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <Fact term="Description" wide>
          {spec.description ? <span className="whitespace-pre-line">{spec.description}</span> : <span className="text-slate-500">None</span>}
        </Fact>
        <Fact term="Label selector" wide>
          {spec.labelSelector ? (
            <code className="font-mono text-xs break-all text-brand-900">{spec.labelSelector}</code>
          ) : (
            <span>Empty: every app of the project in {spec.region}</span>
          )}
        </Fact>
        <Fact term="Role">{roleLabel(spec.role)}</Fact>
        <Fact term="Region">{spec.region}</Fact>
        <Fact term="Created">
          <When iso={token.createdAt} now={now} />
        </Fact>
        <Fact term="Expires">
          <Expiry token={token} now={now} />
        </Fact>
        <Fact term="Allowed IPs" wide>
          {spec.allowedIps.length === 0 ? (
            'Anywhere'
          ) : (
            <ul aria-label="Allowed IPs" className="flex flex-wrap gap-1.5">
              {spec.allowedIps.map((entry) => (
                <li key={entry} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                  {entry}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact term="Version">{versionText(status.version)}</Fact>
        <Fact term="Previous secret">
          {grace ? (
            <span className="text-blue-900">
              Still works until <When iso={grace} now={now} />
            </span>
          ) : status.version <= 1 ? (
            'None: the secret has not been replaced'
          ) : (
            'Stopped working: only the current secret works'
          )}
        </Fact>
        <Fact term="ID" wide>
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="font-mono text-xs break-all">{token.id}</span>
            <CopyButton text={token.id} label="Copy token ID" />
          </span>
        </Fact>
      </dl>
    </Card>
  );
}
