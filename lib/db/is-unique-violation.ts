/** Prisma's P2002: a unique constraint refused the write (checked by code, so no client import is needed). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
