import type { Actor } from '../audit/record-audit.ts';
import type { TokenRecord } from '../tokens/token-record.ts';
import type { TokenCredential, UserCredential } from './authorize.ts';

/**
 * Who asks a domain verb to act, and in which project. Resolved once per
 * request at the edge (lib/api/resolve-caller for /v1, lib/dal for the panel);
 * every verb then authorizes it itself.
 */
export type Caller =
  | { kind: 'user'; userId: string; projectId: string; credential: UserCredential; actor: Actor }
  | { kind: 'token'; token: TokenRecord; projectId: string; credential: TokenCredential; actor: Actor };
