'use client';

import type { ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';

/**
 * A dialog that asks before something that cannot be taken back: an alertdialog whose footer is
 * Cancel (focused first) and `confirm`, the button that goes ahead. Without `confirm` the dialog
 * has no footer and `children` carry their own buttons.
 */
export function ConfirmDialog({
  open = true,
  title,
  description,
  confirm,
  onCancel,
  children,
}: {
  open?: boolean;
  title: ReactNode;
  description: ReactNode;
  confirm?: ReactNode;
  onCancel: () => void;
  children?: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      role="alertdialog"
      title={title}
      description={description}
      footer={
        confirm && (
          <>
            <Button variant="secondary" onClick={onCancel} data-autofocus>
              Cancel
            </Button>
            {confirm}
          </>
        )
      }
    >
      {children}
    </Dialog>
  );
}
