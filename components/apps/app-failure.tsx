import type { AppDto } from '@/lib/apps/app-dto';
import { Alert } from '@/components/ui/alert';

/**
 * Why the app (or its last rollout) failed: the runtime's reason and the last
 * lines the app printed, as printed. Shown when the app is FAILED, and when a
 * rollout failed while the previous generation kept serving (the runtime then
 * leaves its output in lastOutput).
 */
export function AppFailure({ app }: { app: AppDto }) {
  const { state, info, lastOutput } = app.status;
  const failed = state === 'FAILED';
  if (!failed && !lastOutput?.length) return null;
  return (
    <Alert tone="error" title={failed ? 'The app failed' : 'The last rollout failed; the previous generation keeps serving'}>
      {info && <p className="break-words">{info}</p>}
      {lastOutput?.length ? (
        <figure className="mt-3">
          <figcaption className="text-xs font-medium text-red-900">Last output</figcaption>
          <pre
            tabIndex={0}
            aria-label="Last output"
            className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            {lastOutput.join('\n')}
          </pre>
        </figure>
      ) : (
        !info && <p>The runtime gave no reason.</p>
      )}
    </Alert>
  );
}
