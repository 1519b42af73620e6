import { ZodError } from 'zod';
import { SelectorError } from '../labels/selector-error.ts';

export type ApiErrorCode =
  | 'bad_request'
  | 'invalid_selector'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'not_implemented'
  | 'unavailable'
  | 'internal';

/** An error the API answers as `{ error: { code, message, details } }` with its status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

/**
 * Also recognises an ApiError thrown by another copy of this module: the app
 * controller lives in server.ts's module graph, route handlers in Next's bundle.
 */
function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error instanceof Error && error.name === 'ApiError' && typeof (error as ApiError).status === 'number');
}

/** The one place errors become responses: zod issues → 400, selector errors → 400 with the position. */
export function errorResponse(error: unknown): Response {
  if (isApiError(error)) {
    return json(error.status, { code: error.code, message: error.message, details: error.details }, error.headers);
  }
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
    return json(400, {
      code: 'bad_request',
      message: `Invalid input: ${where}${first?.message ?? 'invalid'}`,
      details: error.issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code })),
    });
  }
  if (error instanceof SelectorError) {
    return json(400, {
      code: 'invalid_selector',
      message: `Invalid label selector: ${error.message}`,
      details: { position: error.position, expected: error.expected },
    });
  }
  console.error('[tollgate] unexpected API error', error);
  return json(500, { code: 'internal', message: 'Internal error' });
}

function json(status: number, error: Record<string, unknown>, headers?: Record<string, string>): Response {
  if (error.details === undefined) delete error.details;
  return Response.json({ error }, { status, headers });
}
