import { ApiRequestError, errorMessage } from '@/lib/panel/api-client';
import { Alert } from './alert';
import { Button, ButtonLink } from './button';
import { EmptyState } from './empty-state';

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

/**
 * What a detail page shows when its one record could not be loaded: "does not exist" (the API
 * answered 404) with a way back to the list, else the reason and a Retry button.
 */
export function RecordLoadError({
  noun,
  back,
  error,
  onRetry,
}: {
  /** "app", "token": in "This app does not exist" and "The app could not be loaded". */
  noun: string;
  back: { href: string; label: string };
  error: unknown;
  onRetry: () => void;
}) {
  return error instanceof ApiRequestError && error.status === 404 ? (
    <EmptyState title={`This ${noun} does not exist`} action={<ButtonLink href={back.href}>{back.label}</ButtonLink>}>
      It may have been deleted, or it belongs to a project you are not a member of.
    </EmptyState>
  ) : (
    <LoadError title={`The ${noun} could not be loaded`} error={error} onRetry={onRetry} />
  );
}
