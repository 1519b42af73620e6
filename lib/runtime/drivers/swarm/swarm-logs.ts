import type Dockerode from 'dockerode';
import type { LogLine, LogOptions } from '../runtime-driver.ts';
import { AsyncQueue } from '../docker/async-queue.ts';
import { dockerStatus } from '../docker/docker-error.ts';
import { LogFrameDecoder } from '../docker/log-frames.ts';

// Swarm's log broker gathers a service's output from every node: `GET /services/{id}/logs`, with
// `details` so each line names its task (com.docker.swarm.task.id=...), and `timestamps`. Lines are
// frames as for a container (8-byte header, then `<timestamp> <details> <line>`). `tail` applies per
// task, as with containers, so the history is merged here and cut to the last `tail` of all.

export interface ServiceLogLine {
  /** Normalised to 9 fraction digits: compares as a string. */
  ts: string;
  timestamp: Date;
  taskId: string | null;
  stream: 'stdout' | 'stderr';
  content: string;
}

/** `2024-05-01T12:00:00.5Z` → `2024-05-01T12:00:00.500000000Z` (Go trims trailing zeros; Date keeps milliseconds). */
export function normaliseTimestamp(ts: string): string | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(ts);
  if (!match) return null;
  return `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}Z`;
}

/** `key=value,key=value` (each part query-escaped), as Docker writes log details. */
export function parseDetails(token: string): Record<string, string> | null {
  if (!token.includes('=')) return null;
  const details: Record<string, string> = {};
  for (const pair of token.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return null;
    try {
      details[decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '))] = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return null;
    }
  }
  return details;
}

/** Splits one frame's text (read with timestamps and details) into its lines. */
export function serviceLogLines(text: string, stream: 'stdout' | 'stderr'): ServiceLogLine[] {
  const lines: ServiceLogLine[] = [];
  for (const raw of text.replace(/\n$/, '').split('\n')) {
    const space = raw.indexOf(' ');
    const ts = normaliseTimestamp(space > 0 ? raw.slice(0, space) : raw);
    if (!ts) continue; // not an entry: nothing Docker sends with timestamps on
    let rest = space > 0 ? raw.slice(space + 1) : '';
    let taskId: string | null = null;
    const next = rest.indexOf(' ');
    const details = parseDetails(next >= 0 ? rest.slice(0, next) : rest);
    if (details) {
      taskId = details['com.docker.swarm.task.id'] ?? null;
      rest = next >= 0 ? rest.slice(next + 1) : '';
    }
    lines.push({ ts, timestamp: new Date(ts), taskId, stream, content: rest.replace(/\r$/, '') });
  }
  return lines;
}

function decodeAll(buffer: Buffer): ServiceLogLine[] {
  return new LogFrameDecoder().push(buffer).flatMap((frame) => serviceLogLines(frame.text, frame.stream));
}

const unixSeconds = (date: Date) => date.getTime() / 1000;
const byTime = (a: ServiceLogLine, b: ServiceLogLine) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

/** The last `tail` lines one task printed (its crash message, for a failed rollout). */
export async function taskOutput(docker: Dockerode, taskId: string, tail: number): Promise<string[]> {
  try {
    const task = docker.getTask(taskId) as unknown as { logs(options: object): Promise<Buffer> };
    const buffer = await task.logs({ stdout: true, stderr: true, timestamps: true, details: true, follow: false, tail });
    return decodeAll(Buffer.isBuffer(buffer) ? buffer : Buffer.from(String(buffer)))
      .sort(byTime)
      .map((line) => line.content);
  } catch {
    return []; // the task (or its node) is gone: no output to show
  }
}

export interface ServiceLogTarget {
  serviceId: string;
  /** Task id → its slot, the tag each line carries. */
  slots: Map<string, number>;
}

/**
 * The output of the app's service, every task's, each line tagged with its slot. History (`tail`,
 * `since`) is merged across tasks in time order; with `follow` one more request streams new lines,
 * of the tasks that run now and of those that start later (restarts, rollouts), until `signal` aborts.
 */
export async function* serviceLogs(docker: Dockerode, resolve: () => Promise<ServiceLogTarget | null>, options: LogOptions): AsyncGenerator<LogLine> {
  let target = await resolve();
  if (!target || options.signal?.aborted) return;
  const service = docker.getService(target.serviceId);
  const tag = (taskId: string | null) => {
    const slot = taskId === null ? undefined : target?.slots.get(taskId);
    return slot !== undefined ? String(slot) : (taskId?.slice(0, 12) ?? '?');
  };
  const toLogLine = (line: ServiceLogLine): LogLine => ({ timestamp: line.timestamp, replica: tag(line.taskId), stream: line.stream, content: line.content });

  const historyStart = new Date();
  let buffer: Buffer;
  try {
    buffer = (await service.logs({
      stdout: true,
      stderr: true,
      timestamps: true,
      details: true,
      follow: false,
      ...(options.tail === undefined ? {} : { tail: options.tail }),
      ...(options.since === undefined ? {} : { since: unixSeconds(options.since) }),
    } as Dockerode.ContainerLogsOptions)) as unknown as Buffer;
  } catch (error) {
    if (dockerStatus(error) === 404) return; // removed between the lookup and the read
    throw error;
  }
  const history = decodeAll(buffer);
  const lastSeen = new Map<string, string>(); // task id → ts of its last line read
  for (const line of history) if (line.taskId && line.ts > (lastSeen.get(line.taskId) ?? '')) lastSeen.set(line.taskId, line.ts);
  const since = options.since ? normaliseTimestamp(options.since.toISOString()) : null;
  const inRange = since ? history.filter((l) => l.ts >= since) : history;
  inRange.sort(byTime);
  const kept = options.tail === undefined ? inRange : options.tail === 0 ? [] : inRange.slice(-options.tail);
  for (const line of kept) yield toLogLine(line);
  if (!options.follow || options.signal?.aborted) return;

  const queue = new AsyncQueue<LogLine>();
  const stopped = new AbortController();
  const stop = () => {
    stopped.abort();
    queue.end();
  };
  options.signal?.addEventListener('abort', stop, { once: true });
  const from = normaliseTimestamp(historyStart.toISOString())!;
  let refreshing: Promise<void> | null = null;
  try {
    // A second before the history read: Docker's `since` may be whole seconds; lines already given are skipped below.
    const stream = (await service.logs({
      stdout: true,
      stderr: true,
      timestamps: true,
      details: true,
      follow: true,
      since: Math.floor(unixSeconds(historyStart)) - 1,
      abortSignal: stopped.signal,
    } as Dockerode.ContainerLogsOptions)) as NodeJS.ReadableStream;
    const decoder = new LogFrameDecoder();
    // Lines wait here while the slots are re-read, so they keep their order.
    const waiting: ServiceLogLine[] = [];
    const deliver = (line: ServiceLogLine) => (refreshing ? waiting.push(line) : queue.push(toLogLine(line)));
    stream.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) {
        for (const line of serviceLogLines(frame.text, frame.stream)) {
          const seen = line.taskId ? lastSeen.get(line.taskId) : undefined;
          if (seen !== undefined ? line.ts <= seen : line.ts < from) continue;
          if (line.taskId) lastSeen.set(line.taskId, line.ts);
          if (line.taskId && !target?.slots.has(line.taskId) && !refreshing) {
            // A task started since the lookup (a restart, a rollout): learn its slot.
            refreshing = resolve()
              .then((fresh) => {
                if (fresh) target = fresh;
              })
              .catch(() => {})
              .finally(() => {
                refreshing = null;
                for (const held of waiting.splice(0)) queue.push(toLogLine(held));
              });
          }
          deliver(line);
        }
      }
    });
    const end = () => {
      if (refreshing) void refreshing.then(() => queue.end());
      else queue.end();
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', end);
  } catch (error) {
    if (!stopped.signal.aborted && dockerStatus(error) !== 404) queue.fail(error);
    else queue.end();
  }
  try {
    yield* queue;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    stop();
  }
}
