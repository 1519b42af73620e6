import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function TokenNotFound() {
  return (
    <EmptyState title="This token does not exist" action={<ButtonLink href="/tokens">Back to tokens</ButtonLink>}>
      It may have been deleted, or it belongs to a project you are not a member of.
    </EmptyState>
  );
}
