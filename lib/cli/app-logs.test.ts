// `app logs`: the requests it sends, how lines print, -f until Ctrl-C, and its errors.

import { beforeEach, describe, expect, it } from 'vitest';
import { formatLogLine, parseSince } from './commands/app-logs.ts';
import { errorResponse, FakeApi } from './test-support/fake-api.ts';
import { runCli, START_TIME } from './test-support/run-cli.ts';

let api: FakeApi;
let id: string;
beforeEach(() => {
  api = new FakeApi();
  id = api.addApp({ name: 'echo', image: 'tollgate/echo' }).id;
});

function print(n: number, extra: { content?: string; stream?: 'stdout' | 'stderr'; replica?: string } = {}) {
  api.clock = () => `2025-01-01T11:00:${String(n).padStart(2, '0')}.000Z`;
  return api.printLog(id, { content: `GET /item/${n}`, ...extra });
}

describe('app logs', () => {
  it('prints `timestamp [replica] content`, stderr lines on stdout too, with the server’s default tail', async () => {
    print(1);
    print(2, { content: 'warning: slow', stream: 'stderr', replica: '2' });
    const run = await runCli(api, ['app', 'logs', id]);
    expect(run).toEqual({
      code: 0,
      stdout: '2025-01-01T11:00:01.000Z [1] GET /item/1\n2025-01-01T11:00:02.000Z [2] warning: slow\n',
      stderr: '',
      sleeps: [],
      prompts: [],
    });
    const request = api.requests[0]!;
    expect(`${request.method} ${request.url.pathname}${request.url.search}`).toBe(`GET /v1/app/${id}/log`);
  });

  it('sends --tail and --since (a duration ago, or a date)', async () => {
    for (let n = 1; n <= 5; n++) print(n);
    const tail = await runCli(api, ['app', 'logs', id, '--tail', '2']);
    expect(tail.stdout.trimEnd().split('\n')).toEqual(['2025-01-01T11:00:04.000Z [1] GET /item/4', '2025-01-01T11:00:05.000Z [1] GET /item/5']);
    await runCli(api, ['app', 'logs', id, '--since', '10m', '--tail', '0']);
    expect(Object.fromEntries(api.requests[1]!.url.searchParams)).toEqual({ tail: '0', since: new Date(START_TIME - 600_000).toISOString() });
    const since = await runCli(api, ['app', 'logs', id, '--since', '2025-01-01T12:00:03+01:00']);
    expect(api.requests[2]!.url.searchParams.get('since')).toBe('2025-01-01T11:00:03.000Z');
    expect(since.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('removes colours and control sequences off a terminal; keeps colours on one, reset at the end of the line', async () => {
    print(1, { content: '\x1b[32mGET\x1b[0m /ok \x1b]0;title\x07\x1b[2K' });
    expect((await runCli(api, ['app', 'logs', id])).stdout).toBe('2025-01-01T11:00:01.000Z [1] GET /ok \n');
    expect((await runCli(api, ['app', 'logs', id], { tty: true })).stdout).toBe('2025-01-01T11:00:01.000Z [1] \x1b[32mGET\x1b[0m /ok \x1b[0m\n');
  });

  it('-o json prints one object per line; -o yaml a sequence', async () => {
    const line = print(1);
    print(2);
    const json = await runCli(api, ['app', 'logs', id, '-o', 'json']);
    expect(json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([line, expect.objectContaining({ content: 'GET /item/2' })]);
    const yaml = await runCli(api, ['app', 'logs', id, '-o', 'yaml']);
    expect(yaml.stdout).toMatch(/^- timestamp: "2025-01-01T11:00:01.000Z"\n {2}content: "GET \/item\/1"\n/);
  });

  it('masks a token-shaped string the app printed', async () => {
    print(1, { content: `Authorization: Bearer ${api.token}` });
    const run = await runCli(api, ['app', 'logs', id]);
    expect(run.stdout).not.toContain(api.token);
    expect(run.stdout).toContain('Bearer tg_[redacted]');
  });

  it.each([
    [['--tail', '10001'], '--tail must be a whole number from 0 to 10000 (got "10001")'],
    [['--tail', '-1'], '--tail must be a whole number from 0 to 10000 (got "-1")'],
    [['--tail', 'all'], '--tail must be a whole number from 0 to 10000 (got "all")'],
    [['--since', 'yesterday'], '--since takes a duration such as 30s, 10m, 2h or 1d, or a date such as 2026-11-30T09:00:00Z (got "yesterday")'],
    [['--since', '10x'], '--since takes a duration such as 30s, 10m, 2h or 1d, or a date such as 2026-11-30T09:00:00Z (got "10x")'],
  ])('%j is a usage error, nothing sent', async (args, message) => {
    const run = await runCli(api, ['app', 'logs', id, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`tollgate: ${message}`);
    expect(api.requests).toEqual([]);
  });

  it('errors are one line, exit 1', async () => {
    expect(await runCli(api, ['app', 'logs', '00000000-0000-4000-8000-999999999999'])).toMatchObject({ code: 1, stdout: '', stderr: 'tollgate: 404: App not found\n' });
    api.override('GET', /\/log$/, () =>
      errorResponse(503, 'unavailable', "This app's output is kept by the instance that runs it (tollgate-2); ask that one", { reason: 'logs_elsewhere' }),
    );
    expect(await runCli(api, ['app', 'logs', id])).toMatchObject({ code: 1, stderr: "tollgate: 503: This app's output is kept by the instance that runs it (tollgate-2); ask that one\n" });
    expect(await runCli(api, ['app', 'logs', id, '-f'])).toMatchObject({ code: 1, stderr: "tollgate: 503: This app's output is kept by the instance that runs it (tollgate-2); ask that one\n" });
  });
});

describe('app logs -f', () => {
  it('prints the history, then lines as they come; Ctrl-C ends the request and exits 0', async () => {
    print(1);
    const running = runCli(api, ['app', 'logs', id, '-f', '--tail', '5'], { interruptWhen: ({ stdout }) => stdout.includes('printed later') });
    while (api.openFollows(id) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    print(2, { content: 'printed later', stream: 'stderr' });
    const run = await running;
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('2025-01-01T11:00:01.000Z [1] GET /item/1\n2025-01-01T11:00:02.000Z [1] printed later\n');
    const request = api.requests[0]!;
    expect(Object.fromEntries(request.url.searchParams)).toEqual({ tail: '5', follow: 'true' });
    expect(request.headers.accept).toBe('text/event-stream');
    expect(request.signal?.aborted).toBe(true);
    expect(api.openFollows(id)).toBe(0);
  });

  it('Ctrl-C before anything printed still exits 0', async () => {
    const open = (async () => {
      while (api.openFollows(id) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    })();
    expect(await runCli(api, ['app', 'logs', id, '-f'], { interruptOn: open })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(api.openFollows(id)).toBe(0);
  });

  it('a stream the server ends with a reason is one line, exit 1; one it just closes ends with exit 0', async () => {
    const failing = runCli(api, ['app', 'logs', id, '-f']);
    while (api.openFollows(id) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    api.endFollows(id, 'the engine went away');
    expect(await failing).toMatchObject({ code: 1, stdout: '', stderr: 'tollgate: the log stream ended: the engine went away\n' });

    const closing = runCli(api, ['app', 'logs', id, '-f']);
    while (api.openFollows(id) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    api.endFollows(id);
    expect(await closing).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('helpers', () => {
  it('parseSince reads durations and dates', () => {
    const now = Date.parse('2026-11-30T10:00:00.000Z');
    expect(parseSince('30s', now)).toBe('2026-11-30T09:59:30.000Z');
    expect(parseSince('2h', now)).toBe('2026-11-30T08:00:00.000Z');
    expect(parseSince('1d', now)).toBe('2026-11-29T10:00:00.000Z');
    expect(parseSince('2026-11-30', now)).toBe('2026-11-30T00:00:00.000Z');
    expect(parseSince('2026-11-30T09:00:00Z', now)).toBe('2026-11-30T09:00:00.000Z');
    expect(parseSince('2026-11-30 09:00:00.5+02:00', now)).toBe('2026-11-30T07:00:00.500Z');
  });

  it('formatLogLine strips escapes from the replica too', () => {
    expect(formatLogLine({ timestamp: 't', replica: '\x1b[31m1', content: 'x', stream: 'stdout' }, 'table', true)).toBe('t [1] x\n');
  });
});
