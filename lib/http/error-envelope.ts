import type { ServerResponse } from 'node:http';

/** The one error body every Tollgate JSON answer uses: `{ error: { code, message, details? } }`. */
export function errorEnvelope(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Writes a complete JSON answer on a Node response (the custom server and the gateway). */
export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}
