import { errorMessage } from '@/lib/panel/api-client';
import { Alert } from './alert';
import { Button } from './button';

/** What a panel view shows when its data could not be loaded: the reason and a Retry button. */
export function LoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  return (
    <Alert
      tone="error"
      title={title}
      action={
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Retry
        </Button>
      }
    >
      {errorMessage(error)}
    </Alert>
  );
}
