import { parseSelector } from '@/lib/labels/parse-selector';
import { SelectorError } from '@/lib/labels/selector-error';

export interface SelectorProblem {
  /** What is wrong, in plain words, without the position (the hint shows it with a caret). */
  message: string;
  position: number;
  expected: string;
}

// The parser's `expected` (grammar words, quoted punctuation) as a person would say it.
const PLAIN_EXPECTED: Record<string, string> = {
  "a label key, '!' or end of input": 'a label key, such as group',
  "',' or end of input": 'a comma before the next condition',
  "a label key or '!' after ','": 'a condition after the comma, such as group=A',
  'a label key': 'a label key, such as group',
  "'=', '==', '!=', 'in', 'notin', '>' or '<'": 'an operator: =, !=, in, notin, > or <',
  'a value': 'a value',
  "'('": 'a list in parentheses, such as (a,b)',
  "a value, ',' or ')'": 'a value or a closing )',
  "',' or ')'": 'a comma or a closing )',
  "a value or ','": 'a value',
};

function plainExpected(expected: string): string {
  const integer = /^an integer after '(.)'$/.exec(expected);
  if (integer) return `a whole number after ${integer[1]}`;
  return PLAIN_EXPECTED[expected] ?? expected;
}

/** The parser's error as one plain sentence (its own message repeats the position and speaks grammar). */
export function plainSelectorMessage(error: SelectorError): string {
  const found = error.found === null ? 'the selector ends here' : `found “${error.found.length > 40 ? `${error.found.slice(0, 40)}…` : error.found}”`;
  if (error.expected === 'a valid label key' || error.expected === 'a valid label value') {
    // Label rules already speak plainly ("name part must consist of…"); keep that part.
    const why = error.message.split(': ').slice(1).join(': ');
    return `“${error.found ?? ''}” is not a valid ${error.expected === 'a valid label key' ? 'label key' : 'label value'}${why ? `: ${why}` : ''}`;
  }
  return `expected ${plainExpected(error.expected)}, ${found}`;
}

/** The same parser the server runs: null when `text` is a valid selector, else where and why it broke. */
export function checkSelector(text: string): SelectorProblem | null {
  try {
    parseSelector(text);
    return null;
  } catch (error) {
    if (error instanceof SelectorError) return { message: plainSelectorMessage(error), position: error.position, expected: error.expected };
    throw error;
  }
}
