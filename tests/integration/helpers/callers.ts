import type { Caller } from '../../../lib/authz/caller.ts';
import { tokenRecordFixture } from '../../../lib/tokens/test-support/token-record-fixture.ts';
import { resolveToken, type TokenRecord } from '../../../lib/tokens/token-record.ts';

/** A signed-in panel user, member of `projectIds`, working in the first of them. */
export function userCaller(userId: string, projectIds: string[], options: { projectId?: string; ip?: string } = {}): Caller {
  return {
    kind: 'user',
    userId,
    projectId: options.projectId ?? projectIds[0]!,
    credential: { kind: 'user', userId, projectIds: new Set(projectIds) },
    actor: { type: 'USER', id: userId, ip: options.ip ?? null },
  };
}

/** A caller holding an app token with this scope (no database row needed). */
export function tokenCaller(scope: Partial<TokenRecord> & Pick<TokenRecord, 'projectId'>): Caller {
  const record = tokenRecordFixture({ id: crypto.randomUUID(), name: 'test token', labelSelector: '', role: 'OPERATOR', ...scope });
  const { credential } = resolveToken(record);
  return { kind: 'token', token: record, projectId: record.projectId, credential, actor: { type: 'TOKEN', id: record.id } };
}
