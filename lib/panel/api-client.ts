// The panel's one way to call /v1 from the browser. The project travels in a
// header so a request always targets the project the page was rendered for,
// even if another tab switched the cookie meanwhile.

export const PROJECT_HEADER = 'x-tollgate-project';

/** A /v1 error, as `{ error: { code, message, details } }` describes it. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiResult<T> {
  data: T;
  headers: Headers;
}

interface ApiOptions {
  projectId: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls /v1 and returns the parsed body with the headers; throws ApiRequestError on any failure. */
export async function apiRequest<T>(path: string, { projectId, method = 'GET', body, signal }: ApiOptions): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', [PROJECT_HEADER]: projectId };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  if (!response.ok) throw await toError(response);
  const data = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { data, headers: response.headers };
}

/** The request never got an answer (status 0). */
export function networkError(): ApiRequestError {
  return new ApiRequestError(0, 'network', 'Could not reach Tollgate. Check your connection and try again.');
}

/** Same as apiRequest, body only. */
export async function api<T>(path: string, options: ApiOptions): Promise<T> {
  return (await apiRequest<T>(path, options)).data;
}

/** The API's error body as an ApiRequestError (a generic one when the body is not the API's). */
export async function toError(response: Response): Promise<ApiRequestError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.message) {
      return new ApiRequestError(response.status, body.error.code ?? 'error', body.error.message, body.error.details);
    }
  } catch {
    // not JSON: fall through to a generic message
  }
  return new ApiRequestError(response.status, 'error', `The server answered ${response.status} ${response.statusText}`.trim());
}

/** A sentence for any error a query or mutation throws. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return 'Your session has ended. Sign in again to continue.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
