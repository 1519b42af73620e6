'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { inputClass } from '@/components/ui/field';

/** Stop asks first: the app's users lose it until someone starts it again. */
export function StopAppDialog({ open, name, onCancel, onConfirm }: { open: boolean; name: string; onCancel: () => void; onConfirm: () => void }) {
  return (
    <ConfirmDialog
      open={open}
      onCancel={onCancel}
      title={`Stop ${name}?`}
      description="Its users get a “not running” page until you start it again. Its labels, tokens and settings stay."
      confirm={
        <Button variant="danger" onClick={onConfirm}>
          Stop app
        </Button>
      }
    />
  );
}

/**
 * Delete cannot be undone, so the app's name must be typed first (as GitHub
 * and Cloudflare ask): a slip of Enter on the wrong page deletes nothing.
 */
export function DeleteAppDialog({
  open,
  name,
  pending,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  name: string;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      open={open}
      onCancel={onCancel}
      title={`Delete ${name}?`}
      description="The app stops and is removed for good. Tokens scoped to it stay, with one app less to reach."
    >
      {/* Keyed by open: each opening starts with an empty field. */}
      {open && <TypeNameForm key={String(open)} name={name} pending={pending} onCancel={onCancel} onConfirm={onConfirm} />}
    </ConfirmDialog>
  );
}

function TypeNameForm({ name, pending, onCancel, onConfirm }: { name: string; pending: boolean; onCancel: () => void; onConfirm: () => void }) {
  const [typed, setTyped] = useState('');
  const [tried, setTried] = useState(false);
  const id = useId();
  const matches = typed.trim() === name;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!matches) {
      setTried(true);
      return;
    }
    onConfirm();
  }

  const error = tried && !matches ? `Type ${name} exactly, to confirm.` : null;
  return (
    <form onSubmit={submit} noValidate>
      <label htmlFor={id} className="block text-sm text-slate-900">
        To confirm, type <strong className="font-mono break-all">{name}</strong>
      </label>
      <input
        id={id}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass(Boolean(error), 'mt-1.5 font-mono')}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
      <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" pending={pending}>
          {pending ? 'Deleting…' : 'Delete app'}
        </Button>
      </div>
    </form>
  );
}
