import { describe, expect, it } from 'vitest';
import { generateTokenSecret } from '../tokens/token-format';
import { logMask } from './log-mask';

describe('logMask', () => {
  it('replaces every occurrence of a secret value, longest first', () => {
    const mask = logMask(['hunter22', 'hunter22-extended']);
    expect(mask('key=hunter22-extended and hunter22, hunter22')).toBe('key=*** and ***, ***');
  });

  it('masks anything shaped like a Tollgate token', () => {
    const token = generateTokenSecret();
    expect(logMask([])(`GET / authorization: Bearer ${token}`)).toBe('GET / authorization: Bearer tg_***');
  });

  it('leaves other text alone, and ignores values too short to be secrets', () => {
    expect(logMask(['abc', ''])('abc def')).toBe('abc def');
  });
});
