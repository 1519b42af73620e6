'use client';

import { useId, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { ApiRequestError, errorMessage } from '@/lib/panel/api-client';
import { checkSelector } from '@/lib/panel/check-selector';
import { apiIssues, errorsFromIssues } from '@/lib/panel/field-errors';
import { checkTokenForm, newTokenValues, tokenFieldOf, tokenIssueMessage } from '@/lib/panel/token-form-check';
import { useCreateToken } from '@/lib/panel/token-queries';
import { useDebouncedValue } from '@/lib/panel/use-debounced-value';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { InputField } from '@/components/ui/input-field';
import { RegionRadios } from '@/components/ui/region-radios';
import { AllowedIpsField } from './allowed-ips-field';
import { DescriptionField } from './description-field';
import { ExpiryField } from './expiry-field';
import { RoleRadios } from './role-radios';
import { SelectorField } from './selector-field';
import { useTokenForm } from './use-token-form';

/**
 * New Token: name and description, label selector (checked as you type, with
 * the apps it matches now), role, region, expiration and allowed IPs. Checked
 * with the server's schema before it is sent; Generate returns to the list,
 * where the secret is shown once.
 */
export function NewTokenForm({ regions, initialSelector }: { regions: string[]; initialSelector: string }) {
  const router = useRouter();
  const create = useCreateToken();
  const id = useId();
  // The form's clock for hints ("will expire on …"); Generate counts from its own instant.
  const [openedAt] = useState(() => Date.now());
  const { values, change, errorOf, errors, leave, show, clear, formRef } = useTokenForm(
    () => newTokenValues(regions[0] ?? '', initialSelector),
    (values) => checkTokenForm(values, regions, Date.now()),
  );

  const problem = checkSelector(values.labelSelector);
  const settled = useDebouncedValue(values.labelSelector, 250);
  const previewSelector = checkSelector(settled) === null ? settled.trim() : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (problem || create.isPending) return;
    const result = checkTokenForm(values, regions, Date.now());
    if (!result.ok) return show(result.errors);
    clear();
    try {
      await create.mutateAsync(result.body);
      // The secret waits in memory for the list; it never goes into the URL.
      router.push('/tokens');
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) return show({ name: { message: error.message, from: 'server' } });
      const issues = apiIssues(error).map((issue) => ({ ...issue, message: tokenIssueMessage(issue.path, issue.message) }));
      if (issues.length > 0) show(errorsFromIssues(issues, tokenFieldOf, 'server'));
    }
  }

  const placed = create.error instanceof ApiRequestError && (create.error.status === 409 || apiIssues(create.error).length > 0);
  const fieldErrors = Object.keys(errors).length;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="new-token-heading" className="space-y-6">
      <fieldset className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <legend className="sr-only">Token</legend>
        <InputField
          id={`${id}-name`}
          label="Name"
          value={values.name}
          onChange={(name) => change({ name }, ['name'])}
          onBlur={() => leave('name')}
          error={errorOf('name')}
          hint="To recognise the token in the list, e.g. the team or program using it."
          maxLength={64}
          required
          placeholder="my-read-token"
        />
        <DescriptionField
          id={`${id}-description`}
          value={values.description}
          error={errorOf('description')}
          onChange={(description) => change({ description }, ['description'])}
        />
        <SelectorField
          id={`${id}-selector`}
          value={values.labelSelector}
          problem={problem}
          serverError={errorOf('labelSelector')}
          onChange={(labelSelector) => change({ labelSelector }, ['labelSelector'])}
          preview={previewSelector}
          region={values.region}
        />
        <RoleRadios value={values.role} onChange={(role) => change({ role }, ['role'])} />
        <RegionRadios name="region" legend="Region" regions={regions} value={values.region} onChange={(region) => change({ region }, ['region'])} />
      </fieldset>

      <fieldset className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <legend className="sr-only">Limits</legend>
        <ExpiryField
          id={`${id}-expiry`}
          choice={values.expiry}
          date={values.expiryDate}
          error={errorOf('expiryDate')}
          now={openedAt}
          onChoice={(expiry) => change({ expiry }, ['expiryDate'])}
          onDate={(expiryDate) => change({ expiryDate }, ['expiryDate'])}
          onDateBlur={() => leave('expiryDate')}
        />
        <AllowedIpsField
          id={`${id}-ips`}
          value={values.allowedIps}
          error={errorOf('allowedIps')}
          onChange={(allowedIps) => change({ allowedIps }, ['allowedIps'])}
          onBlur={() => leave('allowedIps')}
        />
      </fieldset>

      {create.isError && !placed && (
        <Alert tone="error" title="The token could not be generated">
          {errorMessage(create.error)}
        </Alert>
      )}

      <div className="flex flex-col-reverse items-stretch gap-3 sm:flex-row sm:items-center sm:justify-end">
        {problem ? (
          <p id={`${id}-blocked`} className="text-sm text-red-700 sm:mr-auto">
            Fix the label selector to generate the token.
          </p>
        ) : (
          fieldErrors > 0 && (
            <p className="text-sm font-medium text-red-700 sm:mr-auto">
              {fieldErrors === 1 ? 'One field needs a fix: it is marked above.' : `${fieldErrors} fields need a fix: they are marked above.`}
            </p>
          )
        )}
        <ButtonLink href="/tokens" variant="secondary">
          Cancel
        </ButtonLink>
        {/* Only a broken selector blocks Generate, and the line above says so; anything else is said on Generate. */}
        <Button type="submit" disabled={problem !== null} pending={create.isPending} aria-describedby={problem ? `${id}-blocked` : undefined}>
          Generate
        </Button>
      </div>
    </form>
  );
}
