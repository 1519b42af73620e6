'use client';

import { useId, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { appSpecSchema } from '@/lib/apps/app-spec';
import { useCreateApp } from '@/lib/panel/app-queries';
import { ApiRequestError, errorMessage } from '@/lib/panel/api-client';
import { checkLabelRows, labelRowsValid, rowsToLabels, type LabelRow } from '@/lib/panel/label-rows';
import type { ImageOption } from '@/lib/dal/panel-options';
import { LabelRowsEditor } from '@/components/labels/label-rows-editor';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { FormSection as Section } from '@/components/ui/form-section';
import { RegionRadios } from '@/components/ui/region-radios';
import { Switch } from '@/components/ui/switch';

type FieldErrors = Partial<Record<'name' | 'image' | 'region' | 'defaultHttpPort' | 'labels', string>>;

/** New app: the spec the API takes, checked with the server's own schema before it is sent. */
export function NewAppForm({ regions, images }: { regions: string[]; images: ImageOption[] }) {
  const router = useRouter();
  const create = useCreateApp();
  const id = useId();
  const [name, setName] = useState('');
  const [image, setImage] = useState(images[0]?.image ?? '');
  const [region, setRegion] = useState(regions[0] ?? '');
  const [port, setPort] = useState('8080');
  const [unsecure, setUnsecure] = useState(false);
  const [rows, setRows] = useState<LabelRow[]>([]);
  const [nextRowId, setNextRowId] = useState(1);
  const [errors, setErrors] = useState<FieldErrors>({});

  const checks = checkLabelRows(rows);
  const labelsOk = labelRowsValid(checks, rows);
  const imageInfo = images.find((entry) => entry.image === image);

  function addRow() {
    setRows((current) => [...current, { id: nextRowId, key: '', value: '' }]);
    setNextRowId((n) => n + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!labelsOk || create.isPending) return;
    const spec = { name, image, region, labels: rowsToLabels(rows), defaultHttpPort: port, unsecureHttp: unsecure };
    const parsed = appSpecSchema({ regions }).safeParse(spec);
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof FieldErrors | undefined;
        if (field && !found[field]) found[field] = issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    try {
      const app = await create.mutateAsync({ ...spec, image: parsed.data.image, defaultHttpPort: parsed.data.defaultHttpPort });
      router.push(`/apps/${app.id}`);
    } catch (error) {
      // The server's zod issues name the field: show them where they belong.
      if (error instanceof ApiRequestError && Array.isArray(error.details)) {
        const found: FieldErrors = {};
        for (const issue of error.details as { path?: unknown[]; message?: string }[]) {
          const field = issue.path?.[0] as keyof FieldErrors | undefined;
          if (field && issue.message && !found[field]) found[field] = issue.message;
        }
        setErrors(found);
      }
    }
  }

  const nameId = `${id}-name`;
  const imageId = `${id}-image`;
  const portId = `${id}-port`;
  const unsecureId = `${id}-unsecure`;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-labelledby="new-app-heading">
      <Section title="General information">
        <Field id={nameId} label="Name" error={errors.name} hint="Letters, digits, spaces, '.', '_' and '-'.">
          <input
            id={nameId}
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={64}
            required
            autoComplete="off"
            placeholder="hello-world"
            aria-invalid={Boolean(errors.name) || undefined}
            aria-describedby={describedBy(nameId, { hint: true, error: errors.name })}
            className={inputClass(Boolean(errors.name))}
          />
        </Field>
        <Field id={imageId} label="Image" error={errors.image} hint={imageInfo?.description}>
          <select
            id={imageId}
            value={image}
            onChange={(event) => setImage(event.target.value)}
            aria-describedby={describedBy(imageId, { hint: imageInfo, error: errors.image })}
            className={inputClass(Boolean(errors.image), 'font-mono')}
          >
            {images.map((entry) => (
              <option key={entry.image} value={entry.image}>
                {entry.image}
              </option>
            ))}
          </select>
        </Field>
        <RegionRadios name="region" legend="Region" regions={regions} value={region} onChange={setRegion} error={errors.region} />
      </Section>

      <Section title="Access">
        <Field id={portId} label="Port" error={errors.defaultHttpPort} hint="The HTTP port your app listens on (8080 by default).">
          <input
            id={portId}
            type="number"
            inputMode="numeric"
            min={1}
            max={65535}
            value={port}
            onChange={(event) => setPort(event.target.value)}
            aria-invalid={Boolean(errors.defaultHttpPort) || undefined}
            aria-describedby={describedBy(portId, { hint: true, error: errors.defaultHttpPort })}
            className={inputClass(Boolean(errors.defaultHttpPort), 'max-w-40')}
          />
        </Field>
        <div>
          <Switch id={unsecureId} label="Unsecure HTTP" checked={unsecure} onChange={setUnsecure} describedBy={`${unsecureId}-note`} />
          <div id={`${unsecureId}-note`} className="mt-2">
            {unsecure ? (
              <Alert tone="warning" title="Anyone can reach this app">
                With Unsecure HTTP, the app&apos;s URL answers every request without a token. Only use it for public content.
              </Alert>
            ) : (
              <p className="text-xs text-slate-600">Off: only requests with a token whose scope covers this app get through.</p>
            )}
          </div>
        </div>
      </Section>

      <Section
        title="Labels"
        description={
          <>
            Tokens are scoped by labels: a token with the selector <code className="font-mono">group=A</code> reaches every app labelled{' '}
            <code className="font-mono">group=A</code>. Every app also gets <code className="font-mono">ovh/id</code> and{' '}
            <code className="font-mono">ovh/type</code>.
          </>
        }
      >
        <LabelRowsEditor
          rows={rows}
          checks={checks}
          onAdd={addRow}
          onRemove={(rowId) => setRows((current) => current.filter((row) => row.id !== rowId))}
          onChange={(rowId, change) => setRows((current) => current.map((row) => (row.id === rowId ? { ...row, ...change } : row)))}
        />
        {errors.labels && <p className="text-xs font-medium text-red-700">{errors.labels}</p>}
      </Section>

      {create.isError && (
        <Alert tone="error" title="The app could not be deployed">
          {errorMessage(create.error)}
        </Alert>
      )}

      <div className="flex flex-col-reverse items-stretch gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-center sm:justify-end">
        {!labelsOk && (
          <p className="text-sm text-red-700 sm:mr-auto" id={`${id}-blocked`}>
            Fix the label errors above to deploy.
          </p>
        )}
        <ButtonLink href="/apps" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" disabled={!labelsOk} pending={create.isPending} aria-describedby={!labelsOk ? `${id}-blocked` : undefined}>
          Deploy
        </Button>
      </div>
    </form>
  );
}
