import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Upstream } from './upstream.ts';
import { upstreamHeaders } from './upstream-headers';

const MAX_RESPONSE_HEAD = 16 * 1024;

/**
 * Relays an authorised WebSocket (or other Upgrade) handshake to the app and,
 * only once the app answers 101, splices the two sockets: frames then flow both
 * ways untouched. Any other answer is relayed and the connection closed, so it
 * can never become an unchecked keep-alive pipe to the app.
 */
export function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, upstream: Upstream): void {
  const upstreamSocket = net.connect(upstream.port, upstream.host);
  const headers = upstreamHeaders(req, { upgrade: true });
  let preamble = `${req.method} ${req.url} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) preamble += `${name}: ${v}\r\n`;
  }
  preamble += '\r\n';

  const closeBoth = () => {
    upstreamSocket.destroy();
    socket.destroy();
  };
  let received = Buffer.alloc(0);
  const onHead = (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const end = received.indexOf('\r\n\r\n');
    if (end === -1) {
      if (received.length > MAX_RESPONSE_HEAD) closeBoth();
      return;
    }
    upstreamSocket.off('data', onHead);
    const statusLine = received.subarray(0, received.indexOf('\r\n')).toString('latin1');
    if (!/^HTTP\/1\.1 101 /.test(statusLine)) {
      upstreamSocket.off('close', closeBoth);
      upstreamSocket.destroy();
      socket.end(received);
      return;
    }
    socket.write(received);
    upstreamSocket.pipe(socket);
    socket.pipe(upstreamSocket);
  };
  upstreamSocket.once('connect', () => {
    upstreamSocket.write(preamble);
    if (head.length) upstreamSocket.write(head);
    upstreamSocket.on('data', onHead);
  });
  upstreamSocket.on('error', () => {
    if (socket.writable && received.length === 0) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else closeBoth();
  });
  upstreamSocket.on('close', closeBoth);
  socket.on('error', closeBoth);
  socket.on('close', closeBoth);
}
