'use client';

import type { TokenDto } from '@/lib/panel/token-queries';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

/** Delete, confirmed. Mounted only while open. */
export function DeleteTokenDialog({ token, onCancel, onConfirm }: { token: TokenDto; onCancel: () => void; onConfirm: () => void }) {
  return (
    <ConfirmDialog
      onCancel={onCancel}
      title="Delete token?"
      description={
        <>
          <strong>{token.spec.name}</strong> stops working on its very next request, and browser sessions opened with it end. This cannot be
          undone.
        </>
      }
      confirm={
        <Button variant="danger" onClick={onConfirm}>
          Delete
        </Button>
      }
    />
  );
}
