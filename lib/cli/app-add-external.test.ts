// `app add-external`: the spec it sends, its checks, --wait, and how external apps print.

import { beforeEach, describe, expect, it } from 'vitest';
import { FakeApi } from './test-support/fake-api.ts';
import { runCli } from './test-support/run-cli.ts';

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
});

const ADD = ['app', 'add-external', '--name', 'gradio', '--region', 'GRA'];

/** Plans `states` for the app the next POST creates. */
function planAfterCreate(states: Parameters<FakeApi['plan']>[1]) {
  const original = api.fetch;
  Object.assign(api, {
    fetch: async (url: string, init: RequestInit) => {
      const response = await original(url, init);
      if (init.method === 'POST') api.plan([...api.apps.keys()].at(-1)!, states);
      return response;
    },
  });
}

describe('app add-external', () => {
  it('sends the external spec: upstreamUrl, the flags, probe path, labels, unsecure; no image', async () => {
    const run = await runCli(api, [
      ...ADD, '--url', ' https://10.0.0.5:8443/ui ', '-l', 'group=A', '-l', 'team=ml',
      '--preserve-host', '--tls-skip-verify', '--probe-path', '/health', '--unsecure',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(api.requests[0]!.body).toEqual({
      name: 'gradio',
      region: 'GRA',
      labels: { group: 'A', team: 'ml' },
      upstreamUrl: 'https://10.0.0.5:8443/ui',
      preserveHost: true,
      tlsSkipVerify: true,
      probe: { path: '/health' },
      unsecureHttp: true,
    });
    expect(run.stderr).toBe("warning: --tls-skip-verify: Tollgate accepts any certificate from https://10.0.0.5:8443/ui, a man-in-the-middle's too\n");
    expect(run.stdout).toContain('Upstream URL:      https://10.0.0.5:8443/ui\n');
    expect(run.stdout).toContain("Host header:       preserved (the app host's)\n");
    expect(run.stdout).toContain("TLS verification:  SKIPPED (any certificate is accepted, a man-in-the-middle's too)\n");
    expect(run.stdout).not.toMatch(/^(Image|Command|Env vars|Replicas|CPU):/m);
  });

  it('the flags default to off, nothing else added', async () => {
    const run = await runCli(api, [...ADD, '--url', 'http://10.0.0.5:7860']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(api.requests[0]!.body).toEqual({ name: 'gradio', region: 'GRA', labels: {}, upstreamUrl: 'http://10.0.0.5:7860', preserveHost: false, tlsSkipVerify: false });
    expect(run.stdout).toContain("Host header:       the upstream URL's\n");
    expect(run.stdout).toContain('TLS verification:  none (http)\n');
  });

  it('--url is the upstream here: the server stays TOLLGATE_URL’s', async () => {
    await runCli(api, [...ADD, '--url', 'http://10.0.0.5:7860'], { env: { TOLLGATE_URL: 'http://tollgate.test:8000' } });
    expect(api.requests[0]!.url.origin).toBe('http://tollgate.test:8000');
    const help = await runCli(api, ['app', 'add-external', '--help']);
    expect(help.stdout).toMatch(/\n {6}--url <url> +The app's URL, http:\/\/ or https:\/\//);
    expect(help.stdout).not.toContain('Tollgate server (env TOLLGATE_URL');
    expect((await runCli(api, ['app', 'ls', '--help'])).stdout).toContain('Tollgate server (env TOLLGATE_URL');
  });

  it.each([
    [[], '--url is required: the URL where the app already answers'],
    [['--url', 'ftp://files.internal/'], '--url: The URL must start with http:// or https://'],
    [['--url', '10.0.0.5:7860'], '--url: Enter a full URL, with http:// or https://, such as http://10.0.0.5:7860'],
    [['--url', 'https://admin:hunter2@wiki.internal/'], '--url: Leave the user name and password out of the URL: everyone who can read the app would see them'],
    [['--url', 'http://x/?a=1'], '--url: The URL must not hold a query (?…) or a fragment (#…)'],
    [['--url', 'http://x', '--probe-path', 'health'], '--probe-path must start with "/" (got "health")'],
    [['--url', 'http://x', '--timeout', '1m'], '--timeout only makes sense with --wait'],
  ])('%j is a usage error, nothing sent', async (args, message) => {
    const run = await runCli(api, [...ADD, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`tollgate: ${message}`);
    expect(run.stderr).not.toContain('hunter2');
    expect(api.requests).toEqual([]);
  });

  it('--wait follows the app to RUNNING, and fails with the probe’s reason', async () => {
    planAfterCreate(['INITIALIZING', 'RUNNING']);
    const ok = await runCli(api, [...ADD, '--url', 'http://10.0.0.5:7860', '--wait']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/: QUEUED\n.*: INITIALIZING\n.*: RUNNING\n$/);

    planAfterCreate([{ state: 'FAILED', reason: 'GET http://10.0.0.5:7860/ failed: connect ECONNREFUSED' }]);
    const failed = await runCli(api, [...ADD, '--url', 'http://10.0.0.5:7860', '--wait']);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trimEnd().split('\n').at(-1)).toMatch(/^tollgate: app .* ended FAILED: GET http:\/\/10\.0\.0\.5:7860\/ failed: connect ECONNREFUSED$/);
  });
});

describe('external apps in app ls and app get', () => {
  it('show the upstream where image apps show the image', async () => {
    await runCli(api, [...ADD, '--url', 'http://10.0.0.5:7860']);
    api.addApp({ name: 'hello' });
    const ls = await runCli(api, ['app', 'ls']);
    expect(ls.code, ls.stderr).toBe(0);
    const [header, ...rows] = ls.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+IMAGE\s+/);
    expect(rows.find((r) => r.includes('gradio'))).toContain('external: http://10.0.0.5:7860');
    expect(rows.find((r) => r.includes('hello'))).toContain('infrastructureascode/hello-world');
    const id = [...api.apps.values()].find((a) => a.spec.name === 'gradio')!.id;
    const get = await runCli(api, ['app', 'get', id]);
    expect(get.stdout).toMatch(/^ID:\s+\S+\nName:\s+gradio\nUpstream URL:\s+http:\/\/10\.0\.0\.5:7860\nRegion:/);
  });
});
