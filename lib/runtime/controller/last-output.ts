import type { RuntimeDriver } from '../drivers/runtime-driver.ts';

const LINES = 20;

/** The last lines the app printed, for the operator reading why it failed. Empty when the engine has none. */
export async function lastOutputOf(driver: RuntimeDriver, appId: string): Promise<string[]> {
  const lines: string[] = [];
  try {
    for await (const line of driver.logs(appId, { tail: LINES })) lines.push(line.content);
  } catch {
    // Logs are a courtesy here: the failure itself is already known.
  }
  return lines.slice(-LINES);
}
