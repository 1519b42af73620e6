import { describe, expect, it } from 'vitest';
import { closeFrame, FrameBoundaries, GOING_AWAY } from './websocket-frames.ts';

/** A server frame (unmasked) with `length` payload bytes, as `ws` would write it. */
function frame(length: number, opcode = 0x2, masked = false): Buffer {
  const extended = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const header = Buffer.alloc(2 + extended + (masked ? 4 : 0));
  header[0] = 0x80 | opcode;
  header[1] = (masked ? 0x80 : 0) | (extended === 0 ? length : extended === 2 ? 126 : 127);
  if (extended === 2) header.writeUInt16BE(length, 2);
  if (extended === 8) header.writeBigUInt64BE(BigInt(length), 2);
  return Buffer.concat([header, Buffer.alloc(length, 0x61)]);
}

describe('FrameBoundaries', () => {
  it('is at a boundary after whole frames of every length encoding, masked or not', () => {
    const frames = new FrameBoundaries();
    for (const f of [frame(0), frame(5), frame(125), frame(126), frame(70_000), frame(3, 0x1, true)]) {
      expect(frames.advance(f)).toBe(f.length);
      expect(frames.atBoundary).toBe(true);
    }
  });

  it('follows frames split anywhere, header bytes included', () => {
    const stream = Buffer.concat([frame(300), frame(2), frame(70_000), frame(0, 0x9)]);
    for (const size of [1, 2, 3, 7, 1000]) {
      const frames = new FrameBoundaries();
      const boundaries: number[] = [];
      for (let offset = 0; offset < stream.length; offset += size) {
        frames.advance(stream.subarray(offset, offset + size));
        if (frames.atBoundary) boundaries.push(Math.min(offset + size, stream.length));
      }
      // Every frame end that falls on a chunk end is seen; the last one always is.
      expect(boundaries.at(-1)).toBe(stream.length);
      for (const b of boundaries) expect([304, 308, 308 + 70_010, stream.length]).toContain(b);
    }
  });

  it('stops at the end of the frame in progress when asked', () => {
    const frames = new FrameBoundaries();
    const first = frame(10);
    const stream = Buffer.concat([first, frame(20)]);
    expect(frames.advance(stream.subarray(0, 5))).toBe(5);
    expect(frames.atBoundary).toBe(false);
    const rest = stream.subarray(5);
    expect(frames.advance(rest, 0, true)).toBe(first.length - 5);
    expect(frames.atBoundary).toBe(true);
  });
});

describe('closeFrame', () => {
  it('is an unmasked Close with the code and the reason', () => {
    const f = closeFrame(GOING_AWAY, 'server shutting down');
    expect(f[0]).toBe(0x88);
    expect(f[1]).toBe(2 + 'server shutting down'.length);
    expect(f.readUInt16BE(2)).toBe(1001);
    expect(f.subarray(4).toString()).toBe('server shutting down');
  });
});
