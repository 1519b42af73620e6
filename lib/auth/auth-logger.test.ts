import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel } from '../observability/logger.ts';
import { createAuthLogger } from './auth-logger.ts';

function capture(level: LogLevel) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level, format: 'json', destination }).child({ component: 'auth' });
  return { lines, log: () => logger };
}

describe('hardening 6: a garbage session cookie does not fill the log', () => {
  const decodeError = new Error('Invalid Compact JWE\nsecond line');

  it('at the default level, an invalid session cookie logs nothing', () => {
    const out = capture('info');
    createAuthLogger(out.log).error('JWT_SESSION_ERROR', decodeError);
    expect(out.lines).toEqual([]);
  });

  it('at debug level, it logs one line without a stack', () => {
    const out = capture('debug');
    createAuthLogger(out.log).error('JWT_SESSION_ERROR', decodeError);
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatchObject({
      level: 'debug',
      component: 'auth',
      code: 'JWT_SESSION_ERROR',
      msg: 'next-auth JWT_SESSION_ERROR: Invalid Compact JWE second line (cookie ignored)',
    });
    expect(JSON.stringify(out.lines[0])).not.toContain('    at ');
  });

  it("keeps the server's own errors, stack included, and nothing else of next-auth's metadata", () => {
    const out = capture('info');
    const error = new Error('callback broke');
    createAuthLogger(out.log).error('SESSION_ERROR', { error, providerId: 'credentials', extra: 'not for the log' } as never);
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatchObject({ level: 'error', code: 'SESSION_ERROR', msg: 'next-auth SESSION_ERROR', err: { message: 'callback broke' } });
    expect((out.lines[0]!.err as { stack: string }).stack).toContain('callback broke');
    expect(JSON.stringify(out.lines[0])).not.toContain('not for the log');
  });
});
