'use client';

import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { AppDto } from '@/lib/panel/app-queries';
import { useAppLifecycle } from '@/lib/panel/app-queries';
import { canStart, canStop } from '@/lib/panel/app-states';
import { errorMessage } from '@/lib/panel/api-client';
import { Button, ButtonLink } from '@/components/ui/button';
import { DismissibleError } from '@/components/ui/dismissible-error';
import { useToast } from '@/components/ui/toast';
import { DeleteAppDialog, StopAppDialog } from './confirm-app-dialogs';

const VERBS = { start: 'start', stop: 'stop', delete: 'delete' } as const;

/**
 * Start, Stop (confirmed), Edit and Delete (confirmed by typing the name).
 * The buttons turn off with aria-disabled, never `disabled`, so the focus
 * stays on them while the app moves; each success is said in a toast once the
 * app has got there ("hello stopped"), and a failure's Dismiss hands the
 * focus back to the button that failed.
 */
export function AppActions({ app, external }: { app: AppDto; external: boolean }) {
  const router = useRouter();
  const notify = useToast();
  const lifecycle = useAppLifecycle(app.id);
  const [confirm, setConfirm] = useState<'stop' | 'delete' | null>(null);
  // Where the app was sent: a ref, as only the effect below reads it.
  const awaiting = useRef<'RUNNING' | 'STOPPED' | null>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const { name } = app.spec;
  const state = app.status.state;
  const busy = lifecycle.isPending;
  const deleting = state === 'DELETING' || state === 'DELETED';
  const doing = busy ? lifecycle.variables : null;

  // Said when the app has got where it was sent, not when the request was accepted.
  useEffect(() => {
    const target = awaiting.current;
    if (target === null) return;
    if (state === target) notify(`App ${name} ${target === 'RUNNING' ? 'started' : 'stopped'}`);
    if (state === target || state === 'FAILED') awaiting.current = null;
  }, [state, name, notify]);

  function run(action: 'start' | 'stop') {
    setConfirm(null);
    lifecycle.mutate(action, {
      onSuccess: (answer) => {
        const target = action === 'start' ? 'RUNNING' : 'STOPPED';
        if (answer.status.state === target) notify(`App ${name} ${action === 'start' ? 'started' : 'stopped'}`);
        else awaiting.current = target;
      },
    });
  }

  function remove() {
    lifecycle.mutate('delete', {
      onSuccess: () => {
        notify(`App ${name} deleted`);
        setConfirm(null);
        router.push('/apps');
      },
      onError: () => setConfirm(null),
    });
  }

  const stopping = doing === 'stop' || state === 'STOPPING';
  const starting = doing === 'start' || state === 'INITIALIZING' || state === 'QUEUED';
  return (
    <>
      <div className="flex flex-wrap gap-2">
        <Button ref={startRef} variant="secondary" onClick={() => run('start')} unavailable={busy || !canStart(state)}>
          {starting ? 'Starting…' : 'Start'}
        </Button>
        <Button ref={stopRef} variant="secondary" onClick={() => setConfirm('stop')} unavailable={busy || !canStop(state)}>
          {stopping ? 'Stopping…' : 'Stop'}
        </Button>
        {deleting || external ? (
          <Button variant="secondary" unavailable title={external ? 'An external app is changed through the API' : undefined}>
            Edit
          </Button>
        ) : (
          <ButtonLink variant="secondary" href={`/apps/${app.id}/edit`}>
            Edit
          </ButtonLink>
        )}
        <Button ref={deleteRef} variant="danger" onClick={() => setConfirm('delete')} unavailable={busy || deleting}>
          {state === 'DELETING' ? 'Deleting…' : 'Delete'}
        </Button>
      </div>

      {lifecycle.isError && (
        <DismissibleError
          className="mt-3 w-full"
          onDismiss={() => {
            const failed = lifecycle.variables;
            lifecycle.reset();
            if (failed) ({ start: startRef, stop: stopRef, delete: deleteRef })[failed].current?.focus();
          }}
        >
          Could not {lifecycle.variables ? VERBS[lifecycle.variables] : 'change'} {name}: {errorMessage(lifecycle.error)}
        </DismissibleError>
      )}

      <StopAppDialog open={confirm === 'stop'} name={name} onCancel={() => setConfirm(null)} onConfirm={() => run('stop')} />
      <DeleteAppDialog open={confirm === 'delete'} name={name} pending={doing === 'delete'} onCancel={() => setConfirm(null)} onConfirm={remove} />
    </>
  );
}
