// Built-in image `tollgate/stream`: GET /sse streams an event every 200 ms; /ws is a WebSocket echo.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { runServer } from './run-server.mjs';

const page = [
  'tollgate/stream',
  '',
  'GET /sse  server-sent events: data: {"n":<counter>,"t":<ms since epoch>}, one every 200 ms',
  '/ws       WebSocket that echoes each message back',
  '',
].join('\n');

const pathOf = (url) => (url ?? '/').split('?')[0];

const server = http.createServer((req, res) => {
  req.resume();
  if (pathOf(req.url) === '/sse') {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Use GET for /sse\n');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    let n = 0;
    const send = () => res.write(`data: ${JSON.stringify({ n: n++, t: Date.now() })}\n\n`);
    send();
    const timer = setInterval(send, 200);
    res.on('close', () => clearInterval(timer));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(page) });
  res.end(page);
});

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});

server.on('upgrade', (req, socket, head) => {
  if (pathOf(req.url) !== '/ws') {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

runServer('stream', server, {
  onShutdown: () =>
    new Promise((resolve) => {
      const clients = [...wss.clients];
      if (clients.length === 0) return resolve();
      let open = clients.length;
      for (const client of clients) {
        client.once('close', () => {
          if (--open === 0) resolve();
        });
        client.close(1001, 'server shutting down');
      }
    }),
});
