// What to say once the page has reloaded around a project switch or creation.
// The server action redirects, and the header may be rendered afresh, so the
// message waits in sessionStorage (this tab only) instead of in React state.

const KEY = 'tollgate:project-announcement';

type Pending = { kind: 'switch'; projectId: string } | { kind: 'create'; name: string };

export function expectProjectChange(pending: Pending): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(pending));
  } catch {
    // Storage refused (private mode quotas): the change still happens, unannounced.
  }
}

export function forgetProjectChange(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // as above
  }
}

/** The sentence to say now that `current` is the current project, or null when nothing was pending for it. */
export function takeProjectAnnouncement(current: { id: string; name: string }): string | null {
  let pending: Pending | null = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Pending | null;
  } catch {
    return null;
  }
  if (!pending) return null;
  const message =
    pending.kind === 'switch' && pending.projectId === current.id
      ? `Switched to project ${current.name}`
      : pending.kind === 'create' && pending.name.trim() === current.name
        ? `Project ${current.name} created`
        : null;
  if (message) forgetProjectChange();
  return message;
}
