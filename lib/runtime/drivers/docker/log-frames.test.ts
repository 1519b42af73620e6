import { describe, expect, it } from 'vitest';
import { LogFrameDecoder, timestampedLines } from './log-frames.ts';

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('LogFrameDecoder', () => {
  it('keeps stream and order, across chunks cut anywhere (inside a header, inside a multi-byte character)', () => {
    const bytes = Buffer.concat([frame(1, 'out één\n'), frame(2, 'err\n'), frame(1, 'out 2\n')]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const decoder = new LogFrameDecoder();
      const frames = [...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))];
      expect(frames).toEqual([
        { stream: 'stdout', text: 'out één\n' },
        { stream: 'stderr', text: 'err\n' },
        { stream: 'stdout', text: 'out 2\n' },
      ]);
    }
  });
});

describe('timestampedLines', () => {
  it("splits Docker's timestamp from the content, keeping spaces and dropping CR", () => {
    expect(timestampedLines('2026-05-01T12:00:00.123456789Z  two  spaces\r\n')).toEqual([
      { ts: '2026-05-01T12:00:00.123456789Z', timestamp: new Date('2026-05-01T12:00:00.123Z'), content: ' two  spaces' },
    ]);
    expect(timestampedLines('2026-05-01T12:00:00.000000000Z \n').map((l) => l.content)).toEqual(['']);
  });
});
