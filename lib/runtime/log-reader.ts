import { getAppController } from './controller/app-controller.ts';
import type { LogLine, LogOptions } from './drivers/runtime-driver.ts';

export interface LogSource {
  logs(appId: string, options: LogOptions): AsyncIterable<LogLine>;
}

// Set by server.ts at start, read by Next's route handlers: no engine client is bundled into Next.
const holder = globalThis as typeof globalThis & { __tollgateLogReader?: LogSource | null };

/** An engine keeps logs itself (docker), so an instance that does not lead reads them there too. */
export function setFollowerLogSource(source: LogSource | null): void {
  holder.__tollgateLogReader = source;
}

/**
 * Where this instance reads apps' output: the leader asks its own driver; any
 * other instance its engine reader. Processes keep their output in the
 * leader's memory: null elsewhere.
 */
export function logSource(): LogSource | null {
  return getAppController()?.driver ?? holder.__tollgateLogReader ?? null;
}
