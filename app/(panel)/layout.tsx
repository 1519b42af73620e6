import type { ReactNode } from 'react';
import { requireUser, getProjectContext } from '@/lib/dal/current-user';
import { PanelHeader } from '@/components/panel-header';

// Signed-in pages. This layout only shapes the page: every page and data call
// checks the session itself through lib/dal (layouts don't re-run on navigation).
export default async function PanelLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const { current } = await getProjectContext(user.id);
  return (
    <div className="min-h-screen">
      <PanelHeader email={user.email} projectName={current?.name ?? null} />
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}
