'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import { formatDateTime } from '@/lib/panel/format-date';
import { DEFAULT_CUSTOM_GRACE, graceSeconds, graceUntil, type CustomGrace, type GraceChoice } from '@/lib/panel/token-grace';
import type { TokenDto } from '@/lib/panel/token-queries';
import { relativeTime } from '@/lib/panel/token-time';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { GraceFields } from './grace-fields';

/** What happens to the current secret, in words, for the choice made. */
function outcome(seconds: number | null, now: number): string {
  if (seconds === 0) return 'The current secret stops working on its very next request, and browser sessions opened with it end.';
  if (seconds === null) return 'The current secret and its browser sessions keep working for the time you choose, so you can roll the new one out.';
  const until = new Date(now + seconds * 1000).toISOString();
  return `The current secret and its browser sessions keep working until ${formatDateTime(until)} (${relativeTime(until, now)}), so you can roll the new one out.`;
}

/**
 * Regenerate, confirmed: a new secret, and how long the one it replaces keeps
 * working. Mounted only while open, so each opening starts from "now" (the
 * API's own default).
 */
export function RegenerateDialog({ token, onCancel, onConfirm }: { token: TokenDto; onCancel: () => void; onConfirm: (gracePeriodSeconds: number) => void }) {
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // The moment the dialog opened: the hints and limits count from it (seconds do not matter here).
  const [now] = useState(() => Date.now());
  const [choice, setChoice] = useState<GraceChoice>('now');
  const [custom, setCustom] = useState<CustomGrace>(DEFAULT_CUSTOM_GRACE);
  const [tried, setTried] = useState(false);

  const result = graceSeconds(choice, custom, now);
  // Shown once Regenerate was pressed, then kept in step with each fix.
  const error = tried && !result.ok ? { field: result.field, message: result.message } : null;
  const runningGrace = graceUntil(token, now);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Counted again from this instant: the dialog may have been open a while.
    const checked = graceSeconds(choice, custom, Date.now());
    if (!checked.ok) {
      setTried(true);
      // After React marks it: the field the message is about takes the focus.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onConfirm(checked.seconds);
  }

  return (
    <ConfirmDialog
      onCancel={onCancel}
      title="Regenerate token?"
      description={
        <>
          A new secret replaces the current one of <strong>{token.spec.name}</strong>. The name, scope and role stay the same.
        </>
      }
      confirm={
        <Button type="submit" form={formId}>
          Regenerate
        </Button>
      }
    >
      <form id={formId} ref={formRef} onSubmit={submit} noValidate className="space-y-3">
        <GraceFields choice={choice} custom={custom} error={error} now={now} onChoice={setChoice} onCustom={setCustom} />
        <p className="text-sm text-slate-700">{outcome(result.ok ? result.seconds : null, now)}</p>
        {runningGrace && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
            The secret replaced by the last Regenerate still works until {formatDateTime(runningGrace)}. Regenerating again ends it now: only the
            current secret can get a grace period.
          </p>
        )}
      </form>
    </ConfirmDialog>
  );
}
