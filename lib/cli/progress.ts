// Feedback while waiting: a spinner redrawn in place on a terminal, plain lines (one per
// change) when stderr is a file or a pipe, so logs stay readable.

import type { OutputStream } from './cli-io.ts';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';

/** How often the spinner moves, and so how long the waiting loop sleeps at a time. */
export const FRAME_MS = 100;

export interface Progress {
  /** True for the spinner: the caller should call tick() every FRAME_MS. */
  readonly animated: boolean;
  /** What is happening now, e.g. `app 1234: INITIALIZING`. */
  update(text: string): void;
  tick(): void;
  /** Leaves a final line (success). */
  succeed(text: string): void;
  /** Clears the spinner so an error line can follow. */
  stop(): void;
}

export function createProgress(stream: OutputStream, now: () => number): Progress {
  return stream.isTTY ? spinner(stream, now) : plainLines(stream);
}

function spinner(stream: OutputStream, now: () => number): Progress {
  const started = now();
  let frame = 0;
  let text = '';
  let active = false;
  const draw = () => {
    const seconds = Math.floor((now() - started) / 1000);
    stream.write(`${CLEAR_LINE}${FRAMES[frame % FRAMES.length]} ${text} (${seconds}s)`);
    active = true;
  };
  return {
    animated: true,
    update(next) {
      text = next;
      draw();
    },
    tick() {
      frame++;
      draw();
    },
    succeed(final) {
      stream.write(`${active ? CLEAR_LINE : ''}✔ ${final}\n`);
      active = false;
    },
    stop() {
      if (active) stream.write(CLEAR_LINE);
      active = false;
    },
  };
}

function plainLines(stream: OutputStream): Progress {
  let last: string | undefined;
  const line = (text: string) => {
    if (text !== last) stream.write(`${text}\n`);
    last = text;
  };
  return { animated: false, update: line, tick() {}, succeed: line, stop() {} };
}
