// Kubernetes' label selector parser (apimachinery labels.Parse), decision for decision, so a
// selector means here what it means on a cluster. Grammar:
//
//   selector    ::= "" | requirement ("," requirement)*
//   requirement ::= "!" KEY | KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | ">" | "<") VALUE? ]
//
// Kubernetes' quirks kept on purpose: `in ()` is the set {""}; a missing value after `=` is "";
// `in` and `notin` are ordinary words as keys and values (`in in (notin)`); empty list items
// count as "" (`(a,)`, `(,a)`, `(a,,b)`), except that `(a,,)` is an error, as in Kubernetes.

import { isInt64String } from './compare-integer-strings';
import { validateLabelKey, validateLabelValue } from './label-rules';
import { compareRequirements, type Operator, type Requirement, type Selector } from './selector';
import { SelectorError } from './selector-error';
import { tokenizeSelector, type SelectorToken } from './tokenize-selector';

const BINARY_OPERATORS: Readonly<Record<string, Operator>> = {
  in: 'in',
  notin: 'notin',
  '=': '=',
  '==': '=',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
};

const OPERATOR_LIST = "'=', '==', '!=', 'in', 'notin', '>' or '<'";

// Keeps messages readable when someone pastes a paragraph into the selector field.
function quote(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

function describe(token: SelectorToken): string {
  return token.kind === 'end' ? 'end of input' : quote(token.text);
}

function expected(what: string, token: SelectorToken): SelectorError {
  return new SelectorError(
    `expected ${what} at ${token.start}, found ${describe(token)}`,
    token.start,
    what,
    token.kind === 'end' ? null : token.text,
  );
}

function invalid(what: 'label key' | 'label value', token: SelectorToken, problem: string): SelectorError {
  return new SelectorError(
    `invalid ${what} ${quote(token.text)} at ${token.start}: ${problem}`,
    token.start,
    `a valid ${what}`,
    token.text,
  );
}

// Outside the operator slot, `in` and `notin` are just words.
function isWord(token: SelectorToken): boolean {
  return token.kind === 'identifier' || token.kind === 'in' || token.kind === 'notin';
}

function startsRequirement(token: SelectorToken): boolean {
  return isWord(token) || token.kind === '!';
}

class Parser {
  private readonly tokens: SelectorToken[];
  private index = 0;

  constructor(input: string) {
    this.tokens = tokenizeSelector(input);
  }

  private peek(): SelectorToken {
    // The tokenizer always ends with `end`, and nothing consumes past it.
    return this.tokens[Math.min(this.index, this.tokens.length - 1)]!;
  }

  private next(): SelectorToken {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    const first = this.peek();
    if (first.kind === 'end') return requirements;
    if (!startsRequirement(first)) throw expected("a label key, '!' or end of input", first);
    for (;;) {
      requirements.push(this.parseRequirement());
      const separator = this.next();
      if (separator.kind === 'end') return requirements;
      if (separator.kind !== ',') throw expected("',' or end of input", separator);
      const following = this.peek();
      if (!startsRequirement(following)) throw expected("a label key or '!' after ','", following);
    }
  }

  private parseRequirement(): Requirement {
    let keyToken = this.next();
    const negated = keyToken.kind === '!';
    if (negated) keyToken = this.next();
    if (!isWord(keyToken)) throw expected('a label key', keyToken);
    const key = keyToken.text;
    const keyProblem = validateLabelKey(key);
    if (keyProblem !== null) throw invalid('label key', keyToken, keyProblem);

    // `!key` takes no operator; whatever follows it is the caller's ',' check to reject.
    const after = this.peek();
    if (negated) return { key, operator: '!', values: [] };
    if (after.kind === 'end' || after.kind === ',') return { key, operator: 'exists', values: [] };

    const operatorToken = this.next();
    const operator = BINARY_OPERATORS[operatorToken.kind];
    if (operator === undefined) throw expected(OPERATOR_LIST, operatorToken);

    const valueTokens =
      operator === 'in' || operator === 'notin' ? this.parseValueSet() : [this.parseSingleValue()];

    // Checked after the syntax, as Kubernetes does, so a syntax error wins over a bad value.
    for (const token of valueTokens) {
      if ((operator === 'gt' || operator === 'lt') && !isInt64String(token.text)) {
        // An empty value consumed nothing: report what stands where the integer should be.
        throw expected(`an integer after '${operatorToken.text}'`, token.text === '' ? this.peek() : token);
      }
      const problem = validateLabelValue(token.text);
      if (problem !== null) throw invalid('label value', token, problem);
    }
    const values = [...new Set(valueTokens.map((token) => token.text))].sort();
    return { key, operator, values };
  }

  /** The value after `=`, `!=`, `>`, `<`: absent means "" (`x=`, `x=,y`). Empty tokens carry the position. */
  private parseSingleValue(): SelectorToken {
    const ahead = this.peek();
    if (ahead.kind === 'end' || ahead.kind === ',') return { kind: 'identifier', text: '', start: ahead.start };
    const token = this.next();
    if (!isWord(token)) throw expected('a value', token);
    return token;
  }

  /** `( ... )` after in/notin, following Kubernetes' parseValues and parseIdentifiersList. */
  private parseValueSet(): SelectorToken[] {
    const open = this.next();
    if (open.kind !== '(') throw expected("'('", open);
    const first = this.peek();
    if (first.kind === ')') {
      this.next();
      return [{ kind: 'identifier', text: '', start: first.start }];
    }
    if (!isWord(first) && first.kind !== ',') throw expected("a value, ',' or ')'", first);

    const values: SelectorToken[] = [];
    const empty = (at: SelectorToken): SelectorToken => ({ kind: 'identifier', text: '', start: at.start });
    for (;;) {
      const token = this.next();
      if (isWord(token)) {
        values.push(token);
        const ahead = this.peek();
        if (ahead.kind === ')') break;
        if (ahead.kind !== ',') throw expected("',' or ')'", ahead);
      } else if (token.kind === ',') {
        if (values.length === 0) values.push(empty(token));
        const ahead = this.peek();
        if (ahead.kind === ')') {
          values.push(empty(ahead));
          break;
        }
        if (ahead.kind === ',') values.push(empty(this.next()));
      } else {
        throw expected("a value or ','", token);
      }
    }
    this.next(); // the ')' seen above
    return values;
  }
}

/**
 * Parses Kubernetes label selector syntax (`tier=web,env in (prod,staging),!legacy`).
 * Empty or blank input is the selector that matches everything. The result is frozen and in
 * canonical order. Throws SelectorError, naming the offset where parsing broke.
 */
export function parseSelector(input: string): Selector {
  const requirements = new Parser(input).parse().sort(compareRequirements);
  for (const requirement of requirements) {
    Object.freeze(requirement.values);
    Object.freeze(requirement);
  }
  return Object.freeze({ requirements: Object.freeze(requirements) });
}
