'use client';

import { useId, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import type { ImageOption } from '@/lib/dal/panel-options';
import { checkNewApp, type SpecOptions } from '@/lib/panel/app-form-check';
import { newAppValues, type NewAppValues } from '@/lib/panel/app-form-values';
import { checkExternalApp } from '@/lib/panel/external-app';
import { useCreateApp } from '@/lib/panel/app-queries';
import { checkLabelRows, labelRowsValid, type LabelRow } from '@/lib/panel/label-rows';
import { LabelRowsEditor } from '@/components/labels/label-rows-editor';
import { Button, ButtonLink } from '@/components/ui/button';
import { FormSection as Section } from '@/components/ui/form-section';
import { InputField } from '@/components/ui/input-field';
import { RegionRadios } from '@/components/ui/region-radios';
import { AppKindRadios } from './form/app-kind-radios';
import { CommandEnvSection } from './form/command-env-section';
import { FormProblem } from './form/form-problem';
import { ImageField } from './form/image-field';
import { PortProbeFields } from './form/port-probe-fields';
import { ResourcesFields } from './form/resources-fields';
import { UnsecureHttpSwitch } from './form/unsecure-http-switch';
import { UpstreamFields } from './form/upstream-fields';
import { useToast } from '@/components/ui/toast';
import { useCheckedForm } from './form/use-checked-form';
import { useSubmitSpec } from './form/use-submit-spec';

/** The form as POST /v1/app's body: an image to deploy, or the URL of an app that runs elsewhere. */
function checkAppForm(values: NewAppValues, options: SpecOptions) {
  return values.kind === 'external' ? checkExternalApp(values, options) : checkNewApp(values, options);
}

/**
 * New app: first what kind (deploy an image, or protect an existing URL), then
 * the spec the API takes for it, checked with the server's own schema before
 * it is sent; the server's 400s land under the same fields.
 */
export function NewAppForm({ regions, images, anyImage }: { regions: string[]; images: ImageOption[]; anyImage: boolean }) {
  const router = useRouter();
  const create = useCreateApp();
  const id = useId();
  const options = { regions, images: anyImage ? null : images.map((entry) => entry.image) };
  const { values, change, errorOf, errors, formRef, showErrors, clearErrors } = useCheckedForm<NewAppValues>(() => newAppValues(regions[0] ?? ''), (values) => checkAppForm(values, options));
  const [nextLabelId, setNextLabelId] = useState(1);
  const submit = useSubmitSpec({ showErrors, clearErrors }, create);
  const notify = useToast();
  const [tried, setTried] = useState(false);

  const checks = checkLabelRows(values.labels);
  const labelsOk = labelRowsValid(checks, values.labels);
  const setLabels = (labels: LabelRow[]) => change({ labels }, ['labels']);
  const external = values.kind === 'external';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkAppForm(values, options);
    if (!labelsOk) setTried(true);
    if (!labelsOk && checked.ok) {
      // Only the label rows are wrong: they say why under each row; the first takes the focus.
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const app = await submit(checked);
    if (!app) return;
    notify(external ? `App ${app.spec.name} added` : `App ${app.spec.name} deployed: it is starting`);
    router.push(`/apps/${app.id}`);
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6" aria-labelledby="new-app-heading">
      <AppKindRadios
        value={values.kind}
        onChange={(kind) => {
          // The other kind's errors would point at fields no longer shown.
          clearErrors();
          change({ kind }, []);
        }}
      />

      <Section title="General information">
        <InputField
          id={`${id}-name`}
          label="Name"
          value={values.name}
          onChange={(name) => change({ name }, ['name'])}
          error={errorOf('name')}
          hint="Letters, digits, spaces, '.', '_' and '-'."
          maxLength={64}
          required
          placeholder="hello-world"
        />
        {external ? (
          <InputField
            id={`${id}-upstream-url`}
            label="Upstream URL"
            type="url"
            inputMode="url"
            value={values.upstreamUrl}
            onChange={(upstreamUrl) => change({ upstreamUrl }, ['upstreamUrl'])}
            error={errorOf('upstreamUrl')}
            hint="Where the app already answers, http:// or https://, without a user name or password. Each request's path is added to it."
            required
            placeholder="http://10.0.0.5:7860"
            inputClassName="font-mono"
          />
        ) : (
          <ImageField value={values.image} onChange={(image) => change({ image }, ['image'])} error={errorOf('image')} images={images} anyImage={anyImage} />
        )}
        <RegionRadios name="region" legend="Region" regions={regions} value={values.region} onChange={(region) => change({ region }, ['region'])} error={errorOf('region')} />
      </Section>

      {external ? (
        <Section title="Upstream">
          <UpstreamFields values={values} upstreamUrl={values.upstreamUrl} errorOf={errorOf} onChange={change} />
        </Section>
      ) : (
        <CommandEnvSection command={values.command} envRows={values.envRows} errorOf={errorOf} onChange={change} />
      )}

      <Section title="Access">
        {!external && <PortProbeFields values={values} errorOf={errorOf} onChange={change} />}
        <UnsecureHttpSwitch checked={values.unsecureHttp} onChange={(unsecureHttp) => change({ unsecureHttp }, [])} />
      </Section>

      {!external && (
        <Section title="Resources and scaling">
          <ResourcesFields values={values} errorOf={errorOf} onChange={change} />
        </Section>
      )}

      <Section
        title="Labels"
        description={
          <>
            Tokens are scoped by labels: a token with the selector <code className="font-mono">group=A</code> reaches every app labelled{' '}
            <code className="font-mono">group=A</code>. Tollgate adds <code className="font-mono">ovh/id</code> and <code className="font-mono">ovh/type</code> to every app itself: keys starting with{' '}
            <code className="font-mono">ovh/</code> are its own.
          </>
        }
      >
        <LabelRowsEditor
          rows={values.labels}
          checks={checks}
          onAdd={() => {
            setLabels([...values.labels, { id: nextLabelId, key: '', value: '' }]);
            setNextLabelId((n) => n + 1);
          }}
          onRemove={(rowId) => setLabels(values.labels.filter((row) => row.id !== rowId))}
          onChange={(rowId, patch) => setLabels(values.labels.map((row) => (row.id === rowId ? { ...row, ...patch } : row)))}
        />
        {errorOf('labels') && <p className="text-xs font-medium text-red-700">{errorOf('labels')}</p>}
      </Section>

      <FormProblem title={external ? 'The app could not be added' : 'The app could not be deployed'} errors={errors} failure={create.error} />

      <div className="flex flex-col-reverse items-stretch gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-center sm:justify-end">
        {!labelsOk && tried && (
          <p className="text-sm text-red-700 sm:mr-auto" id={`${id}-blocked`}>
            Fix the label errors above to {external ? 'add the app' : 'deploy'}.
          </p>
        )}
        <ButtonLink href="/apps" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" pending={create.isPending} aria-describedby={!labelsOk && tried ? `${id}-blocked` : undefined}>
          {create.isPending ? (external ? 'Adding…' : 'Deploying…') : external ? 'Add app' : 'Deploy'}
        </Button>
      </div>
    </form>
  );
}
