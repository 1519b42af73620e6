'use client';

type Tone = 'warning' | 'danger' | 'brand';

const ON: Record<Tone, string> = { warning: 'bg-amber-500', danger: 'bg-red-600', brand: 'bg-brand-600' };

/** An on/off control (role="switch") with its visible label; `tone` colours it when on (amber: a risk, red: a danger). */
export function Switch({
  id,
  checked,
  onChange,
  label,
  describedBy,
  tone = 'warning',
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  describedBy?: string;
  tone?: Tone;
}) {
  return (
    <div className="flex items-center gap-3">
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-describedby={describedBy}
        onClick={() => onChange(!checked)}
        className={`relative inline-flex h-6 w-11 shrink-0 rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${
          checked ? ON[tone] : 'bg-slate-300'
        }`}
      >
        <span
          aria-hidden="true"
          className={`absolute top-0.5 left-0.5 h-5 w-5 rounded-full bg-white shadow transition-transform ${checked ? 'translate-x-5' : ''}`}
        />
      </button>
      <label htmlFor={id} className={`text-sm font-medium ${tone === 'danger' && checked ? 'text-red-700' : 'text-slate-900'}`}>
        {label}
      </label>
    </div>
  );
}
