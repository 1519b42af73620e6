import { describe, it, expect } from 'vitest';
import { parseSelector } from './parse-selector';
import { equalityLabels, matchesSelector, printSelector, type Requirement, type Selector } from './selector';

function req(key: string, operator: Requirement['operator'], values: string[] = []): Requirement {
  return { key, operator, values };
}

function sel(...requirements: Requirement[]): Selector {
  return { requirements };
}

// Kubernetes' TestSelectorMatches and TestRequirementSelectorMatching.
describe('matchesSelector', () => {
  const labelset = { foo: 'bar', baz: 'blah' };

  it.each<[string, Record<string, string>, boolean]>([
    ['', { x: 'y' }, true],
    ['', {}, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['foo=bar', labelset, true],
    ['baz=blah', labelset, true],
    ['foo=bar,baz=blah', labelset, true],
    ['foo=blah', labelset, false],
    ['baz=bar', labelset, false],
    ['foo=bar,foobar=bar,baz=blah', labelset, false],
    ['x in (foo),y notin (alpha)', { x: 'foo', y: 'baz' }, true],
    ['x in (foo),y in (alpha)', { x: 'foo', y: 'baz' }, false],
    ['x notin (),y', { y: '' }, true],
    ['!x,y', { y: '' }, true],
    ['x notin (),!y', { y: '' }, false],
    ['x in ()', { y: 'baz' }, false],
    ['z>1', { z: '2' }, true],
    ['z>1', { z: 'v2' }, false],
  ])('%j against %j is %s', (selector, labels, expected) => {
    expect(matchesSelector(parseSelector(selector), labels)).toBe(expected);
  });

  it('lets != and notin match objects without the key', () => {
    expect(matchesSelector(parseSelector('tier!=db'), {})).toBe(true);
    expect(matchesSelector(parseSelector('tier notin (db,cache)'), { other: 'x' })).toBe(true);
    expect(matchesSelector(parseSelector('tier notin (db,cache)'), { tier: 'db' })).toBe(false);
  });

  it('treats an empty value as a real value', () => {
    expect(matchesSelector(parseSelector('x='), { x: '' })).toBe(true);
    expect(matchesSelector(parseSelector('x='), {})).toBe(false);
    expect(matchesSelector(parseSelector('x in ()'), { x: '' })).toBe(true);
    expect(matchesSelector(parseSelector('x in (a,)'), { x: '' })).toBe(true);
  });

  it('compares > and < as integers, and never matches a non-integer label', () => {
    expect(matchesSelector(parseSelector('x>9'), { x: '10' })).toBe(true);
    expect(matchesSelector(parseSelector('x<10'), { x: '9' })).toBe(true);
    expect(matchesSelector(parseSelector('x>007'), { x: '8' })).toBe(true);
    expect(matchesSelector(parseSelector('x>1'), { x: '1' })).toBe(false);
    expect(matchesSelector(parseSelector('x<1'), { x: '1' })).toBe(false);
    expect(matchesSelector(parseSelector('x>1'), {})).toBe(false);
    expect(matchesSelector(parseSelector('x<1'), { x: '' })).toBe(false);
    expect(matchesSelector(parseSelector('x<1'), { x: '-5' })).toBe(true);
    expect(matchesSelector(parseSelector('x>9223372036854775806'), { x: '9223372036854775807' })).toBe(true);
    expect(matchesSelector(parseSelector('x<5'), { x: '99999999999999999999' })).toBe(false);
  });

  it('ignores properties inherited from Object.prototype', () => {
    expect(matchesSelector(parseSelector('constructor'), {})).toBe(false);
    expect(matchesSelector(parseSelector('!toString'), {})).toBe(true);
    expect(matchesSelector(parseSelector('hasOwnProperty notin (x)'), {})).toBe(true);
    const bare = Object.assign(Object.create(null) as Record<string, string>, { tier: 'web' });
    expect(matchesSelector(parseSelector('tier=web'), bare)).toBe(true);
  });

  it('handles large value sets', () => {
    const values = Array.from({ length: 100 }, (_, i) => `v${i}`);
    const selector = parseSelector(`x in (${values.join(',')}),y notin (${values.join(',')})`);
    expect(matchesSelector(selector, { x: 'v57' })).toBe(true);
    expect(matchesSelector(selector, { x: 'v100' })).toBe(false);
    expect(matchesSelector(selector, { x: 'v1', y: 'v99' })).toBe(false);
    expect(matchesSelector(selector, { x: 'v1', y: 'w' })).toBe(true);
  });

  it('never matches a malformed hand-built > requirement', () => {
    expect(matchesSelector(sel(req('x', 'gt', [])), { x: '1' })).toBe(false);
    expect(matchesSelector(sel(req('x', 'gt', ['a'])), { x: '1' })).toBe(false);
  });
});

// Kubernetes' TestToString, with `==` normalised to `=` and same-key requirements in canonical order.
describe('printSelector', () => {
  it.each<[Selector, string]>([
    [sel(req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')), 'x in (abc,def),y notin (jkl),z'],
    [sel(req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')), 'x notin (abc,def),y!=jkl,!z'],
    [sel(req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])), 'x notin (abc),y in (jkl,mno),z notin ()'],
    [sel(req('x', '=', ['abc']), req('y', '=', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')), 'x=abc,y=jkl,z,z!=a'],
    [sel(req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')), 'x>2,y<8,z'],
    [sel(), ''],
  ])('prints %j as %j', (selector, text) => {
    expect(printSelector(selector)).toBe(text);
  });

  it('sorts requirements by key and set values, without touching the selector', () => {
    const values = ['b', 'a', 'b'];
    const selector = sel(req('b', 'in', values), req('a', '!'));
    expect(printSelector(selector)).toBe('!a,b in (a,b)');
    expect(values).toEqual(['b', 'a', 'b']);
    expect(selector.requirements.map((r) => r.key)).toEqual(['b', 'a']);
  });

  it('prints the empty value so that it parses back', () => {
    const text = printSelector(sel(req('x', 'in', ['', 'a']), req('y', '=', [''])));
    expect(text).toBe('x in (,a),y=');
    expect(printSelector(parseSelector(text))).toBe(text);
  });
});

// Kubernetes' TestRequiresExactMatch, for all keys at once.
describe('equalityLabels', () => {
  it('collects the labels fixed by =, == and single-value in', () => {
    expect(equalityLabels(parseSelector('tier=web,team==data,env in (prod),zone in (a,b),x!=y,up,!down,n>1'))).toEqual({
      env: 'prod',
      team: 'data',
      tier: 'web',
    });
  });

  it('keeps empty values', () => {
    expect(equalityLabels(parseSelector('x=,y in ()'))).toEqual({ x: '', y: '' });
  });

  it('keeps a key pinned twice to the same value, and drops one pinned to two', () => {
    expect(equalityLabels(parseSelector('a=1,a in (1),b=1,b=2'))).toEqual({ a: '1' });
  });

  it('is empty for the empty selector', () => {
    expect(equalityLabels(parseSelector(''))).toEqual({});
  });
});
