import type { Actor } from '../audit/record-audit.ts';
import { authorizeProjectAdmin, type AuthCredential } from '../authz/authorize.ts';
import { denialError } from '../authz/denial-error.ts';

/** Projects belong to the account, not to a project: a caller here needs no current project (a new user has none). */
export interface AccountCaller {
  credential: AuthCredential;
  actor: Actor;
}

/** The signed-in user behind the caller; an app token is refused. */
export function requireAccountUser(caller: AccountCaller): string {
  const decision = authorizeProjectAdmin(caller.credential);
  if (!decision.allow) throw denialError(decision);
  if (caller.credential.kind !== 'user') throw new TypeError('authorizeProjectAdmin allowed a token');
  return caller.credential.userId;
}
