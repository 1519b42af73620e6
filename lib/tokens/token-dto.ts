import type { Token } from '../db/generated/client.ts';
import { roleFromDb } from './token-role.ts';
import type { TokenUsageSummary } from './token-usage.ts';

export const NO_USAGE: TokenUsageSummary = Object.freeze({ requests24h: 0 });

type TokenRow = Omit<Token, 'secretHash' | 'previousSecretHash'> & { usage: TokenUsageSummary };

/** OVHcloud's token shape. `status.value` is present only in the response that created or renewed the secret. */
export function tokenDto(token: TokenRow, secret?: string) {
  const graceLeft = token.previousSecretExpiresAt !== null && token.previousSecretExpiresAt.getTime() > Date.now();
  return {
    id: token.id,
    createdAt: token.createdAt.toISOString(),
    updatedAt: token.updatedAt.toISOString(),
    spec: {
      name: token.name,
      description: token.description,
      labelSelector: token.labelSelector,
      role: roleFromDb(token.role),
      region: token.region,
      expiresAt: token.expiresAt?.toISOString() ?? null,
      allowedIps: token.allowedIps,
    },
    status: {
      ...(secret === undefined ? {} : { value: secret }),
      version: token.version,
      // Cloudflare's previous_client_secret_expires_at: until then the secret before the last renew still works.
      previousSecretExpiresAt: graceLeft ? token.previousSecretExpiresAt!.toISOString() : null,
      expired: token.expiresAt !== null && token.expiresAt.getTime() <= Date.now(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
      lastUsedIp: token.lastUsedIp,
      requests24h: token.usage.requests24h,
    },
  };
}

export type TokenDto = ReturnType<typeof tokenDto>;
