// The one entry point: panel, /v1 API and (on app hosts) the gateway, on one port.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ConfigError, getConfig } from './lib/config/config.ts';
import { startServer, StartupError } from './lib/server/start-server.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));

function fail(message: string): never {
  console.error(`tollgate: ${message}`);
  process.exit(1);
}

try {
  const config = getConfig();
  const server = await startServer({ dev: process.argv.includes('--dev'), dir, config });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[tollgate] ${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`shutdown failed: ${String(error)}`),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError || error instanceof StartupError) fail(error.message);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(`port already in use: ${(error as Error).message}`);
  throw error;
}
