import type { TokenRole } from '../db/generated/enums.ts';

/** A token's role as the API and the panel say it. The database says READ / OPERATOR. */
export type Role = 'read' | 'operator';

export const ROLES: readonly Role[] = ['read', 'operator'];

export function roleFromDb(role: TokenRole): Role {
  return role === 'OPERATOR' ? 'operator' : 'read';
}

export function roleToDb(role: Role): TokenRole {
  return role === 'operator' ? 'OPERATOR' : 'READ';
}
