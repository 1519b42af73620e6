import { authorizeTokenAdmin } from '../authz/authorize.ts';
import type { Caller } from '../authz/caller.ts';
import { denialError } from '../authz/denial-error.ts';

/** Every token verb starts here: only a member signed in to the panel manages its project's tokens. */
export function requireTokenAdmin(caller: Caller): void {
  const decision = authorizeTokenAdmin({ credential: caller.credential, projectId: caller.projectId });
  if (!decision.allow) throw denialError(decision);
}
