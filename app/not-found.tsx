import type { Metadata } from 'next';
import { Logo } from '@/components/logo';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata: Metadata = { title: 'Not found' };

// The panel's own 404, replacing Next's built-in one, whose inline style
// attributes the panel's CSP would refuse.
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 px-4">
      <div className="flex justify-center">
        <Logo />
      </div>
      <EmptyState title="This page could not be found" action={<ButtonLink href="/apps">Go to the panel</ButtonLink>}>
        Check the address, or go back to the panel.
      </EmptyState>
    </main>
  );
}
