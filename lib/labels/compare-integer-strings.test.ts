import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareIntegerStrings, isInt64String } from './compare-integer-strings';

describe('isInt64String', () => {
  it('accepts what Go strconv.ParseInt(s, 10, 64) accepts', () => {
    for (const s of ['0', '7', '007', '-3', '+3', '-0', '9223372036854775807', '-9223372036854775808']) {
      expect(isInt64String(s), s).toBe(true);
    }
  });

  it('rejects everything else', () => {
    for (const s of ['', '+', '-', ' 1', '1 ', '1_000', '0x10', '1.5', '1e3', '9223372036854775808', '-9223372036854775809', '٣']) {
      expect(isInt64String(s), s).toBe(false);
    }
  });
});

describe('compareIntegerStrings', () => {
  it('orders integers by value, not by text', () => {
    expect(compareIntegerStrings('10', '9')).toBe(1);
    expect(compareIntegerStrings('-10', '-9')).toBe(-1);
    expect(compareIntegerStrings('007', '7')).toBe(0);
    expect(compareIntegerStrings('-0', '0')).toBe(0);
    expect(compareIntegerStrings('+5', '5')).toBe(0);
    expect(compareIntegerStrings('-1', '0')).toBe(-1);
  });

  it('compares exactly beyond 2^53', () => {
    expect(compareIntegerStrings('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareIntegerStrings('9223372036854775807', '9223372036854775806')).toBe(1);
    expect(compareIntegerStrings('-9223372036854775808', '-9223372036854775807')).toBe(-1);
  });

  it('is NaN when either side is not an int64', () => {
    expect(compareIntegerStrings('v2', '1')).toBeNaN();
    expect(compareIntegerStrings('1', '')).toBeNaN();
  });

  it('agrees with BigInt on random int64 pairs', () => {
    const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    fc.assert(
      fc.property(int64, int64, fc.nat(3), (a, b, zeros) => {
        const pad = (n: bigint) => (n < 0n ? `-${'0'.repeat(zeros)}${-n}` : `${'0'.repeat(zeros)}${n}`);
        const expected = a < b ? -1 : a > b ? 1 : 0;
        expect(compareIntegerStrings(pad(a), pad(b))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
