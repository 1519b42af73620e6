'use client';

import { useId } from 'react';
import type { SelectorProblem } from '@/lib/panel/check-selector';
import { STATE_FILTERS, type StateFilter } from '@/lib/panel/apps-list-params';
import { SelectorProblemHint } from '@/components/labels/selector-problem';
import { inputClass } from '@/components/ui/field';

/** Search by name or id, a state filter, and the label selector the API filters by. */
export function AppsFilters({
  q,
  state,
  selectorText,
  problem,
  staleSelector,
  onSearch,
  onState,
  onSelector,
}: {
  q: string;
  state: StateFilter;
  selectorText: string;
  problem: SelectorProblem | null;
  /** While the selector is wrong: the last valid one, whose result stays on screen. */
  staleSelector: string | null;
  onSearch: (q: string) => void;
  onState: (state: StateFilter) => void;
  onSelector: (text: string) => void;
}) {
  const id = useId();
  return (
    <div className="mb-4 grid gap-3 md:grid-cols-[minmax(0,14rem)_minmax(0,10rem)_minmax(0,1fr)] md:items-start">
      <div>
        <label htmlFor={`${id}-q`} className="mb-1 block text-sm font-medium">
          Search
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(event) => onSearch(event.target.value)}
          placeholder="Name or ID"
          spellCheck={false}
          autoComplete="off"
          className={inputClass(false)}
        />
      </div>
      <div>
        <label htmlFor={`${id}-state`} className="mb-1 block text-sm font-medium">
          State
        </label>
        <select id={`${id}-state`} value={state} onChange={(event) => onState(event.target.value as StateFilter)} className={inputClass(false, 'h-[38px] py-0')}>
          <option value="any">Any state</option>
          {Object.entries(STATE_FILTERS).map(([value, filter]) => (
            <option key={value} value={value}>
              {filter.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-selector`} className="mb-1 block text-sm font-medium">
          Filter by label selector
        </label>
        <input
          id={`${id}-selector`}
          type="search"
          value={selectorText}
          onChange={(event) => onSelector(event.target.value)}
          placeholder="group=A,env in (prod,staging)"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== null || undefined}
          aria-describedby={problem ? `${id}-problem ${id}-stale` : `${id}-hint`}
          className={inputClass(problem !== null, 'font-mono')}
        />
        {problem ? (
          <>
            <SelectorProblemHint id={`${id}-problem`} text={selectorText} problem={problem} />
            <p id={`${id}-stale`} className="mt-1 text-xs text-slate-700">
              {staleSelector
                ? `The list below still shows the apps matching ${staleSelector}, the last valid selector.`
                : 'The list below still shows all the apps, unfiltered.'}
            </p>
          </>
        ) : (
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
            Such as <code>group=A</code>, <code>env!=prod</code>, <code>tier in (a,b)</code>, <code>gpu</code> or <code>!gpu</code>; commas mean “and”.
          </p>
        )}
      </div>
    </div>
  );
}
