import type { TokenCredential } from '../authz/authorize.ts';
import type { TokenRole } from '../db/generated/enums.ts';
import { parseSelector } from '../labels/parse-selector.ts';
import { roleFromDb } from './token-role.ts';

/** What every check of a token needs from its row: never the secret's hash. */
export interface TokenRecord {
  id: string;
  projectId: string;
  name: string;
  labelSelector: string;
  role: TokenRole;
  region: string;
  version: number;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

export const TOKEN_RECORD_SELECT = {
  id: true,
  projectId: true,
  name: true,
  labelSelector: true,
  role: true,
  region: true,
  version: true,
  expiresAt: true,
  lastUsedAt: true,
} as const;

/** A token row with the credential it grants, its selector parsed once (caches keep this). */
export interface ResolvedToken {
  record: TokenRecord;
  credential: TokenCredential;
}

export function resolveToken(record: TokenRecord): ResolvedToken {
  return {
    record,
    credential: {
      kind: 'token',
      tokenId: record.id,
      projectId: record.projectId,
      region: record.region,
      role: roleFromDb(record.role),
      selector: parseSelector(record.labelSelector),
    },
  };
}
