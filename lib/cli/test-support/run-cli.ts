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
}

export async function runCli(api: FakeApi, argv: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let clock = START_TIME;
  const sleeps: number[] = [];
  const prompts: string[] = [];
  const answers = [...(options.answers ?? [])];
  const io: CliIo = {
    stdout: { write: (text) => void (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text) => void (stderr += text), isTTY: options.tty ?? false },
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
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, sleeps, prompts };
}
