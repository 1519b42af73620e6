'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import type { AppDto } from '@/lib/apps/app-dto';
import type { ImageOption } from '@/lib/dal/panel-options';
import { checkAppUpdate } from '@/lib/panel/app-form-check';
import { runtimeValuesOf, type RuntimeValues } from '@/lib/panel/app-form-values';
import { useUpdateApp } from '@/lib/panel/app-queries';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { FormSection as Section } from '@/components/ui/form-section';
import { CommandEnvSection } from './form/command-env-section';
import { FormProblem } from './form/form-problem';
import { ImageField } from './form/image-field';
import { PortProbeFields } from './form/port-probe-fields';
import { ResourcesFields } from './form/resources-fields';
import { useCheckedForm } from './form/use-checked-form';
import { useSubmitSpec } from './form/use-submit-spec';

/**
 * Edit what an app runs: image, command, env vars, port, health check and
 * limits, sent whole with PUT /v1/app/{id}. On success the details page
 * follows the rollout of the new generation.
 */
export function EditAppForm({ app, images, anyImage }: { app: AppDto; images: ImageOption[]; anyImage: boolean }) {
  const router = useRouter();
  const update = useUpdateApp(app.id);
  const options = { images: anyImage ? null : images.map((entry) => entry.image) };
  const [initial] = useState(() => runtimeValuesOf(app.spec));
  const { values, change, errorOf, errors, formRef, showErrors, clearErrors } = useCheckedForm<RuntimeValues>(initial, (values) => checkAppUpdate(values, options));
  const [unchanged, setUnchanged] = useState(false);
  const submit = useSubmitSpec({ showErrors, clearErrors }, update);
  const detailsHref = `/apps/${app.id}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkAppUpdate(values, options);
    const before = checkAppUpdate(initial, options);
    // Nothing to roll out: say so rather than send a request that changes nothing.
    const same = checked.ok && before.ok && JSON.stringify(checked.body) === JSON.stringify(before.body);
    setUnchanged(same);
    if (same) return;
    const saved = await submit(checked);
    if (!saved) return;
    const rolled = saved.status.generation !== app.status.generation;
    router.push(rolled ? `${detailsHref}?rollout=${saved.status.generation}` : detailsHref);
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6" aria-labelledby="edit-app-heading">
      <Section title="Image">
        <ImageField value={values.image} onChange={(image) => change({ image }, ['image'])} error={errorOf('image')} images={images} anyImage={anyImage} />
      </Section>

      <CommandEnvSection command={values.command} envRows={values.envRows} errorOf={errorOf} onChange={change} />

      <Section title="Access">
        <PortProbeFields values={values} errorOf={errorOf} onChange={change} />
      </Section>

      <Section
        title="Resources"
        description={app.spec.scalingStrategy.fixed.replicas === 1 ? "Limits for the app's replica." : `Limits for each of the app's ${app.spec.scalingStrategy.fixed.replicas} replicas.`}
      >
        <ResourcesFields values={values} errorOf={errorOf} onChange={change} />
      </Section>

      <Alert tone="info" title="Saving rolls out a new generation">
        {app.status.replicas.desired > 0
          ? 'New replicas start and must pass the health check before the old ones stop, so the app keeps answering. If the new ones never get ready, the old ones keep serving.'
          : 'The app is stopped: the change applies the next time it starts.'}
      </Alert>

      {unchanged && (
        <p role="status" className="text-sm text-slate-700">
          Nothing changed: the app already runs exactly this.
        </p>
      )}
      <FormProblem title="The change could not be saved" errors={errors} failure={update.error} />

      <div className="flex flex-col-reverse items-stretch gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-center sm:justify-end">
        <ButtonLink href={detailsHref} variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" pending={update.isPending}>
          Save and roll out
        </Button>
      </div>
    </form>
  );
}
