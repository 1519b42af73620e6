import { apiIssues, type FieldErrors } from '@/lib/panel/field-errors';
import { errorMessage } from '@/lib/panel/api-client';
import { Alert } from '@/components/ui/alert';

/**
 * What went wrong that no field shows: a refused request (403, 409, a network
 * failure) or an issue the form cannot place. Focusable, so that when nothing
 * else is marked invalid, the form can move the focus here.
 */
export function FormProblem({ title, errors, failure }: { title: string; errors: FieldErrors; failure: Error | null }) {
  // A 400 whose issues were placed under the fields says nothing more here.
  const unplaced = failure && apiIssues(failure).length === 0 ? errorMessage(failure) : null;
  const message = errors.form?.message ?? unplaced;
  const fieldCount = Object.keys(errors).filter((key) => key !== 'form').length;
  if (!message && fieldCount === 0) return null;
  if (!message) {
    // The fields say it themselves, and the first one has the focus: a quiet summary, no alert.
    return (
      <p className="text-sm font-medium text-red-700">
        {fieldCount === 1 ? 'One field needs a fix: it is marked above.' : `${fieldCount} fields need a fix: they are marked above.`}
      </p>
    );
  }
  return (
    <div tabIndex={-1} data-form-error className="outline-none">
      <Alert tone="error" title={title}>
        {message}
      </Alert>
    </div>
  );
}
