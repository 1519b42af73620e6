// RFC 6455 §5.2 framing, only as far as the gateway needs it: it splices raw
// sockets and never decodes messages, but to say goodbye on shutdown it must
// put its own Close frame between two of the app's frames, never inside one.

/**
 * Follows frame boundaries through a WebSocket byte stream, chunk by chunk:
 * it reads each frame's header (2 to 14 bytes, possibly split across chunks)
 * and skips its payload by length. No copy, no allocation after construction.
 */
export class FrameBoundaries {
  private readonly header = Buffer.alloc(14);
  private headerBytes = 0;
  private payloadLeft = 0;

  /** Between two frames (or before the first). */
  get atBoundary(): boolean {
    return this.headerBytes === 0 && this.payloadLeft === 0;
  }

  /**
   * Reads `chunk` from `start`. Returns the offset just past the first frame
   * that ends in it when `stopAtBoundary`, else `chunk.length`.
   */
  advance(chunk: Uint8Array, start = 0, stopAtBoundary = false): number {
    let i = start;
    while (i < chunk.length) {
      if (this.payloadLeft > 0) {
        const take = Math.min(this.payloadLeft, chunk.length - i);
        this.payloadLeft -= take;
        i += take;
        if (this.payloadLeft === 0 && stopAtBoundary) return i;
        continue;
      }
      this.header[this.headerBytes++] = chunk[i++]!;
      const length = headerLength(this.header, this.headerBytes);
      if (length === 0 || this.headerBytes < length) continue;
      this.payloadLeft = payloadLength(this.header);
      this.headerBytes = 0;
      if (this.payloadLeft === 0 && stopAtBoundary) return i;
    }
    return i;
  }
}

/** The whole header's length once its first two bytes are known, else 0. */
function headerLength(header: Buffer, have: number): number {
  if (have < 2) return 0;
  const length7 = header[1]! & 0x7f;
  const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
  const mask = header[1]! & 0x80 ? 4 : 0;
  return 2 + extended + mask;
}

function payloadLength(header: Buffer): number {
  const length7 = header[1]! & 0x7f;
  if (length7 === 126) return header.readUInt16BE(2);
  if (length7 === 127) return Number(header.readBigUInt64BE(2));
  return length7;
}

/** 1001 "going away": the server is shutting down (RFC 6455 §7.4.1). */
export const GOING_AWAY = 1001;

/** An unmasked Close frame, as a server sends it: FIN + opcode 8, the code, a short UTF-8 reason. */
export function closeFrame(code: number, reason = ''): Buffer {
  const text = Buffer.from(reason, 'utf8').subarray(0, 123);
  const frame = Buffer.alloc(4 + text.length);
  frame[0] = 0x88;
  frame[1] = 2 + text.length;
  frame.writeUInt16BE(code, 2);
  text.copy(frame, 4);
  return frame;
}
