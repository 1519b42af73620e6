import { Socket } from 'node:net';
import { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { downstreamRawHeaders, requestId, upstreamHeaders } from './upstream-headers';

function request(headers: Record<string, string>): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  Object.defineProperty(req.socket, 'remoteAddress', { value: '10.1.2.3' });
  req.headers = headers;
  return req;
}

describe('what the app receives', () => {
  it('keeps a chunked body framed, so it cannot turn into a smuggled second request', () => {
    const headers = upstreamHeaders(request({ host: 'a', 'transfer-encoding': 'chunked' }));
    expect(headers['transfer-encoding']).toBe('chunked');
  });

  it('drops the Tollgate bearer in any spelling but keeps other schemes', () => {
    expect(upstreamHeaders(request({ authorization: 'bearer\ttg_abc' })).authorization).toBeUndefined();
    expect(upstreamHeaders(request({ authorization: 'Bearer tg_abc' })).authorization).toBeUndefined();
    expect(upstreamHeaders(request({ authorization: 'Bearer eyJhbGciOi' })).authorization).toBe('Bearer eyJhbGciOi');
    expect(upstreamHeaders(request({ authorization: 'Basic Zm9v' })).authorization).toBe('Basic Zm9v');
  });

  it('removes both gate cookie names and keeps the app\'s cookies', () => {
    const headers = upstreamHeaders(request({ cookie: 'a=1;tg_gate=x;  __Host-tg_gate=y ; b=2' }));
    expect(headers.cookie).toBe('a=1; b=2');
    expect(upstreamHeaders(request({ cookie: 'tg_gate=x' })).cookie).toBeUndefined();
  });

  it('replaces forwarding headers with what the gateway saw', () => {
    const headers = upstreamHeaders(request({ host: 'app.example', 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '6.6.6.6', forwarded: 'for=6.6.6.6' }));
    expect(headers).toMatchObject({ 'x-forwarded-for': '10.1.2.3', 'x-real-ip': '10.1.2.3', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'http' });
    expect(headers.forwarded).toBeUndefined();
  });

  it('passes the client\'s X-Request-Id on, or gives the request a new one that the log sees too', () => {
    expect(upstreamHeaders(request({ 'x-request-id': 'trace-4bf92f3577b34da6' }))['x-request-id']).toBe('trace-4bf92f3577b34da6');
    const req = request({});
    const sent = upstreamHeaders(req)['x-request-id'];
    expect(sent).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId(req)).toBe(sent);
    // Not one printable token (spaces, control characters, two headers joined, too long): replaced.
    for (const bad of ['a b', 'id\u0007', 'x'.repeat(201)]) {
      expect(upstreamHeaders(request({ 'x-request-id': bad }))['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('what the client receives from the app', () => {
  it('drops hop-by-hop headers and any attempt to set the gateway\'s session cookie', () => {
    const raw = [
      'Set-Cookie', 'app=1; Path=/',
      'Set-Cookie', 'tg_gate=planted; Domain=app.gra.localhost; Path=/',
      'set-cookie', '__Host-tg_gate=planted; Path=/; Secure',
      'Connection', 'keep-alive, X-Secret-Hop',
      'X-Secret-Hop', '1',
      'Keep-Alive', 'timeout=5',
      'Content-Type', 'text/plain',
    ];
    expect(downstreamRawHeaders(raw)).toEqual(['Set-Cookie', 'app=1; Path=/', 'Content-Type', 'text/plain']);
  });
});
