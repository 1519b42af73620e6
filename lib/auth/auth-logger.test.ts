import { describe, expect, it } from 'vitest';
import { createAuthLogger } from './auth-logger.ts';

function sink() {
  const lines: { level: string; args: unknown[] }[] = [];
  return {
    lines,
    error: (...args: unknown[]) => lines.push({ level: 'error', args }),
    warn: (...args: unknown[]) => lines.push({ level: 'warn', args }),
    log: (...args: unknown[]) => lines.push({ level: 'log', args }),
  };
}

describe('hardening 6: a garbage session cookie does not fill the log', () => {
  const decodeError = new Error('Invalid Compact JWE\nsecond line');

  it('at the default level, an invalid session cookie logs nothing', () => {
    const out = sink();
    createAuthLogger(() => false, out).error('JWT_SESSION_ERROR', decodeError);
    expect(out.lines).toEqual([]);
  });

  it('at debug level, it logs one line without a stack', () => {
    const out = sink();
    createAuthLogger(() => true, out).error('JWT_SESSION_ERROR', decodeError);
    expect(out.lines).toEqual([
      { level: 'log', args: ['[tollgate] debug: next-auth JWT_SESSION_ERROR: Invalid Compact JWE second line (cookie ignored)'] },
    ]);
  });

  it("keeps the server's own errors, stack included", () => {
    const out = sink();
    const error = new Error('callback broke');
    createAuthLogger(() => false, out).error('SESSION_ERROR', error);
    expect(out.lines).toEqual([{ level: 'error', args: ['[tollgate] next-auth SESSION_ERROR:', error] }]);
  });
});
