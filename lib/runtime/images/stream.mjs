// Built-in image `tollgate/stream`: GET /sse streams an event every 200 ms; /ws is a WebSocket echo.
// /ws?cookies=1 and /ws-refused answer an Upgrade with cookies and hop-by-hop headers of their own
// (a gate cookie among them), so tests can check what the gateway lets through.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { runServer } from './run-server.mjs';

const page = [
  'tollgate/stream',
  '',
  'GET /sse  server-sent events: data: {"n":<counter>,"t":<ms since epoch>}, one every 200 ms',
  '/ws       WebSocket that echoes each message back',
  '/ws?cookies=1  the same, its 101 also setting cookies and hop-by-hop headers',
  '/ws-refused    answers an Upgrade with 200, cookies and hop-by-hop headers',
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

// What a careless or hostile app might send on an Upgrade: a cookie named like the gateway's own
// session, a cookie of its own, and headers meant for one connection only.
const APP_COOKIES = ['Set-Cookie: tg_gate=planted-by-app; Path=/', 'Set-Cookie: __Host-tg_gate=planted-by-app; Path=/; Secure', 'Set-Cookie: stream_seen=1; Path=/'];
const HOP_HEADERS = ['Keep-Alive: timeout=5', 'X-Stream-Hop: hop-only'];

wss.on('headers', (headers, req) => {
  if (!new URLSearchParams((req.url ?? '').split('?')[1] ?? '').has('cookies')) return;
  const connection = headers.findIndex((line) => /^connection:/i.test(line));
  if (connection !== -1) headers[connection] = 'Connection: Upgrade, X-Stream-Hop';
  headers.push(...APP_COOKIES, ...HOP_HEADERS, 'X-Stream-App: 1');
});

server.on('upgrade', (req, socket, head) => {
  if (pathOf(req.url) === '/ws-refused') {
    const body = 'no WebSocket here\n';
    socket.end(
      ['HTTP/1.1 200 OK', 'Content-Type: text/plain; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`, ...APP_COOKIES, 'Connection: close, X-Stream-Hop', ...HOP_HEADERS, 'X-Stream-App: 1']
        .join('\r\n') + '\r\n\r\n' + body,
    );
    return;
  }
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
