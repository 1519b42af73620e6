// Runs `main` in-process against a FakeApi with captured output and a fake clock: sleeping
// advances the clock instantly, so --wait tests take no real time.

import type { CliIo } from '../cli-io.ts';
import { main } from '../main.ts';
import type { FakeApi } from './fake-api.ts';

export const START_TIME = Date.parse('2025-01-01T12:00:00.000Z');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  sleeps: number[];
  prompts: string[];
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Use the API's token from TOLLGATE_TOKEN (default true). */
  withToken?: boolean;
  /** stderr is a terminal (spinner). */
  tty?: boolean;
  /** stdin is a terminal; answers are given to prompts in order. */
  answers?: string[];
  /** Presses Ctrl-C once this is true of the output so far (checked after each write). */
  interruptWhen?: (output: { stdout: string; stderr: string }) => boolean;
  /** Presses Ctrl-C once this resolves. */
  interruptOn?: Promise<unknown>;
}

export async function runCli(api: FakeApi, argv: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let clock = START_TIME;
  const sleeps: number[] = [];
  const prompts: string[] = [];
  const answers = [...(options.answers ?? [])];
  const handlers: (() => void)[] = [];
  let pressed = false;
  const press = () => {
    if (pressed) return;
    pressed = true;
    // Like a signal: later, not inside the write.
    setTimeout(() => handlers.pop()?.(), 0);
  };
  const written = () => {
    if (options.interruptWhen?.({ stdout, stderr })) press();
  };
  void options.interruptOn?.then(press);
  const io: CliIo = {
    stdout: { write: (text) => void ((stdout += text), written()), isTTY: options.tty ?? false },
    stderr: { write: (text) => void ((stderr += text), written()), isTTY: options.tty ?? false },
    env: { ...(options.withToken === false ? {} : { TOLLGATE_TOKEN: api.token }), ...options.env },
    fetch: api.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    interactive: options.answers !== undefined,
    prompt: async (question) => {
      prompts.push(question);
      return answers.shift() ?? '';
    },
    onInterrupt: (handler) => {
      handlers.push(handler);
      return () => {
        const index = handlers.indexOf(handler);
        if (index !== -1) handlers.splice(index, 1);
      };
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, sleeps, prompts };
}
