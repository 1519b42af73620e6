#!/usr/bin/env node
// Launcher for the TypeScript CLI in lib/cli: lets tsx load .ts files, runs main, and exits
// with its code once stdout and stderr are flushed. Paths come from this file's location, so
// it works from any working directory and through `npx tollgate`.
import { register } from 'tsx/esm/api';

register();

const { main, nodeIo, handleInterrupt } = await import(new URL('../lib/cli/main.ts', import.meta.url).href);

// Ctrl-C: a command that took it (`app logs -f`) ends by itself; otherwise, while waiting, end
// the spinner's line before leaving.
process.on('SIGINT', () => {
  if (handleInterrupt()) return;
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.exit(130);
});

const code = await main(process.argv.slice(2), nodeIo());
const flush = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([flush(process.stdout), flush(process.stderr)]);
process.exit(code);
