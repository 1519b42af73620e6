'use client';

import type { SelectorProblem } from '@/lib/panel/check-selector';
import { SelectorProblemHint } from '@/components/labels/selector-problem';
import { inputClass } from '@/components/ui/field';
import { MatchingApps } from './matching-apps';

/**
 * The label selector, parsed as you type by the server's own parser (the
 * caret shows where it broke), with the apps it matches now once it settles.
 */
export function SelectorField({
  id,
  value,
  problem,
  serverError,
  onChange,
  preview,
  region,
}: {
  id: string;
  value: string;
  problem: SelectorProblem | null;
  serverError: string | null;
  onChange: (value: string) => void;
  /** The settled, valid selector to preview; null while typing or broken. */
  preview: string | null;
  region: string;
}) {
  const invalid = problem !== null || serverError !== null;
  const describedBy = problem ? `${id}-problem` : [serverError ? `${id}-error` : null, `${id}-hint`, preview !== null ? `${id}-preview` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-900">
        Label selector
      </label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="group=A"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={inputClass(invalid, 'font-mono')}
      />
      {problem ? (
        <SelectorProblemHint id={`${id}-problem`} text={value} problem={problem} />
      ) : (
        <>
          {serverError && (
            <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
              {serverError}
            </p>
          )}
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
            The token reaches every app whose labels match, e.g. <code className="font-mono">group=A</code> or{' '}
            <code className="font-mono">ovh/id=&lt;app id&gt;</code>. Empty: every app of the project in the region. Tollgate saves it in one spelling, spaces dropped and
            requirements sorted: <code className="font-mono">b = 1, a=2</code> is saved as <code className="font-mono">a=2,b=1</code>.
          </p>
          {preview !== null && <MatchingApps id={`${id}-preview`} selector={preview} region={region} />}
        </>
      )}
    </div>
  );
}
