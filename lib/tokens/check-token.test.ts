import { describe, expect, it } from 'vitest';
import { checkToken } from './check-token';
import { resolveToken, type TokenRecord } from './token-record';
import { tokenRecordFixture } from './test-support/token-record-fixture';

const NOW = new Date('2025-06-01T12:00:00Z').getTime();

function found(overrides: Partial<TokenRecord> = {}) {
  return resolveToken(tokenRecordFixture(overrides));
}

describe('checkToken', () => {
  it('passes a known token without an expiry date, whatever the date', () => {
    const token = found();
    expect(checkToken(token, new Date('2999-01-01').getTime())).toEqual({ ok: true, token });
  });

  it('refuses an unknown (forged, regenerated, deleted) secret with 401 unknown_token', () => {
    expect(checkToken(null, NOW)).toEqual({
      ok: false,
      denial: { allow: false, reason: 'unknown_token', status: 401, message: 'the token is not valid' },
    });
  });

  it('passes a token until the millisecond before its expiry', () => {
    expect(checkToken(found({ expiresAt: new Date(NOW + 1) }), NOW).ok).toBe(true);
  });

  it.each([
    ['at its expiry instant', 0],
    ['after it', -1],
    ['long after it', -86_400_000],
  ])('refuses an expired token %s with 401 expired', (_label, offset) => {
    const check = checkToken(found({ expiresAt: new Date(NOW + offset) }), NOW);
    expect(check).toMatchObject({ ok: false, denial: { reason: 'expired', status: 401, message: 'the token has expired' } });
  });

  it('uses the current time by default', () => {
    expect(checkToken(found({ expiresAt: new Date(Date.now() - 60_000) })).ok).toBe(false);
    expect(checkToken(found({ expiresAt: new Date(Date.now() + 60_000) })).ok).toBe(true);
  });

  it('maps the stored role to the credential once', () => {
    expect(found({ role: 'OPERATOR' }).credential.role).toBe('operator');
    expect(found({ role: 'READ' }).credential.role).toBe('read');
  });
});
