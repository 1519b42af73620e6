import { describe, expect, it } from 'vitest';
import { checkSelector } from './check-selector';

describe('checkSelector', () => {
  it('is null for a valid selector', () => {
    expect(checkSelector('group=A,env in (prod,staging)')).toBeNull();
    expect(checkSelector('')).toBeNull();
  });

  it('says what is missing in plain words, without repeating the position', () => {
    const problem = checkSelector('group=A,,')!;
    expect(problem.position).toBe(8);
    expect(problem.message).toBe('expected a condition after the comma, such as group=A, found “,”');
    expect(problem.message).not.toMatch(/\b8\b/);
  });

  it('says when the selector ends too early', () => {
    const problem = checkSelector('env in (prod')!;
    expect(problem.position).toBe(12);
    expect(problem.message).toBe('expected a comma or a closing ), the selector ends here');
  });

  it('speaks of operators and numbers, not tokens', () => {
    expect(checkSelector('group A')!.message).toBe('expected an operator: =, !=, in, notin, > or <, found “A”');
    expect(checkSelector('group=A B')!.message).toMatch(/^expected a comma before the next condition/);
    expect(checkSelector('replicas>x')!.message).toBe('expected a whole number after >, found “x”');
  });

  it('keeps the label rules’ own reason for a bad key', () => {
    const message = checkSelector('-group=A')!.message;
    expect(message).toMatch(/^“-group” is not a valid label key: name part must consist of/);
    expect(message).not.toMatch(/ at \d/);
  });
});
