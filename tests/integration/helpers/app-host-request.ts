import http, { type IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';

/** `*.localhost` resolves to loopback in browsers and curl, not in Node: resolve it here the same way. */
export const localhostLookup: LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

export interface HostResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request to an app URL such as http://<id>.app.gra.localhost:3000/path. */
export function appRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<HostResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, lookup: localhostLookup, agent: false, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
