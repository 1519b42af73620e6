'use client';

import { useId, useState, type FormEvent } from 'react';
import { validateLabelKey, validateLabelValue } from '@/lib/labels/label-rules';
import { isReservedLabelKey } from '@/lib/labels/platform-labels';
import { errorMessage } from '@/lib/panel/api-client';
import { useSetAppLabel } from '@/lib/panel/app-queries';
import { DismissibleError } from '@/components/ui/dismissible-error';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';

/** Tags: every label, the platform's included; user labels can be added, changed and removed. */
export function AppTags({ appId, labels, onChanged }: { appId: string; labels: Record<string, string>; onChanged: () => void }) {
  const setLabel = useSetAppLabel(appId);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const id = useId();

  const keyError = key === '' ? null : isReservedLabelKey(key) ? 'ovh/ labels are set by the platform and cannot be changed' : validateLabelKey(key);
  const valueError = validateLabelValue(value);
  const canAdd = key !== '' && keyError === null && valueError === null;
  const entries = Object.entries(labels).sort(([a], [b]) => Number(a.startsWith('ovh/')) - Number(b.startsWith('ovh/')) || a.localeCompare(b));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canAdd) return;
    setLabel.mutate(
      { name: key, value },
      {
        onSuccess: () => {
          setKey('');
          setValue('');
          onChanged();
        },
      },
    );
  }

  return (
    <Card title="Tags" titleId="tags-heading">
      <ul aria-labelledby="tags-heading" className="flex flex-wrap gap-2">
        {entries.map(([name, labelValue]) => {
          const platform = isReservedLabelKey(name);
          return (
            <li
              key={name}
              className={`inline-flex max-w-full items-center gap-1 rounded-md py-1 pr-1 pl-2 font-mono text-xs ${
                platform ? 'bg-slate-100 text-slate-700' : 'bg-brand-50 text-brand-900'
              }`}
            >
              <span className="break-all">
                {name}={labelValue}
              </span>
              {platform ? (
                <span className="ml-1 rounded bg-white px-1 py-0.5 font-sans text-[10px] font-semibold tracking-wide text-slate-500 uppercase">
                  platform
                </span>
              ) : (
                <button
                  type="button"
                  aria-label={`Remove label ${name}`}
                  disabled={setLabel.isPending}
                  onClick={() => setLabel.mutate({ name, value: null }, { onSuccess: onChanged })}
                  className="inline-flex h-5 w-5 items-center justify-center rounded text-brand-900/60 hover:bg-brand-100 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50"
                >
                  <svg aria-hidden="true" viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2.5">
                    <path d="m6 6 12 12M18 6 6 18" />
                  </svg>
                </button>
              )}
            </li>
          );
        })}
      </ul>

      <form onSubmit={onSubmit} noValidate className="mt-4 border-t border-slate-100 pt-4" aria-label="Add a label">
        <div className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
          <div>
            <label htmlFor={`${id}-key`} className="mb-1 block text-xs font-medium text-slate-700">
              Key
            </label>
            <input
              id={`${id}-key`}
              value={key}
              onChange={(event) => setKey(event.target.value)}
              placeholder="group"
              spellCheck={false}
              autoComplete="off"
              aria-invalid={Boolean(keyError) || undefined}
              aria-describedby={keyError ? `${id}-key-error` : undefined}
              className={inputClass(Boolean(keyError), 'font-mono')}
            />
            {keyError && (
              <p id={`${id}-key-error`} className="mt-1 text-xs font-medium text-red-700">
                {keyError}
              </p>
            )}
          </div>
          <div>
            <label htmlFor={`${id}-value`} className="mb-1 block text-xs font-medium text-slate-700">
              Value
            </label>
            <input
              id={`${id}-value`}
              value={value}
              onChange={(event) => setValue(event.target.value)}
              placeholder="A"
              spellCheck={false}
              autoComplete="off"
              aria-invalid={Boolean(valueError) || undefined}
              aria-describedby={valueError ? `${id}-value-error` : undefined}
              className={inputClass(Boolean(valueError), 'font-mono')}
            />
            {valueError && (
              <p id={`${id}-value-error`} className="mt-1 text-xs font-medium text-red-700">
                {valueError}
              </p>
            )}
          </div>
          <Button type="submit" variant="secondary" className="sm:mt-5" disabled={!canAdd} pending={setLabel.isPending && setLabel.variables?.value !== null}>
            {key !== '' && key in labels ? 'Update label' : 'Add label'}
          </Button>
        </div>
        <p className="mt-2 text-xs text-slate-600">Setting an existing key changes its value. Tokens see the change on their very next request.</p>
      </form>

      {setLabel.isError && (
        <DismissibleError className="mt-4" onDismiss={() => setLabel.reset()}>
          Could not {setLabel.variables?.value === null ? `remove ${setLabel.variables.name}` : 'save the label'}: {errorMessage(setLabel.error)}
        </DismissibleError>
      )}
    </Card>
  );
}
