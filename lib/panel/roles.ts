/** The guide's names for the two token roles. */
export const ROLE_LABELS = {
  read: 'AI Platform - Read-only',
  operator: 'AI Platform - Operator',
} as const;

export type RoleName = keyof typeof ROLE_LABELS;

export const ROLE_HINTS: Record<RoleName, string> = {
  read: 'Query the apps in scope (browser or Authorization: Bearer).',
  operator: 'Query the apps in scope and manage them (start, stop, delete, labels) with the API or the CLI.',
};

export function roleLabel(role: string): string {
  return role === 'operator' ? ROLE_LABELS.operator : ROLE_LABELS.read;
}
