import type { TokenRecord } from '../token-record.ts';

/** A token row for tests: a read token of project p1 in GRA selecting group=A, unless told otherwise. */
export function tokenRecordFixture(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id: 't1',
    projectId: 'p1',
    name: 'ci',
    labelSelector: 'group=A',
    role: 'READ',
    region: 'GRA',
    version: 1,
    expiresAt: null,
    lastUsedAt: null,
    previousSecretExpiresAt: null,
    allowedIps: [],
    ...overrides,
  };
}
