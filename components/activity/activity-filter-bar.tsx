'use client';

import { useId } from 'react';
import type { AppDto } from '@/lib/apps/app-dto';
import { shortId } from '@/lib/panel/activity-describe';
import { ACTION_GROUPS, isFiltered, type ActivityFilters } from '@/lib/panel/activity-filters';
import type { Me } from '@/lib/panel/activity-queries';
import type { TokenDto } from '@/lib/panel/token-queries';
import { inputClass } from '@/components/ui/field';

type Option = { value: string; label: string };

/** A filter's select: "All …" first, then the options; an id from the address that no list holds still shows. */
function FilterSelect({ label, all, value, options, onChange }: { label: string; all: string; value: string | null; options: Option[]; onChange: (value: string | null) => void }) {
  const id = useId();
  const known = value === null || options.some((option) => option.value === value);
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)} className={inputClass(false)}>
        <option value="">{all}</option>
        {!known && value && <option value={value}>{shortId(value)} (deleted)</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The Activity page's filters. Each applies as it is chosen (the list below
 * changes, nothing else does) and goes into the address, so a filtered view
 * can be shared and Back undoes a filter.
 */
export function ActivityFilterBar({
  filters,
  tokens,
  apps,
  me,
  onChange,
}: {
  filters: ActivityFilters;
  tokens: TokenDto[];
  apps: AppDto[];
  me: Me;
  /** A change to apply; a new filter starts again from the first page. */
  onChange: (change: Partial<ActivityFilters>) => void;
}) {
  const actionId = useId();
  const set = (change: Partial<ActivityFilters>) => onChange({ ...change, page: 0 });
  const tokenOptions = tokens.map((token) => ({ value: token.id, label: token.spec.name }));
  const appOptions = apps.map((app) => ({ value: app.id, label: `${app.spec.name} (${app.spec.region})` }));
  const actorOptions = [{ value: me.id, label: `You (${me.email})` }, ...tokenOptions.map((option) => ({ ...option, label: `Token ${option.label}` }))];
  const knownAction = filters.action === null || ACTION_GROUPS.some((group) => group.options.some((option) => option.value === filters.action));

  return (
    <div role="group" aria-label="Filters" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <FilterSelect label="Token" all="All tokens" value={filters.token} options={tokenOptions} onChange={(token) => set({ token })} />
        <FilterSelect label="App" all="All apps" value={filters.app} options={appOptions} onChange={(app) => set({ app })} />
        <div className="min-w-0">
          <label htmlFor={actionId} className="mb-1 block text-xs font-medium text-slate-700">
            Action
          </label>
          <select id={actionId} value={filters.action ?? ''} onChange={(event) => set({ action: event.target.value || null })} className={inputClass(false)}>
            <option value="">All actions</option>
            {!knownAction && filters.action && <option value={filters.action}>{filters.action}</option>}
            {ACTION_GROUPS.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <FilterSelect label="Done by" all="Anyone" value={filters.actor} options={actorOptions} onChange={(actor) => set({ actor })} />
      </div>
      {isFiltered(filters) && (
        <button
          type="button"
          onClick={() => onChange({ token: null, app: null, action: null, actor: null, page: 0 })}
          className="mt-3 text-sm font-medium text-brand-600 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
