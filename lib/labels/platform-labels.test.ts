import { describe, it, expect } from 'vitest';
import { applyPlatformLabels, isReservedLabelKey } from './platform-labels';

const APP_ID = '3f1c2a4e-8b7d-4c2a-9e1f-0a1b2c3d4e5f';

describe('isReservedLabelKey', () => {
  it('reserves exactly the ovh/ prefix', () => {
    expect(isReservedLabelKey('ovh/id')).toBe(true);
    expect(isReservedLabelKey('ovh/anything')).toBe(true);
    expect(isReservedLabelKey('ovh')).toBe(false);
    expect(isReservedLabelKey('ovh.example.com/id')).toBe(false);
    expect(isReservedLabelKey('my.ovh/id')).toBe(false);
    expect(isReservedLabelKey('tier')).toBe(false);
  });
});

describe('applyPlatformLabels', () => {
  it('adds ovh/id and ovh/type to the user labels', () => {
    expect(applyPlatformLabels({ tier: 'web' }, APP_ID)).toEqual({
      labels: { tier: 'web', 'ovh/id': APP_ID, 'ovh/type': 'app' },
      replaced: [],
    });
  });

  it('overrides user ovh/* labels instead of failing, and says which, sorted', () => {
    const result = applyPlatformLabels(
      { 'ovh/type': 'db', tier: 'web', 'ovh/id': 'someone-else', 'ovh/extra': 'x', 'ovh.example.com/k': 'kept' },
      APP_ID,
    );
    expect(result.labels).toEqual({
      tier: 'web',
      'ovh.example.com/k': 'kept',
      'ovh/id': APP_ID,
      'ovh/type': 'app',
    });
    expect(result.replaced).toEqual(['ovh/extra', 'ovh/id', 'ovh/type']);
  });

  it('works with no user labels', () => {
    expect(applyPlatformLabels({}, APP_ID).labels).toEqual({ 'ovh/id': APP_ID, 'ovh/type': 'app' });
  });

  it('does not modify its input', () => {
    const input = Object.freeze({ 'ovh/id': 'x', a: 'b' });
    applyPlatformLabels(input, APP_ID);
    expect(input).toEqual({ 'ovh/id': 'x', a: 'b' });
  });

  it('keeps a user key named __proto__ as plain data', () => {
    const input = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    const { labels } = applyPlatformLabels(input, APP_ID);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.hasOwn(labels, '__proto__')).toBe(true);
  });

  it('refuses an app id that cannot be a label value', () => {
    expect(() => applyPlatformLabels({}, 'not a label value!')).toThrow(TypeError);
  });
});
