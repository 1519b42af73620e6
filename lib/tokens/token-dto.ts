import type { Token } from '../db/generated/client.ts';
import { roleFromDb } from './token-role.ts';

/** OVHcloud's token shape. `status.value` is present only in the response that created or renewed the secret. */
export function tokenDto(token: Omit<Token, 'secretHash'>, secret?: string) {
  return {
    id: token.id,
    createdAt: token.createdAt.toISOString(),
    updatedAt: token.updatedAt.toISOString(),
    spec: {
      name: token.name,
      labelSelector: token.labelSelector,
      role: roleFromDb(token.role),
      region: token.region,
      expiresAt: token.expiresAt?.toISOString() ?? null,
    },
    status: {
      ...(secret === undefined ? {} : { value: secret }),
      version: token.version,
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    },
  };
}

export type TokenDto = ReturnType<typeof tokenDto>;
