'use client';

import { useId, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { tokenSpecSchema } from '@/lib/tokens/token-spec';
import { ApiRequestError, errorMessage } from '@/lib/panel/api-client';
import { checkSelector } from '@/lib/panel/check-selector';
import { ROLE_HINTS, ROLE_LABELS, type RoleName } from '@/lib/panel/roles';
import { useCreateToken } from '@/lib/panel/token-queries';
import { useDebouncedValue } from '@/lib/panel/use-debounced-value';
import { SelectorProblemHint } from '@/components/labels/selector-problem';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { RegionRadios } from '@/components/ui/region-radios';
import { MatchingApps } from './matching-apps';

/**
 * New Token: name, label selector (checked as you type, with the apps it
 * matches now), role and region. Generate returns to the list, where the
 * secret is shown once.
 */
export function NewTokenForm({ regions, initialSelector }: { regions: string[]; initialSelector: string }) {
  const router = useRouter();
  const create = useCreateToken();
  const id = useId();
  const [name, setName] = useState('');
  const [selector, setSelector] = useState(initialSelector);
  const [role, setRole] = useState<RoleName>('read');
  const [region, setRegion] = useState(regions[0] ?? '');
  const [nameError, setNameError] = useState<string | null>(null);

  const problem = checkSelector(selector);
  const settled = useDebouncedValue(selector, 250);
  const previewSelector = checkSelector(settled) === null ? settled.trim() : null;
  const canGenerate = problem === null && name.trim() !== '' && !create.isPending;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canGenerate) return;
    const input = { name: name.trim(), labelSelector: selector.trim(), role, region };
    const parsed = tokenSpecSchema(regions).safeParse(input);
    if (!parsed.success) {
      setNameError(parsed.error.issues.find((issue) => issue.path[0] === 'name')?.message ?? null);
      return;
    }
    setNameError(null);
    try {
      await create.mutateAsync(input);
      // The secret waits in memory for the list; it never goes into the URL.
      router.push('/tokens');
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) setNameError(error.message);
    }
  }

  const nameId = `${id}-name`;
  const selectorId = `${id}-selector`;
  const selectorDescribedBy = problem ? `${selectorId}-problem` : `${selectorId}-hint ${selectorId}-preview`;

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="new-token-heading" className="space-y-6">
      <fieldset className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <legend className="sr-only">Token</legend>
        <Field id={nameId} label="Name" error={nameError} hint="To recognise the token in the list, e.g. the team or program using it.">
          <input
            id={nameId}
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={64}
            required
            autoComplete="off"
            placeholder="my-read-token"
            aria-invalid={Boolean(nameError) || undefined}
            aria-describedby={describedBy(nameId, { hint: true, error: nameError })}
            className={inputClass(Boolean(nameError))}
          />
        </Field>

        <div>
          <label htmlFor={selectorId} className="mb-1 block text-sm font-medium text-slate-900">
            Label selector
          </label>
          <input
            id={selectorId}
            value={selector}
            onChange={(event) => setSelector(event.target.value)}
            placeholder="group=A"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problem !== null || undefined}
            aria-describedby={selectorDescribedBy}
            className={inputClass(problem !== null, 'font-mono')}
          />
          {problem ? (
            <SelectorProblemHint id={`${selectorId}-problem`} text={selector} problem={problem} />
          ) : (
            <>
              <p id={`${selectorId}-hint`} className="mt-1 text-xs text-slate-600">
                The token reaches every app whose labels match, e.g. <code className="font-mono">group=A</code> or{' '}
                <code className="font-mono">ovh/id=&lt;app id&gt;</code>. Empty: every app of the project in the region.
              </p>
              {previewSelector !== null && <MatchingApps id={`${selectorId}-preview`} selector={previewSelector} region={region} />}
            </>
          )}
        </div>

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
                  checked={role === option}
                  onChange={() => setRole(option)}
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

        <RegionRadios name="region" legend="Region" regions={regions} value={region} onChange={setRegion} />
      </fieldset>

      {create.isError && !(create.error instanceof ApiRequestError && create.error.status === 409) && (
        <Alert tone="error" title="The token could not be generated">
          {errorMessage(create.error)}
        </Alert>
      )}

      <div className="flex flex-col-reverse items-stretch gap-3 sm:flex-row sm:items-center sm:justify-end">
        {problem && (
          <p id={`${id}-blocked`} className="text-sm text-red-700 sm:mr-auto">
            Fix the label selector to generate the token.
          </p>
        )}
        <ButtonLink href="/tokens" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" disabled={!canGenerate} pending={create.isPending} aria-describedby={problem ? `${id}-blocked` : undefined}>
          Generate
        </Button>
      </div>
    </form>
  );
}
