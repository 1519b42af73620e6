import type { ReactNode } from 'react';
import { getCurrentUser, getProjectContext } from '@/lib/dal/current-user';
import { PanelHeader } from '@/components/panel-header';
import { ProjectProvider } from '@/lib/panel/project-context';
import { SecretGuard } from '@/components/tokens/secret-guard';
import { EmptyState } from '@/components/ui/empty-state';
import { SignInNoticeBox } from '@/components/sign-in-notice';
import { SkipLink } from '@/components/ui/skip-link';
import { ToastProvider } from '@/components/ui/toast';
import { getSignInNotice } from '@/lib/dal/sign-in-notice';
import type { SignInNotice } from '@/lib/auth/auth-options';
import { dismissSignInNoticeAction } from './sign-in-notice-actions';

const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function failedSignInsText({ failedAttempts, previousSignInAt }: SignInNotice): string {
  const attempts = `${failedAttempts} failed sign-in attempt${failedAttempts === 1 ? '' : 's'} on your account`;
  const since = previousSignInAt ? ` since your last sign-in (${utc.format(new Date(previousSignInAt))} UTC)` : ' before this sign-in';
  return `${attempts}${since}. If they were not you, someone may be guessing your password.`;
}

// Signed-in pages. This layout only shapes the page: every page and data call
// checks the session itself through lib/dal (layouts don't re-run on navigation).
// Signed out, it renders the bare page, whose own requireUser(path) redirects to
// sign-in with the way back (a layout cannot know the path).
export default async function PanelLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) return children;
  const [{ projects, current }, notice] = await Promise.all([getProjectContext(user.id), getSignInNotice()]);
  return (
    // The toasts live above the header, so the project switcher can speak too.
    <ToastProvider>
      <SkipLink />
      <PanelHeader email={user.email} projects={projects.map(({ id, name }) => ({ id, name }))} currentId={current?.id ?? null} />
      {/* tabIndex -1: the skip link's target must take the focus, not only scroll. */}
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 outline-none sm:px-6">
        {notice && <SignInNoticeBox onDismiss={dismissSignInNoticeAction}>{failedSignInsText(notice)}</SignInNoticeBox>}
        {current ? (
          // Keyed: switching project starts every page of the panel afresh.
          <ProjectProvider key={current.id} projectId={current.id}>
            {children}
          </ProjectProvider>
        ) : (
          <EmptyState title="You are not a member of any project">
            Create a project with <strong>New project</strong> in the header, or ask an owner to add you to theirs.
          </EmptyState>
        )}
      </main>
      <SecretGuard projectId={current?.id ?? null} />
    </ToastProvider>
  );
}
