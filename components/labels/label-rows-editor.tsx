'use client';

import { useEffect, useId, useRef } from 'react';
import type { LabelRow, LabelRowCheck } from '@/lib/panel/label-rows';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { RemoveRowButton } from '@/components/ui/remove-row-button';

/**
 * Labels as key/value rows with "Add label". Each row is a group named
 * "Label N" holding fields named "Key" and "Value"; errors show under the row
 * as it is typed. The rows are plain <div role="group">s: a group cannot be a
 * list item (axe's `list` rule), and the count is in each group's name.
 */
export function LabelRowsEditor({
  rows,
  checks,
  onChange,
  onAdd,
  onRemove,
}: {
  rows: LabelRow[];
  checks: LabelRowCheck[];
  onChange: (id: number, change: Partial<Pick<LabelRow, 'key' | 'value'>>) => void;
  onAdd: () => void;
  onRemove: (id: number) => void;
}) {
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  // After a row is removed, its place's Key field (or Add label) takes the focus, not <body>.
  const focusAt = useRef<number | null>(null);
  useEffect(() => {
    const at = focusAt.current;
    if (at === null) return;
    focusAt.current = null;
    const keys = listRef.current?.querySelectorAll<HTMLInputElement>('input[aria-label="Key"]') ?? [];
    (keys[at] ?? addRef.current)?.focus();
  }, [rows.length]);
  return (
    <div>
      {rows.length > 0 && (
        <div aria-hidden="true" className="mb-1 hidden grid-cols-[1fr_1fr_2.5rem] gap-2 text-xs font-medium text-slate-600 sm:grid">
          <span>Key</span>
          <span>Value</span>
        </div>
      )}
      <div ref={listRef} className="space-y-3">
        {rows.map((row, index) => {
          const check = checks[index] ?? { keyError: null, valueError: null };
          const rowId = `${baseId}-${row.id}`;
          const messages = [
            check.keyError && { id: `${rowId}-key-error`, text: `Key: ${check.keyError}` },
            check.valueError && { id: `${rowId}-value-error`, text: `Value: ${check.valueError}` },
          ].filter((m): m is { id: string; text: string } => Boolean(m));
          return (
            <div key={row.id} role="group" aria-label={`Label ${index + 1}`}>
              <div className="grid grid-cols-[1fr_1fr_2.5rem] items-start gap-2">
                <input
                  aria-label="Key"
                  value={row.key}
                  onChange={(event) => onChange(row.id, { key: event.target.value })}
                  placeholder="group"
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={Boolean(check.keyError) || undefined}
                  aria-describedby={check.keyError ? `${rowId}-key-error` : undefined}
                  className={inputClass(Boolean(check.keyError), 'font-mono')}
                />
                <input
                  aria-label="Value"
                  value={row.value}
                  onChange={(event) => onChange(row.id, { value: event.target.value })}
                  placeholder="A"
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={Boolean(check.valueError) || undefined}
                  aria-describedby={check.valueError ? `${rowId}-value-error` : undefined}
                  className={inputClass(Boolean(check.valueError), 'font-mono')}
                />
                <RemoveRowButton
                  label={`Remove label ${index + 1}`}
                  onClick={() => {
                    focusAt.current = index;
                    onRemove(row.id);
                  }}
                />
              </div>
              {messages.map((message) => (
                <p key={message.id} id={message.id} className="mt-1 text-xs font-medium text-red-700">
                  {message.text}
                </p>
              ))}
            </div>
          );
        })}
      </div>
      <Button ref={addRef} variant="secondary" size="sm" className="mt-3" onClick={onAdd}>
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5">
          <path d="M12 5v14M5 12h14" />
        </svg>
        Add label
      </Button>
    </div>
  );
}
