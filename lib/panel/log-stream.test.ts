import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-client';
import type { ApiLogLine } from './log-store';
import { followAppLogs, logPath } from './log-stream';

const ID = '3f8c0000-0000-4000-8000-000000000001';

function streamOf(chunks: string[], { breakAtEnd = false } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (breakAtEnd) controller.error(new TypeError('network error'));
      else controller.close();
    },
  });
}

function sse(line: Partial<ApiLogLine>): string {
  return `event: line\ndata: ${JSON.stringify({ timestamp: '2026-01-01T00:00:00.000Z', replica: '1', stream: 'stdout', content: '', ...line })}\n\n`;
}

function follow(fetchImpl: typeof fetch, since: string | null = null) {
  const batches: string[][] = [];
  let opened = false;
  const done = followAppLogs(ID, {
    projectId: 'p1',
    since,
    signal: new AbortController().signal,
    onOpen: () => (opened = true),
    onLines: (lines) => batches.push(lines.map((l) => l.content)),
    fetch: fetchImpl,
  });
  return { done, batches, opened: () => opened };
}

describe('followAppLogs', () => {
  it('asks follow=true with the project header and hands over lines per chunk; keep-alives are ignored', async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const { done, batches, opened } = follow(async (url, init) => {
      seen.push({ url: String(url), init });
      return new Response(streamOf([sse({ content: 'a' }) + sse({ content: 'b' }), ': keep-alive\n\n', sse({ content: 'c' }).slice(0, 20), sse({ content: 'c' }).slice(20)]));
    }, '2026-01-01T00:00:00.000Z');
    expect(await done).toEqual({ reason: null });
    expect(opened()).toBe(true);
    expect(batches).toEqual([['a', 'b'], ['c']]);
    expect(seen[0]!.url).toBe(`/v1/app/${ID}/log?tail=10000&since=2026-01-01T00%3A00%3A00.000Z&follow=true`);
    expect(seen[0]!.init!.headers).toEqual({ accept: 'text/event-stream', 'x-tollgate-project': 'p1' });
  });

  it("rejects with the API's error for a refusal", async () => {
    const { done, opened } = follow(async () =>
      Response.json({ error: { code: 'unavailable', message: "This app's output is kept by the instance that runs it", details: { reason: 'logs_elsewhere' } } }, { status: 503 }),
    );
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 503, message: "This app's output is kept by the instance that runs it", details: { reason: 'logs_elsewhere' } });
    expect(opened()).toBe(false);
  });

  it('rejects with status 0 when the server cannot be reached; resolves with a reason when the stream breaks or the server says why', async () => {
    await expect(follow(async () => Promise.reject(new TypeError('Failed to fetch'))).done).rejects.toMatchObject({ status: 0 });
    const broken = follow(async () => new Response(streamOf([sse({ content: 'a' })], { breakAtEnd: true })));
    expect(await broken.done).toEqual({ reason: 'the connection was lost' });
    const told = follow(async () => new Response(streamOf([`event: error\ndata: {"message":"engine gone"}\n\n`])));
    expect(await told.done).toEqual({ reason: 'engine gone' });
  });
});

describe('logPath', () => {
  it('builds the query', () => {
    expect(logPath('a b', { tail: 5 })).toBe('/v1/app/a%20b/log?tail=5');
    expect(logPath('x', {})).toBe('/v1/app/x/log?');
  });
});
