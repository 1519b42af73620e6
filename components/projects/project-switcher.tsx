'use client';

import { useActionState, useId, useState, useTransition } from 'react';
import { usePathname } from 'next/navigation';
import { createProjectAction, switchProjectAction } from '@/app/(panel)/project-actions';
import type { CreateProjectState } from '@/lib/dal/projects';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describedBy, Field, inputClass } from '@/components/ui/field';

export interface ProjectOption {
  id: string;
  name: string;
}

/** The header's project picker and "New project" dialog. */
export function ProjectSwitcher({ projects, currentId }: { projects: ProjectOption[]; currentId: string | null }) {
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const selectId = useId();

  function choose(projectId: string) {
    setError(null);
    const tab = pathname.startsWith('/tokens') ? '/tokens' : '/apps';
    startTransition(async () => {
      const result = await switchProjectAction(projectId, tab);
      if (result?.error) setError(result.error);
    });
  }

  return (
    <div className="flex items-center gap-2">
      {projects.length > 0 && (
        <>
          <label htmlFor={selectId} className="text-sm text-white/70">
            Project
          </label>
          <select
            id={selectId}
            value={currentId ?? ''}
            disabled={pending}
            onChange={(event) => choose(event.target.value)}
            aria-describedby={error ? `${selectId}-error` : undefined}
            className="h-8 max-w-44 rounded-md border border-white/30 bg-white/10 px-2 text-sm text-white focus-visible:outline-2 focus-visible:outline-white disabled:opacity-60 sm:max-w-64 [&>option]:text-slate-900"
          >
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button
        type="button"
        onClick={() => setCreating(true)}
        className="inline-flex h-8 items-center gap-1 rounded-md border border-white/30 px-2 text-sm text-white hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-white"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M12 5v14M5 12h14" />
        </svg>
        New project
      </button>
      {error && (
        <p id={`${selectId}-error`} role="alert" className="text-sm text-red-200">
          {error}
        </p>
      )}
      {creating && <NewProjectDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function NewProjectDialog({ onClose }: { onClose: () => void }) {
  const [state, action, pending] = useActionState<CreateProjectState, FormData>(createProjectAction, null);
  const inputId = useId();
  const formId = useId();
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
            Create project
          </Button>
        </>
      }
    >
      <form id={formId} action={action} noValidate>
        <Field id={inputId} label="Name" error={state?.fieldError ?? state?.error}>
          <input
            id={inputId}
            name="name"
            defaultValue={state?.name ?? ''}
            required
            maxLength={48}
            data-autofocus
            autoComplete="off"
            aria-invalid={Boolean(state?.fieldError) || undefined}
            aria-describedby={describedBy(inputId, { error: state?.fieldError ?? state?.error })}
            className={inputClass(Boolean(state?.fieldError))}
          />
        </Field>
      </form>
    </Dialog>
  );
}
