import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateTokenSecret } from '../tokens/token-format.ts';
import { errorResponse, FakeApi } from './test-support/fake-api.ts';
import { runCli } from './test-support/run-cli.ts';

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
});

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const run = await runCli(api, ['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `tollgate ${version}\n`, stderr: '' });
  });

  it.each([
    [['--help'], 'Usage: tollgate <command> [options]'],
    [['-h'], 'Usage: tollgate <command> [options]'],
    [['app', '--help'], 'Usage: tollgate app <command> [options]'],
    [['app', 'ls', '--help'], 'Usage: tollgate app ls [-l <selector>]'],
    [['app', 'get', '-h'], 'Usage: tollgate app get <id>'],
    [['app', 'run', '--help'], 'Usage: tollgate app run <image> --name <name> --region <region>'],
    [['app', 'start', '--help'], 'Usage: tollgate app start <id> [--wait]'],
    [['app', 'stop', '--help'], 'Usage: tollgate app stop <id> [--wait]'],
    [['app', 'delete', '--help'], 'Usage: tollgate app delete <id> [--yes] [--wait]'],
    [['app', 'set-label', '--help'], 'Usage: tollgate app set-label <id> <name> <value>'],
    [['app', 'url', '--help'], 'Usage: tollgate app url <id>'],
    [['help', 'app', 'ls'], 'Usage: tollgate app ls'],
  ])('%j prints help on stdout and exits 0', async (argv, first) => {
    const run = await runCli(api, argv);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(first)).toBe(true);
    expect(run.stdout).toContain('--output <format>');
    expect(run.stderr).toBe('');
    expect(api.requests).toHaveLength(0);
  });

  it('--help wins over other problems on the line, even without a token', async () => {
    const run = await runCli(api, ['app', 'get', '--help'], { withToken: false });
    expect(run.code).toBe(0);
  });
});

describe('usage errors: exit 2, one line, then the command help', () => {
  it.each([
    [[], 'missing command', 'Usage: tollgate <command>'],
    [['frob'], 'unknown command "frob"', 'Usage: tollgate <command>'],
    [['app'], 'missing app command', 'Usage: tollgate app <command>'],
    [['app', 'frob'], 'unknown command "app frob"', 'Usage: tollgate app <command>'],
    [['app', 'get'], 'missing <id>', 'Usage: tollgate app get <id>'],
    [['app', 'get', ''], '<id> must not be empty', 'Usage: tollgate app get <id>'],
    [['app', 'get', 'a', 'b'], 'unexpected argument "b"', 'Usage: tollgate app get <id>'],
    [['app', 'ls', '--wait'], 'unknown option --wait', 'Usage: tollgate app ls'],
    [['app', 'ls', '-o', 'xml'], '--output must be one of table, json, yaml (got "xml")', 'Usage: tollgate app ls'],
    [['app', 'ls', '--url', 'ftp://example.com'], '--url must be an http:// or https:// URL', 'Usage: tollgate app ls'],
    [['app', 'ls', '--url', 'not a url'], '--url is not a URL (expected something like http://localhost:3000)', 'Usage: tollgate app ls'],
    [['app', 'run', 'img', '--region', 'GRA'], '--name is required', 'Usage: tollgate app run'],
    [['app', 'run', 'img', '--name', 'x'], '--region is required', 'Usage: tollgate app run'],
    [['app', 'run', 'img', '--name', 'x', '--region', 'GRA', '-l', 'novalue'], '-l/--label takes key=value (got "novalue")', 'Usage: tollgate app run'],
    [['app', 'run', 'img', '--name', 'x', '--region', 'GRA', '-l', 'a=1', '-l', 'a=2'], 'label a is given twice', 'Usage: tollgate app run'],
    [['app', 'run', 'img', '--name', 'x', '--region', 'GRA', '--port', '70000'], '--port must be a port number from 1 to 65535 (got "70000")', 'Usage: tollgate app run'],
    [['app', 'start', 'id', '--timeout', '5m'], '--timeout only makes sense with --wait', 'Usage: tollgate app start'],
    [['app', 'stop', 'id', '--wait', '--timeout', 'soon'], '--timeout must be a duration such as 90s, 5m or 1h (got "soon")', 'Usage: tollgate app stop'],
    [['app', 'delete', 'id'], 'no terminal to confirm on: pass --yes to delete', 'Usage: tollgate app delete'],
    [['app', 'set-label', 'id', 'env'], 'missing <value> (or --remove to remove the label)', 'Usage: tollgate app set-label'],
    [['app', 'set-label', 'id', 'env', 'x', '--remove'], 'give either a <value> or --remove, not both', 'Usage: tollgate app set-label'],
  ])('%j → %s', async (argv, message, help) => {
    const run = await runCli(api, argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const [line, blank, usage] = run.stderr.split('\n');
    expect(line).toBe(`tollgate: ${message}`);
    expect(blank).toBe('');
    expect(usage!.startsWith(help)).toBe(true);
    expect(api.requests).toHaveLength(0);
  });

  it('reports usage errors before a missing token', async () => {
    const run = await runCli(api, ['app', 'get'], { withToken: false });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tollgate: missing <id>\n/);
  });

  it('refuses a URL carrying credentials without echoing them', async () => {
    const run = await runCli(api, ['app', 'ls'], { env: { TOLLGATE_URL: 'http://me:hunter2secret@example.com' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tollgate: TOLLGATE_URL must not contain a user name or password/);
    expect(run.stderr).not.toContain('hunter2secret');
  });
});

describe('the token', () => {
  it('without one: says how to pass it through the environment, without a request', async () => {
    const run = await runCli(api, ['app', 'ls'], { withToken: false });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tollgate: no API token\. Put it in the TOLLGATE_TOKEN environment variable/);
    expect(run.stderr).toContain('read -rs TOLLGATE_TOKEN && export TOLLGATE_TOKEN');
    // No advice to type the secret on a command line.
    expect(run.stderr).not.toMatch(/--token|TOLLGATE_TOKEN=/);
    expect(api.requests).toHaveLength(0);
  });

  it('an empty TOLLGATE_TOKEN counts as none', async () => {
    const run = await runCli(api, ['app', 'ls'], { withToken: false, env: { TOLLGATE_TOKEN: '  ' } });
    expect(run.stderr).toMatch(/^tollgate: no API token/);
  });

  it('a mangled token is refused locally, before it is sent anywhere', async () => {
    const run = await runCli(api, ['app', 'ls'], { env: { TOLLGATE_TOKEN: api.token.slice(0, -1) } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tollgate: the token in TOLLGATE_TOKEN is not a valid Tollgate token/);
    expect(api.requests).toHaveLength(0);
  });

  it('is sent as a bearer token, from --token over TOLLGATE_TOKEN', async () => {
    const run = await runCli(api, ['app', 'ls', '--token', api.token], { env: { TOLLGATE_TOKEN: generateTokenSecret() } });
    expect(run.code).toBe(0);
    expect(api.requests[0]!.headers).toMatchObject({
      authorization: `Bearer ${api.token}`,
      accept: 'application/json',
      'user-agent': `tollgate-cli/${version}`,
    });
  });
});

describe('app ls', () => {
  it('prints an aligned table without platform labels', async () => {
    const a = api.addApp({ name: 'hello', labels: { env: 'prod', team: 'a' } });
    const b = api.addApp({ name: 'a-much-longer-name', image: 'tollgate/echo', region: 'BHS', state: 'STOPPED', createdAt: '2024-12-29T12:00:00.000Z' });
    const run = await runCli(api, ['app', 'ls']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ID\s+NAME\s+IMAGE\s+REGION\s+STATE\s+LABELS\s+URL\s+AGE$/);
    // Every value starts in its header's column.
    for (const [header, value] of [['NAME', 'a-much-longer-name'], ['REGION', 'BHS'], ['STATE', 'STOPPED'], ['URL', 'http://']] as const) {
      expect(lines[2]!.indexOf(value)).toBe(lines[0]!.indexOf(header));
    }
    expect(lines[1]).toBe(
      `${a.id}   hello                infrastructureascode/hello-world   GRA      RUNNING   env=prod,team=a   ${a.status.url}   60m`,
    );
    expect(lines[2]).toBe(`${b.id}   a-much-longer-name   tollgate/echo                      BHS      STOPPED                     ${b.status.url}   3d`);
    expect(run.stdout).not.toContain('ovh/');
  });

  it('passes -l as labelSelector', async () => {
    api.addApp({ name: 'prod-app', labels: { env: 'prod' } });
    api.addApp({ name: 'dev-app', labels: { env: 'dev' } });
    const run = await runCli(api, ['app', 'ls', '-l', 'env=prod']);
    expect(api.requests[0]!.url.searchParams.get('labelSelector')).toBe('env=prod');
    expect(api.requests[0]!.url.searchParams.get('page')).toBe('0');
    expect(run.stdout).toContain('prod-app');
    expect(run.stdout).not.toContain('dev-app');
  });

  it('ANDs repeated -l', async () => {
    await runCli(api, ['app', 'ls', '-l', 'env=prod', '--selector', 'team=a']);
    expect(api.requests[0]!.url.searchParams.get('labelSelector')).toBe('env=prod,team=a');
  });

  it('follows pages up to x-total-count', async () => {
    for (let i = 0; i < 150; i++) api.addApp();
    const run = await runCli(api, ['app', 'ls', '-o', 'json']);
    expect(api.requests.map((r) => r.url.searchParams.get('page'))).toEqual(['0', '1']);
    expect(JSON.parse(run.stdout)).toHaveLength(150);
  });

  it('-o json prints the API objects, platform labels included', async () => {
    const a = api.addApp({ labels: { env: 'prod' } });
    const run = await runCli(api, ['app', 'ls', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([a]);
  });

  it('-o yaml prints the same data as YAML', async () => {
    const a = api.addApp({ labels: { env: 'prod' } });
    const run = await runCli(api, ['app', 'ls', '--output=yaml']);
    expect(run.stdout).toContain(`- id: "${a.id}"\n`);
    expect(run.stdout).toContain('    labels:\n      env: prod\n      ovh/id: ');
    expect(run.stdout).toContain('    state: RUNNING\n');
  });

  it('says so on stderr when nothing matches, and prints [] for json', async () => {
    const table = await runCli(api, ['app', 'ls', '-l', 'env=none']);
    expect(table).toMatchObject({ code: 0, stdout: '', stderr: 'No apps match env=none.\n' });
    const json = await runCli(api, ['app', 'ls', '-o', 'json']);
    expect(json).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('a bad selector is one line with the API reason', async () => {
    const run = await runCli(api, ['app', 'ls', '-l', 'env in (a']);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'tollgate: 400: Invalid label selector: expected ")" at position 9\n' });
  });
});

describe('app get and app url', () => {
  it('get prints key/value lines and the history', async () => {
    const a = api.addApp({ name: 'hello', labels: { env: 'prod' } });
    const run = await runCli(api, ['app', 'get', a.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`ID:             ${a.id}\nName:           hello\n`);
    expect(run.stdout).toContain(`URL:            ${a.status.url}\n`);
    expect(run.stdout).toContain('Labels:         env=prod\n                ovh/id=');
    expect(run.stdout).toMatch(/History:\n {2}DATE\s+STATE\s+REASON\n {2}2025-01-01T11:00:00.000Z\s+RUNNING\n$/);
  });

  it('get -o json and -o yaml print the app object', async () => {
    const a = api.addApp();
    expect(JSON.parse((await runCli(api, ['app', 'get', a.id, '-o', 'json'])).stdout)).toEqual(a);
    expect((await runCli(api, ['-o', 'yaml', 'app', 'get', a.id])).stdout).toMatch(new RegExp(`^id: "?${a.id}"?\ncreatedAt: "2025-01-01T11:00:00.000Z"\n`));
  });

  it('url prints just the URL', async () => {
    const a = api.addApp();
    expect(await runCli(api, ['app', 'url', a.id])).toMatchObject({ code: 0, stdout: `${a.status.url}\n`, stderr: '' });
    expect(JSON.parse((await runCli(api, ['app', 'url', a.id, '-o', 'json'])).stdout)).toEqual({ id: a.id, url: a.status.url });
  });

  it('an unknown app is a one-line 404', async () => {
    const run = await runCli(api, ['app', 'url', '00000000-0000-4000-8000-00000000dead']);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'tollgate: 404: App not found\n' });
  });

  it('encodes the id into the path', async () => {
    await runCli(api, ['app', 'get', '../token']);
    expect(api.requests[0]!.url.pathname).toBe('/v1/app/..%2Ftoken');
  });
});

describe('app run', () => {
  it('posts the spec and prints the new app', async () => {
    const run = await runCli(api, ['app', 'run', 'tollgate/echo', '--name', 'echo', '--region', 'GRA', '-l', 'env=dev', '-l', 'team=a', '--port', '9000', '--unsecure-http']);
    expect(run.code).toBe(0);
    const request = api.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url.pathname).toBe('/v1/app');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual({ name: 'echo', image: 'tollgate/echo', region: 'GRA', labels: { env: 'dev', team: 'a' }, defaultHttpPort: 9000, unsecureHttp: true });
    expect(run.stdout).toContain('State:          QUEUED\n');
    expect(run.stdout).toContain('Unsecure HTTP:  yes (anyone can query it)\n');
  });

  it('sends only what was given', async () => {
    await runCli(api, ['app', 'run', 'tollgate/echo', '--name', 'echo', '--region', 'GRA']);
    expect(api.requests[0]!.body).toEqual({ name: 'echo', image: 'tollgate/echo', region: 'GRA', labels: {} });
  });

  it('notes platform labels the server dropped', async () => {
    const run = await runCli(api, ['app', 'run', 'tollgate/echo', '--name', 'e', '--region', 'GRA', '-l', 'ovh/id=mine']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('note: labels under ovh/ are set by the platform; ignored ovh/id\n');
  });

  it('--wait follows the new app to RUNNING', async () => {
    const original = api.fetch;
    // Plan the states once the app exists.
    Object.assign(api, {
      fetch: async (url: string, init: RequestInit) => {
        const response = await original(url, init);
        if (init.method === 'POST') api.plan([...api.apps.keys()].at(-1)!, ['INITIALIZING', 'RUNNING']);
        return response;
      },
    });
    const run = await runCli(api, ['app', 'run', 'tollgate/echo', '--name', 'e', '--region', 'GRA', '--wait']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/: QUEUED\n.*: INITIALIZING\n.*: RUNNING\n$/);
    expect(run.stdout).toContain('State:          RUNNING\n');
  });

  it('a 403 for a read-only token is one line', async () => {
    api.override('POST', /^\/v1\/app$/, () => errorResponse(403, 'forbidden', 'a read-only token cannot create apps', { reason: 'role_too_weak' }));
    const run = await runCli(api, ['app', 'run', 'tollgate/echo', '--name', 'e', '--region', 'GRA']);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'tollgate: 403: a read-only token cannot create apps\n' });
  });

  it('a validation 400 is one line with the server message', async () => {
    api.override('POST', /^\/v1\/app$/, () =>
      errorResponse(400, 'bad_request', 'Invalid input: image: Unknown image. Available images: tollgate/echo', [{ path: ['image'], message: 'Unknown image' }]),
    );
    const run = await runCli(api, ['app', 'run', 'nope', '--name', 'e', '--region', 'GRA']);
    expect(run).toMatchObject({ code: 1, stderr: 'tollgate: 400: Invalid input: image: Unknown image. Available images: tollgate/echo\n' });
  });
});

describe('app start / stop --wait', () => {
  it('start --wait follows the states to RUNNING, plain lines off a terminal', async () => {
    const a = api.addApp({ state: 'STOPPED' });
    api.plan(a.id, ['INITIALIZING', 'INITIALIZING', 'RUNNING']);
    const run = await runCli(api, ['app', 'start', a.id, '--wait']);
    expect(run.code).toBe(0);
    expect(api.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      `PUT /v1/app/${a.id}/start`,
      `GET /v1/app/${a.id}`,
      `GET /v1/app/${a.id}`,
      `GET /v1/app/${a.id}`,
    ]);
    expect(run.stderr).toBe(`app ${a.id}: QUEUED\napp ${a.id}: INITIALIZING\napp ${a.id}: RUNNING\n`);
    expect(run.stdout).toContain('State:          RUNNING\n');
    expect(run.stdout).toMatch(/STOPPED\n.*QUEUED\n.*INITIALIZING\n.*INITIALIZING\n.*RUNNING\n$/s);
  });

  it('start --wait shows a spinner on a terminal', async () => {
    const a = api.addApp({ state: 'STOPPED' });
    api.plan(a.id, ['RUNNING']);
    const run = await runCli(api, ['app', 'start', a.id, '--wait'], { tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`\r\x1b[2K⠋ app ${a.id}: QUEUED (0s)`);
    expect(run.stderr.endsWith(`\r\x1b[2K✔ app ${a.id}: RUNNING\n`)).toBe(true);
  });

  it('start --wait exits 1 when the app ends FAILED, with the reason', async () => {
    const a = api.addApp({ state: 'STOPPED' });
    api.plan(a.id, ['INITIALIZING', { state: 'FAILED', reason: 'process exited with code 1' }]);
    const run = await runCli(api, ['app', 'start', a.id, '--wait', '-o', 'json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').at(-2)).toBe(`tollgate: app ${a.id} ended FAILED: process exited with code 1`);
  });

  it('start --wait gives up after --timeout', async () => {
    const a = api.addApp({ state: 'STOPPED' });
    api.plan(a.id, Array(100).fill('INITIALIZING'));
    const run = await runCli(api, ['app', 'start', a.id, '--wait', '--timeout', '10s']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/tollgate: timed out after 10s waiting for app \S+ to be RUNNING \(last state: INITIALIZING\)\n$/);
  });

  it('stop --wait follows the states to STOPPED', async () => {
    const a = api.addApp({ state: 'RUNNING' });
    api.plan(a.id, ['STOPPING', 'STOPPED']);
    const run = await runCli(api, ['app', 'stop', a.id, '--wait', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`app ${a.id}: STOPPING\napp ${a.id}: STOPPED\n`);
    expect(JSON.parse(run.stdout).status.state).toBe('STOPPED');
  });

  it('start without --wait prints the app as the API answered', async () => {
    const a = api.addApp({ state: 'STOPPED' });
    const run = await runCli(api, ['app', 'start', a.id]);
    expect(run.code).toBe(0);
    expect(api.requests).toHaveLength(1);
    expect(run.stdout).toContain('State:          QUEUED\n');
    expect(run.stderr).toBe('');
  });

  it('a 501 from a server without a runtime is one line', async () => {
    api.override('PUT', /\/stop$/, () => errorResponse(501, 'not_implemented', 'Runtime not available: apps cannot be stopped yet'));
    const run = await runCli(api, ['app', 'stop', 'x']);
    expect(run).toMatchObject({ code: 1, stderr: 'tollgate: 501: Runtime not available: apps cannot be stopped yet\n' });
  });
});

describe('app delete', () => {
  it('--yes --wait deletes and treats the 404 as done', async () => {
    const a = api.addApp();
    api.plan(a.id, ['DELETING', 'DELETED']);
    const run = await runCli(api, ['app', 'delete', a.id, '--yes', '--wait']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`app ${a.id} deleted\n`);
    expect(run.stderr).toBe(`app ${a.id}: DELETING\napp ${a.id}: DELETED\n`);
    expect(api.requests[0]!.method).toBe('DELETE');
  });

  it('--yes --wait copes with a 204 answer', async () => {
    const a = api.addApp();
    api.deleteAnswersNoContent = true;
    api.plan(a.id, ['DELETED']);
    const run = await runCli(api, ['app', 'rm', a.id, '-y', '--wait', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ id: a.id, state: 'DELETED' });
  });

  it('--yes alone reports the deletion under way', async () => {
    const a = api.addApp();
    const run = await runCli(api, ['app', 'delete', a.id, '--yes']);
    expect(run).toMatchObject({ code: 0, stdout: `app ${a.id} is being deleted (DELETING)\n`, stderr: '' });
  });

  it('asks on a terminal, naming the app, and deletes on "y"', async () => {
    const a = api.addApp({ name: 'precious' });
    const run = await runCli(api, ['app', 'delete', a.id], { answers: ['y'] });
    expect(run.code).toBe(0);
    expect(run.prompts).toEqual([`Delete app "precious" (${a.id})? This cannot be undone. [y/N] `]);
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'DELETE']);
  });

  it('does nothing unless the answer is yes', async () => {
    const a = api.addApp();
    const run = await runCli(api, ['app', 'delete', a.id], { answers: [''] });
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'tollgate: not deleted\n' });
    expect(api.requests.map((r) => r.method)).toEqual(['GET']);
  });
});

describe('app set-label', () => {
  it('sets a label', async () => {
    const a = api.addApp();
    const run = await runCli(api, ['app', 'set-label', a.id, 'env', 'prod']);
    expect(run.code).toBe(0);
    expect(api.requests[0]).toMatchObject({ method: 'PUT', body: { name: 'env', value: 'prod' } });
    expect(api.requests[0]!.url.pathname).toBe(`/v1/app/${a.id}/label`);
    expect(run.stdout).toContain('Labels:         env=prod\n');
  });

  it('--remove sends value null', async () => {
    const a = api.addApp({ labels: { env: 'prod' } });
    const run = await runCli(api, ['app', 'set-label', a.id, 'env', '--remove', '-o', 'json']);
    expect(api.requests[0]!.body).toEqual({ name: 'env', value: null });
    expect(JSON.parse(run.stdout).spec.labels).not.toHaveProperty('env');
  });

  it('a refused platform label is one line', async () => {
    const a = api.addApp();
    const run = await runCli(api, ['app', 'set-label', a.id, 'ovh/id', 'x']);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'tollgate: 400: Invalid input: name: labels under ovh/ are set by the platform and cannot be changed\n' });
  });
});

describe('errors are one line on stderr, exit 1', () => {
  it('403 carries the API reason', async () => {
    api.override('GET', /^\/v1\/app\//, () =>
      errorResponse(403, 'forbidden', "the token's selector group=A does not match this app", { reason: 'selector_miss' }),
    );
    const run = await runCli(api, ['app', 'get', 'some-id']);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: "tollgate: 403: the token's selector group=A does not match this app\n" });
  });

  it('401 for a token the server does not know', async () => {
    const run = await runCli(api, ['app', 'ls'], { env: { TOLLGATE_TOKEN: generateTokenSecret() } });
    expect(run).toMatchObject({ code: 1, stderr: 'tollgate: 401: Invalid token\n' });
  });

  it('429 says when to retry', async () => {
    api.override('GET', /^\/v1\/app$/, () => errorResponse(429, 'rate_limited', 'Too many requests', undefined, { 'retry-after': '5' }));
    const run = await runCli(api, ['app', 'ls']);
    expect(run.stderr).toBe('tollgate: 429: Too many requests (retry after 5s)\n');
  });

  it('an answer that is not the API error shape hints at --url', async () => {
    api.override('GET', /^\/v1\/app$/, () => new Response('<html>\n<h1>Bad Gateway</h1></html>', { status: 502, statusText: 'Bad Gateway' }));
    const run = await runCli(api, ['app', 'ls']);
    expect(run.stderr).toBe('tollgate: 502: Bad Gateway (not a Tollgate API error; is --url / TOLLGATE_URL right?)\n');
  });

  it('a 200 that is not JSON hints at --url', async () => {
    api.override('GET', /^\/v1\/app$/, () => new Response('<html></html>', { status: 200 }));
    const run = await runCli(api, ['app', 'ls']);
    expect(run.stderr).toBe('tollgate: 200: the answer from http://localhost:3000 is not JSON; is --url / TOLLGATE_URL a Tollgate server?\n');
  });

  it('an unreachable server names the URL and the cause', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3999'), { code: 'ECONNREFUSED' }) });
    };
    Object.assign(api, { fetch });
    const run = await runCli(api, ['app', 'ls', '--url', 'http://127.0.0.1:3999/']);
    expect(run).toMatchObject({ code: 1, stderr: 'tollgate: cannot reach http://127.0.0.1:3999: connect ECONNREFUSED 127.0.0.1:3999 (set --url or TOLLGATE_URL)\n' });
  });

  it('--url and TOLLGATE_URL may carry a base path', async () => {
    await runCli(api, ['app', 'ls'], { env: { TOLLGATE_URL: 'https://example.com/tollgate/' } });
    expect(api.requests[0]!.url.href).toBe('https://example.com/tollgate/v1/app?page=0&size=100');
  });
});

describe('secrets are never printed', () => {
  const leaks = (text: string, token: string) => text.includes(token) || text.includes(token.slice(3, 20));

  it('not in help, errors, usage errors or output, from the flag or the environment', async () => {
    const other = generateTokenSecret();
    const a = api.addApp();
    api.override('GET', /echo$/, () => errorResponse(400, 'bad_request', `Authorization: Bearer ${api.token} was refused`));
    const runs = [
      await runCli(api, ['--help', '--token', api.token]),
      await runCli(api, ['app', 'ls', '--help']),
      await runCli(api, ['app', 'get', a.id, api.token]),
      await runCli(api, ['app', 'get', a.id, '--token', api.token, '-o', 'yaml']),
      await runCli(api, ['app', 'ls', '--token', other]),
      await runCli(api, ['app', 'get', 'echo']),
      await runCli(api, ['app', 'frob', api.token]),
      await runCli(api, ['app', 'ls', '--token', 'not-a-token-secret-value']),
      await runCli(api, ['app', 'ls'], { env: { TOLLGATE_TOKEN: `${api.token}x` } }),
    ];
    for (const run of runs) {
      for (const text of [run.stdout, run.stderr]) {
        expect(leaks(text, api.token)).toBe(false);
        expect(leaks(text, other)).toBe(false);
        expect(text).not.toContain('not-a-token-secret-value');
      }
    }
    // The echoes were masked, not dropped.
    expect(runs[2]!.stderr).toBe('tollgate: unexpected argument "tg_[redacted]"\n' + runs[2]!.stderr.slice(runs[2]!.stderr.indexOf('\n') + 1));
    expect(runs[5]!.stderr).toBe('tollgate: 400: Authorization: Bearer tg_[redacted] was refused\n');
  });
});
