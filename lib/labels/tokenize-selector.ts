// The lexer of Kubernetes' label selector syntax (apimachinery labels.Lexer), with each token's
// offset kept so errors can point into the input.

export type SelectorTokenKind =
  | 'identifier'
  | 'in'
  | 'notin'
  | '='
  | '=='
  | '!='
  | '!'
  | '>'
  | '<'
  | '('
  | ')'
  | ','
  | 'end';

export interface SelectorToken {
  readonly kind: SelectorTokenKind;
  readonly text: string;
  /** 0-based offset of the token's first character; the input's length for `end`. */
  readonly start: number;
}

// Only these four count as blanks, as in Kubernetes; any other character (Unicode spaces
// included) belongs to an identifier and is then rejected by the label rules.
function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isSpecial(ch: string): boolean {
  return ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';
}

/**
 * Splits `input` into tokens, always ending with one `end` token. Never fails: every character is
 * either a blank, an operator, or part of an identifier. `in` and `notin` come out as keywords;
 * the parser decides from context whether they are operators or plain keys and values.
 */
export function tokenizeSelector(input: string): SelectorToken[] {
  const tokens: SelectorToken[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (isWhitespace(ch)) {
      i++;
    } else if (isSpecial(ch)) {
      // Longest match, as Kubernetes does: "!=" and "==" are the only two-character operators,
      // so "===" is "==" then "=", and "<=" is "<" then "=".
      const pair = (ch === '=' || ch === '!') && input[i + 1] === '=';
      const text = pair ? `${ch}=` : ch;
      tokens.push({ kind: text as SelectorTokenKind, text, start: i });
      i += text.length;
    } else {
      const start = i;
      while (i < input.length && !isSpecial(input[i]!) && !isWhitespace(input[i]!)) i++;
      const text = input.slice(start, i);
      const kind = text === 'in' || text === 'notin' ? text : 'identifier';
      tokens.push({ kind, text, start });
    }
  }
  tokens.push({ kind: 'end', text: '', start: input.length });
  return tokens;
}
