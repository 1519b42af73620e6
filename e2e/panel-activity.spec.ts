import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { deleteAppByApi, shot, uniqueName } from './panel-fixtures';
import { createExternalApp, createToken, deleteToken, renewToken, setAppLabel, startUpstream } from './panel-tokens-fixtures';

const created: string[] = [];
const closers: (() => Promise<void>)[] = [];

test.afterEach(async ({ page }) => {
  for (const id of created.splice(0)) await deleteToken(page, id);
  for (const close of closers.splice(0)) await close();
});

test('Activity: the trail in words, filtered by token and action, paged in the address, exported as CSV', async ({ signedIn: page }) => {
  test.setTimeout(90_000);
  await page.goto('/tokens');
  const name = uniqueName('ci');
  const ci = await createToken(page, { name, labelSelector: 'group=A' });
  created.push(ci.id);
  await renewToken(page, ci.id, 3600);
  const goneName = uniqueName('gone');
  const gone = await createToken(page, { name: goneName, labelSelector: '' });
  await deleteToken(page, gone.id);
  // An app's life, in the same trail.
  const upstream = await startUpstream();
  closers.push(upstream.close);
  const appName = uniqueName('wiki');
  const appId = await createExternalApp(page, { name: appName, upstreamUrl: upstream.url, labels: {} });
  await setAppLabel(page, appId, 'team', 'ml');
  await deleteAppByApi(page, appId);

  await page.goto('/activity');
  await expect(page).toHaveTitle('Activity · Tollgate');
  const list = page.getByRole('list', { name: 'Activity' });
  await expect(list.getByRole('listitem').filter({ hasText: `App ${appName} labelled team=ml by admin@e2e.test` })).toBeVisible();
  await expect(list.getByRole('listitem').filter({ hasText: `App ${appName} deleted by admin@e2e.test` })).toBeVisible();
  await page.screenshot(shot('activity'));
  await expect(list.getByRole('listitem').filter({ hasText: `Token ${name} regenerated` })).toContainText(
    new RegExp(`^Token ${name} regenerated \\(now version 2, the old secret kept for 1 hour\\) by admin@e2e\\.test from 127\\.0\\.0\\.1`),
  );
  // A deleted token keeps the name its creation recorded, without a link.
  const deleted = list.getByRole('listitem').filter({ hasText: `Token ${goneName} deleted` });
  await expect(deleted).toBeVisible();
  await expect(deleted.getByRole('link')).toHaveCount(0);
  await expect(list.getByRole('listitem').filter({ hasText: `Token ${name} regenerated` }).getByRole('link', { name })).toHaveAttribute(
    'href',
    `/tokens/${ci.id}`,
  );

  // Filter by token: the address says so, the list and the exports follow.
  await page.getByLabel('Token', { exact: true }).selectOption({ label: name });
  await expect(page).toHaveURL(new RegExp(`/activity\\?token=${ci.id}$`));
  await expect(page.getByRole('status').filter({ hasText: 'the filters' })).toHaveText('2 events match the filters');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', `/v1/audit?token=${ci.id}&size=1000&format=csv`);
  await expect(page.getByRole('link', { name: 'Export JSON' })).toHaveAttribute('href', `/v1/audit?token=${ci.id}&size=1000`);
  await page.getByLabel('Action').selectOption({ label: 'Token regenerated' });
  await expect(page).toHaveURL(new RegExp(`token=${ci.id}&action=token\\.regenerate`));
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.screenshot(shot('activity-filtered'));

  // The CSV: the API's own file, with the filters applied.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('tollgate-activity.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('createdAt,action,actorType,actorId,actorIp,targetType,targetId,details');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('"token.regenerate"');
  expect(lines[1]).toContain(`"${ci.id}"`);

  // Back undoes a filter.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/activity\\?token=${ci.id}$`));
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/activity$/);

  // Paging: page and size live in the address. Enough token events for a second page of 20:
  for (let i = 0; i < 20; i++) created.push((await createToken(page, { name: uniqueName(`bulk${i}`), labelSelector: '' })).id);
  await page.reload();
  await page.getByLabel('Action').selectOption({ label: 'Token created' });
  await page.getByLabel('Per page').selectOption('20');
  await expect(page).toHaveURL(/\/activity\?action=token\.create&size=20$/);
  await expect(list.getByRole('listitem')).toHaveCount(20);
  const pages = page.getByRole('navigation', { name: 'Activity pages' });
  await expect(pages).toContainText(/^1–20 of \d+/);
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/activity\?action=token\.create&page=2&size=20$/);
  await expect(pages).toContainText(/^21–/);
  await page.reload();
  await expect(pages).toContainText(/^21–/);
  await expect(page.getByLabel('Per page')).toHaveValue('20');
});
