'use client';

import type { UseMutationResult } from '@tanstack/react-query';
import type { AppDto } from '@/lib/apps/app-dto';
import type { Checked } from '@/lib/panel/app-form-check';
import { fieldKeyOf } from '@/lib/panel/app-form-check';
import { apiIssues, errorsFromIssues, type FieldErrors } from '@/lib/panel/field-errors';

interface FormErrors {
  showErrors: (errors: FieldErrors) => void;
  clearErrors: () => void;
}

/**
 * Sends a checked body with `mutation`: the client's errors are shown without
 * a request; a 400's issues land under the fields they name (env vars by the
 * row they were sent from). Resolves with the app, or null when it was not saved.
 */
export function useSubmitSpec<T>(form: FormErrors, mutation: UseMutationResult<AppDto, Error, T>) {
  return async (checked: Checked<T>): Promise<AppDto | null> => {
    if (mutation.isPending) return null;
    if (!checked.ok) {
      form.showErrors(checked.errors);
      return null;
    }
    form.clearErrors();
    try {
      return await mutation.mutateAsync(checked.body);
    } catch (error) {
      const issues = apiIssues(error);
      if (issues.length > 0) form.showErrors(errorsFromIssues(issues, fieldKeyOf(checked.rowIds), 'server'));
      return null;
    }
  };
}
