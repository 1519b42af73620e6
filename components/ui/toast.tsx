'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { CrossIcon } from './icons';

interface Toast {
  id: number;
  message: string;
}

type Notify = (message: string) => void;

const ToastContext = createContext<Notify | null>(null);

/** How long a toast stays; hovering or focusing it holds it (WCAG 2.2.1). */
const SHOW_MS = 8_000;

/**
 * Success messages ("App hello deployed") in one polite live region that lives
 * in the panel's layout, so a message said just before a navigation (Delete →
 * the Apps list) is still read out after it. The region is in the page from the
 * start: screen readers ignore live regions that appear together with their text.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const notify = useCallback<Notify>((message) => {
    const id = nextId.current++;
    // Three at most: older news is stale.
    setToasts((current) => [...current.slice(-2), { id, message }]);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);

  return (
    <ToastContext value={notify}>
      {children}
      <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-end gap-2 sm:left-auto">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => onDismiss(toast.id), SHOW_MS);
    return () => clearTimeout(timer);
  }, [held, toast.id, onDismiss]);
  return (
    <div
      data-toast
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className="pointer-events-auto flex max-w-sm items-start gap-3 rounded-md border border-green-200 bg-white px-4 py-3 text-sm text-slate-900 shadow-lg"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="mt-0.5 h-5 w-5 shrink-0 text-green-600" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <circle cx="12" cy="12" r="10" />
        <path d="m8 12 3 3 5-6" />
      </svg>
      <p className="min-w-0 flex-1 break-words">{toast.message}</p>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => onDismiss(toast.id)}
        className="-mt-0.5 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <CrossIcon className="h-4 w-4" />
      </button>
    </div>
  );
}

/** Says a success politely. Outside the panel (sign-in) it does nothing. */
export function useToast(): Notify {
  return useContext(ToastContext) ?? noop;
}

function noop() {}
