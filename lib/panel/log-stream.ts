import { api, networkError, PROJECT_HEADER, toError } from './api-client';
import { errorOfEvent, logLineOfEvent } from './log-line';
import { asLogLine, MAX_LOG_LINES, type ApiLogLine } from './log-store';
import { createSseParser } from './sse-parser';

// GET /v1/app/{id}/log, once (the history) and followed (server-sent events
// read from fetch(), so the project header goes along and leaving aborts it).

export function logPath(appId: string, query: { tail?: number; since?: string | null; follow?: boolean }): string {
  const params = new URLSearchParams();
  if (query.tail !== undefined) params.set('tail', String(query.tail));
  if (query.since) params.set('since', query.since);
  if (query.follow) params.set('follow', 'true');
  return `/v1/app/${encodeURIComponent(appId)}/log?${params}`;
}

/** The app's last `tail` lines (at most what the API keeps). */
export async function fetchAppLogs(appId: string, options: { projectId: string; tail?: number; signal?: AbortSignal }): Promise<ApiLogLine[]> {
  const body = await api<{ logs?: unknown }>(logPath(appId, { tail: options.tail ?? MAX_LOG_LINES }), options);
  return Array.isArray(body.logs) ? body.logs.map(asLogLine).filter((line) => line !== null) : [];
}

export interface FollowOptions {
  projectId: string;
  /** Lines from this timestamp on (inclusive); null: the last MAX_LOG_LINES. */
  since: string | null;
  signal: AbortSignal;
  /** The server answered 200: lines will follow. */
  onOpen: () => void;
  /** Lines as they come, a network chunk's worth at a time. */
  onLines: (lines: ApiLogLine[]) => void;
  fetch?: typeof fetch;
}

/**
 * Follows the app's output until the server ends the stream (resolves with
 * its reason, if it sent one). Rejects with an ApiRequestError when the API
 * refuses (its status and message) or cannot be reached (status 0), and with
 * an AbortError once `signal` aborts.
 */
export async function followAppLogs(appId: string, options: FollowOptions): Promise<{ reason: string | null }> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(logPath(appId, { follow: true, tail: MAX_LOG_LINES, since: options.since }), {
      headers: { accept: 'text/event-stream', [PROJECT_HEADER]: options.projectId },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw networkError();
  }
  if (!response.ok) throw await toError(response);
  if (!response.body) throw networkError();
  options.onOpen();

  let reason: string | null = null;
  let batch: ApiLogLine[] = [];
  const parser = createSseParser((event) => {
    if (event.event === 'line') {
      const line = logLineOfEvent(event.data);
      if (line) batch.push(line);
    } else if (event.event === 'error') {
      reason = errorOfEvent(event.data, 'the stream ended with an error');
    }
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
      if (batch.length > 0) {
        const lines = batch;
        batch = [];
        options.onLines(lines);
      }
    }
  } catch (error) {
    if (options.signal.aborted) throw error;
    // The connection broke mid-stream: the caller reconnects.
    return { reason: 'the connection was lost' };
  } finally {
    reader.releaseLock();
  }
  return { reason };
}
