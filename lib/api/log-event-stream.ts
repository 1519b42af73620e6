import type { AppLogLine } from '../apps/read-app-logs.ts';

const HEARTBEAT_MS = 15_000;

/**
 * Log lines as server-sent events (`event: line`, the line as JSON), until the
 * client leaves. A comment every 15 s keeps proxies from closing a quiet stream.
 */
export function logEventStream(lines: AsyncIterable<AppLogLine>, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let heartbeat: NodeJS.Timeout | undefined;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      // A first comment at once: the response (and its headers) reaches the client before any line does.
      controller.enqueue(encoder.encode(': following\n\n'));
      heartbeat = setInterval(() => controller.enqueue(encoder.encode(': keep-alive\n\n')), HEARTBEAT_MS);
      try {
        for await (const line of lines) {
          if (signal.aborted) break;
          controller.enqueue(encoder.encode(`event: line\ndata: ${JSON.stringify(line)}\n\n`));
        }
      } catch (error) {
        if (!signal.aborted) controller.enqueue(encoder.encode(`event: error\ndata: ${JSON.stringify({ message: error instanceof Error ? error.message : String(error) })}\n\n`));
      } finally {
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // The client left first.
        }
      }
    },
    cancel() {
      clearInterval(heartbeat);
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
}
