'use client';

import { describedBy, Field, inputClass } from '@/components/ui/field';

const HINT = (
  <>
    One per line or comma-separated: addresses such as <code className="font-mono">203.0.113.7</code> and ranges such as{' '}
    <code className="font-mono">10.0.0.0/8</code>, IPv4 or IPv6. Requests from anywhere else get 403. Empty: from anywhere.
  </>
);

/** Allowed IPs: where the token may be used from, checked with the server's own rule (the error names the entry). */
export function AllowedIpsField({
  id,
  value,
  error,
  onChange,
  onBlur,
}: {
  id: string;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  return (
    <Field id={id} label="Allowed IPs" optional hint={HINT} error={error}>
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        placeholder={'203.0.113.7\n10.0.0.0/8'}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={describedBy(id, { hint: true, error })}
        className={inputClass(Boolean(error), 'font-mono')}
      />
    </Field>
  );
}
