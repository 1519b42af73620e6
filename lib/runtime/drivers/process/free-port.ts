import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** A port that was free a moment ago: listen on 0, read the port the kernel chose, close. */
function askKernel(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('the kernel gave no port'))));
    });
  });
}

/**
 * Hands out loopback ports for replicas. Between the pick and the child's own `listen` the port is
 * free for anyone: another program can take it (the child then fails with EADDRINUSE and the
 * caller retries on another port). Ports held by this driver's live replicas are never handed out
 * twice, even if the kernel offers one again while its child is still booting.
 */
export class PortPool {
  private readonly held = new Set<number>();

  constructor(private readonly host = LOOPBACK) {}

  async take(): Promise<number> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const port = await askKernel(this.host);
      if (!this.held.has(port)) {
        this.held.add(port);
        return port;
      }
    }
    throw new Error('no free port: the kernel keeps offering ports this driver already uses');
  }

  release(port: number): void {
    this.held.delete(port);
  }
}
