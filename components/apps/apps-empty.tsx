import type { AppsListParams } from '@/lib/panel/apps-list-params';
import { STATE_FILTERS } from '@/lib/panel/apps-list-params';
import { Button, ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** Nothing to show: either the project has no app yet, or the filters leave none; each says what to do. */
export function AppsEmpty({ params, anyApp, onClear }: { params: AppsListParams; anyApp: boolean; onClear: () => void }) {
  const filtered = params.labelSelector !== '' || params.q.trim() !== '' || params.state !== 'any';
  if (!filtered && !anyApp) {
    return (
      <EmptyState title="No apps in this project yet" action={<ButtonLink href="/apps/new">Deploy your first app</ButtonLink>}>
        Deploy an app with labels such as <code className="font-mono">group=A</code>, then create tokens in the <strong>Tokens</strong> tab scoped to those
        labels.
      </EmptyState>
    );
  }
  const what = [
    params.labelSelector && (
      <span key="selector">
        labels matching <code className="font-mono">{params.labelSelector}</code>
      </span>
    ),
    params.q.trim() && <span key="q">a name or ID containing “{params.q.trim()}”</span>,
    params.state !== 'any' && <span key="state">the state {STATE_FILTERS[params.state].label}</span>,
  ].filter(Boolean);
  return (
    <EmptyState
      title={params.labelSelector && what.length === 1 ? 'No app matches this selector' : 'No app matches these filters'}
      action={
        <Button variant="secondary" onClick={onClear}>
          Clear filters
        </Button>
      }
    >
      No app of this project has{' '}
      {what.map((part, index) => (
        <span key={index}>
          {index > 0 && (index === what.length - 1 ? ' and ' : ', ')}
          {part}
        </span>
      ))}
      .
    </EmptyState>
  );
}
