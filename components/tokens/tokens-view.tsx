'use client';

import { useState } from 'react';
import { useRevealedSecret } from '@/lib/panel/revealed-secret';
import { TOKEN_PAGE_SIZE, useTokenList } from '@/lib/panel/token-queries';
import { useTokenNotice } from '@/lib/panel/token-notice';
import { LoadError } from '@/components/ui/load-error';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { RevealedSecretBanner } from './revealed-secret-banner';
import { TokenNotice } from './token-notice';
import { TokensTable } from './tokens-table';
import { useTokenActions } from './use-token-actions';

/** The Tokens tab: the list, the secret shown once, and Regenerate / Delete behind a confirmation. */
export function TokensView() {
  const [page, setPage] = useState(0);
  const query = useTokenList(page, TOKEN_PAGE_SIZE);
  const actions = useTokenActions({ page: '/tokens' });
  const revealed = useRevealedSecret();
  const notice = useTokenNotice('/tokens');
  const tokens = query.data?.tokens ?? [];
  const shown = revealed?.page === '/tokens' ? revealed : null;

  return (
    <section aria-labelledby="tokens-heading">
      <PageHeader
        title="Tokens"
        titleId="tokens-heading"
        description="Tokens open the apps whose labels match their selector, in one region, as Read-only or Operator."
        actions={
          <ButtonLink href="/tokens/new">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5">
              <path d="M12 5v14M5 12h14" />
            </svg>
            New Token
          </ButtonLink>
        }
      />

      {shown && <RevealedSecretBanner revealed={shown} />}
      <TokenNotice text={notice} />
      {actions.failure}

      {query.isPending ? (
        <TableSkeleton label="Loading tokens…" columns={7} />
      ) : query.isError && !query.data ? (
        <LoadError title="The tokens could not be loaded" error={query.error} onRetry={() => query.refetch()} />
      ) : tokens.length === 0 && page === 0 ? (
        <EmptyState title="No tokens yet" action={<ButtonLink href="/tokens/new">New Token</ButtonLink>}>
          Tokens let people and programs reach the apps whose labels match a selector such as <code className="font-mono">group=A</code>,
          including apps deployed later.
        </EmptyState>
      ) : (
        <>
          <TokensTable
            tokens={tokens}
            now={query.dataUpdatedAt}
            highlightId={shown?.tokenId}
            onRegenerate={actions.askRegenerate}
            onDelete={actions.askDelete}
          />
          <Pagination
            label="Token pages"
            page={page}
            size={TOKEN_PAGE_SIZE}
            shown={tokens.length}
            total={query.data?.total}
            hasNext={(page + 1) * TOKEN_PAGE_SIZE < (query.data?.total ?? 0)}
            onPage={setPage}
          />
        </>
      )}

      {actions.dialogs}
    </section>
  );
}
