import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Upstream } from '../runtime/runtime-driver';
import { upstreamHeaders } from './upstream-headers';

/**
 * Relays an authorised WebSocket (or other Upgrade) handshake to the app and
 * then splices the two sockets: frames flow both ways untouched.
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
  upstreamSocket.once('connect', () => {
    upstreamSocket.write(preamble);
    if (head.length) upstreamSocket.write(head);
    upstreamSocket.pipe(socket);
    socket.pipe(upstreamSocket);
  });
  const closeBoth = () => {
    upstreamSocket.destroy();
    socket.destroy();
  };
  upstreamSocket.on('error', () => {
    if (socket.writable && upstreamSocket.bytesRead === 0) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else closeBoth();
  });
  upstreamSocket.on('close', closeBoth);
  socket.on('error', closeBoth);
  socket.on('close', closeBoth);
}
