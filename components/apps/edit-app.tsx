'use client';

import type { ImageOption } from '@/lib/dal/panel-options';
import { ApiRequestError } from '@/lib/panel/api-client';
import { useApp } from '@/lib/panel/app-queries';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadError } from '@/components/ui/load-error';
import { PageHeader } from '@/components/ui/page-header';
import { BlockSkeleton } from '@/components/ui/skeleton';
import { EditAppForm } from './edit-app-form';

/** The Edit page: loads the app, then the form starts from what it runs now. */
export function EditApp({ id, images, anyImage }: { id: string; images: ImageOption[]; anyImage: boolean }) {
  const query = useApp(id);
  if (query.isPending) return <BlockSkeleton label="Loading the app…" className="h-80" />;
  if (query.isError) {
    const gone = query.error instanceof ApiRequestError && query.error.status === 404;
    return gone ? (
      <EmptyState title="This app does not exist" action={<ButtonLink href="/apps">Back to apps</ButtonLink>}>
        It may have been deleted, or it belongs to a project you are not a member of.
      </EmptyState>
    ) : (
      <LoadError title="The app could not be loaded" error={query.error} onRetry={() => query.refetch()} />
    );
  }
  const app = query.data;
  return (
    <section className="max-w-3xl">
      <PageHeader
        title={`Edit ${app.spec.name}`}
        titleId="edit-app-heading"
        back={{ href: `/apps/${app.id}`, label: app.spec.name }}
        description={`Generation ${app.status.generation}. Name, region, labels and replicas stay as they are.`}
      />
      {/* Keyed by generation: a change made elsewhere meanwhile starts the form afresh from it. */}
      <EditAppForm key={app.status.generation} app={app} images={images} anyImage={anyImage} />
    </section>
  );
}
