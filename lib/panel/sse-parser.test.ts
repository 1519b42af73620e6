import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser';

function parse(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const chunk of chunks) parser.push(chunk);
  return events;
}

describe('createSseParser', () => {
  it('reads named events, skips comments, joins data lines', () => {
    expect(parse(['event: line\ndata: {"a":1}\n\n: keep-alive\n\ndata: one\ndata:two\n\n'])).toEqual([
      { event: 'line', data: '{"a":1}' },
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('waits for the blank line, across chunks cut anywhere', () => {
    const text = 'event: line\ndata: {"content":"héllo"}\n\nevent: line\ndata: 2\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual([
        { event: 'line', data: '{"content":"héllo"}' },
        { event: 'line', data: '2' },
      ]);
    }
    expect(parse(['event: line\ndata: x\n'])).toEqual([]);
  });

  it('accepts \\r\\n and \\r line ends, \\r\\n split between chunks too', () => {
    expect(parse(['data: a\r\n\r\ndata: b\r\rdata: c\r', '\n\r', '\n'])).toEqual([
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
      { event: 'message', data: 'c' },
    ]);
  });

  it('dispatches nothing for an event without data; keeps the id', () => {
    expect(parse(['event: ping\n\nid: 7\ndata\n\n'])).toEqual([{ event: 'message', data: '', id: '7' }]);
  });
});
