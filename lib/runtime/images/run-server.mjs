// Shared by the built-in images: listens on $HOST:$PORT (HOST defaults to 127.0.0.1: the process driver
// runs images on the host itself; their container images set HOST=0.0.0.0, since a published port
// reaches the container's own interface, not its loopback), logs one line, and shuts down cleanly on
// SIGTERM. When spawned by Tollgate (an IPC channel is present) it also exits as soon as the server
// goes away, even if the server was SIGKILLed, and ignores terminal Ctrl-C (the server's SIGINT
// handler stops it with SIGTERM instead).

/**
 * @param {string} name
 * @param {import('node:http').Server} server
 * @param {{ onShutdown?: () => void | Promise<void> }} [options]
 */
export function runServer(name, server, options = {}) {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`${name}: PORT must be a TCP port number, got ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }

  server.on('error', (error) => {
    console.error(`${name}: ${error.message}`);
    process.exit(1);
  });
  const host = process.env.HOST ?? '127.0.0.1';
  server.listen(port, host, () => console.log(`${name} listening on http://${host}:${port}`));

  let shuttingDown = false;
  const shutdown = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    setTimeout(() => process.exit(0), 1000).unref();
    server.close();
    server.closeAllConnections();
    try {
      await options.onShutdown?.();
    } finally {
      process.exit(0);
    }
  };

  process.on('SIGTERM', shutdown);
  if (process.send) {
    process.on('SIGINT', () => {});
    process.on('disconnect', shutdown);
  } else {
    process.on('SIGINT', shutdown);
  }
}
