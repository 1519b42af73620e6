import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { findTarget, isAuthzPath, isProblem, protocolOf, readOriginalRequest } from './original-request.ts';

const APP = '6f1c3b1e-4a8f-4d2c-9f00-0123456789ab';

/** Just what the readers look at: headers (distinct, as Node gives them), method. */
function req(headers: Record<string, string | string[]>, method = 'GET'): IncomingMessage {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const distinct = Object.fromEntries(Object.entries(lower).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const joined = Object.fromEntries(Object.entries(lower).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
  return { headers: joined, headersDistinct: distinct, method } as unknown as IncomingMessage;
}

describe('the endpoint paths', () => {
  it.each([
    ['/__tollgate/authz', true],
    ['/__tollgate/authz?x=1', true],
    ['/__tollgate/authz/nginx', true],
    ['/__tollgate/authz/envoy/a/b', true],
    ['/__tollgate/authzx', false],
    ['/__tollgate/login', false],
    ['/v1/app', false],
  ])('%s is the endpoint: %s', (url, expected) => {
    expect(isAuthzPath(url)).toBe(expected);
  });

  it('names the convention by path; Envoy carries the original path after its prefix', () => {
    expect(protocolOf('/__tollgate/authz')).toEqual({ protocol: 'forward', rest: '' });
    expect(protocolOf('/__tollgate/authz/nginx?x')).toEqual({ protocol: 'nginx', rest: '' });
    expect(protocolOf('/__tollgate/authz/nginx/denied')).toEqual({ protocol: 'nginx-denied', rest: '' });
    expect(protocolOf('/__tollgate/authz/envoy/p/q?r=1')).toEqual({ protocol: 'envoy', rest: '/p/q?r=1' });
    expect(protocolOf('/__tollgate/authz/envoy?r=1')).toEqual({ protocol: 'envoy', rest: '?r=1' });
    expect(protocolOf('/__tollgate/authz/other')).toBeNull();
    expect(protocolOf('/__tollgate/authz/envoyx')).toBeNull();
  });
});

describe('reading the original request', () => {
  it('nginx: X-Original-URL and X-Original-Method', () => {
    expect(readOriginalRequest(req({ 'x-original-url': 'https://h.example:8443/a/b?c=d', 'x-original-method': 'post' }), 'nginx', '')).toEqual({
      method: 'POST',
      uri: '/a/b?c=d',
      host: 'h.example:8443',
    });
    expect(readOriginalRequest(req({ 'x-original-url': 'http://h.example' }, 'HEAD'), 'nginx', '')).toEqual({ method: 'HEAD', uri: '/', host: 'h.example' });
  });

  it('forward: X-Forwarded-Host/Uri/Method', () => {
    expect(readOriginalRequest(req({ 'x-forwarded-host': 'h.example', 'x-forwarded-uri': '/x?y', 'x-forwarded-method': 'DELETE' }), 'forward', '')).toEqual({
      method: 'DELETE',
      uri: '/x?y',
      host: 'h.example',
    });
  });

  it('envoy: Host, method, the path after the prefix', () => {
    expect(readOriginalRequest(req({ host: 'h.example' }, 'PUT'), 'envoy', '?q=1')).toEqual({ method: 'PUT', uri: '/?q=1', host: 'h.example' });
  });

  it.each([
    ['nginx', {}],
    ['nginx', { 'x-original-url': '/relative' }],
    ['nginx', { 'x-original-url': ['http://a/', 'http://b/'] }],
    ['forward', { 'x-forwarded-uri': '/' }],
    ['forward', { 'x-forwarded-host': ['a', 'b'], 'x-forwarded-uri': '/' }],
    ['forward', { 'x-forwarded-host': 'a', 'x-forwarded-uri': 'http://elsewhere/' }],
    ['forward', { 'x-forwarded-host': 'a', 'x-forwarded-uri': '/', 'x-forwarded-method': 'GET /x' }],
  ] as const)('%s refuses %j with a 400', (protocol, headers) => {
    const result = readOriginalRequest(req(headers as Record<string, string | string[]>), protocol, '');
    expect(isProblem(result) && result.status).toBe(400);
  });
});

describe('which app', () => {
  const original = (host: string) => ({ method: 'GET', uri: '/', host });

  it('the app host names it; X-Tollgate-App names it under any host, and must agree with an app host', () => {
    expect(findTarget(req({}), original(`${APP}.app.gra.example.com:8080`), 'example.com')).toEqual({ kind: 'host', host: { appId: APP, region: 'GRA' } });
    expect(findTarget(req({ 'x-tollgate-app': APP.toUpperCase() }), original('chat.example.org'), 'example.com')).toEqual({ kind: 'app', appId: APP, hostRegion: undefined });
    expect(findTarget(req({ 'x-tollgate-app': APP }), original(`${APP}.app.bhs.example.com`), 'example.com')).toEqual({ kind: 'app', appId: APP, hostRegion: 'BHS' });
    const mismatch = findTarget(req({ 'x-tollgate-app': APP }), original(`00000000-0000-4000-8000-000000000000.app.gra.example.com`), 'example.com');
    expect(mismatch).toMatchObject({ status: 403, reason: 'app_mismatch' });
    expect(findTarget(req({}), original('chat.example.org'), 'example.com')).toMatchObject({ status: 404 });
    expect(findTarget(req({ 'x-tollgate-app': [APP, APP] }), original('chat.example.org'), 'example.com')).toMatchObject({ status: 400 });
  });
});
