import { readFile } from 'node:fs/promises';
import { stripAnsi } from '../lib/panel/ansi';
import { test, expect } from './fixtures';
import { createAppByApi, createTokenByApi, deleteAppByApi, deleteTokenByApi, gatewayGet, shot, uniqueName, waitForAppState } from './panel-fixtures';

// The Logs tab of an app's details: the app's output live, pause, filter,
// download, ANSI colours, and 10,000 lines in a virtualised list.

const created: { apps: string[]; tokens: string[] } = { apps: [], tokens: [] };

test.afterEach(async ({ page }) => {
  for (const id of created.apps.splice(0)) await deleteAppByApi(page, id);
  for (const id of created.tokens.splice(0)) await deleteTokenByApi(page, id);
});

test('the Logs tab follows what the app prints after it opened; pause counts new lines, the filter narrows, Download saves the buffer', async ({ signedIn: page }) => {
  test.setTimeout(90_000);
  await page.goto('/apps');
  const app = await createAppByApi(page, { name: uniqueName('logs-echo'), image: 'tollgate/echo' });
  created.apps.push(app.id);
  const token = await createTokenByApi(page, { name: uniqueName('logs-read'), labelSelector: `ovh/id=${app.id}`, role: 'read' });
  created.tokens.push(token.id);
  await waitForAppState(page, app.id, 'RUNNING');
  const request = async (path: string) => expect((await gatewayGet(new URL(path, app.url).toString(), token.secret)).status).toBe(200);

  // Tabs: keyboard-accessible, and the address says which one is open.
  await page.goto(`/apps/${app.id}`);
  const overviewTab = page.getByRole('tab', { name: 'Overview' });
  const logsTab = page.getByRole('tab', { name: 'Logs' });
  await expect(overviewTab).toHaveAttribute('aria-selected', 'true');
  await overviewTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(logsTab).toBeFocused();
  await expect(logsTab).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(new RegExp(`/apps/${app.id}\\?tab=logs$`));
  await expect(page.getByRole('tabpanel', { name: 'Logs' })).toBeVisible();
  await page.keyboard.press('Home');
  await expect(overviewTab).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(new RegExp(`/apps/${app.id}$`));
  await expect(page.getByRole('region', { name: 'Runtime' })).toBeVisible();
  await page.goBack();
  await expect(logsTab).toHaveAttribute('aria-selected', 'true');

  // Opened with ?tab=logs: live, then a line printed after that shows up.
  await page.goto(`/apps/${app.id}?tab=logs`);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  const log = page.getByRole('log', { name: /^Logs of / });
  const marker = `after-open-${Date.now().toString(36)}`;
  await request(`/${marker}`);
  await expect(log).toContainText(`GET /${marker}`);
  const row = log.locator('[data-log-row]').filter({ hasText: `GET /${marker}` });
  await expect(row.getByTitle('Replica 1')).toBeVisible();
  await expect(row).toHaveAttribute('data-stream', 'stdout');

  // Pause: lines keep coming in and are counted, not shown; Resume shows them.
  const pause = page.getByRole('button', { name: 'Pause' });
  await pause.click();
  await expect(page.getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true');
  await request('/while-paused-1');
  await request('/while-paused-2');
  await expect(page.getByText('Paused · 2 new lines')).toBeVisible();
  await expect(log).not.toContainText('while-paused');
  await page.screenshot(shot('logs-01-paused'));
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(log).toContainText('GET /while-paused-2');
  await expect(page.getByText(/Paused ·/)).toHaveCount(0);

  // Filter: case-insensitive, with the count of matching lines.
  const filter = page.getByRole('searchbox', { name: 'Filter' });
  await filter.fill('WHILE-paused');
  await expect(page.getByText(/^2 of \d+ lines match$/)).toBeVisible();
  await expect(log.locator('[data-log-row]')).toHaveCount(2);
  await filter.fill('no such text anywhere');
  await expect(page.getByText('No line matches “no such text anywhere”.')).toBeVisible();
  await filter.fill('');
  await expect(log).toContainText(`GET /${marker}`);

  // Download: the buffer as `timestamp [replica] content` lines.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^logs-echo-[\w-]+-\d{4}-\d{2}-\d{2}_\d{6}\.log$/);
  const text = await readFile((await file.path())!, 'utf8');
  const lines = text.trimEnd().split('\n');
  for (const line of lines) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \[\d+\] /);
  expect(lines.filter((line) => line.endsWith(` [1] GET /${marker}`))).toHaveLength(1);
  expect(lines.filter((line) => line.includes('GET /while-paused-'))).toHaveLength(2);
});

test('an app that printed nothing says so', async ({ signedIn: page }) => {
  await page.goto('/apps');
  // A node app that prints nothing and answers its probe.
  const app = await createAppByApi(page, {
    name: uniqueName('logs-quiet'),
    image: 'tollgate/echo',
    command: ['node', '-e', "require('http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), process.env.HOST)"],
  });
  created.apps.push(app.id);
  await waitForAppState(page, app.id, 'RUNNING');
  await page.goto(`/apps/${app.id}?tab=logs`);
  await expect(page.getByText('No output yet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download' })).toBeDisabled();
});

test('an API refusal shows its message with Retry', async ({ signedIn: page }) => {
  await page.goto('/apps');
  const app = await createAppByApi(page, { name: uniqueName('logs-refused'), image: 'tollgate/echo' });
  created.apps.push(app.id);
  let refuse = true;
  await page.route(`**/v1/app/${app.id}/log?**`, (route) =>
    refuse
      ? route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message: "This app's output is kept by the instance that runs it (tollgate-2); ask that one", details: { reason: 'logs_elsewhere' } } }),
        })
      : route.continue(),
  );
  await page.goto(`/apps/${app.id}?tab=logs`);
  const alert = page.getByRole('alert').filter({ hasText: 'The logs could not be read' });
  await expect(alert).toContainText("This app's output is kept by the instance that runs it (tollgate-2); ask that one");
  refuse = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('a stream that ends is reconnected with back-off, asking since the last line: nothing shows twice', async ({ signedIn: page }) => {
  await page.goto('/apps');
  const app = await createAppByApi(page, { name: uniqueName('logs-reconnect'), image: 'tollgate/echo' });
  created.apps.push(app.id);
  const line = (n: number) => ({ timestamp: `2026-01-01T00:00:0${n}.000Z`, content: `line ${n}`, replica: '1', stream: 'stdout' });
  const sse = (...lines: ReturnType<typeof line>[]) => lines.map((l) => `event: line\ndata: ${JSON.stringify(l)}\n\n`).join('');
  const follows: URLSearchParams[] = [];
  // The server as it answers: `since` is inclusive, so each follow sends the last line again; then it ends the stream.
  await page.route(`**/v1/app/${app.id}/log?**`, (route) => {
    const query = new URL(route.request().url()).searchParams;
    if (query.get('follow') !== 'true') return route.fulfill({ json: { lastActivity: line(1).timestamp, logs: [line(1)] } });
    follows.push(query);
    const body = follows.length === 1 ? sse(line(1), line(2)) : follows.length === 2 ? sse(line(2), line(3)) : sse(line(3));
    return route.fulfill({ status: 200, contentType: 'text/event-stream', body });
  });
  await page.goto(`/apps/${app.id}?tab=logs`);
  const log = page.getByRole('log', { name: /^Logs of / });
  await expect(page.getByRole('status').filter({ hasText: /Stream ended: reconnecting (in \d s|now)/ })).toBeVisible();
  await expect.poll(() => follows.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  expect(follows.map((q) => q.get('since'))).toEqual([line(1).timestamp, line(2).timestamp, line(3).timestamp, ...follows.slice(3).map(() => line(3).timestamp)]);
  await expect(log.locator('[data-log-row]')).toHaveText([/line 1$/, /line 2$/, /line 3$/]);
  // Reconnect now skips the wait.
  const before = follows.length;
  await page.getByRole('button', { name: 'Reconnect now' }).click();
  await expect.poll(() => follows.length).toBeGreaterThan(before);
  await expect(log.locator('[data-log-row]')).toHaveCount(3);
});

// 10,000 lines at start, 100 at a time, some coloured with ANSI codes, every 7th on stderr (how the
// two streams interleave is the runtime's business); then it serves its probe.
const TEN_THOUSAND_LINES = [
  'node',
  '-e',
  [
    "const c = (n, s) => '\\x1b[' + n + 'm' + s + '\\x1b[0m';",
    "const methods = [c('32', 'GET'), c('1;34', 'POST'), c('33', 'PUT'), c('1;31', 'DELETE')];",
    "require('http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), process.env.HOST);",
    'let i = 0;',
    'const batch = () => {',
    '  for (const end = i + 100; i < end; ) {',
    '    i++;',
    "    if (i % 7 === 0) console.error(c('1;31', 'error') + ' line ' + i + ': upstream timed out after ' + (i % 30) + ' s');",
    "    else console.log('line ' + i + ' ' + methods[i % 4] + ' /items/' + i + ' ' + c(i % 9 ? '32' : '33', i % 9 ? '200' : '404') + ' in ' + (i % 97) + ' ms' + (i % 10 === 0 ? ' ' + c('2', 'cache=miss') : ''));",
    '  }',
    '  if (i < 10000) setTimeout(batch, 2);',
    '};',
    'batch();',
  ].join('\n'),
];

test('10,000 lines: all counted, fewer than 200 rows in the page, colours rendered; frame times while scrolling', async ({ signedIn: page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/apps');
  const app = await createAppByApi(page, { name: uniqueName('logs-10k'), image: 'tollgate/echo', command: TEN_THOUSAND_LINES });
  created.apps.push(app.id);
  await waitForAppState(page, app.id, 'RUNNING', 60_000);

  await page.goto(`/apps/${app.id}?tab=logs`);
  await expect(page.getByText('10,000 lines', { exact: true })).toBeVisible({ timeout: 30_000 });
  const log = page.getByRole('log', { name: /^Logs of / });
  const rows = log.locator('[data-log-row]');
  // The panel shows the lines in the API's order. Which stream's last line comes last is the
  // runtime's business (two pipes, read in turn): the API says.
  const { logs } = await (await page.request.get(`/v1/app/${app.id}/log?tail=10000`)).json();
  expect(logs).toHaveLength(10_000);
  const texts: string[] = logs.map((line: { content: string }) => stripAnsi(line.content));
  const lastText = texts.at(-1)!;
  // Rows are 20 px high: put the line at this index in view, a dozen rows below the top.
  const scrollToLine = (index: number) =>
    log.evaluate((el, top) => {
      el.scrollTop = top;
    }, Math.max(0, index - 12) * 20);
  // Followed to the bottom: the last line is the last row, in view.
  await expect(rows.last()).toContainText(lastText);
  await expect(rows.filter({ hasText: lastText })).toBeVisible();
  expect(await rows.count()).toBeLessThan(200);
  // Escape codes are rendered, never shown: the last stdout lines, scrolled into view.
  await scrollToLine(texts.findIndex((text) => text.startsWith('line 10000 ')));
  await expect(rows.filter({ hasText: 'line 10000 ' })).toBeVisible();
  await expect(log).not.toContainText('[0m');
  await expect(log).not.toContainText('\x1b');
  await expect(rows.filter({ hasText: 'line 9997 ' }).locator('span.text-blue-400.font-bold')).toHaveText('POST');
  await expect(rows.filter({ hasText: 'line 10000 ' }).locator('span.opacity-60')).toHaveText('cache=miss');

  // Scroll top to bottom over ~2 s, one step per frame, and time the frames; the same for ~1 s
  // without scrolling first, as this machine's baseline.
  const result = await log.evaluate(async (el) => {
    const frames = (ms: number, step: (t: number) => void) =>
      new Promise<number[]>((resolve) => {
        const deltas: number[] = [];
        const start = performance.now();
        let last = start;
        const frame = (now: number) => {
          deltas.push(now - last);
          last = now;
          const t = Math.min(1, (now - start) / ms);
          step(t);
          if (t < 1) requestAnimationFrame(frame);
          else resolve(deltas.slice(1).sort((a, b) => a - b));
        };
        requestAnimationFrame(frame);
      });
    const stats = (sorted: number[]) => {
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return { frames: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
    };
    el.scrollTop = 0;
    const idle = await frames(1000, () => {});
    let maxRows = 0;
    const max = el.scrollHeight - el.clientHeight;
    const scrolling = await frames(2000, (t) => {
      maxRows = Math.max(maxRows, el.querySelectorAll('[data-log-row]').length);
      el.scrollTop = max * t;
    });
    return { idle: stats(idle), scroll: stats(scrolling), maxRows, scrollHeight: el.scrollHeight };
  });
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `logs-10k scroll (top to bottom in ~2 s): ${result.scroll.frames} frames, frame time p50 ${ms(result.scroll.p50)}, p95 ${ms(result.scroll.p95)}, max ${ms(result.scroll.max)}; ` +
      `idle baseline: p50 ${ms(result.idle.p50)}, p95 ${ms(result.idle.p95)}, max ${ms(result.idle.max)}; at most ${result.maxRows} row elements; list ${result.scrollHeight} px high`,
  );
  expect(result.maxRows).toBeLessThan(200);
  expect(result.scrollHeight).toBeGreaterThanOrEqual(10_000 * 20);

  // Scrolled up to a stderr line next to stdout ones (where that is, the API says): following
  // stops, "Jump to latest" brings it back.
  const streams: string[] = logs.map((line: { stream: string }) => line.stream);
  const boundary = streams.findIndex((stream, i) => i >= 1000 && stream === 'stderr' && streams[i + 1] === 'stdout');
  const index = boundary === -1 ? streams.indexOf('stderr') : boundary;
  const stderrText = texts[index]!;
  await scrollToLine(index);
  const stderrRow = rows.filter({ hasText: stderrText });
  await expect(stderrRow).toHaveAttribute('data-stream', 'stderr');
  await expect(stderrRow.locator('span.text-red-400.font-bold')).toHaveText('error');
  const jump = page.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toBeVisible();
  expect(await rows.count()).toBeLessThan(200);
  await expect(log).not.toContainText('line 10000 ');
  await page.screenshot({ ...shot('logs-10k'), fullPage: true });
  await jump.click();
  await expect(jump).toBeHidden();
  await expect(rows.last()).toContainText(lastText);

  // The filter runs over all 10,000: the 1,428 stderr lines, and only they.
  await page.getByRole('searchbox', { name: 'Filter' }).fill('UPSTREAM TIMED OUT');
  await expect(page.getByText('1,428 of 10,000 lines match', { exact: true })).toBeVisible();
  expect(await rows.count()).toBeLessThan(200);
  await expect(log.locator('[data-log-row][data-stream="stderr"]').first()).toBeVisible();
  await expect(log.locator('[data-log-row][data-stream="stdout"]')).toHaveCount(0);
});
