import { describe, it, expect } from 'vitest';
import {
  labelKeySchema,
  labelsSchema,
  labelValueSchema,
  validateLabelKey,
  validateLabelValue,
} from './label-rules';

// Cases from Kubernetes' validation_test.go (TestIsQualifiedName, TestIsValidLabelValue).
const VALID_KEYS = [
  'simple',
  'now-with-dashes',
  '1-starts-with-num',
  '1234',
  'simple/simple',
  'now-with-dashes/simple',
  'now-with-dashes/now-with-dashes',
  'now.with.dots/simple',
  'now-with.dashes-and.dots/simple',
  '1-num.2-num/3-num',
  '1234/5678',
  '1.2.3.4/5678',
  'Uppercase_Is_OK_123',
  'example.com/Uppercase_Is_OK_123',
  'requests.storage-foo',
  'a'.repeat(63),
  `${'a'.repeat(253)}/${'b'.repeat(63)}`,
];

const INVALID_KEYS = [
  'nospecialchars%^=@',
  'cantendwithadash-',
  '-cantstartwithadash-',
  'only/one/slash',
  'Example.com/abc',
  'example_com/abc',
  'example.com/',
  '/simple',
  'a'.repeat(64),
  `${'a'.repeat(254)}/abc`,
  '',
  'a..b/c',
  'a.-b/c',
  'ünïcode',
  'with space',
];

const VALID_VALUES = ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), ''];

const INVALID_VALUES = [
  'nospecialchars%^=@',
  'Tama-nui-te-rā.is.Māori.sun',
  '\\backslashes\\are\\bad',
  '-starts-with-dash',
  'ends-with-dash-',
  '.starts.with.dot',
  'ends.with.dot.',
  'a'.repeat(64),
  'has/slash',
  ' ',
];

describe('validateLabelKey', () => {
  it.each(VALID_KEYS)('accepts %j', (key) => {
    expect(validateLabelKey(key)).toBeNull();
  });

  it.each(INVALID_KEYS)('rejects %j', (key) => {
    expect(validateLabelKey(key)).toEqual(expect.any(String));
  });

  it('explains which part of the key is wrong', () => {
    expect(validateLabelKey('a'.repeat(64))).toBe('name part must be 63 characters or less');
    expect(validateLabelKey(`${'a'.repeat(254)}/abc`)).toBe('prefix part must be 253 characters or less');
    expect(validateLabelKey('example.com/')).toBe('name part must not be empty');
    expect(validateLabelKey('/simple')).toBe('prefix part must not be empty');
    expect(validateLabelKey('cantendwithadash-')).toMatch(/must start and end with an alphanumeric character/);
    expect(validateLabelKey('Example.com/abc')).toMatch(/^prefix part must be a lowercase DNS subdomain/);
    expect(validateLabelKey('only/one/slash')).toMatch(/optional DNS subdomain prefix/);
  });

  it('limits the prefix to 253 and the name to 63 characters exactly', () => {
    expect(validateLabelKey(`${'a'.repeat(253)}/b`)).toBeNull();
    expect(validateLabelKey(`${'a'.repeat(254)}/b`)).not.toBeNull();
    expect(validateLabelKey(`a/${'b'.repeat(63)}`)).toBeNull();
    expect(validateLabelKey(`a/${'b'.repeat(64)}`)).not.toBeNull();
  });
});

describe('validateLabelValue', () => {
  it.each(VALID_VALUES)('accepts %j', (value) => {
    expect(validateLabelValue(value)).toBeNull();
  });

  it.each(INVALID_VALUES)('rejects %j', (value) => {
    expect(validateLabelValue(value)).toEqual(expect.any(String));
  });

  it('says why', () => {
    expect(validateLabelValue('a'.repeat(64))).toBe('must be 63 characters or less');
    expect(validateLabelValue('-x')).toMatch(/must start and end with an alphanumeric character/);
  });
});

describe('label schemas', () => {
  it('validate keys and values with the same rules', () => {
    expect(labelKeySchema.safeParse('example.com/tier').success).toBe(true);
    const badKey = labelKeySchema.safeParse('bad key');
    expect(badKey.success).toBe(false);
    expect(badKey.error?.issues[0]?.message).toMatch(/alphanumeric/);
    expect(labelValueSchema.safeParse('').success).toBe(true);
    expect(labelValueSchema.safeParse('x'.repeat(64)).error?.issues[0]?.message).toBe(
      'must be 63 characters or less',
    );
  });

  it('accepts a valid label set and returns it unchanged', () => {
    const labels = { tier: 'web', 'example.com/team': 'Data_Science', empty: '' };
    expect(labelsSchema.parse(labels)).toEqual(labels);
  });

  it('reports each bad label under its own key', () => {
    const result = labelsSchema.safeParse({ ok: 'yes', 'Bad/key': 'v', good: '-bad-' });
    expect(result.success).toBe(false);
    const issues = result.error?.issues ?? [];
    expect(issues.map((issue) => issue.path)).toEqual([['Bad/key'], ['good']]);
    expect(issues[0]?.message).toMatch(/^label key 'Bad\/key': prefix part/);
    expect(issues[1]?.message).toMatch(/^value of label 'good': /);
  });

  it('allows at most 64 labels', () => {
    const make = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(labelsSchema.safeParse(make(64)).success).toBe(true);
    const tooMany = labelsSchema.safeParse(make(65));
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0]?.message).toMatch(/at most 64 labels/);
  });

  it('rejects values that are not strings', () => {
    expect(labelsSchema.safeParse({ a: 1 }).success).toBe(false);
  });
});
