'use client';

import { useActionState, useId } from 'react';
import { createProjectAction } from '@/app/(panel)/project-actions';
import type { CreateProjectState } from '@/lib/dal/projects';
import { expectProjectChange } from '@/lib/panel/project-announcement';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describedBy, Field, inputClass } from '@/components/ui/field';

/** "New project": a name, then the server action creates it and makes it current. */
export function NewProjectDialog({ onClose }: { onClose: () => void }) {
  const [state, action, pending] = useActionState<CreateProjectState, FormData>(createProjectAction, null);
  const inputId = useId();
  const formId = useId();
  const error = state?.fieldError ?? state?.error;
  return (
    <Dialog
      open
      onClose={onClose}
      title="New project"
      description="Apps and tokens belong to one project. You become its owner."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} pending={pending}>
            {pending ? 'Creating…' : 'Create project'}
          </Button>
        </>
      }
    >
      <form id={formId} action={action} noValidate onSubmit={(event) => expectProjectChange({ kind: 'create', name: String(new FormData(event.currentTarget).get('name') ?? '') })}>
        <Field id={inputId} label="Name" error={error}>
          <input
            // Remounted on each answer, so a refused name is focused again for the fix.
            key={state ? `answer-${state.name}-${error}` : 'first'}
            id={inputId}
            name="name"
            defaultValue={state?.name ?? ''}
            required
            maxLength={48}
            data-autofocus
            autoFocus={Boolean(error)}
            autoComplete="off"
            aria-invalid={Boolean(error) || undefined}
            aria-describedby={describedBy(inputId, { error })}
            className={inputClass(Boolean(error))}
          />
        </Field>
      </form>
    </Dialog>
  );
}
