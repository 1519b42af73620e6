'use client';

import { useState } from 'react';
import { errorMessage } from '@/lib/panel/api-client';
import { useRevealedSecret } from '@/lib/panel/revealed-secret';
import { TOKEN_PAGE_SIZE, useDeleteToken, useRegenerateToken, useTokenList, type TokenDto } from '@/lib/panel/token-queries';
import { LoadError } from '@/components/ui/load-error';
import { DismissibleError } from '@/components/ui/dismissible-error';
import { Button, ButtonLink } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { RevealedSecretBanner } from './revealed-secret-banner';
import { TokensTable } from './tokens-table';

type Pending = { kind: 'regenerate' | 'delete'; token: TokenDto } | null;

/** The Tokens tab: the list, the secret shown once, and Regenerate / Delete behind a confirmation. */
export function TokensView() {
  const [page, setPage] = useState(0);
  const [confirm, setConfirm] = useState<Pending>(null);
  const query = useTokenList(page, TOKEN_PAGE_SIZE);
  const regenerate = useRegenerateToken();
  const remove = useDeleteToken();
  const revealed = useRevealedSecret();
  const tokens = query.data ?? [];

  function confirmed() {
    if (!confirm) return;
    const { kind, token } = confirm;
    setConfirm(null);
    regenerate.reset();
    remove.reset();
    if (kind === 'regenerate') regenerate.mutate(token);
    else remove.mutate(token);
  }

  const failed = regenerate.isError
    ? { what: `regenerate “${regenerate.variables?.spec.name}”`, error: regenerate.error, reset: regenerate.reset }
    : remove.isError
      ? { what: `delete “${remove.variables?.spec.name}”`, error: remove.error, reset: remove.reset }
      : null;

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

      {revealed && <RevealedSecretBanner revealed={revealed} />}

      {failed && (
        <DismissibleError className="mb-4" title={`Could not ${failed.what}`} onDismiss={() => failed.reset()}>
          {errorMessage(failed.error)}
        </DismissibleError>
      )}

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
            highlightId={revealed?.tokenId}
            onRegenerate={(token) => setConfirm({ kind: 'regenerate', token })}
            onDelete={(token) => setConfirm({ kind: 'delete', token })}
          />
          <Pagination
            label="Token pages"
            page={page}
            size={TOKEN_PAGE_SIZE}
            shown={tokens.length}
            hasNext={tokens.length === TOKEN_PAGE_SIZE}
            onPage={setPage}
          />
        </>
      )}

      <Dialog
        open={confirm?.kind === 'regenerate'}
        onClose={() => setConfirm(null)}
        role="alertdialog"
        title="Regenerate token?"
        description={
          <>
            A new secret replaces the current one of <strong>{confirm?.token.spec.name}</strong>. The current secret stops working on its
            very next request, and browser sessions opened with it end. The name, scope and role stay the same.
          </>
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)} data-autofocus>
              Cancel
            </Button>
            <Button onClick={confirmed}>Regenerate</Button>
          </>
        }
      />
      <Dialog
        open={confirm?.kind === 'delete'}
        onClose={() => setConfirm(null)}
        role="alertdialog"
        title="Delete token?"
        description={
          <>
            <strong>{confirm?.token.spec.name}</strong> stops working on its very next request, and browser sessions opened with it end. This
            cannot be undone.
          </>
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)} data-autofocus>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirmed}>
              Delete
            </Button>
          </>
        }
      />
    </section>
  );
}
