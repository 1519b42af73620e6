import { describe, it, expect } from 'vitest';
import { parseSelector } from './parse-selector';
import { printSelector, type Requirement } from './selector';
import { SelectorError } from './selector-error';

function req(key: string, operator: Requirement['operator'], values: string[] = []): Requirement {
  return { key, operator, values };
}

function parseError(input: string): SelectorError {
  try {
    parseSelector(input);
  } catch (error) {
    if (error instanceof SelectorError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

// Kubernetes' TestSelectorParse: these print back as the input minus its spaces.
describe('selectors Kubernetes accepts print back unchanged', () => {
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])(
    '%j',
    (input) => {
      expect(printSelector(parseSelector(input))).toBe(input.replaceAll(' ', ''));
    },
  );
});

describe('parseSelector rejects what Kubernetes rejects', () => {
  it.each([
    'x=a||y=b',
    'x==a==b',
    '!x=a',
    'x<a',
    'x,,y',
    ',x,y',
    'x nott in (y)',
    'a in (xyz),',
    'a in (xyz)b notin ()',
    'a in (xyz abc)',
    'a notin(',
    'a (',
    '(',
    'x in (a,,)',
    'x>',
    'x>1.5',
    'x>-1', // an integer, but not a valid label value
    'x>9223372036854775808',
    'foo>bar',
    'barz<blah',
    `${'a'.repeat(254)}`,
    'x=a b',
    '!!x',
    'x!',
  ])('%j', (input) => {
    expect(() => parseSelector(input)).toThrow(SelectorError);
  });
});

// Kubernetes' TestSetSelectorParser, with requirements in our canonical order.
describe('parseSelector builds the same requirements as Kubernetes', () => {
  it.each<[string, Requirement[]]>([
    ['', []],
    ['   \t', []],
    ['\rx', [req('x', 'exists')]],
    ['this-is-a-dns.domain.com/key-with-dash', [req('this-is-a-dns.domain.com/key-with-dash', 'exists')]],
    [
      'this-is-another-dns.domain.com/key-with-dash in (so,what)',
      [req('this-is-another-dns.domain.com/key-with-dash', 'in', ['so', 'what'])],
    ],
    [
      '0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)',
      [req('0.1.2.domain/99', 'notin', ['10.10.100.1', 'tick.tack.clock'])],
    ],
    ['foo  in\t (abc)', [req('foo', 'in', ['abc'])]],
    ['x notin\n (abc)', [req('x', 'notin', ['abc'])]],
    ['x  notin\t\t\t(abc,def)', [req('x', 'notin', ['abc', 'def'])]],
    ['x in (abc,def)', [req('x', 'in', ['abc', 'def'])]],
    ['x in (abc,)', [req('x', 'in', ['', 'abc'])]],
    ['x in ()', [req('x', 'in', [''])]],
    [
      'x notin (abc,,def),bar,z in (),w',
      [req('bar', 'exists'), req('w', 'exists'), req('x', 'notin', ['', 'abc', 'def']), req('z', 'in', [''])],
    ],
    ['x,y in (a)', [req('x', 'exists'), req('y', 'in', ['a'])]],
    ['x=a', [req('x', '=', ['a'])]],
    ['x==a', [req('x', '=', ['a'])]],
    ['x>1', [req('x', 'gt', ['1'])]],
    ['x<7', [req('x', 'lt', ['7'])]],
    ['x=a,y!=b', [req('x', '=', ['a']), req('y', '!=', ['b'])]],
    ['x=a,y!=b,z in (h,i,j)', [req('x', '=', ['a']), req('y', '!=', ['b']), req('z', 'in', ['h', 'i', 'j'])]],
    ['x notin ( )', [req('x', 'notin', [''])]],
    ['x notin (, a)', [req('x', 'notin', ['', 'a'])]],
    ['a ', [req('a', 'exists')]],
    ['a in (x,y,notin, z,in)', [req('a', 'in', ['in', 'notin', 'x', 'y', 'z'])]],
    ['notin=in', [req('notin', '=', ['in'])]],
    ['in in (in)', [req('in', 'in', ['in'])]],
    ['x in (b,a,b)', [req('x', 'in', ['a', 'b'])]],
    ['x in (,,a)', [req('x', 'in', ['', 'a'])]],
    ['x in (a,,,)', [req('x', 'in', ['', 'a'])]],
    ['x in (,)', [req('x', 'in', [''])]],
    ['x=,y', [req('x', '=', ['']), req('y', 'exists')]],
    ['x>007', [req('x', 'gt', ['007'])]],
    ['1foo in (bar)', [req('1foo', 'in', ['bar'])]],
    ['1234 in (bar)', [req('1234', 'in', ['bar'])]],
    ['y>1,z<6', [req('y', 'gt', ['1']), req('z', 'lt', ['6'])]],
  ])('%j', (input, expected) => {
    expect(parseSelector(input).requirements).toEqual(expected);
  });

  it('parses deterministically whatever the input order (TestDeterministicParse)', () => {
    expect(printSelector(parseSelector('x=a,a=x'))).toBe(printSelector(parseSelector('a=x,x=a')));
    expect(parseSelector('z,!z,z!=a').requirements).toEqual(parseSelector('z!=a,z,!z').requirements);
  });

  it('returns a frozen selector', () => {
    const selector = parseSelector('x in (a,b)');
    expect(Object.isFrozen(selector)).toBe(true);
    expect(Object.isFrozen(selector.requirements)).toBe(true);
    expect(Object.isFrozen(selector.requirements[0])).toBe(true);
    expect(Object.isFrozen(selector.requirements[0]?.values)).toBe(true);
  });
});

describe('parse errors say what was expected, where, and what was found', () => {
  it('points at the end of an unterminated value set', () => {
    const error = parseError('a in (b,c');
    expect(error.message).toBe("expected ',' or ')' at 9, found end of input");
    expect(error).toMatchObject({ position: 9, expected: "',' or ')'", found: null, name: 'SelectorError' });
    expect(error).toBeInstanceOf(Error);
  });

  it.each<[string, number, string, string | null]>([
    [',x,y', 0, "a label key, '!' or end of input", ','],
    ['x,,y', 2, "a label key or '!' after ','", ','],
    ['a in (xyz),', 11, "a label key or '!' after ','", null],
    ['x nott in (y)', 2, "'=', '==', '!=', 'in', 'notin', '>' or '<'", 'nott'],
    ['a (', 2, "'=', '==', '!=', 'in', 'notin', '>' or '<'", '('],
    ['(', 0, "a label key, '!' or end of input", '('],
    ['a in (xyz abc)', 10, "',' or ')'", 'abc'],
    ['a notin(', 8, "a value, ',' or ')'", null],
    ['a in b', 5, "'('", 'b'],
    ['a in (xyz)b notin ()', 10, "',' or end of input", 'b'],
    ['!x=a', 2, "',' or end of input", '='],
    ['x==a==b', 4, "',' or end of input", '=='],
    ['x in (a,,)', 9, "a value or ','", ')'],
    ['x=)', 2, 'a value', ')'],
    ['!', 1, 'a label key', null],
    ['x<a', 2, "an integer after '<'", 'a'],
    ['x>', 2, "an integer after '>'", null],
    ['x<,y', 2, "an integer after '<'", ','],
    ['x in (a,b),y!=, z>0x1', 18, "an integer after '>'", '0x1'],
    ['tier=web, x>1.5', 12, "an integer after '>'", '1.5'],
  ])('%j fails at %i', (input, position, expected, found) => {
    const error = parseError(input);
    expect(error.position).toBe(position);
    expect(error.expected).toBe(expected);
    expect(error.found).toBe(found);
    expect(error.message).toContain(`expected ${expected} at ${position}`);
  });

  it('names an invalid key and where it starts', () => {
    const error = parseError('tier=web,Example.com/x=1');
    expect(error.position).toBe(9);
    expect(error.expected).toBe('a valid label key');
    expect(error.found).toBe('Example.com/x');
    expect(error.message).toMatch(/^invalid label key 'Example\.com\/x' at 9: prefix part must be a lowercase DNS subdomain/);
  });

  it('names an invalid value and where it starts', () => {
    const error = parseError('x in (a, -b)');
    expect(error).toMatchObject({ position: 9, expected: 'a valid label value', found: '-b' });
    expect(error.message).toBe(
      "invalid label value '-b' at 9: must consist of letters, digits, '-', '_' or '.', and must start and end with an alphanumeric character",
    );
  });

  it('rejects values over 63 characters', () => {
    expect(parseError(`x=${'v'.repeat(64)}`).message).toMatch(/at 2: must be 63 characters or less$/);
  });

  it('shortens very long text in messages', () => {
    const error = parseError(`${'A'.repeat(300)}!`);
    expect(error.message.length).toBeLessThan(200);
    expect(error.found).toBe('A'.repeat(300));
  });

  it('reports a syntax error before a bad value in the same requirement, as Kubernetes does', () => {
    expect(parseError('x in (-a, b').expected).toBe("',' or ')'");
  });
});
