/** Where the gateway sends a request: one replica of the app, reachable from this host. */
export interface Upstream {
  host: string;
  port: number;
  /** An external app over https: its certificate is checked against `servername` unless `rejectUnauthorized` is false. */
  tls?: { servername: string; rejectUnauthorized: boolean };
  /** The Host header the app expects (an external app's own name); absent: the client's. */
  hostHeader?: string;
}

/** The origin undici and node:http dial: brackets around an IPv6 address. */
export function upstreamOrigin(upstream: Upstream): string {
  const host = upstream.host.includes(':') ? `[${upstream.host}]` : upstream.host;
  return `${upstream.tls ? 'https' : 'http'}://${host}:${upstream.port}`;
}
