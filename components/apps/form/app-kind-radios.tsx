'use client';

import type { AppKind } from '@/lib/panel/app-form-values';

const KINDS: { kind: AppKind; title: string; text: string }[] = [
  { kind: 'image', title: 'Deploy an image', text: 'Tollgate runs the app and gates it.' },
  { kind: 'external', title: 'Protect an existing URL', text: 'The app already runs elsewhere: Tollgate only gates it.' },
];

/** The New app form's first choice: what kind of app it adds. */
export function AppKindRadios({ value, onChange }: { value: AppKind; onChange: (kind: AppKind) => void }) {
  return (
    <fieldset>
      <legend className="sr-only">What to add</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {KINDS.map(({ kind, title, text }) => (
          <label
            key={kind}
            className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-300 bg-white px-4 py-3 shadow-sm has-checked:border-brand-600 has-checked:bg-brand-50 has-checked:ring-1 has-checked:ring-brand-600 has-focus-visible:ring-2 has-focus-visible:ring-brand-100"
          >
            <input type="radio" name="app-kind" value={kind} checked={value === kind} onChange={() => onChange(kind)} className="mt-0.5 h-4 w-4 accent-brand-600" />
            <span>
              <span className="block text-sm font-semibold text-slate-900">{title}</span>
              <span className="block text-xs text-slate-600">{text}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
