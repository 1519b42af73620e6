import { describe, it, expect } from 'vitest';
import { tokenizeSelector, type SelectorTokenKind } from './tokenize-selector';

// Ported from Kubernetes' TestLexer and TestLexerSequence.
describe('tokenizeSelector', () => {
  it.each<[string, SelectorTokenKind]>([
    ['', 'end'],
    [',', ','],
    ['notin', 'notin'],
    ['in', 'in'],
    ['=', '='],
    ['==', '=='],
    ['>', '>'],
    ['<', '<'],
    ['!', '!'],
    ['!=', '!='],
    ['(', '('],
    [')', ')'],
    ['~', 'identifier'],
    ['||', 'identifier'],
  ])('reads %j as one %s token', (input, kind) => {
    const [first] = tokenizeSelector(input);
    expect(first).toEqual({ kind, text: input, start: 0 });
  });

  it.each<[string, SelectorTokenKind[]]>([
    ['key in ( value )', ['identifier', 'in', '(', 'identifier', ')']],
    ['key notin ( value )', ['identifier', 'notin', '(', 'identifier', ')']],
    ['key in ( value1, value2 )', ['identifier', 'in', '(', 'identifier', ',', 'identifier', ')']],
    ['key', ['identifier']],
    ['!key', ['!', 'identifier']],
    ['()', ['(', ')']],
    ['x in (),y', ['identifier', 'in', '(', ')', ',', 'identifier']],
    ['== != (), = notin', ['==', '!=', '(', ')', ',', '=', 'notin']],
    ['key>2', ['identifier', '>', 'identifier']],
    ['key<1', ['identifier', '<', 'identifier']],
  ])('splits %j into the same tokens as Kubernetes', (input, kinds) => {
    const tokens = tokenizeSelector(input);
    expect(tokens.map((token) => token.kind)).toEqual([...kinds, 'end']);
  });

  it('takes the longest operator, then starts over', () => {
    expect(tokenizeSelector('===!==<=').map((token) => token.text)).toEqual(['==', '=', '!=', '=', '<', '=', '']);
  });

  it('treats only space, tab, CR and LF as blanks', () => {
    expect(tokenizeSelector('a\u00a0b').map((token) => token.kind)).toEqual(['identifier', 'end']);
    expect(tokenizeSelector(' \t\r\na').map((token) => token.start)).toEqual([4, 5]);
  });

  it('records where each token starts', () => {
    expect(tokenizeSelector('ab in (c)').map((token) => token.start)).toEqual([0, 3, 6, 7, 8, 9]);
  });
});
