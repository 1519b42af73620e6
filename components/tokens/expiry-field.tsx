'use client';

import { formatDateTime } from '@/lib/panel/format-date';
import { EXPIRY_CHOICES, expiryFromChoice, localDateInput, type ExpiryChoice } from '@/lib/panel/token-expiry';
import { describedBy, Field, inputClass } from '@/components/ui/field';

/** What the choice means, as GitHub says it: "The token will expire on …". */
function expiryHint(choice: ExpiryChoice, date: string, now: number): string {
  if (choice === 'none') return 'The token works until you delete it. A token that expires is safer if it leaks or is forgotten.';
  const result = expiryFromChoice(choice, date, now);
  if (!result.ok || result.expiresAt === null) return 'The token works through the end of the day you pick, in your time zone.';
  return `The token will expire on ${formatDateTime(result.expiresAt)}.`;
}

/** Expiration: 7, 30 or 90 days, a custom date, or none. */
export function ExpiryField({
  id,
  choice,
  date,
  error,
  now,
  onChoice,
  onDate,
  onDateBlur,
}: {
  id: string;
  choice: ExpiryChoice;
  date: string;
  error: string | null;
  /** When the form opened: the hint's dates count from it. */
  now: number;
  onChoice: (choice: ExpiryChoice) => void;
  onDate: (date: string) => void;
  onDateBlur: () => void;
}) {
  const selectId = `${id}-choice`;
  const dateId = `${id}-date`;
  const hint = expiryHint(choice, date, now);
  return (
    <div className="space-y-2">
      <Field id={selectId} label="Expiration" hint={choice === 'custom' ? undefined : hint}>
        <select
          id={selectId}
          value={choice}
          onChange={(event) => onChoice(event.target.value as ExpiryChoice)}
          aria-describedby={choice === 'custom' ? undefined : `${selectId}-hint`}
          className={inputClass(false, 'sm:w-60')}
        >
          {EXPIRY_CHOICES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      {choice === 'custom' && (
        <Field id={dateId} label="Expires at the end of" hint={hint} error={error}>
          <input
            id={dateId}
            type="date"
            value={date}
            min={localDateInput(now, 1)}
            onChange={(event) => onDate(event.target.value)}
            onBlur={onDateBlur}
            aria-invalid={Boolean(error) || undefined}
            aria-describedby={describedBy(dateId, { hint, error })}
            className={inputClass(Boolean(error), 'sm:w-60')}
          />
        </Field>
      )}
    </div>
  );
}
