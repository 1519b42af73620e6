// One line of an app's output as GET /v1/app/{id}/log sends it (in its JSON body, or as the data
// of a followed stream's `line` event), read the same way by the panel and the CLI.

/** One line as the API sends it. */
export interface ApiLogLine {
  timestamp: string;
  content: string;
  replica: string;
  stream: 'stdout' | 'stderr';
}

/** The line when `value` has the API's line shape, else null (a newer or broken server). */
export function asLogLine(value: unknown): ApiLogLine | null {
  if (typeof value !== 'object' || value === null) return null;
  const { timestamp, content, replica, stream } = value as Record<string, unknown>;
  if (typeof timestamp !== 'string' || typeof content !== 'string') return null;
  return {
    timestamp,
    content,
    replica: typeof replica === 'string' ? replica : String(replica ?? ''),
    stream: stream === 'stderr' ? 'stderr' : 'stdout',
  };
}

/** A `line` event's data: the line, or null when it is not one. */
export function logLineOfEvent(data: string): ApiLogLine | null {
  try {
    return asLogLine(JSON.parse(data));
  } catch {
    return null;
  }
}

/** An `error` event's data: the server's message, else the data as it came, else `fallback`. */
export function errorOfEvent(data: string, fallback: string): string {
  try {
    const message = (JSON.parse(data) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON
  }
  return data || fallback;
}
