import { parseSelector } from '@/lib/labels/parse-selector';
import { SelectorError } from '@/lib/labels/selector-error';

export interface SelectorProblem {
  message: string;
  position: number;
  expected: string;
}

/** The same parser the server runs: null when `text` is a valid selector, else where and why it broke. */
export function checkSelector(text: string): SelectorProblem | null {
  try {
    parseSelector(text);
    return null;
  } catch (error) {
    if (error instanceof SelectorError) return { message: error.message, position: error.position, expected: error.expected };
    throw error;
  }
}
