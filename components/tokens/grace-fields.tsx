'use client';

import { useId } from 'react';
import { GRACE_CHOICES, GRACE_UNITS, latestGraceInput, localDateTimeInput, type CustomGrace, type GraceChoice, type GraceUnit } from '@/lib/panel/token-grace';
import { inputClass } from '@/components/ui/field';

const RADIO_CARD =
  'flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-2.5 py-2 text-sm whitespace-nowrap has-checked:border-brand-600 has-checked:bg-brand-50 has-focus-visible:ring-2 has-focus-visible:ring-brand-100';

/**
 * "Old secret stops": now, in 1 hour, in 24 hours, or custom (a number and a
 * unit, or a date and time). The error sits under the custom input it is
 * about, which is marked invalid.
 */
export function GraceFields({
  choice,
  custom,
  error,
  now,
  onChoice,
  onCustom,
}: {
  choice: GraceChoice;
  custom: CustomGrace;
  error: { field: 'amount' | 'until'; message: string } | null;
  now: number;
  onChoice: (choice: GraceChoice) => void;
  onCustom: (custom: CustomGrace) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const amountError = error?.field === 'amount' ? error.message : null;
  const untilError = error?.field === 'until' ? error.message : null;
  const set = (change: Partial<CustomGrace>) => onCustom({ ...custom, ...change });

  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-slate-900">Old secret stops</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {GRACE_CHOICES.map((option) => (
          <label key={option.value} className={RADIO_CARD}>
            <input
              type="radio"
              name={`${id}-grace`}
              value={option.value}
              checked={choice === option.value}
              onChange={() => onChoice(option.value)}
              className="h-4 w-4 accent-brand-600"
            />
            {option.label}
          </label>
        ))}
      </div>

      {choice === 'custom' && (
        <fieldset className="mt-3 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
          <legend className="sr-only">Custom grace period</legend>
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={`${id}-mode`}
                checked={custom.mode === 'duration'}
                onChange={() => set({ mode: 'duration' })}
                className="h-4 w-4 accent-brand-600"
              />
              After
            </label>
            <input
              type="text"
              inputMode="decimal"
              aria-label="Amount of time"
              value={custom.amount}
              // Typing here means this way of saying it.
              onFocus={() => custom.mode !== 'duration' && set({ mode: 'duration' })}
              onChange={(event) => set({ amount: event.target.value, mode: 'duration' })}
              aria-invalid={Boolean(amountError) || undefined}
              aria-describedby={amountError ? errorId : undefined}
              className={inputClass(Boolean(amountError), 'w-20')}
            />
            <select
              aria-label="Unit"
              value={custom.unit}
              onChange={(event) => set({ unit: event.target.value as GraceUnit, mode: 'duration' })}
              className={inputClass(false, 'w-auto')}
            >
              {Object.keys(GRACE_UNITS).map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={`${id}-mode`}
                checked={custom.mode === 'until'}
                onChange={() => set({ mode: 'until', until: custom.until || localDateTimeInput(now, 3600_000) })}
                className="h-4 w-4 accent-brand-600"
              />
              At
            </label>
            <input
              type="datetime-local"
              aria-label="Date and time the old secret stops"
              value={custom.until}
              min={localDateTimeInput(now)}
              max={latestGraceInput(now)}
              onFocus={() => custom.mode !== 'until' && set({ mode: 'until' })}
              onChange={(event) => set({ until: event.target.value, mode: 'until' })}
              aria-invalid={Boolean(untilError) || undefined}
              aria-describedby={untilError ? errorId : undefined}
              className={inputClass(Boolean(untilError), 'w-auto')}
            />
          </div>
          <p className="text-xs text-slate-600">Up to 7 days.</p>
          {error && (
            <p id={errorId} className="text-xs font-medium text-red-700">
              {error.message}
            </p>
          )}
        </fieldset>
      )}
    </fieldset>
  );
}
