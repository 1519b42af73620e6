'use client';

import { useState, type ReactNode } from 'react';
import { Alert } from './ui/alert';
import { Button } from './ui/button';

/** The failed-sign-in notice (its text rendered on the server), shown until dismissed. */
export function SignInNoticeBox({ onDismiss, children }: { onDismiss: () => Promise<void>; children: ReactNode }) {
  const [open, setOpen] = useState(true);
  if (!open) return null;
  return (
    <Alert
      tone="warning"
      live
      title="Failed sign-in attempts"
      className="mb-6"
      action={
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setOpen(false);
            void onDismiss();
          }}
        >
          Dismiss
        </Button>
      }
    >
      {children}
    </Alert>
  );
}
