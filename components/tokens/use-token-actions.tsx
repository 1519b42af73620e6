'use client';

import { useState, type ReactNode } from 'react';
import { errorMessage } from '@/lib/panel/api-client';
import { useDeleteToken, useRegenerateToken, type TokenDto } from '@/lib/panel/token-queries';
import { announceToken, clearTokenNotice } from '@/lib/panel/token-notice';
import { DismissibleError } from '@/components/ui/dismissible-error';
import { DeleteTokenDialog } from './delete-token-dialog';
import { RegenerateDialog } from './regenerate-dialog';

type Pending = { kind: 'regenerate' | 'delete'; token: TokenDto } | null;

/**
 * Regenerate and Delete behind their confirmations, for the list and the
 * details page alike. `page` is where the new secret is shown; `afterDelete`
 * says where to go once a token is gone (the list announces it).
 */
export function useTokenActions({ page, afterDelete }: { page: string; afterDelete?: () => void }) {
  const [pending, setPending] = useState<Pending>(null);
  const regenerate = useRegenerateToken();
  const remove = useDeleteToken();

  function start(kind: 'regenerate' | 'delete', token: TokenDto) {
    regenerate.reset();
    remove.reset();
    clearTokenNotice();
    setPending({ kind, token });
  }

  function regenerateConfirmed(gracePeriodSeconds: number) {
    if (!pending) return;
    const { token } = pending;
    setPending(null);
    regenerate.mutate({ token, gracePeriodSeconds, page });
  }

  function deleteConfirmed() {
    if (!pending) return;
    const { token } = pending;
    setPending(null);
    remove.mutate(token, {
      onSuccess: () => {
        announceToken({ text: `Token “${token.spec.name}” deleted. It stopped working at once.`, page: '/tokens' });
        afterDelete?.();
      },
    });
  }

  const failed = regenerate.isError
    ? { what: `regenerate “${regenerate.variables?.token.spec.name}”`, error: regenerate.error, reset: regenerate.reset }
    : remove.isError
      ? { what: `delete “${remove.variables?.spec.name}”`, error: remove.error, reset: remove.reset }
      : null;

  const failure: ReactNode = failed && (
    <DismissibleError className="mb-4" title={`Could not ${failed.what}`} onDismiss={() => failed.reset()}>
      {errorMessage(failed.error)}
    </DismissibleError>
  );

  const dialogs: ReactNode =
    pending?.kind === 'regenerate' ? (
      <RegenerateDialog key={pending.token.id} token={pending.token} onCancel={() => setPending(null)} onConfirm={regenerateConfirmed} />
    ) : pending?.kind === 'delete' ? (
      <DeleteTokenDialog key={pending.token.id} token={pending.token} onCancel={() => setPending(null)} onConfirm={deleteConfirmed} />
    ) : null;

  return {
    askRegenerate: (token: TokenDto) => start('regenerate', token),
    askDelete: (token: TokenDto) => start('delete', token),
    regenerating: regenerate.isPending,
    deleting: remove.isPending,
    failure,
    dialogs,
  };
}
