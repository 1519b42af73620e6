import type { ReactNode } from 'react';
import { Alert } from './alert';
import { Button } from './button';

/** A failed action's error, kept on screen until the user dismisses it. */
export function DismissibleError({ title, className, onDismiss, children }: { title?: ReactNode; className?: string; onDismiss: () => void; children: ReactNode }) {
  return (
    <Alert
      tone="error"
      title={title}
      className={className}
      action={
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          Dismiss
        </Button>
      }
    >
      {children}
    </Alert>
  );
}
