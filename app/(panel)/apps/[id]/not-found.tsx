import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function AppNotFound() {
  return (
    <EmptyState title="This app does not exist" action={<ButtonLink href="/apps">Back to apps</ButtonLink>}>
      It may have been deleted, or it belongs to a project you are not a member of.
    </EmptyState>
  );
}
