// Line icons drawn in the text colour; decorative (aria-hidden): the control around one names it.

/** A bin: removes a row. */
export function TrashIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
    </svg>
  );
}

/** A cross: dismisses or removes; `className` sizes it. */
export function CrossIcon({ className }: { className: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={className} fill="none" stroke="currentColor" strokeWidth="2.5">
      <path d="m6 6 12 12M18 6 6 18" />
    </svg>
  );
}
