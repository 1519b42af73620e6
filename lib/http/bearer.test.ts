import { describe, expect, it } from 'vitest';
import { isTollgateBearer, parseBearer } from './bearer';

describe('parseBearer', () => {
  it('is undefined without a header', () => {
    expect(parseBearer(undefined)).toBeUndefined();
    expect(parseBearer(null)).toBeUndefined();
    expect(parseBearer('')).toBeUndefined();
  });

  it.each([
    ['Bearer tg_abc', 'tg_abc'],
    ['bearer tg_abc', 'tg_abc'],
    ['BEARER   tg_abc  ', 'tg_abc'],
    ['Bearer\ttg_abc', 'tg_abc'],
  ])('reads %j', (header, token) => {
    expect(parseBearer(header)).toBe(token);
  });

  it.each(['Basic dXNlcjpwdw==', 'Bearer', 'Bearer ', 'Bearer a b', 'Bearertg_abc', 'tg_abc'])('is null for a header that is not one Bearer credential: %j', (header) => {
    expect(parseBearer(header)).toBeNull();
  });
});

describe('isTollgateBearer', () => {
  it('spots a Tollgate token, even followed by junk, so it never reaches an app', () => {
    expect(isTollgateBearer('Bearer tg_abc')).toBe(true);
    expect(isTollgateBearer('bearer\ttg_abc trailing junk')).toBe(true);
  });

  it("leaves the app's own credentials alone", () => {
    expect(isTollgateBearer('Bearer eyJhbGciOi')).toBe(false);
    expect(isTollgateBearer('Basic dGdfYWJj')).toBe(false);
    expect(isTollgateBearer(undefined)).toBe(false);
  });
});
