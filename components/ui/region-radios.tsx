'use client';

import { useId } from 'react';

const REGION_NAMES: Record<string, string> = {
  GRA: 'Gravelines, France',
  BHS: 'Beauharnois, Canada',
  SBG: 'Strasbourg, France',
  WAW: 'Warsaw, Poland',
  UK: 'London, United Kingdom',
  DE: 'Frankfurt, Germany',
};

/** Regions as radio cards: the code, and the city when it is one of OVHcloud's. */
export function RegionRadios({
  name,
  legend,
  regions,
  value,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  regions: string[];
  value: string;
  onChange: (region: string) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-900">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {regions.map((region) => (
          <label
            key={region}
            className="flex cursor-pointer items-center gap-3 rounded-md border border-slate-300 bg-white px-3 py-2.5 has-checked:border-brand-600 has-checked:bg-brand-50 has-focus-visible:ring-2 has-focus-visible:ring-brand-100"
          >
            <input
              type="radio"
              name={name}
              value={region}
              checked={value === region}
              onChange={() => onChange(region)}
              className="h-4 w-4 accent-brand-600"
            />
            <span>
              <span className="block text-sm font-semibold">{region}</span>
              {REGION_NAMES[region] && <span className="block text-xs text-slate-600">{REGION_NAMES[region]}</span>}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
