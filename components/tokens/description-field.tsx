'use client';

import { describedBy, Field, inputClass } from '@/components/ui/field';

export const DESCRIPTION_MAX = 280;

/** What the token is for, up to 280 characters; the count left shows near the end. */
export function DescriptionField({ id, value, error, onChange }: { id: string; value: string; error: string | null; onChange: (value: string) => void }) {
  const left = DESCRIPTION_MAX - value.length;
  const hint = left < 40 ? `${left} character${left === 1 ? '' : 's'} left.` : 'Who uses it and for what, for whoever looks at it next.';
  return (
    <Field id={id} label="Description" optional hint={hint} error={error}>
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        rows={2}
        maxLength={DESCRIPTION_MAX}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={describedBy(id, { hint, error })}
        className={inputClass(Boolean(error))}
      />
    </Field>
  );
}
