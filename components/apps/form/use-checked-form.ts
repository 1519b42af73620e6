'use client';

import { useEffect, useRef, useState } from 'react';
import { messages, refreshErrors, type FieldErrors } from '@/lib/panel/field-errors';

type Check<V> = (values: V) => { ok: true } | { ok: false; errors: FieldErrors };

/**
 * A form's values and the errors shown under its fields. Errors appear on
 * submit (from the client check or the server's 400), follow the user's fixes
 * as they type, and on each showing the first invalid field takes the focus.
 */
export function useCheckedForm<V extends object>(initial: V | (() => V), check: Check<V>) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusRequest === 0) return;
    // DOM order is reading order: the first field marked invalid, else the form's own error.
    const form = formRef.current;
    const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[data-form-error]');
    first?.focus();
  }, [focusRequest]);

  /** Applies a change made in the fields `changed` (error keys), re-checking the errors on show. */
  function change(patch: Partial<V>, changed: readonly string[]) {
    const next = { ...values, ...patch };
    setValues(next);
    if (Object.keys(errors).length === 0) return;
    const result = check(next);
    setErrors(refreshErrors(errors, result.ok ? {} : messages(result.errors), changed));
  }

  function showErrors(next: FieldErrors) {
    setErrors(next);
    setFocusRequest((n) => n + 1);
  }

  return {
    values,
    change,
    errors,
    showErrors,
    clearErrors: () => setErrors({}),
    formRef,
    errorOf: (key: string): string | undefined => errors[key]?.message,
  };
}
