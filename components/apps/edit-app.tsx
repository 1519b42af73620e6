'use client';

import type { ImageOption } from '@/lib/dal/panel-options';
import { useApp } from '@/lib/panel/app-queries';
import { RecordLoadError } from '@/components/ui/load-error';
import { PageHeader } from '@/components/ui/page-header';
import { BlockSkeleton } from '@/components/ui/skeleton';
import { EditAppForm } from './edit-app-form';

/** The Edit page: loads the app, then the form starts from what it runs now. */
export function EditApp({ id, images, anyImage }: { id: string; images: ImageOption[]; anyImage: boolean }) {
  const query = useApp(id);
  if (query.isPending) return <BlockSkeleton label="Loading the app…" className="h-80" />;
  if (query.isError) {
    return <RecordLoadError noun="app" back={{ href: '/apps', label: 'Back to apps' }} error={query.error} onRetry={() => query.refetch()} />;
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
