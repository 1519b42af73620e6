// What domain verbs throw. Transport-neutral: the /v1 API turns it into a
// status and the `{error}` envelope (lib/api/error-response.ts), the panel into
// a form message (lib/dal/form-error.ts), the CLI receives the API's code and
// exits accordingly. Nothing here knows about HTTP.

export const DOMAIN_ERROR_CODES = [
  'INVALID',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

// Next bundles its own copy of lib/ for route handlers, while the app
// controller lives in server.ts's module graph: an error thrown by one copy
// must still be recognised by the other, so the class is identified by a
// registered symbol rather than by the constructor's identity.
const BRAND = Symbol.for('tollgate.DomainError');

export interface DomainErrorDetails {
  /** A machine-readable reason within the code (an authorize DenyReason, a field name). */
  reason?: string;
  [key: string]: unknown;
}

export class DomainError extends Error {
  override name = 'DomainError';
  readonly [BRAND] = true;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: DomainErrorDetails,
  ) {
    super(message);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
