'use client';

import { useId, useRef, useState } from 'react';
import type { EnvRow } from '@/lib/panel/app-form-values';
import { Button } from '@/components/ui/button';
import { EnvVarRow } from './env-var-row';

/**
 * Env vars as rows with "Add env var". A new row takes the focus; removing a
 * row hands it to "Add env var", so the keyboard never falls back to the top
 * of the page. Errors are read by key: `env.<row id>.name|value`, `envVars`.
 */
export function EnvVarsEditor({
  rows,
  errorOf,
  onChange,
}: {
  rows: EnvRow[];
  errorOf: (key: string) => string | undefined;
  /** The new rows, and the error keys of the fields that changed. */
  onChange: (rows: EnvRow[], changed: string[]) => void;
}) {
  const baseId = useId();
  const addRef = useRef<HTMLButtonElement>(null);
  const [added, setAdded] = useState<number | null>(null);
  const listError = errorOf('envVars');

  function add() {
    const id = Math.max(0, ...rows.map((row) => row.id)) + 1;
    setAdded(id);
    onChange([...rows, { id, name: '', value: '', secret: false, keptName: null }], []);
  }

  function remove(id: number) {
    onChange(
      rows.filter((row) => row.id !== id),
      [`env.${id}.name`, `env.${id}.value`, 'envVars'],
    );
    addRef.current?.focus();
  }

  function update(id: number, change: Partial<EnvRow>) {
    const keys = ['name' in change ? `env.${id}.name` : `env.${id}.value`, 'envVars'];
    onChange(
      rows.map((row) => (row.id === id ? { ...row, ...change } : row)),
      keys,
    );
  }

  return (
    <div>
      {rows.length > 0 && (
        <div aria-hidden="true" className="mb-1 hidden grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto_2.5rem] gap-2 text-xs font-medium text-slate-600 sm:grid">
          <span>Name</span>
          <span>Value</span>
          <span className="w-[4.5rem]" />
        </div>
      )}
      <ul aria-label="Env vars" className="space-y-3">
        {rows.map((row, index) => (
          <EnvVarRow
            key={row.id}
            row={row}
            index={index}
            baseId={baseId}
            nameError={errorOf(`env.${row.id}.name`)}
            valueError={errorOf(`env.${row.id}.value`)}
            autoFocus={row.id === added}
            onChange={(change) => update(row.id, change)}
            onRemove={() => remove(row.id)}
          />
        ))}
      </ul>
      {listError && <p className="mt-2 text-xs font-medium text-red-700">{listError}</p>}
      <Button ref={addRef} variant="secondary" size="sm" className="mt-3" onClick={add}>
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5">
          <path d="M12 5v14M5 12h14" />
        </svg>
        Add env var
      </Button>
    </div>
  );
}
