'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ProjectOption } from './project-switcher';

/**
 * The project picker as a button and a listbox (WAI-ARIA "select-only"
 * pattern): the arrow keys only move within the open list, and the project
 * changes on Enter, Space or a click, never on a mere arrow key as a native
 * <select> does in some browsers.
 */
export function ProjectMenu({
  projects,
  currentId,
  busy,
  onChoose,
  focusSignal,
  describedBy,
}: {
  projects: ProjectOption[];
  currentId: string | null;
  busy: boolean;
  onChoose: (projectId: string) => void;
  /** Each new value puts the focus on the button (after a switch or a creation). */
  focusSignal: number;
  describedBy?: string;
}) {
  const [open, setOpen] = useState(false);
  const currentIndex = Math.max(0, projects.findIndex((project) => project.id === currentId));
  const [active, setActive] = useState(currentIndex);
  const listRef = useRef<HTMLUListElement>(null);
  const ownButton = useRef<HTMLButtonElement | null>(null);
  const id = useId();
  const current = projects[currentIndex];

  useEffect(() => {
    if (focusSignal > 0) ownButton.current?.focus();
  }, [focusSignal]);

  useEffect(() => {
    if (!open) return;
    listRef.current?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!listRef.current?.contains(target) && !ownButton.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function show() {
    if (busy) return;
    setActive(currentIndex);
    setOpen(true);
  }

  function close() {
    setOpen(false);
    ownButton.current?.focus();
  }

  function choose(index: number) {
    const project = projects[index];
    close();
    if (project && project.id !== currentId) onChoose(project.id);
  }

  function onButtonKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      show();
    }
  }

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    const last = projects.length - 1;
    const moves: Record<string, () => number> = {
      ArrowDown: () => Math.min(last, active + 1),
      ArrowUp: () => Math.max(0, active - 1),
      Home: () => 0,
      End: () => last,
    };
    if (moves[event.key]) {
      event.preventDefault();
      setActive(moves[event.key]!());
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  }

  return (
    <div className="relative flex items-center gap-2">
      <span id={`${id}-label`} className="text-sm text-white/70">
        Project
      </span>
      <button
        ref={ownButton}
        id={`${id}-button`}
        type="button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? `${id}-list` : undefined}
        aria-labelledby={`${id}-label ${id}-button`}
        aria-describedby={describedBy}
        aria-disabled={busy || undefined}
        aria-busy={busy || undefined}
        onClick={() => (open ? close() : show())}
        onKeyDown={onButtonKey}
        className="inline-flex h-8 max-w-44 items-center gap-1.5 rounded-md border border-white/30 bg-white/10 px-2 text-sm text-white hover:bg-white/20 focus-visible:outline-2 focus-visible:outline-white aria-disabled:opacity-60 sm:max-w-64"
      >
        <span className="truncate">{current?.name ?? 'None'}</span>
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m6 9 6 6 6-6" />
        </svg>
      </button>
      {open && (
        <ul
          ref={listRef}
          id={`${id}-list`}
          role="listbox"
          tabIndex={-1}
          aria-labelledby={`${id}-label`}
          aria-activedescendant={`${id}-option-${active}`}
          onKeyDown={onListKey}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null) && event.relatedTarget !== ownButton.current) setOpen(false);
          }}
          className="absolute top-9 left-0 z-40 max-h-72 min-w-48 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm text-slate-900 shadow-lg focus:outline-none sm:left-14"
        >
          {projects.map((project, index) => (
            <li
              key={project.id}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={project.id === currentId}
              onClick={() => choose(index)}
              onPointerMove={() => setActive(index)}
              className={`flex cursor-pointer items-center justify-between gap-3 px-3 py-1.5 ${index === active ? 'bg-brand-50 text-brand-900 outline-2 -outline-offset-2 outline-brand-600' : ''}`}
            >
              <span className="truncate">{project.name}</span>
              {project.id === currentId && (
                <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4 shrink-0 text-brand-600" fill="none" stroke="currentColor" strokeWidth="2.5">
                  <path d="m5 12 5 5L20 7" />
                </svg>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
