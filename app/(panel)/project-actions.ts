'use server';

import { redirect } from 'next/navigation';
import { createOwnProject, selectProject, type CreateProjectState } from '@/lib/dal/projects';

// Thin: lib/dal/projects checks the session and membership and sets the cookie.

const TABS = new Set(['/apps', '/tokens', '/activity']);
const tabOrApps = (tab: unknown) => (typeof tab === 'string' && TABS.has(tab) ? tab : '/apps');

export async function switchProjectAction(projectId: string, tab: string): Promise<{ error: string }> {
  const result = await selectProject(projectId);
  if (!result.ok) return { error: result.error };
  redirect(tabOrApps(tab));
}

export async function createProjectAction(_previous: CreateProjectState, form: FormData): Promise<CreateProjectState> {
  const result = await createOwnProject(form.get('name'));
  if (!result.projectId) return result;
  redirect('/apps');
}
