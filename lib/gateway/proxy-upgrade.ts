import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { Upstream } from './upstream.ts';
import { downstreamRawHeaders, upstreamHeaders } from './upstream-headers.ts';
import { closeFrame, FrameBoundaries, GOING_AWAY } from './websocket-frames.ts';

/** What a caller learns of one upgrade: when the sockets are spliced, and how to say goodbye on shutdown. */
export interface UpgradeMeter {
  /** The app accepted (101) and frames now flow; `goAway` closes the client with 1001 and lets go of the app. */
  spliced(goAway: () => void): void;
}

// How long a client has to answer our Close frame, and the app to finish the frame it is sending, before the socket is cut.
const GOODBYE_MS = 2_000;

/**
 * Relays an authorised WebSocket (or other Upgrade) handshake to the app and,
 * only once the app answers 101, splices the two sockets: frames then flow both
 * ways untouched. Any other answer is relayed and the connection closed, so it
 * can never become an unchecked keep-alive pipe to the app.
 *
 * Every response head is rebuilt through the same filter as proxied HTTP
 * responses, never relayed raw: an app must not be able to set the gateway's
 * session cookie or pass hop-by-hop headers on this path either.
 */
export function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, upstream: Upstream, assertion: string | undefined, meter?: UpgradeMeter): void {
  const options = {
    host: upstream.host,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers: upstreamHeaders(req, { upgrade: true, hostHeader: upstream.hostHeader, assertion }),
    setHost: false,
    agent: false as const,
  };
  const upstreamReq = upstream.tls
    ? https.request({ ...options, servername: upstream.tls.servername, rejectUnauthorized: upstream.tls.rejectUnauthorized })
    : http.request(options);
  let upstreamSocket: Duplex | null = null;
  let answered = false;
  const closeBoth = () => {
    upstreamReq.destroy();
    upstreamSocket?.destroy();
    socket.destroy();
  };
  socket.on('error', closeBoth);
  socket.on('close', closeBoth);

  upstreamReq.on('upgrade', (res, appSocket, appHead) => {
    answered = true;
    upstreamSocket = appSocket;
    appSocket.on('error', closeBoth);
    appSocket.on('close', closeBoth);
    const headers = downstreamRawHeaders(res.rawHeaders);
    // The filter drops Connection and Upgrade as hop-by-hop; on a 101 they are the handshake itself.
    headers.push('Connection', 'Upgrade');
    if (res.headers.upgrade) headers.push('Upgrade', res.headers.upgrade);
    socket.write(responseHead(101, res.statusMessage || 'Switching Protocols', headers));
    // The app's frames are relayed as they come, but their boundaries are followed, so that on
    // shutdown the gateway's own Close frame lands between two of them.
    const frames = new FrameBoundaries();
    let leaving = false;
    const goodbye = () => {
      socket.end(closeFrame(GOING_AWAY, 'server shutting down'));
      appSocket.end();
      setTimeout(closeBoth, GOODBYE_MS).unref();
    };
    const relay = (chunk: Buffer) => {
      if (!leaving) {
        frames.advance(chunk);
        if (!socket.write(chunk)) appSocket.pause();
        return;
      }
      // Shutting down in the middle of a frame: send the rest of that frame, then say goodbye.
      const end = frames.advance(chunk, 0, true);
      socket.write(end === chunk.length ? chunk : chunk.subarray(0, end));
      if (frames.atBoundary) {
        appSocket.removeListener('data', relay);
        goodbye();
      }
    };
    if (appHead.length) relay(appHead);
    appSocket.on('data', relay);
    appSocket.on('end', () => socket.end());
    socket.on('drain', () => appSocket.resume());
    // Bytes the client sent right behind its handshake belong to the new protocol.
    if (head.length) appSocket.write(head);
    socket.pipe(appSocket);
    meter?.spliced(() => {
      if (leaving || socket.destroyed) return;
      leaving = true;
      // Whatever the client still sends (its answering Close) is not for the app any more.
      socket.unpipe(appSocket);
      socket.resume();
      appSocket.resume();
      if (frames.atBoundary) {
        appSocket.removeListener('data', relay);
        goodbye();
      } else {
        setTimeout(closeBoth, GOODBYE_MS).unref();
      }
    });
  });

  upstreamReq.on('response', (res) => {
    answered = true;
    const headers = downstreamRawHeaders(res.rawHeaders);
    // Framing was hop-by-hop (dropped above): the body is sent decoded and ends with the connection.
    headers.push('Connection', 'close');
    socket.write(responseHead(res.statusCode ?? 502, res.statusMessage ?? '', headers));
    res.pipe(socket);
    res.on('error', closeBoth);
  });

  upstreamReq.on('error', () => {
    if (!answered && socket.writable) socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else closeBoth();
  });
  upstreamReq.end();
}

function responseHead(status: number, reason: string, rawHeaders: string[]): string {
  let text = `HTTP/1.1 ${status} ${reason}\r\n`;
  for (let i = 0; i < rawHeaders.length; i += 2) text += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`;
  return text + '\r\n';
}
