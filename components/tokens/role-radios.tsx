'use client';

import { useId } from 'react';
import { ROLE_HINTS, ROLE_LABELS, type RoleName } from '@/lib/panel/roles';

/** The two roles as radio cards, each with what it allows. */
export function RoleRadios({ value, onChange }: { value: RoleName; onChange: (role: RoleName) => void }) {
  const id = useId();
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-900">Role</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {(Object.keys(ROLE_LABELS) as RoleName[]).map((option) => (
          <label
            key={option}
            className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 bg-white px-3 py-2.5 has-checked:border-brand-600 has-checked:bg-brand-50 has-focus-visible:ring-2 has-focus-visible:ring-brand-100"
          >
            <input
              type="radio"
              name="role"
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
              aria-describedby={`${id}-role-${option}`}
              className="mt-0.5 h-4 w-4 accent-brand-600"
            />
            <span>
              <span className="block text-sm font-semibold">{ROLE_LABELS[option]}</span>
              <span id={`${id}-role-${option}`} className="block text-xs text-slate-600">
                {ROLE_HINTS[option]}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
