import { DomainError } from '../errors/domain-error.ts';

/**
 * A failed verb as the message a panel form shows under its field. Only the
 * domain's own refusals are worded for users; anything else is a bug and is
 * rethrown to the error boundary.
 */
export function formError(error: unknown): string {
  if (error instanceof DomainError) return error.message;
  throw error;
}
