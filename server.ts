// The one entry point: panel, /v1 API and (on app hosts) the gateway, on one port.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ConfigError, getConfig } from './lib/config/config.ts';
import { startServer, StartupError } from './lib/server/start-server.ts';
import { logger } from './lib/observability/logger.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));

function fail(message: string): never {
  // One plain line on stderr, whatever LOG_FORMAT says: the start failed before there was a log to read.
  process.stderr.write(`tollgate: ${message}\n`);
  process.exit(1);
}

try {
  const config = getConfig();
  const server = await startServer({ dev: process.argv.includes('--dev'), dir, config });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger().info({ component: 'server', signal }, `${signal}: shutting down`);
    // Requests in flight get SHUTDOWN_TIMEOUT; stopping the apps and closing the database, a little more.
    const force = setTimeout(() => {
      logger().error({ component: 'server' }, 'shutdown did not finish in time: exiting anyway');
      process.exit(1);
    }, (config.SHUTDOWN_TIMEOUT + 15) * 1000);
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
