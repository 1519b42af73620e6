/** Where the gateway sends a request: one replica of the app, reachable from this host. */
export interface Upstream {
  host: string;
  port: number;
}
