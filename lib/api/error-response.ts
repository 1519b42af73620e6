import { ZodError } from 'zod';
import { DomainError, type DomainErrorCode } from '../errors/domain-error.ts';
import { errorEnvelope } from '../http/error-envelope.ts';
import { SelectorError } from '../labels/selector-error.ts';
import { logger } from '../observability/logger.ts';

/** The API's status and wire code for each domain error code: the one place domain errors become HTTP. */
const HTTP: Record<DomainErrorCode, { status: number; code: string }> = {
  INVALID: { status: 400, code: 'bad_request' },
  UNAUTHENTICATED: { status: 401, code: 'unauthenticated' },
  FORBIDDEN: { status: 403, code: 'forbidden' },
  NOT_FOUND: { status: 404, code: 'not_found' },
  CONFLICT: { status: 409, code: 'conflict' },
  RATE_LIMITED: { status: 429, code: 'rate_limited' },
  UNAVAILABLE: { status: 503, code: 'unavailable' },
};

const INVALID_TOKEN_REASONS = new Set(['unknown_token', 'expired']);

/** Every error a /v1 handler lets escape, as the `{ error: { code, message, details } }` response. */
export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    const { status, code } = HTTP[error.code];
    const headers: Record<string, string> = {};
    if (error.code === 'UNAUTHENTICATED') {
      // RFC 6750 §3: say how to authenticate, and whether the token sent was the problem.
      const invalid = INVALID_TOKEN_REASONS.has(error.details?.reason ?? '');
      headers['www-authenticate'] = invalid ? 'Bearer realm="tollgate", error="invalid_token"' : 'Bearer realm="tollgate"';
    }
    return json(status, errorEnvelope(code, error.message, error.details), headers);
  }
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
    return json(
      400,
      errorEnvelope(
        'bad_request',
        `Invalid input: ${where}${first?.message ?? 'invalid'}`,
        error.issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code })),
      ),
    );
  }
  if (error instanceof SelectorError) {
    return json(400, errorEnvelope('invalid_selector', `Invalid label selector: ${error.message}`, { position: error.position, expected: error.expected }));
  }
  logger().error({ component: 'api', err: error }, 'unexpected API error');
  return json(500, errorEnvelope('internal', 'Internal error'));
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}
