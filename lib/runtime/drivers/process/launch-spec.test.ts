import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultImagesDir } from '../../images/image-scripts.ts';
import { RuntimeError, type RunSpec } from '../runtime-driver.ts';
import { checkSpec, childEnv, resolveLaunch } from './launch-spec.ts';
import { ECHO, runSpec } from './test-fixtures/driver-test-kit.ts';

const base: RunSpec = runSpec({ appId: 'app', image: ECHO });

function rejection(run: () => unknown): RuntimeError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuntimeError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('resolveLaunch', () => {
  it('runs the image script with the server’s node, from its folder, with the exit-with-server preload', () => {
    const launch = resolveLaunch(base, {});
    expect(launch.file).toBe(process.execPath);
    expect(launch.args).toEqual(['--require', path.join(defaultImagesDir(), 'exit-with-server.cjs'), path.join(defaultImagesDir(), 'echo.mjs')]);
    expect(launch.cwd).toBe(defaultImagesDir());
    expect(resolveLaunch({ ...base, image: 'tollgate/echo:latest' }, {}).args.at(-1)).toBe(path.join(defaultImagesDir(), 'echo.mjs'));
  });

  it('rejects an unknown image, naming the ones it runs', () => {
    const error = rejection(() => resolveLaunch({ ...base, image: 'nginx:1.27' }, { extraImages: { 'test/x': '/x.mjs' } }));
    expect(error.message).toBe(
      'unknown image "nginx:1.27": the process runtime runs only its built-in images: test/x, infrastructureascode/hello-world, tollgate/echo, tollgate/stream',
    );
    expect(() => resolveLaunch({ ...base, image: 'toString' }, {})).toThrow(RuntimeError);
  });

  it('runs a `node …` command from the images folder, and refuses any other program', () => {
    const launch = resolveLaunch({ ...base, command: ['node', '-e', 'x()'], resources: { cpu: 2, memoryMiB: 256 } }, {});
    expect(launch.args.slice(2)).toEqual(['--max-old-space-size=256', '-e', 'x()']);
    expect(launch.cwd).toBe(defaultImagesDir());
    expect(rejection(() => resolveLaunch({ ...base, command: ['python3', 'app.py'] }, {})).message).toBe(
      'the process runtime runs node commands only: the command must start with "node", got "python3"',
    );
    expect(rejection(() => resolveLaunch({ ...base, command: [] }, {})).message).toContain('got ""');
  });

  it('gives the child a minimal environment: none of the server’s own, the spec’s, PORT and HOST last', () => {
    process.env.TOLLGATE_TEST_SERVER_SECRET = 'do-not-leak';
    try {
      const launch = resolveLaunch({ ...base, env: [{ name: 'GREETING', value: 'hi' }, { name: 'PORT', value: '1' }] }, {});
      const env = childEnv(launch, 4321);
      expect(env).toMatchObject({ NODE_ENV: 'production', GREETING: 'hi', PORT: '4321', HOST: '127.0.0.1', PATH: process.env.PATH });
      expect(env.TOLLGATE_TEST_SERVER_SECRET).toBeUndefined();
      expect(Object.keys(env).sort()).toEqual(['GREETING', 'HOME', 'HOST', 'NODE_ENV', 'PATH', 'PORT'].filter((k) => k !== 'HOME' || process.env.HOME));
    } finally {
      delete process.env.TOLLGATE_TEST_SERVER_SECRET;
    }
  });
});

describe('checkSpec', () => {
  it('refuses what no engine could run', () => {
    expect(() => checkSpec(base)).not.toThrow();
    expect(() => checkSpec({ ...base, replicas: -1 })).toThrow(/replicas must be a whole number/);
    expect(() => checkSpec({ ...base, probe: { path: 'health', port: 8080 } })).toThrow(/must start with "\/"/);
    expect(() => checkSpec({ ...base, env: [{ name: 'A=B', value: '' }] })).toThrow(/invalid environment variable "A=B"/);
  });
});
