'use client';

import { useState } from 'react';
import type { EnvRow } from '@/lib/panel/app-form-values';
import { inputClass } from '@/components/ui/field';
import { RemoveRowButton } from '@/components/ui/remove-row-button';

type Change = Partial<Pick<EnvRow, 'name' | 'value' | 'secret'>>;

/**
 * One env var: name, value, a Secret checkbox, a Show/Hide toggle for a
 * secret's value and Remove. The row is a group named "Env var N", its fields
 * "Variable name" and "Variable value", each with its own error under the row.
 */
export function EnvVarRow({
  row,
  index,
  baseId,
  nameError,
  valueError,
  autoFocus,
  onChange,
  onRemove,
}: {
  row: EnvRow;
  index: number;
  baseId: string;
  nameError?: string;
  valueError?: string;
  autoFocus: boolean;
  onChange: (change: Change) => void;
  onRemove: () => void;
}) {
  const [revealed, setRevealed] = useState(false);
  const id = `${baseId}-${row.id}`;
  const number = index + 1;
  const kept = row.keptName !== null && row.value === '';
  const masked = row.secret && !revealed;
  const notes = [
    nameError && { id: `${id}-name-error`, text: `Name: ${nameError}`, tone: 'error' },
    valueError && { id: `${id}-value-error`, text: `Value: ${valueError}`, tone: 'error' },
    kept && !valueError && { id: `${id}-kept`, text: 'The secret keeps its current value unless you type a new one.', tone: 'note' },
  ].filter((note): note is { id: string; text: string; tone: string } => Boolean(note));
  const valueDescribedBy = [valueError && `${id}-value-error`, kept && !valueError && `${id}-kept`].filter(Boolean).join(' ') || undefined;

  return (
    // The group sits inside the list item: a list item cannot itself be a group (axe's `list` rule).
    <li>
      <div role="group" aria-label={`Env var ${number}`}>
        <div className="grid grid-cols-[1fr_2.5rem] items-start gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto_2.5rem]">
          <input
            aria-label="Variable name"
            value={row.name}
            onChange={(event) => onChange({ name: event.target.value })}
            placeholder="MODEL_NAME"
            spellCheck={false}
            autoComplete="off"
            autoFocus={autoFocus}
            aria-invalid={Boolean(nameError) || undefined}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
            className={inputClass(Boolean(nameError), 'col-span-1 font-mono')}
          />
          <div className="relative col-span-2 row-start-2 sm:col-span-1 sm:row-start-auto">
            <input
              aria-label="Variable value"
              type={masked ? 'password' : 'text'}
              value={row.value}
              onChange={(event) => onChange({ value: event.target.value })}
              placeholder={kept ? '•••• unchanged' : 'value'}
              spellCheck={false}
              // Not a password of this site: keep password managers from offering to save it.
              autoComplete="off"
              data-1p-ignore
              data-lpignore="true"
              aria-invalid={Boolean(valueError) || undefined}
              aria-describedby={valueDescribedBy}
              className={inputClass(Boolean(valueError), `font-mono ${row.secret ? 'pr-16' : ''}`)}
            />
            {row.secret && (
              <button
                type="button"
                aria-pressed={revealed}
                aria-label={`${revealed ? 'Hide' : 'Show'} the value of env var ${number}`}
                onClick={() => setRevealed((shown) => !shown)}
                className="absolute inset-y-1 right-1 rounded px-2 text-xs font-medium text-brand-600 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                {revealed ? 'Hide' : 'Show'}
              </button>
            )}
          </div>
          <label className="col-start-1 row-start-3 inline-flex h-[38px] items-center gap-2 text-sm text-slate-800 sm:col-start-auto sm:row-start-auto">
            <input
              type="checkbox"
              checked={row.secret}
              onChange={(event) => {
                setRevealed(false);
                onChange({ secret: event.target.checked });
              }}
              className="h-4 w-4 accent-brand-600"
            />
            Secret
          </label>
          <RemoveRowButton
            label={`Remove env var ${number}`}
            onClick={onRemove}
            className="col-start-2 row-start-1 sm:col-start-auto sm:row-start-auto"
          />
        </div>
        {notes.map((note) => (
          <p key={note.id} id={note.id} className={`mt-1 text-xs ${note.tone === 'error' ? 'font-medium text-red-700' : 'text-slate-600'}`}>
            {note.text}
          </p>
        ))}
      </div>
    </li>
  );
}
