import type { TokenCredential } from '../authz/authorize.ts';
import { parseIpRanges } from '../http/ip-ranges.ts';
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
  /** Until then, the secret before the last renew still works (a renew's grace period). */
  previousSecretExpiresAt: Date | null;
  allowedIps: string[];
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
  previousSecretExpiresAt: true,
  allowedIps: true,
} as const;

/** A token row with the credential it grants, its selector parsed once (caches keep this). */
export interface ResolvedToken {
  record: TokenRecord;
  credential: TokenCredential;
  /**
   * Found by the secret it had before its last renew (or a gate session of that
   * version): usable until `record.previousSecretExpiresAt` only.
   */
  viaPrevious?: boolean;
}

export function resolveToken(record: TokenRecord, viaPrevious = false): ResolvedToken {
  const ranges = record.allowedIps.length ? parseIpRanges(record.allowedIps) : null;
  return {
    ...(viaPrevious ? { viaPrevious } : {}),
    record,
    credential: {
      kind: 'token',
      tokenId: record.id,
      projectId: record.projectId,
      region: record.region,
      role: roleFromDb(record.role),
      selector: parseSelector(record.labelSelector),
      allowedIps: ranges && 'list' in ranges ? ranges.list : null,
    },
  };
}
