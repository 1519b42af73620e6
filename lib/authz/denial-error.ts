import { DomainError } from '../errors/domain-error.ts';
import type { Denial } from './authorize.ts';

/** An `authorize` denial as the error a verb throws: 401s stay unauthenticated, 403s forbidden, with the reason. */
export function denialError(denial: Denial, message: string = denial.message): DomainError {
  return new DomainError(denial.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', message, { reason: denial.reason });
}
