import { describe, expect, it } from 'vitest';
import { isSameOrigin, type RequestOrigin } from './same-origin';

const from = (overrides: Partial<RequestOrigin>): RequestOrigin => ({
  origin: undefined,
  secFetchSite: undefined,
  host: 'app.example:3000',
  secure: false,
  ...overrides,
});

describe('isSameOrigin', () => {
  it('accepts this exact origin: scheme, host and port', () => {
    expect(isSameOrigin(from({ origin: 'http://app.example:3000' }))).toBe(true);
    expect(isSameOrigin(from({ origin: 'HTTP://APP.Example:3000', host: 'app.example:3000' }))).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['the same host over https when this is http', 'https://app.example:3000'],
    ['the same host on another port', 'http://app.example:4000'],
    ['the same host without its port', 'http://app.example'],
    ['a sibling app host', 'http://other.app.example:3000'],
    ['a sandboxed frame or data: URL', 'null'],
  ])('refuses %s', (_label, origin) => {
    expect(isSameOrigin(from({ origin }))).toBe(false);
  });

  it('refuses http as the origin of a page served over https', () => {
    expect(isSameOrigin(from({ origin: 'http://app.example:3000', secure: true }))).toBe(false);
    expect(isSameOrigin(from({ origin: 'https://app.example:3000', secure: true }))).toBe(true);
  });

  it('without Origin, trusts a browser only when Sec-Fetch-Site says same-origin or none', () => {
    expect(isSameOrigin(from({ secFetchSite: 'same-origin' }))).toBe(true);
    expect(isSameOrigin(from({ secFetchSite: 'none' }))).toBe(true);
    expect(isSameOrigin(from({ secFetchSite: 'same-site' }))).toBe(false);
    expect(isSameOrigin(from({ secFetchSite: 'cross-site' }))).toBe(false);
  });

  it('lets a non-browser client (neither header) through: there is no victim to forge a request through', () => {
    expect(isSameOrigin(from({}))).toBe(true);
  });

  it('refuses an Origin when there is no Host to compare with', () => {
    expect(isSameOrigin(from({ origin: 'http://app.example:3000', host: undefined }))).toBe(false);
  });
});
