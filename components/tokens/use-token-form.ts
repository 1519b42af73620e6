'use client';

import { useEffect, useRef, useState } from 'react';
import { messages, refreshErrors, type FieldErrors } from '@/lib/panel/field-errors';
import type { TokenFormCheck, TokenFormValues } from '@/lib/panel/token-form-check';

/**
 * The New Token form's values and the errors under its fields. An error shows
 * when the user leaves a field that is wrong, or on Generate (then the first
 * invalid field takes the focus); once shown, it follows the user's fixes as
 * they type and goes when the field is right.
 */
export function useTokenForm(initial: () => TokenFormValues, check: (values: TokenFormValues) => TokenFormCheck) {
  const [values, setValues] = useState<TokenFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusRequest === 0) return;
    // DOM order is reading order: the first field marked invalid.
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  function currentMessages(next: TokenFormValues): Record<string, string> {
    const result = check(next);
    return result.ok ? {} : messages(result.errors);
  }

  /** A change in the fields `changed` (error keys): errors on show are checked again. */
  function change(patch: Partial<TokenFormValues>, changed: readonly string[]) {
    const next = { ...values, ...patch };
    setValues(next);
    if (Object.keys(errors).length > 0) setErrors(refreshErrors(errors, currentMessages(next), changed));
  }

  /** The user left `field`: say now what is wrong with it, if anything (an empty field waits for Generate). */
  function leave(field: keyof TokenFormValues & string, key: string = field) {
    if (values[field] === '') return;
    const message = currentMessages(values)[key];
    if (message) setErrors((shown) => ({ ...shown, [key]: { message, from: 'client' } }));
  }

  /** Errors from Generate (the check, or the server's answer): shown, and the first invalid field focused. */
  function show(next: FieldErrors) {
    setErrors(next);
    setFocusRequest((n) => n + 1);
  }

  return { values, errors, change, leave, show, clear: () => setErrors({}), formRef, errorOf: (key: string) => errors[key]?.message ?? null };
}
