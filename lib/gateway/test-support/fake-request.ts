import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** Enough of an IncomingMessage for the gateway's own handlers: method, url, headers, socket, body. */
export function fakeRequest(options: {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: string;
  remoteAddress?: string;
  encrypted?: boolean;
}): IncomingMessage {
  const req = Readable.from(options.body === undefined ? [] : [Buffer.from(options.body)]) as unknown as IncomingMessage;
  Object.assign(req, {
    method: options.method ?? 'GET',
    url: options.url ?? '/',
    headers: options.headers ?? {},
    socket: { remoteAddress: options.remoteAddress ?? '127.0.0.1', encrypted: options.encrypted ?? false },
  });
  return req;
}
