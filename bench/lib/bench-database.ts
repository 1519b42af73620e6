// A throwaway PostgreSQL database for one benchmark run, on this machine only.
import { createPostgresDatabase } from '../../tests/integration/helpers/test-database.ts';

export const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The server the benchmark may use: DATABASE_URL's, or the local default. Never another host. */
export function adminUrl(): string {
  const url = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new Error(`benchmarks run against 127.0.0.1 only; DATABASE_URL points at ${host}`);
  }
  return url;
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `tollgate_bench_<random>`; `drop` removes it even with connections still open, and only once. */
export async function createBenchDatabase(baseUrl = adminUrl()): Promise<BenchDatabase> {
  const { name, url, drop } = await createPostgresDatabase(baseUrl, 'tollgate_bench');
  return { name, url, drop: once(drop) };
}

let interrupted = false;

/** True once SIGINT/SIGTERM arrived: errors after that are the interruption's fallout, not findings. */
export function wasInterrupted(): boolean {
  return interrupted;
}

/** Makes an async cleanup run once: every later call returns the same promise. */
export function once(cleanup: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= cleanup());
}

/**
 * Runs `cleanup` on SIGINT/SIGTERM, then exits 130/143. `cleanup` should come from `once`, so a
 * main path failing because of the interruption (its children got the signal too) waits for the
 * same cleanup instead of racing it. Returns the function that removes the hooks.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    cleanup()
      .catch((error: unknown) => console.error('cleanup failed:', error))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
