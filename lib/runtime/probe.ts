import http from 'node:http';
import https from 'node:https';
import type { ReplicaAddress } from './drivers/runtime-driver.ts';

export type ProbeResult = { ok: true; status: number } | { ok: false; reason: string };

export interface ProbeTarget extends ReplicaAddress {
  /** Over https, checking the certificate unless `rejectUnauthorized` is false. */
  tls?: { servername: string; rejectUnauthorized: boolean };
  /** The Host header to send (an external app answers to its own name). */
  hostHeader?: string;
}

const listeners = new Set<(result: ProbeResult) => void>();

/** Hears the result of every probe any driver runs (metrics); returns the unsubscribe function. */
export function onProbeResult(listener: (result: ProbeResult) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * One readiness probe: `GET path` on the replica. Ready means 2xx or 3xx, as
 * Kubernetes' httpGet probe (and OVHcloud AI Deploy's) counts it.
 */
export function probeHttp(target: ProbeTarget, path: string, timeoutMs = 2_000): Promise<ProbeResult> {
  return new Promise<ProbeResult>((settle) => {
    let settled = false;
    const resolve = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      for (const listener of listeners) listener(result);
      settle(result);
    };
    const options = {
      host: target.host,
      port: target.port,
      path,
      agent: false as const,
      timeout: timeoutMs,
      headers: { 'user-agent': 'tollgate-probe', ...(target.hostHeader ? { host: target.hostHeader } : {}) },
    };
    const onResponse = (res: http.IncomingMessage) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 400 ? { ok: true, status } : { ok: false, reason: `probe ${path} answered ${status}` });
    };
    const req = target.tls ? https.get({ ...options, servername: target.tls.servername, rejectUnauthorized: target.tls.rejectUnauthorized }, onResponse) : http.get(options, onResponse);
    req.on('timeout', () => req.destroy(new Error(`probe ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ ok: false, reason: error.message }));
  });
}
