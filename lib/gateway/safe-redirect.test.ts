import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

// Cases from oauth2-proxy's redirect validator tests (pkg/app/redirect/validator_test.go),
// minus the allowed-domain ones: an app host accepts same-host paths only.
describe('safeRedirectPath', () => {
  it.each([
    ['/redirect', '/redirect'],
    ['/', '/'],
    ['/a/b?c=d&e=/f#g', '/a/b?c=d&e=/f#g'],
    ['/sse', '/sse'],
  ])('keeps the same-host path %j', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each([
    ['non-Latin-1 path', '/日本', '/%E6%97%A5%E6%9C%AC'],
    ['non-ASCII query and fragment', '/q?name=é#à', '/q?name=%C3%A9#%C3%A0'],
    ['already-encoded path, kept as sent', '/%E6%97%A5', '/%E6%97%A5'],
    ['encoded dot segments, resolved as a browser would', '/a/b/%2e%2e/c', '/a/c'],
  ])('writes %s as a header-safe path', (_name, input, expected) => {
    const path = safeRedirectPath(input);
    expect(path).toBe(expected);
    // Only visible ASCII can go into a Location header.
    expect(path).toMatch(/^[\x21-\x7e]+$/);
  });

  it('refuses a path that only resolves to the login page', () => {
    expect(safeRedirectPath('/app/%2e%2e/__tollgate/login')).toBeNull();
  });

  it.each([
    ['no redirect', ''],
    ['double slash', '//redirect'],
    ['valid HTTP elsewhere', 'http://foo.bar/redirect'],
    ['valid HTTPS elsewhere', 'https://foo.bar/redirect'],
    ['missing protocol', 'foo.bar/redirect'],
    ['escape double slash', '/\\evil.com'],
    ['space single slash', '/ /evil.com'],
    ['space double slash', '/ \\evil.com'],
    ['tab single slash', '/\t/evil.com'],
    ['tab double slash', '/\t\\evil.com'],
    ['vertical tab single slash', '/\v/evil.com'],
    ['vertical tab double slash', '/\v\\evil.com'],
    ['new line single slash', '/\n/evil.com'],
    ['new line double slash', '/\n\\evil.com'],
    ['carriage return single slash', '/\r/evil.com'],
    ['carriage return double slash', '/\r\\evil.com'],
    ['double tab', '/\t/\t\\evil.com'],
    ['triple tab 1', '/\t\t/\t/evil.com'],
    ['triple tab 2', '/\t\t\\\t/evil.com'],
    ['quad tab 1', '/\t\t/\t\t\\evil.com'],
    ['quad tab 2', '/\t\t\\\t\t/evil.com'],
    ['relative path', '/./\\evil.com'],
    ['relative subpath', '/./../../\\evil.com'],
    ['dot-dot host switch', '/../evil.com'.replace('/..', '/../')],
    ['javascript URL', 'javascript:alert(1)'],
    ['scheme-relative with backslash', '\\\\evil.com'],
    ['the login page itself', '/__tollgate/login?next=/'],
    ['a NUL byte', '/a\u0000b'],
  ])('refuses %s', (_name, input) => {
    expect(safeRedirectPath(input)).toBeNull();
  });
});
