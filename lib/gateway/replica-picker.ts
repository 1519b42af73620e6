import type { GatewayApp } from './gateway-store.ts';
import type { Upstream } from './upstream.ts';

/**
 * Round-robin over an app's ready replicas. A replica that refused a
 * connection leaves the rotation at once, for `ejectMs`: by then the
 * controller's probe has either taken it out of the app's replicas or found it
 * answering again, and it comes back.
 */
export class ReplicaPicker {
  private readonly cursor = new Map<string, number>();
  private readonly ejected = new Map<string, number>();

  constructor(
    private readonly ejectMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The next replica to send to, other than `avoid`; null when none is left. */
  pick(app: GatewayApp, avoid?: Upstream): Upstream | null {
    const replicas = app.replicas;
    if (replicas.length === 0) return null;
    const start = this.cursor.get(app.id) ?? 0;
    for (let i = 0; i < replicas.length; i++) {
      const index = (start + i) % replicas.length;
      const candidate = replicas[index]!;
      if (avoid && candidate.host === avoid.host && candidate.port === avoid.port) continue;
      if (this.ejected.size > 0 && this.isEjected(candidate)) continue;
      this.cursor.set(app.id, index + 1);
      return candidate;
    }
    return null;
  }

  eject(upstream: Upstream): void {
    this.ejected.set(key(upstream), this.now() + this.ejectMs);
  }

  private isEjected(upstream: Upstream): boolean {
    const until = this.ejected.get(key(upstream));
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.ejected.delete(key(upstream));
    return false;
  }
}

const key = (upstream: Upstream) => `${upstream.host}:${upstream.port}`;
