import 'server-only';
import { cookies } from 'next/headers';
import { getPrisma } from '../db/db.ts';
import { createProject, projectSpecSchema } from '../projects/create-project.ts';
import { getPanelCaller, getProjectContext, requireUser } from './current-user.ts';
import { formError } from './form-error.ts';
import { PROJECT_COOKIE } from './project-cookie.ts';

export type SelectProjectResult = { ok: true } | { ok: false; error: string };

/**
 * Makes `projectId` the project the panel (and the /v1 calls it makes without
 * a project header) works on. Only a project the user belongs to: the cookie
 * is a preference, and resolve-caller checks membership again on every call.
 */
export async function selectProject(projectId: unknown): Promise<SelectProjectResult> {
  const user = await requireUser();
  if (typeof projectId !== 'string') return { ok: false, error: 'Choose a project' };
  const { projects } = await getProjectContext(user.id);
  if (!projects.some((p) => p.id === projectId)) return { ok: false, error: 'You are not a member of that project' };
  await rememberProject(projectId);
  return { ok: true };
}

async function rememberProject(projectId: string): Promise<void> {
  (await cookies()).set(PROJECT_COOKIE, projectId, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
  });
}

export type CreateProjectState = { error?: string; fieldError?: string; name?: string } | null;

/** Creates a project owned by the user and switches the panel to it. */
export async function createOwnProject(name: unknown): Promise<CreateProjectState & { projectId?: string }> {
  const caller = await getPanelCaller();
  const parsed = projectSpecSchema.safeParse({ name });
  if (!parsed.success) {
    return { fieldError: parsed.error.issues[0]?.message ?? 'Invalid name', name: typeof name === 'string' ? name : '' };
  }
  try {
    const project = await createProject({ prisma: await getPrisma(), caller, name: parsed.data.name });
    await rememberProject(project.id);
    return { projectId: project.id };
  } catch (error) {
    return { fieldError: formError(error), name: parsed.data.name };
  }
}
