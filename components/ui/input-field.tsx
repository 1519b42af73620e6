import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy, Field, inputClass } from './field';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value' | 'className'>;

/**
 * A text input inside <Field>, with its hint and error wired to it
 * (aria-invalid, aria-describedby), so every field of a form says the same
 * things to a screen reader.
 */
export function InputField({
  id,
  label,
  hint,
  error,
  optional,
  value,
  onChange,
  inputClassName = '',
  children,
  ...rest
}: InputProps & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  optional?: boolean;
  value: string;
  onChange: (value: string) => void;
  inputClassName?: string;
  /** Rendered after the input (a datalist, a preview). */
  children?: ReactNode;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={describedBy(id, { hint, error })}
        className={inputClass(Boolean(error), inputClassName)}
        {...rest}
      />
      {children}
    </Field>
  );
}
