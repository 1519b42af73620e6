/**
 * A selector that cannot be parsed. `position` is the 0-based offset (UTF-16 code units, i.e. a
 * JavaScript string index) in the input where parsing broke, so a form can point at it.
 */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
  /** 0-based offset into the input; the input's length when the input ended too early. */
  readonly position: number;
  /** What would have been accepted at `position`, in words: "',' or ')'", "a valid label key". */
  readonly expected: string;
  /** The text found at `position`, or null at the end of the input. */
  readonly found: string | null;

  constructor(message: string, position: number, expected: string, found: string | null) {
    super(message);
    this.position = position;
    this.expected = expected;
    this.found = found;
  }
}
