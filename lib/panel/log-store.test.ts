import { describe, expect, it } from 'vitest';
import { asLogLine, filterLines, formatLogFile, indexOfSeq, LogStore, MAX_LOG_LINES, type ApiLogLine } from './log-store';

function line(n: number, extra: Partial<ApiLogLine> = {}): ApiLogLine {
  return { timestamp: `2026-01-01T00:00:${String(Math.floor(n / 1000)).padStart(2, '0')}.${String(n % 1000).padStart(3, '0')}Z`, content: `line ${n}`, replica: '1', stream: 'stdout', ...extra };
}

describe('LogStore', () => {
  it('keeps lines in order with increasing seq, parsing ANSI once', () => {
    const store = new LogStore();
    store.append([line(1), line(2, { content: '\x1b[31mred\x1b[0m', stream: 'stderr' })]);
    const [a, b] = store.lines;
    expect(a).toMatchObject({ seq: 1, text: 'line 1', segments: null });
    expect(b).toMatchObject({ seq: 2, text: 'red', lower: 'red', stream: 'stderr' });
    expect(b!.segments).toEqual([{ text: 'red', style: expect.objectContaining({ fg: 1 }) }]);
    expect(store.received).toBe(2);
  });

  it('returns the same array until something is appended', () => {
    const store = new LogStore();
    store.append([line(1)]);
    const first = store.lines;
    expect(store.lines).toBe(first);
    store.append([]);
    expect(store.lines).toBe(first);
    store.append([line(2)]);
    expect(store.lines).not.toBe(first);
  });

  it('keeps the last 10,000 lines by default, counting every line received', () => {
    const store = new LogStore();
    for (let batch = 0; batch < 25; batch++) store.append(Array.from({ length: 1000 }, (_, i) => line(batch * 1000 + i)));
    expect(store.lines).toHaveLength(MAX_LOG_LINES);
    expect(store.lines[0]!.text).toBe('line 15000');
    expect(store.lines.at(-1)!.text).toBe('line 24999');
    expect(store.received).toBe(25_000);
  });

  it('on resume asks since the last timestamp and skips the lines it already holds there, once each', () => {
    const store = new LogStore();
    const t = line(5).timestamp;
    store.append([line(4), line(5, { content: 'same' }), line(5, { content: 'same' }), line(5, { content: 'other', replica: '2' })]);
    expect(store.resumeSince()).toBe(t);
    // The server sends again everything at t (inclusive since), then a third "same" printed at t, then newer lines.
    const accepted = store.append([
      line(3),
      line(5, { content: 'same' }),
      line(5, { content: 'other', replica: '2' }),
      line(5, { content: 'same' }),
      line(5, { content: 'same' }),
      line(6),
      line(5, { content: 'same' }),
    ]);
    expect(accepted).toBe(3);
    expect(store.lines.map((l) => `${l.replica}:${l.text}`)).toEqual(['1:line 4', '1:same', '1:same', '2:other', '1:same', '1:line 6', '1:same']);
  });

  it('resumes with no since when it holds nothing', () => {
    const store = new LogStore();
    expect(store.resumeSince()).toBeNull();
    expect(store.append([line(1)])).toBe(1);
  });
});

describe('helpers', () => {
  it('filters by case-insensitive substring of the text without escapes', () => {
    const store = new LogStore();
    store.append([line(1, { content: 'GET /Hello' }), line(2, { content: '\x1b[1mget\x1b[0m /x' }), line(3, { content: 'POST /' })]);
    expect(filterLines(store.lines, 'get').map((l) => l.seq)).toEqual([1, 2]);
    expect(filterLines(store.lines, 'hello').map((l) => l.seq)).toEqual([1]);
    expect(filterLines(store.lines, '')).toBe(store.lines);
    expect(filterLines(store.lines, '[1m')).toEqual([]);
  });

  it('finds a line by seq', () => {
    const store = new LogStore();
    store.append([line(1), line(2), line(3), line(4)]);
    const odd = store.lines.filter((l) => l.seq % 2 === 1);
    expect(indexOfSeq(odd, 1)).toBe(0);
    expect(indexOfSeq(odd, 2)).toBe(1);
    expect(indexOfSeq(odd, 9)).toBe(2);
  });

  it('formats a .log file as `timestamp [replica] content`', () => {
    const store = new LogStore();
    store.append([line(1, { content: '\x1b[32mready\x1b[0m' }), line(2, { replica: '2', stream: 'stderr' })]);
    expect(formatLogFile(store.lines)).toBe('2026-01-01T00:00:00.001Z [1] ready\n2026-01-01T00:00:00.002Z [2] line 2\n');
  });

  it('checks the line shape', () => {
    expect(asLogLine({ timestamp: 't', content: 'c', replica: '1', stream: 'stderr' })).toEqual({ timestamp: 't', content: 'c', replica: '1', stream: 'stderr' });
    expect(asLogLine({ timestamp: 't', content: 'c' })).toEqual({ timestamp: 't', content: 'c', replica: '', stream: 'stdout' });
    expect(asLogLine({ content: 'c' })).toBeNull();
    expect(asLogLine('x')).toBeNull();
  });
});
