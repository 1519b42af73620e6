import type { Metadata } from 'next';
import { requireUser } from '@/lib/dal/current-user';
import { getPanelOptions } from '@/lib/dal/panel-options';
import { NewAppForm } from '@/components/apps/new-app-form';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'New app' };

export default async function NewAppPage() {
  await requireUser('/apps/new');
  const { regions, images, anyImage } = getPanelOptions();
  return (
    <section className="max-w-3xl">
      <PageHeader
        title="New app"
        titleId="new-app-heading"
        back={{ href: '/apps', label: 'Apps' }}
        description="Deploy an image, or protect an app that already runs elsewhere: either way it is reachable at its own URL behind Tollgate's token check."
      />
      <NewAppForm regions={regions} images={images} anyImage={anyImage} />
    </section>
  );
}
