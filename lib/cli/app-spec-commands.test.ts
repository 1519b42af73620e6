// `app run` with the runtime options, `app update`, and what `app get` shows of them.

import { beforeEach, describe, expect, it } from 'vitest';
import { FakeApi } from './test-support/fake-api.ts';
import { runCli } from './test-support/run-cli.ts';

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
});

const RUN = ['app', 'run', 'tollgate/echo', '--name', 'echo', '--region', 'GRA'];

describe('app run with env vars, command, port, health check, limits and replicas', () => {
  it('sends every option in the API field names; the words after -- are the command', async () => {
    const run = await runCli(
      api,
      [
        ...RUN,
        '--env', 'MODE=fast',
        '-e', 'EMPTY=',
        '-e', 'EQUALS=a=b',
        '--secret-env', 'API_KEY',
        '--secret-env', 'DB_PASSWORD=hunter2',
        '--port', '9000',
        '--probe-path', '/health',
        '--probe-port', '9001',
        '--cpu', '0.5',
        '--memory', '512',
        '--replicas', '2',
        '-l', 'team=ml',
        '--unsecure',
        '--', 'node', 'server.js', '--verbose', '-l', '--',
      ],
      { env: { API_KEY: 'from-the-environment' } },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(api.requests[0]!.body).toEqual({
      name: 'echo',
      image: 'tollgate/echo',
      region: 'GRA',
      labels: { team: 'ml' },
      command: ['node', 'server.js', '--verbose', '-l', '--'],
      envVars: [
        { name: 'MODE', value: 'fast', secret: false },
        { name: 'EMPTY', value: '', secret: false },
        { name: 'EQUALS', value: 'a=b', secret: false },
        { name: 'API_KEY', value: 'from-the-environment', secret: true },
        { name: 'DB_PASSWORD', value: 'hunter2', secret: true },
      ],
      defaultHttpPort: 9000,
      probe: { path: '/health', port: 9001 },
      resources: { cpu: 0.5, memoryMiB: 512 },
      scalingStrategy: { fixed: { replicas: 2 } },
      unsecureHttp: true,
    });
    // The answer shows secrets masked, never their value.
    expect(run.stdout).toContain('Env vars:       MODE=fast\n');
    expect(run.stdout).toContain('                API_KEY=•••• (secret)\n');
    expect(run.stdout).not.toContain('hunter2');
    expect(run.stdout).toContain('Replicas:       0/2 ready\n');
  });

  it('-- with nothing after it leaves the image’s own command', async () => {
    await runCli(api, [...RUN, '--']);
    expect(api.requests[0]!.body).toEqual({ name: 'echo', image: 'tollgate/echo', region: 'GRA', labels: {} });
  });

  it.each([
    [['--env', '=oops-a-value'], '--env takes NAME=value or NAME (got "=…")'],
    [['-e', 'A=1', '--secret-env', 'A=2'], 'env var A is given twice'],
    [['--secret-env', 'NOT_SET_ANYWHERE'], '--secret-env NOT_SET_ANYWHERE: there is no NOT_SET_ANYWHERE in your environment to take the value from'],
    [['--replicas', '11'], '--replicas must be a whole number from 1 to 10 (got "11")'],
    [['--replicas', '1.5'], '--replicas must be a whole number from 1 to 10 (got "1.5")'],
    [['--cpu', '0'], '--cpu must be a number of cores above 0, at most 64 (got "0")'],
    [['--memory', '8'], '--memory must be a whole number of MiB from 16 to 1048576 (got "8")'],
    [['--probe-port', '0'], '--probe-port must be a port number from 1 to 65535 (got "0")'],
  ])('%j is a usage error: %s', async (args, message) => {
    const run = await runCli(api, [...RUN, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`tollgate: ${message}`);
    expect(run.stderr).not.toContain('oops-a-value');
    expect(api.requests).toHaveLength(0);
  });

  it('help lists the options and says how to keep a secret out of shell history', async () => {
    const run = await runCli(api, ['app', 'run', '--help']);
    expect(run.stdout).toContain('--secret-env <NAME=value>');
    expect(run.stdout).toContain('--replicas <n>');
    expect(run.stdout).toContain('After --:\n  -- <command> [args…]');
    expect(run.stdout).toMatch(/NAME alone .* out of shell history/);
  });
});

describe('app update', () => {
  it('--image sends only the image and prints the new generation', async () => {
    const a = api.addApp({ image: 'infrastructureascode/hello-world' });
    const run = await runCli(api, ['app', 'update', a.id, '--image', 'tollgate/echo']);
    expect(run.code, run.stderr).toBe(0);
    expect(api.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([`PUT /v1/app/${a.id}`]);
    expect(api.requests[0]!.body).toEqual({ image: 'tollgate/echo' });
    expect(run.stdout).toContain('Image:          tollgate/echo\n');
    expect(run.stdout).toContain('Generation:     2\n');
  });

  it('env vars replace the list; --keep-secret keeps a secret without sending its value', async () => {
    const a = api.addApp();
    await runCli(api, ['app', 'update', a.id, '-e', 'MODE=slow', '--keep-secret', 'API_KEY']);
    expect(api.requests[0]!.body).toEqual({
      envVars: [
        { name: 'MODE', value: 'slow', secret: false },
        { name: 'API_KEY', secret: true },
      ],
    });
  });

  it('--clear-env empties the list; -- alone goes back to the image’s command; -- words set it', async () => {
    const a = api.addApp();
    await runCli(api, ['app', 'update', a.id, '--clear-env', '--']);
    expect(api.requests[0]!.body).toEqual({ envVars: [], command: null });
    await runCli(api, ['app', 'update', a.id, '--', 'sh', '-c', 'exec node server.js']);
    expect(api.requests[1]!.body).toEqual({ command: ['sh', '-c', 'exec node server.js'] });
  });

  it('one option of a pair keeps the other as the app has it (read first); none lifts a limit', async () => {
    const a = api.addApp();
    a.spec.resources = { cpu: 2, memoryMiB: 1024 };
    a.spec.probe = { path: '/ready', port: 9001 };
    await runCli(api, ['app', 'update', a.id, '--cpu', '0.5', '--probe-path', '/health']);
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
    expect(api.requests[1]!.body).toEqual({ probe: { path: '/health', port: 9001 }, resources: { cpu: 0.5, memoryMiB: 1024 } });

    await runCli(api, ['app', 'update', a.id, '--memory', 'none', '--cpu', '1', '--port', '9000']);
    expect(api.requests.at(-1)!.body).toEqual({ defaultHttpPort: 9000, resources: { cpu: 1 } });
  });

  it('--panel-users off sends only that setting', async () => {
    const a = api.addApp();
    const run = await runCli(api, ['app', 'update', a.id, '--panel-users', 'off']);
    expect(run.code, run.stderr).toBe(0);
    expect(api.requests.at(-1)!.body).toEqual({ allowPanelUsers: false });
  });

  it('a health check port equal to the app’s port keeps following the port', async () => {
    const a = api.addApp();
    await runCli(api, ['app', 'update', a.id, '--probe-path', '/health']);
    expect(api.requests.at(-1)!.body).toEqual({ probe: { path: '/health' } });
  });

  it.each([
    [[], 'nothing to change: give --image, --env, --port, --cpu, --memory, a health check option, --panel-users or -- <command>'],
    [['--clear-env', '-e', 'A=1'], 'give --clear-env or env vars, not both'],
    [['--cpu', 'lots'], '--cpu must be a number of cores above 0, at most 64 (got "lots")'],
    [['--panel-users', 'maybe'], '--panel-users takes on or off, not "maybe"'],
  ])('%j is a usage error: %s', async (args, message) => {
    const run = await runCli(api, ['app', 'update', 'some-id', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`tollgate: ${message}`);
    expect(api.requests).toHaveLength(0);
  });

  it('--wait follows the rollout until every replica of the app is ready', async () => {
    const a = api.addApp();
    a.spec.scalingStrategy = { fixed: { replicas: 2 } };
    a.status.replicas = { desired: 2, ready: 2 };
    api.plan(a.id, [{ state: 'SCALING', ready: 2 }, { state: 'SCALING', ready: 1 }, { state: 'RUNNING', ready: 1 }, { state: 'RUNNING', ready: 2 }]);
    const run = await runCli(api, ['app', 'update', a.id, '--image', 'tollgate/echo', '--wait', '-o', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      [
        `app ${a.id}: RUNNING, 2/2 replicas ready, generation 2`,
        `app ${a.id}: SCALING, 2/2 replicas ready, generation 2`,
        `app ${a.id}: SCALING, 1/2 replicas ready, generation 2`,
        `app ${a.id}: RUNNING, 1/2 replicas ready, generation 2`,
        `app ${a.id}: RUNNING, 2/2 replicas ready, generation 2`,
        '',
      ].join('\n'),
    );
    expect(JSON.parse(run.stdout).status).toMatchObject({ state: 'RUNNING', generation: 2, replicas: { ready: 2 } });
  });

  it('--wait believes an app that never moves only after a grace period', async () => {
    const a = api.addApp();
    const run = await runCli(api, ['app', 'update', a.id, '--port', '9000', '--wait']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(5000);
  });

  it('--wait fails with the reason when the new generation fails', async () => {
    const a = api.addApp();
    api.plan(a.id, ['SCALING', { state: 'FAILED', reason: 'replica 1 exited with code 1' }]);
    const run = await runCli(api, ['app', 'update', a.id, '--image', 'tollgate/echo', '--wait']);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(`tollgate: app ${a.id} ended FAILED: replica 1 exited with code 1`);
  });

  it('help says that env vars replace the list', async () => {
    const run = await runCli(api, ['app', 'update', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: tollgate app update <id> \[--image <image>\]/);
    expect(run.stdout).toContain("Env vars given here REPLACE the app's list");
    expect(run.stdout).toContain('--keep-secret <NAME>');
  });
});

describe('app get shows what runs', () => {
  it('command, env vars (secrets masked), health check, limits, replicas, digest, status and last output', async () => {
    const a = api.addApp({ name: 'broken', state: 'FAILED' });
    Object.assign(a.spec, {
      command: ['python', 'app.py', '--greeting', 'hello world'],
      envVars: [
        { name: 'MODE', value: 'fast', secret: false },
        { name: 'TOKEN', secret: true },
      ],
      probe: { path: '/health', port: 8080 },
      resources: { cpu: 0.5, memoryMiB: 256 },
    });
    Object.assign(a.status, {
      info: 'replica 1 exited with code 1',
      replicas: { desired: 2, ready: 0 },
      generation: 3,
      imageDigest: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      lastOutput: ['Traceback (most recent call last):', '\x1b[31mKeyError: MODEL\x1b[0m'],
    });
    const run = await runCli(api, ['app', 'get', a.id]);
    expect(run.code, run.stderr).toBe(0);
    for (const line of [
      'Image digest:   sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      'Status:         replica 1 exited with code 1',
      "Command:        python app.py --greeting 'hello world'",
      'Env vars:       MODE=fast\n                TOKEN=•••• (secret)',
      'Health check:   GET /health on port 8080',
      'CPU:            0.5 per replica',
      'Memory:         256 MiB per replica',
      'Replicas:       0/2 ready',
      'Generation:     3',
    ]) {
      expect(run.stdout).toContain(`${line}\n`);
    }
    // The app's own output, made safe for the terminal, before the history.
    expect(run.stdout).toMatch(/\nLast output:\n {2}Traceback \(most recent call last\):\n {2}\?\[31mKeyError: MODEL\?\[0m\n\nHistory:\n/);
  });
});
