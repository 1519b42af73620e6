'use client';

import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '@/lib/panel/api-client';
import { useSetAppLabel } from '@/lib/panel/app-queries';
import { isPlatformLabel } from '@/lib/panel/label-rows';
import { DismissibleError } from '@/components/ui/dismissible-error';
import { Card } from '@/components/ui/card';
import { CrossIcon } from '@/components/ui/icons';
import { useToast } from '@/components/ui/toast';
import { AddLabelForm } from './add-label-form';

/**
 * Labels: every label, the platform's included; the user's own can be added,
 * changed and removed. Removing a chip hands the focus to the next chip's
 * remove button (or the previous one, or the Key field when none is left), so
 * the keyboard user is never dropped to <body>.
 */
export function AppLabels({ appId, appName, labels, onChanged }: { appId: string; appName: string; labels: Record<string, string>; onChanged: () => void }) {
  const setLabel = useSetAppLabel(appId);
  const notify = useToast();
  const listRef = useRef<HTMLUListElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const [focusAfterRemove, setFocusAfterRemove] = useState<number | null>(null);
  const entries = Object.entries(labels).sort(([a], [b]) => Number(isPlatformLabel(a)) - Number(isPlatformLabel(b)) || a.localeCompare(b));

  useEffect(() => {
    if (focusAfterRemove === null) return;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-remove]') ?? [];
    // Wait for the optimistic update to take the chip away.
    if (buttons.length > 0 && Array.from(buttons).some((button) => button === document.activeElement)) return;
    (buttons[Math.min(focusAfterRemove, buttons.length - 1)] ?? keyRef.current)?.focus();
    setFocusAfterRemove(null);
  }, [labels, focusAfterRemove]);

  function remove(name: string, index: number) {
    if (setLabel.isPending) return;
    setFocusAfterRemove(index);
    setLabel.mutate(
      { name, value: null },
      {
        onSuccess: () => {
          notify(`Label ${name} removed from ${appName}`);
          onChanged();
        },
        onError: () => setFocusAfterRemove(null),
      },
    );
  }

  let userIndex = 0;
  return (
    <Card title="Labels" titleId="labels-heading">
      <ul ref={listRef} aria-labelledby="labels-heading" className="flex flex-wrap gap-2">
        {entries.map(([name, labelValue]) => {
          const platform = isPlatformLabel(name);
          const index = platform ? -1 : userIndex++;
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
                <span className="ml-1 rounded bg-white px-1 py-0.5 font-sans text-[10px] font-semibold tracking-wide text-slate-600 uppercase">platform</span>
              ) : (
                <button
                  type="button"
                  data-remove
                  aria-label={`Remove label ${name}`}
                  aria-disabled={setLabel.isPending || undefined}
                  onClick={() => remove(name, index)}
                  className="inline-flex h-6 w-6 items-center justify-center rounded text-brand-900/70 hover:bg-brand-100 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-brand-600 aria-disabled:opacity-50"
                >
                  <CrossIcon className="h-3.5 w-3.5" />
                </button>
              )}
            </li>
          );
        })}
      </ul>

      <AddLabelForm
        labels={labels}
        keyRef={keyRef}
        pending={setLabel.isPending && setLabel.variables?.value !== null}
        onSave={(name, value, done) =>
          setLabel.mutate(
            { name, value },
            {
              onSuccess: () => {
                notify(name in labels ? `Label ${name} changed to ${value} on ${appName}` : `Label ${name}=${value} added to ${appName}`);
                done();
                onChanged();
              },
            },
          )
        }
      />

      {setLabel.isError && (
        <DismissibleError
          className="mt-4"
          onDismiss={() => {
            setLabel.reset();
            keyRef.current?.focus();
          }}
        >
          Could not {setLabel.variables?.value === null ? `remove ${setLabel.variables.name}` : 'save the label'}: {errorMessage(setLabel.error)}
        </DismissibleError>
      )}
    </Card>
  );
}
