import type { Metadata } from 'next';
import { requireUser } from '@/lib/dal/current-user';
import { getPanelOptions } from '@/lib/dal/panel-options';
import { NewTokenForm } from '@/components/tokens/new-token-form';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'New Token' };

export default async function NewTokenPage({ searchParams }: { searchParams: Promise<{ labelSelector?: string | string[] }> }) {
  await requireUser('/tokens/new');
  const { regions } = getPanelOptions();
  const { labelSelector } = await searchParams;
  return (
    <section className="max-w-3xl">
      <PageHeader
        title="New Token"
        titleId="new-token-heading"
        back={{ href: '/tokens', label: 'Tokens' }}
        description="A token is scoped by a label selector, a role and a region. Its secret is shown once, right after you generate it."
      />
      <NewTokenForm regions={regions} initialSelector={typeof labelSelector === 'string' ? labelSelector.slice(0, 2048) : ''} />
    </section>
  );
}
