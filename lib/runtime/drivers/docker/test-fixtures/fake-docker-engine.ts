import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void;

/**
 * A stand-in for dockerd on a unix socket, answering only the routes a test gives it: for what a
 * real engine cannot be made to do on demand (restart under a live event stream, a registry's pull
 * stream). Unknown routes answer 404 as Docker does, and every request is recorded.
 */
export class FakeDockerEngine {
  readonly requests: URL[] = [];
  readonly docker: Dockerode;
  private readonly server: http.Server;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-fake-docker-'));
  readonly socketPath = path.join(this.dir, 'docker.sock');

  constructor(private readonly routes: Record<string, Route>) {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://docker');
      this.requests.push(url);
      const route = this.routes[`${req.method} ${url.pathname}`];
      if (route) return route(req, res, url);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `no such route: ${req.method} ${url.pathname}` }));
    });
    this.docker = new Dockerode({ socketPath: this.socketPath });
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.socketPath, resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
