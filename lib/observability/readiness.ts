import type { PrismaClient } from '../db/generated/client.ts';

export interface CheckResult {
  ok: boolean;
  /** Why it failed (or why it was skipped). Shown on the metrics listener only: the public port says which check, not what broke. */
  detail?: string;
}

export interface ReadinessReport {
  ready: boolean;
  status: 'ready' | 'unavailable' | 'shutting_down';
  /** The checks that failed, by name. */
  failed: string[];
  checks: Record<string, CheckResult>;
}

export interface ReadinessOptions {
  prisma: PrismaClient;
  /** Migration names this build ships (prisma/migrations). */
  migrations: readonly string[];
  /** The PostgreSQL change listener; null on the embedded database (nothing to listen to). */
  listenerConnected: (() => boolean) | null;
  /**
   * Pings the runtime's daemon, or says there is none to ask: resolves with a
   * note when skipped (a follower runs no apps), rejects when it does not answer.
   */
  pingRuntime: () => Promise<string | void>;
  /** One check's time limit (default 2 s): a database that hangs is as down as one that refuses. */
  timeoutMs?: number;
  /**
   * How long one report is reused (default 1 s): enough to absorb a crowd of
   * probes, short enough that a load balancer probing every few seconds sees
   * the database go within one period.
   */
  cacheMs?: number;
}

/**
 * `/readyz`: whether this instance should get traffic. Ready when the
 * database answers, no migration of this build is missing from it, the
 * change listener is connected (PostgreSQL), and the runtime's daemon
 * answers (on the leader). Never ready again once shutdown began.
 */
export class Readiness {
  private draining = false;
  private last: { at: number; report: ReadinessReport } | null = null;
  private pending: Promise<ReadinessReport> | null = null;

  constructor(private readonly options: ReadinessOptions) {}

  /** Shutdown began: every later report says so, at once (no cache). */
  drain(): void {
    this.draining = true;
    this.last = null;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  report(now = Date.now()): Promise<ReadinessReport> {
    if (this.draining) {
      return Promise.resolve({ ready: false, status: 'shutting_down', failed: ['shutdown'], checks: { shutdown: { ok: false, detail: 'the server is shutting down' } } });
    }
    if (this.last && now - this.last.at < (this.options.cacheMs ?? 1_000)) return Promise.resolve(this.last.report);
    this.pending ??= this.run().finally(() => (this.pending = null));
    return this.pending;
  }

  private async run(): Promise<ReadinessReport> {
    const { prisma, migrations, listenerConnected, pingRuntime } = this.options;
    const timeoutMs = this.options.timeoutMs ?? 2_000;
    const checks: Record<string, CheckResult> = {};
    const [database, runtime] = await Promise.all([
      settle(withTimeout(prisma.$queryRawUnsafe('SELECT 1'), timeoutMs, 'the database')),
      settle(withTimeout(pingRuntime(), timeoutMs, 'the runtime')),
    ]);
    checks.database = database.ok ? { ok: true } : { ok: false, detail: database.error };
    if (database.ok) {
      const applied = await settle(
        withTimeout(
          prisma.$queryRawUnsafe<{ migration_name: string }[]>(
            'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          ),
          timeoutMs,
          'the database',
        ),
      );
      if (!applied.ok) checks.migrations = { ok: false, detail: applied.error };
      else {
        const done = new Set(applied.value.map((row) => row.migration_name));
        const pending = migrations.filter((name) => !done.has(name));
        checks.migrations = pending.length ? { ok: false, detail: `pending: ${pending.join(', ')}` } : { ok: true };
      }
    } else {
      checks.migrations = { ok: false, detail: 'not checked: the database does not answer' };
    }
    if (listenerConnected) {
      checks.changeListener = listenerConnected() ? { ok: true } : { ok: false, detail: 'not connected to PostgreSQL (LISTEN); reconnecting' };
    }
    checks.runtime = runtime.ok ? (runtime.value ? { ok: true, detail: runtime.value } : { ok: true }) : { ok: false, detail: runtime.error };
    const failed = Object.entries(checks)
      .filter(([, result]) => !result.ok)
      .map(([name]) => name);
    const report: ReadinessReport = { ready: failed.length === 0, status: failed.length === 0 ? 'ready' : 'unavailable', failed, checks };
    // A report that began before shutdown must not be served after it.
    if (!this.draining) this.last = { at: Date.now(), report };
    return this.draining ? this.report() : report;
  }
}

/** The report as JSON, with or without the failure details (the public port omits them). */
export function readinessBody(report: ReadinessReport, withDetails: boolean): string {
  const checks = Object.fromEntries(
    Object.entries(report.checks).map(([name, result]) => [name, withDetails || result.ok ? result : { ok: false }]),
  );
  return JSON.stringify({ status: report.status, failed: report.failed, checks });
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: describe(error) }),
  );
}

/**
 * One line: Prisma's messages begin with a blank line and the call that failed, the reason last
 * ("… Message: `Can't reach database server at …`"); some errors carry it only in their cause or code.
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const last = error.message.split('\n').filter((line) => line.trim()).pop();
  if (last) return last.trim().slice(0, 300);
  const cause = error.cause as { message?: string; code?: string; kind?: string } | undefined;
  const code = (error as { code?: string }).code;
  return cause?.message || cause?.code || cause?.kind || code || error.name || 'failed';
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
