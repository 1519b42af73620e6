import { parseAnsi, stripAnsi, hasEscapes, type AnsiSegment } from './ansi';
import type { ApiLogLine } from './log-line';

export { asLogLine, type ApiLogLine } from './log-line';

// The Logs tab's buffer: the last MAX_LOG_LINES lines of an app's output, as
// GET /v1/app/{id}/log sends them, each parsed once on arrival (ANSI colours,
// the plain text searched and downloaded). On a reconnect the tab asks the
// API for `since` the last timestamp it holds; `since` is inclusive, so the
// lines at that very timestamp come again and are skipped here, once each.

export interface LogEntry extends ApiLogLine {
  /** Increases by one per line accepted: a stable React key and scroll anchor. */
  seq: number;
  /** The content without escape sequences. */
  text: string;
  /** `text` lower-cased, for the filter. */
  lower: string;
  /** Styled runs when the content had escape sequences; null for plain text. */
  segments: AnsiSegment[] | null;
}

/** What the API keeps per app, and what the tab keeps. */
export const MAX_LOG_LINES = 10_000;

function identity(line: ApiLogLine): string {
  return `${line.replica}\u0000${line.stream}\u0000${line.content}`;
}

export class LogStore {
  private kept: LogEntry[] = [];
  private pending: LogEntry[] = [];
  private snapshot: readonly LogEntry[] = [];
  private dirty = false;
  private nextSeq = 1;
  /** Lines at the timestamp a reconnect asks `since`, already held: key → how many. */
  private overlap: { timestamp: string; seen: Map<string, number> } | null = null;

  constructor(private readonly capacity = MAX_LOG_LINES) {}

  /** Lines accepted since the store was made (dropped ones included). */
  get received(): number {
    return this.nextSeq - 1;
  }

  /** The kept lines, oldest first: the same array until something is appended. */
  get lines(): readonly LogEntry[] {
    if (this.dirty) {
      const all = this.pending.length > 0 ? this.kept.concat(this.pending) : this.kept;
      this.kept = all.length > this.capacity ? all.slice(all.length - this.capacity) : all;
      this.pending = [];
      this.snapshot = this.kept;
      this.dirty = false;
    }
    return this.snapshot;
  }

  get last(): LogEntry | undefined {
    return this.pending.at(-1) ?? this.kept.at(-1);
  }

  /** Adds lines as they came; returns how many were new. */
  append(batch: readonly ApiLogLine[]): number {
    let accepted = 0;
    for (const line of batch) {
      if (this.overlap) {
        const { timestamp, seen } = this.overlap;
        if (line.timestamp < timestamp) continue;
        if (line.timestamp === timestamp) {
          const key = identity(line);
          const count = seen.get(key) ?? 0;
          if (count > 0) {
            seen.set(key, count - 1);
            continue;
          }
        } else this.overlap = null;
      }
      const text = stripAnsi(line.content);
      this.pending.push({
        ...line,
        seq: this.nextSeq++,
        text,
        lower: text.toLowerCase(),
        segments: hasEscapes(line.content) ? parseAnsi(line.content) : null,
      });
      accepted++;
    }
    if (this.pending.length > this.capacity * 2) void this.lines;
    if (accepted > 0) this.dirty = true;
    return accepted;
  }

  /**
   * The `since` to ask for when following again (null: nothing held yet, ask
   * for everything), and from now on skip the held lines it sends again.
   */
  resumeSince(): string | null {
    const lines = this.lines;
    const last = lines.at(-1);
    if (!last) return null;
    const seen = new Map<string, number>();
    for (let i = lines.length - 1; i >= 0 && lines[i]!.timestamp === last.timestamp; i--) {
      const key = identity(lines[i]!);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    this.overlap = { timestamp: last.timestamp, seen };
    return last.timestamp;
  }
}

/** The lines whose text holds `query`, ignoring case; all of them for an empty query. */
export function filterLines(lines: readonly LogEntry[], query: string): readonly LogEntry[] {
  if (query === '') return lines;
  const needle = query.toLowerCase();
  return lines.filter((line) => line.lower.includes(needle));
}

/** The index of the first line whose seq is at least `seq` (lines are in seq order). */
export function indexOfSeq(lines: readonly LogEntry[], seq: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (lines[mid]!.seq < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A .log file: `timestamp [replica] content`, one line each, escape sequences removed. */
export function formatLogFile(lines: readonly Pick<LogEntry, 'timestamp' | 'replica' | 'text'>[]): string {
  let out = '';
  for (const line of lines) out += `${line.timestamp} [${line.replica}] ${line.text}\n`;
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `HH:MM:SS.mmm` in the browser's time zone (the row shows the full date on hover). */
export function formatLogTime(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
