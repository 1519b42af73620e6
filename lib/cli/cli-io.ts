// Everything the CLI touches outside itself, injected so `main` runs in-process in tests:
// output streams, environment, HTTP, time and the terminal prompt.

import { createInterface } from 'node:readline/promises';

export interface OutputStream {
  write(text: string): void;
  /** True when the stream is a terminal (spinners, colours-free redraws). */
  readonly isTTY?: boolean;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  fetch: FetchLike;
  sleep(ms: number): Promise<void>;
  /** Milliseconds since the epoch. */
  now(): number;
  /** True when stdin is a terminal someone can answer a question on. */
  readonly interactive: boolean;
  /** Asks one question on the terminal (only when interactive) and returns the answer. */
  prompt(question: string): Promise<string>;
  /**
   * Takes the next Ctrl-C (SIGINT) instead of the default exit 130: `handler` runs once, and the
   * command ends by itself. Returns the function that gives Ctrl-C back.
   */
  onInterrupt(handler: () => void): () => void;
}

const interruptHandlers: (() => void)[] = [];

/** For the launcher's SIGINT listener: true when a command took this Ctrl-C (it then ends by itself). */
export function handleInterrupt(): boolean {
  const handler = interruptHandlers.pop();
  if (!handler) return false;
  handler();
  return true;
}

function onInterrupt(handler: () => void): () => void {
  interruptHandlers.push(handler);
  return () => {
    const index = interruptHandlers.lastIndexOf(handler);
    if (index !== -1) interruptHandlers.splice(index, 1);
  };
}

/** The real process: stdio, process.env, global fetch, real timers. */
export function nodeIo(): CliIo {
  return {
    stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    env: process.env,
    fetch: (url, init) => fetch(url, init),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
    interactive: process.stdin.isTTY === true,
    onInterrupt,
    async prompt(question) {
      // Questions go to stderr so stdout stays clean for piping.
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
}
