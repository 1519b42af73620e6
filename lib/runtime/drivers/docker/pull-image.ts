import type Dockerode from 'dockerode';
import { RuntimeError } from '../runtime-driver.ts';
import { dockerMessage, dockerStatus } from './docker-error.ts';

/** One line of Docker's pull stream (newline-delimited JSON). */
interface PullMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** Emits "pulling image: N%" from the per-layer byte counts, at most once per 5 % step. */
class PullProgress {
  private readonly layers = new Map<string, { current: number; total: number }>();
  private lastReported = -1;

  constructor(private readonly progress: (info: string) => void) {}

  update(message: PullMessage): void {
    if (!message.id) return;
    const layer = this.layers.get(message.id) ?? { current: 0, total: 0 };
    const detail = message.progressDetail ?? {};
    if (message.status === 'Downloading' && detail.total) {
      layer.current = detail.current ?? 0;
      layer.total = detail.total;
    } else if (message.status === 'Download complete' || message.status === 'Pull complete' || message.status === 'Already exists') {
      layer.current = layer.total;
    }
    this.layers.set(message.id, layer);
    let current = 0;
    let total = 0;
    for (const l of this.layers.values()) {
      current += l.current;
      total += l.total;
    }
    if (total === 0) return;
    const percent = Math.floor((current / total) * 100);
    if (percent >= this.lastReported + 5 || (percent === 100 && this.lastReported !== 100)) {
      this.lastReported = percent;
      this.progress(`pulling image: ${percent}%`);
    }
  }
}

/** Reads the pull stream to its end; a message carrying `error` (unknown tag, registry refusal) fails it. */
function followPull(stream: NodeJS.ReadableStream, onMessage: (message: PullMessage) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let failure: string | null = null;
    const handle = (line: string) => {
      if (!line.trim()) return;
      let message: PullMessage;
      try {
        message = JSON.parse(line) as PullMessage;
      } catch {
        return; // not JSON: a proxy's noise, not Docker's word
      }
      if (message.error) failure ??= message.errorDetail?.message ?? message.error;
      else onMessage(message);
    };
    stream.on('data', (chunk: Buffer | string) => {
      buffered += chunk.toString();
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        handle(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    });
    stream.on('error', (error: Error) => reject(error));
    stream.on('end', () => {
      handle(buffered);
      if (failure) reject(new Error(failure));
      else resolve();
    });
  });
}

/**
 * Makes sure `image` is in the engine: an image present locally is used as it is (no pull, so
 * locally built images and offline engines work); a missing one is pulled with progress lines.
 * Rejects with a RuntimeError naming the image and the registry's reason.
 */
export async function ensureImage(docker: Dockerode, image: string, progress: (info: string) => void, signal?: AbortSignal): Promise<void> {
  try {
    await docker.getImage(image).inspect();
    return;
  } catch (error) {
    if (dockerStatus(error) !== 404) throw new RuntimeError(`cannot inspect image ${image}: ${dockerMessage(error)}`);
  }
  progress(`pulling image ${image}`);
  const reporter = new PullProgress(progress);
  try {
    // The abort ends the HTTP request; dockerd then cancels the pull.
    const stream = await docker.pull(image, signal ? { abortSignal: signal } : {});
    await followPull(stream, (message) => reporter.update(message));
  } catch (error) {
    if (signal?.aborted) throw new RuntimeError(`pulling image ${image} was aborted`);
    throw new RuntimeError(`cannot pull image ${image}: ${dockerMessage(error)}`);
  }
  progress(`pulled image ${image}`);
}
