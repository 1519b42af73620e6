'use client';

import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { expectProjectChange, forgetProjectChange, takeProjectAnnouncement } from '@/lib/panel/project-announcement';
import { usePathname } from 'next/navigation';
import { switchProjectAction } from '@/app/(panel)/project-actions';
import { useToast } from '@/components/ui/toast';
import { NewProjectDialog } from './new-project-dialog';
import { ProjectMenu } from './project-menu';

export interface ProjectOption {
  id: string;
  name: string;
}

/**
 * The header's project picker and "New project" dialog. After a switch or a
 * creation the page reloads around this component (maybe renders it afresh):
 * it then says which project is current and puts the focus back on the
 * picker, not on <body>.
 */
export function ProjectSwitcher({ projects, currentId }: { projects: ProjectOption[]; currentId: string | null }) {
  const pathname = usePathname();
  const notify = useToast();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const newButton = useRef<HTMLButtonElement>(null);
  const errorId = useId();
  const currentName = projects.find((project) => project.id === currentId)?.name ?? null;

  useEffect(() => {
    if (currentId === null || currentName === null) return;
    const message = takeProjectAnnouncement({ id: currentId, name: currentName });
    if (!message) return;
    // After the dialog's own focus return, and after a freshly rendered live
    // region is in the page (one that appears with its text is not read out).
    const timer = setTimeout(() => {
      setCreating(false);
      notify(message);
      setFocusRequest((n) => n + 1);
    }, 150);
    return () => clearTimeout(timer);
  }, [currentId, currentName, notify]);

  useEffect(() => {
    // Without projects there is no picker: the New project button takes it.
    if (focusRequest > 0 && projects.length === 0) newButton.current?.focus();
  }, [focusRequest, projects.length]);

  function choose(projectId: string) {
    setError(null);
    const tab = pathname.startsWith('/tokens') ? '/tokens' : pathname.startsWith('/activity') ? '/activity' : '/apps';
    expectProjectChange({ kind: 'switch', projectId });
    startTransition(async () => {
      const result = await switchProjectAction(projectId, tab);
      if (result?.error) {
        forgetProjectChange();
        setError(result.error);
      }
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {projects.length > 0 && (
        <ProjectMenu projects={projects} currentId={currentId} busy={pending} onChoose={choose} focusSignal={focusRequest} describedBy={error ? errorId : undefined} />
      )}
      <button
        ref={newButton}
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
        <p id={errorId} role="alert" className="text-sm text-red-200">
          {error}
        </p>
      )}
      {creating && <NewProjectDialog onClose={() => setCreating(false)} />}
    </div>
  );
}
