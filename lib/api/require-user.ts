import type { Caller } from './resolve-caller';
import { ApiError } from './api-error';

/** Tokens never manage tokens (or projects): only a signed-in panel user may. */
export function requireUserCaller(caller: Caller, what: 'tokens' | 'projects' = 'tokens'): Extract<Caller, { kind: 'user' }> {
  if (caller.kind !== 'user') {
    throw new ApiError(403, 'forbidden', `App tokens cannot manage ${what}; sign in to the panel`);
  }
  return caller;
}
