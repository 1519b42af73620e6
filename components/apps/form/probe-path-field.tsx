'use client';

import { InputField } from '@/components/ui/input-field';

/** The health check's path, for an app Tollgate runs and for an external one alike; `hint` says what answers it there. */
export function ProbePathField({
  id,
  value,
  error,
  hint,
  inputClassName,
  onChange,
}: {
  id: string;
  value: string;
  error: string | undefined;
  hint: string;
  inputClassName: string;
  onChange: (value: string) => void;
}) {
  return <InputField id={id} label="Health check path" value={value} onChange={onChange} error={error} hint={hint} placeholder="/" inputClassName={inputClassName} />;
}
