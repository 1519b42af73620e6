'use client';

import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { validateLabelKey, validateLabelValue } from '@/lib/labels/label-rules';
import { isPlatformLabel, PLATFORM_LABEL_ERROR } from '@/lib/panel/label-rows';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

/**
 * Add or change one label. The button never turns itself off: Enter on a
 * wrong key says why under the field and puts the focus there. After a save
 * the focus goes back to Key, ready for the next label.
 */
export function AddLabelForm({
  labels,
  keyRef,
  pending,
  onSave,
}: {
  labels: Record<string, string>;
  keyRef: RefObject<HTMLInputElement | null>;
  pending: boolean;
  onSave: (name: string, value: string, done: () => void) => void;
}) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [tried, setTried] = useState(false);
  const valueRef = useRef<HTMLInputElement>(null);
  const id = useId();

  // Wrong characters show as they are typed; a missing key only once Add was tried.
  const keyError = key === '' ? (tried ? 'Enter a key, such as group' : null) : isPlatformLabel(key) ? PLATFORM_LABEL_ERROR : validateLabelKey(key);
  const valueError = validateLabelValue(value);
  const updating = key !== '' && !isPlatformLabel(key) && key in labels;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setTried(true);
    const missing = key === '';
    if (missing || keyError) return keyRef.current?.focus();
    if (valueError) return valueRef.current?.focus();
    onSave(key, value, () => {
      setKey('');
      setValue('');
      setTried(false);
      keyRef.current?.focus();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 border-t border-slate-100 pt-4" aria-label="Add a label">
      <div className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
        <div>
          <label htmlFor={`${id}-key`} className="mb-1 block text-xs font-medium text-slate-700">
            Key
          </label>
          <input
            ref={keyRef}
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
            ref={valueRef}
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
        <Button type="submit" variant="secondary" className="sm:mt-5" pending={pending}>
          {updating ? 'Update label' : 'Add label'}
        </Button>
      </div>
      <p className="mt-2 text-xs text-slate-600">Setting an existing key changes its value. Tokens see the change on their very next request.</p>
    </form>
  );
}
