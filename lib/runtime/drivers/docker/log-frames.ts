// Docker sends a non-TTY container's output as frames: an 8-byte header (stream type, 3 zero bytes,
// big-endian payload length) then the payload. Decoding frames ourselves (rather than
// modem.demuxStream into two streams) keeps each line tagged with its stream without losing the
// order, and works the same on the Buffer of a finished read and on a follow stream.

export interface LogFrame {
  stream: 'stdout' | 'stderr';
  text: string;
}

const HEADER_BYTES = 8;

export class LogFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** The whole frames `chunk` completes; a frame cut across chunks waits for the rest. */
  push(chunk: Buffer): LogFrame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: LogFrame[] = [];
    let offset = 0;
    while (this.pending.length - offset >= HEADER_BYTES) {
      const type = this.pending.readUInt8(offset);
      const length = this.pending.readUInt32BE(offset + 4);
      if (this.pending.length - offset - HEADER_BYTES < length) break;
      const payload = this.pending.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length);
      // 0 is stdin (only with attach); Tollgate never opens stdin, so anything but 2 is stdout.
      frames.push({ stream: type === 2 ? 'stderr' : 'stdout', text: payload.toString('utf8') });
      offset += HEADER_BYTES + length;
    }
    this.pending = this.pending.subarray(offset);
    return frames;
  }
}

export interface TimestampedLine {
  /** Docker's RFC3339Nano timestamp, fixed width (9 fraction digits, UTC): compares as a string. */
  ts: string;
  timestamp: Date;
  content: string;
}

/**
 * Splits a frame read with `timestamps: true` into its lines. Docker prefixes every log entry
 * ("2024-05-01T12:00:00.123456789Z hello"); a line longer than 16 KiB arrives as several entries,
 * each with its own timestamp, and stays several lines here.
 */
export function timestampedLines(text: string): TimestampedLine[] {
  const lines: TimestampedLine[] = [];
  for (const raw of text.replace(/\n$/, '').split('\n')) {
    const space = raw.indexOf(' ');
    const ts = space > 0 ? raw.slice(0, space) : raw;
    const timestamp = new Date(ts);
    if (Number.isNaN(timestamp.getTime())) continue; // not an entry: nothing Docker sends with timestamps on
    lines.push({ ts, timestamp, content: space > 0 ? raw.slice(space + 1).replace(/\r$/, '') : '' });
  }
  return lines;
}
