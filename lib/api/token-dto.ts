import type { TokenRecord } from '../tokens/find-token-by-secret';

interface TokenRow extends TokenRecord {
  createdAt: Date;
  updatedAt: Date;
}

/** OVHcloud's token shape. `status.value` is present only in the response that created or renewed the secret. */
export function tokenDto(token: TokenRow, secret?: string) {
  return {
    id: token.id,
    createdAt: token.createdAt.toISOString(),
    updatedAt: token.updatedAt.toISOString(),
    spec: {
      name: token.name,
      labelSelector: token.labelSelector,
      role: token.role === 'OPERATOR' ? 'operator' : 'read',
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
