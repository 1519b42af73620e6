'use client';

import { useId } from 'react';
import { MAX_REPLICAS } from '@/lib/apps/app-spec';
import { InputField } from '@/components/ui/input-field';

export interface ResourceValues {
  cpu: string;
  memoryMiB: string;
  /** Left out on Edit: the update API does not scale. */
  replicas?: string;
}

/** Limits per replica (blank: none), and on a new app how many replicas run. */
export function ResourcesFields({
  values,
  errorOf,
  onChange,
}: {
  values: ResourceValues;
  errorOf: (key: string) => string | undefined;
  onChange: (patch: Partial<ResourceValues>, changed: string[]) => void;
}) {
  const id = useId();
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <InputField
        id={`${id}-cpu`}
        label="CPU"
        optional
        value={values.cpu}
        onChange={(value) => onChange({ cpu: value }, ['cpu'])}
        error={errorOf('cpu')}
        hint="Cores per replica, e.g. 0.5. Empty: no limit."
        inputMode="decimal"
        inputClassName="max-w-40"
      />
      <InputField
        id={`${id}-memory`}
        label="Memory (MiB)"
        optional
        value={values.memoryMiB}
        onChange={(value) => onChange({ memoryMiB: value }, ['memoryMiB'])}
        error={errorOf('memoryMiB')}
        hint="Per replica, at least 16. Empty: no limit."
        inputMode="numeric"
        inputClassName="max-w-40"
      />
      {values.replicas !== undefined && (
        <InputField
          id={`${id}-replicas`}
          label="Replicas"
          value={values.replicas}
          onChange={(value) => onChange({ replicas: value }, ['replicas'])}
          error={errorOf('replicas')}
          hint={`Copies of the app sharing its traffic, 1 to ${MAX_REPLICAS}.`}
          inputMode="numeric"
          inputClassName="max-w-40"
        />
      )}
    </div>
  );
}
