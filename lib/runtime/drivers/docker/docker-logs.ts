import type Dockerode from 'dockerode';
import type { LogLine, LogOptions } from '../runtime-driver.ts';
import { AsyncQueue } from './async-queue.ts';
import { dockerStatus } from './docker-error.ts';
import { LogFrameDecoder, timestampedLines, type TimestampedLine } from './log-frames.ts';

/** A container whose output belongs to the app's logs. */
export interface LogSource {
  id: string;
  /** The tag its lines carry: the slot number. */
  replica: string;
  /** Docker only streams a running (or restarting) container's new output. */
  live: boolean;
}

/** How often a follow looks for containers to (re)attach to: restarted replicas, new generations. */
const ATTACH_INTERVAL_MS = 1_000;

interface Line extends TimestampedLine {
  replica: string;
  stream: 'stdout' | 'stderr';
}

function decodeAll(buffer: Buffer, replica: string): Line[] {
  return new LogFrameDecoder()
    .push(buffer)
    .flatMap((frame) => timestampedLines(frame.text).map((line) => ({ ...line, replica, stream: frame.stream })));
}

const toLogLine = ({ timestamp, replica, stream, content }: Line): LogLine => ({ timestamp, replica, stream, content });
const unixSeconds = (date: Date) => date.getTime() / 1000;

/**
 * The output of every container `sources()` lists, exited ones included.
 * The history part (`tail`, `since`) is merged across replicas in time order: Docker's tail is per
 * container, so each gives its last `tail` lines and the merge keeps the last `tail` of all.
 * With `follow`, new lines then stream as they come until `signal` aborts; containers that
 * (re)start meanwhile are attached too, and lines already given are never repeated.
 */
export async function* dockerLogs(
  docker: Dockerode,
  sources: () => Promise<LogSource[]>,
  options: LogOptions,
): AsyncGenerator<LogLine> {
  const followFrom = new Date();
  const lastSeen = new Map<string, string>(); // container id → ts of the last line read
  const history: Line[] = [];
  for (const source of await sources()) {
    if (options.signal?.aborted) return;
    let buffer: Buffer;
    try {
      buffer = await docker.getContainer(source.id).logs({
        stdout: true,
        stderr: true,
        timestamps: true,
        follow: false,
        ...(options.tail === undefined ? {} : { tail: options.tail }),
        ...(options.since === undefined ? {} : { since: unixSeconds(options.since) }),
      });
    } catch (error) {
      if (dockerStatus(error) === 404) continue; // removed between list and read
      throw error;
    }
    const lines = decodeAll(buffer, source.replica);
    const last = lines.at(-1);
    if (last) lastSeen.set(source.id, last.ts);
    // Docker's `since` has whole-second precision on some engines: filter exactly here.
    history.push(...(options.since ? lines.filter((l) => l.timestamp >= options.since!) : lines));
  }
  history.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  const kept = options.tail === undefined ? history : options.tail === 0 ? [] : history.slice(-options.tail);
  for (const line of kept) yield toLogLine(line);

  if (!options.follow || options.signal?.aborted) return;
  yield* follow(docker, sources, lastSeen, followFrom, options.signal);
}

async function* follow(
  docker: Dockerode,
  sources: () => Promise<LogSource[]>,
  lastSeen: Map<string, string>,
  followFrom: Date,
  signal: AbortSignal | undefined,
): AsyncGenerator<LogLine> {
  const queue = new AsyncQueue<LogLine>();
  const attached = new Set<string>(); // container ids with a follow open (or opening)
  const stopped = new AbortController();

  const attach = async (source: LogSource) => {
    if (attached.has(source.id)) return;
    attached.add(source.id); // claimed before the await: the next round must not attach twice
    let detached = false;
    const detach = () => {
      if (!detached) attached.delete(source.id);
      detached = true;
    };
    const seen = lastSeen.get(source.id);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await docker.getContainer(source.id).logs({
        stdout: true,
        stderr: true,
        timestamps: true,
        follow: true,
        since: seen ? unixSeconds(new Date(seen)) : unixSeconds(followFrom),
        abortSignal: stopped.signal,
      });
    } catch {
      detach(); // gone, or the follow stopped meanwhile: the next round decides
      return;
    }
    const decoder = new LogFrameDecoder();
    stream.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) {
        for (const line of timestampedLines(frame.text)) {
          const last = lastSeen.get(source.id);
          if (last !== undefined && line.ts <= last) continue; // `since` repeats the line it starts at
          lastSeen.set(source.id, line.ts);
          queue.push(toLogLine({ ...line, replica: source.replica, stream: frame.stream }));
        }
      }
    });
    // Docker ends a follow when the container stops; a restart is picked up by the next round.
    stream.on('end', detach);
    stream.on('close', detach);
    stream.on('error', detach);
  };

  const round = async () => {
    try {
      for (const source of await sources()) if (source.live) void attach(source);
    } catch (error) {
      queue.fail(error);
    }
  };

  const stop = () => {
    stopped.abort();
    clearInterval(timer);
    queue.end();
  };
  const timer = setInterval(() => void round(), ATTACH_INTERVAL_MS);
  signal?.addEventListener('abort', stop, { once: true });
  await round();
  try {
    yield* queue;
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
  }
}
