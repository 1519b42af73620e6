/** A small client for the /v1 API as a browser session (cookie + Origin) or a program (Bearer token). */
export type Credential = { cookie: string; project?: string } | { token: string } | null;

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export function apiClient(baseUrl: string, seen: string[] = []) {
  return async function call<T = any>(credential: Credential, method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (credential && 'cookie' in credential) {
      headers.cookie = credential.cookie;
      headers.origin = baseUrl;
      if (credential.project) headers['x-tollgate-project'] = credential.project;
    }
    if (credential && 'token' in credential) headers.authorization = `Bearer ${credential.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    // Every response body is kept so secret-hygiene tests can search them.
    seen.push(text);
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T, text };
  };
}
