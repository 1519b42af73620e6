'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

// A page of the panel failed on the server (database down, a bug): say so and offer a retry.
export default function PanelError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Alert
      tone="error"
      title="This page could not be loaded"
      action={
        <Button variant="secondary" size="sm" onClick={() => reset()}>
          Try again
        </Button>
      }
    >
      Tollgate could not answer just now.{error.digest ? ` Reference: ${error.digest}.` : ''}
    </Alert>
  );
}
