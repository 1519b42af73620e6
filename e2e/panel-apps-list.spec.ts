import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { deleteAppByApi, shot, uniqueName } from './panel-fixtures';
import { createExternalApp, startUpstream } from './panel-tokens-fixtures';

// External apps: rows without a process behind each (12 echo servers would load a 2-core machine).
async function addExternalApp(page: Page, name: string, labels: Record<string, string>): Promise<string> {
  const res = await page.request.post('/v1/app', {
    headers: { origin: new URL(page.url()).origin },
    data: { name, upstreamUrl: 'http://127.0.0.1:9', region: 'GRA', labels },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as { id: string }).id;
}

const created: string[] = [];
const closers: (() => Promise<void>)[] = [];
test.afterEach(async ({ page }) => {
  for (const id of created.splice(0)) await deleteAppByApi(page, id);
  for (const close of closers.splice(0)) await close();
});

test('the Apps table with 25 running apps, on a desktop and on a phone', async ({ signedIn: page, a11y }) => {
  test.setTimeout(120_000);
  await page.goto('/apps');
  // 25 external apps in front of one small upstream: each is RUNNING once its probe answers.
  const upstream = await startUpstream();
  closers.push(upstream.close);
  const batch = uniqueName('s').replaceAll('-', '');
  for (let i = 1; i <= 25; i++) {
    created.push(await createExternalApp(page, { name: `model-${batch}-${String(i).padStart(2, '0')}`, upstreamUrl: upstream.url, labels: { batch } }));
  }
  await page.getByLabel('Filter by label selector').fill(`batch=${batch}`);
  await page.getByLabel('Per page').selectOption('50');
  const table = page.getByRole('table', { name: 'Apps of this project' });
  await expect(table.getByRole('row')).toHaveCount(26);
  await expect(table.getByRole('row').filter({ hasText: 'Running' })).toHaveCount(25, { timeout: 60_000 });
  await expect(page.getByText('1–25 of 25')).toBeVisible();
  await a11y.check('apps list: 25 apps');
  await page.screenshot({ ...shot('apps-25-desktop'), fullPage: true });

  // On a phone the page itself never scrolls sideways; every row is still there.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(table.getByRole('row')).toHaveCount(26);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ ...shot('apps-25-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('the Apps table: search by name or id, sort, state filter, page and page size in the address, Next keeps the focus', async ({ signedIn: page, a11y }) => {
  test.setTimeout(90_000);
  await page.goto('/apps');
  const batch = uniqueName('b').replaceAll('-', '');
  const names = Array.from({ length: 12 }, (_, i) => `list-${batch}-${String(i + 1).padStart(2, '0')}`);
  for (const name of names) created.push(await addExternalApp(page, name, { batch }));

  await page.getByLabel('Filter by label selector').fill(`batch=${batch}`);
  const rows = page.getByRole('table', { name: 'Apps of this project' }).getByRole('row');
  await expect(rows).toHaveCount(13);

  // Sorted by name: A to Z by default, Z to A on a second press; the header says which.
  const nameHeader = page.getByRole('columnheader', { name: /Name/ });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.nth(1)).toContainText(names[0]!);
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.nth(1)).toContainText(names[11]!);
  await page.getByRole('columnheader', { name: /Created/ }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.nth(1)).toContainText(names[11]!);

  // Ten per page, kept in the address: a reload shows the same page, sorted the same.
  await page.getByLabel('Per page').selectOption('10');
  await expect(rows).toHaveCount(11);
  const next = page.getByRole('button', { name: 'Next' });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(3);
  await expect(page.getByText('11–12 of 12')).toBeVisible();
  // On the last page Next is off but still holds the focus (aria-disabled).
  await expect(next).toBeDisabled();
  await expect(next).toBeFocused();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/size=10/);
  await expect(page).toHaveURL(/sort=created&order=desc/);
  await page.reload();
  await expect(page.getByText('11–12 of 12')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'descending');
  await a11y.check('apps list: page 2 of a sorted, filtered list');

  // Search by name, then by id.
  await page.getByLabel('Search').fill(names[4]!);
  await expect(rows).toHaveCount(2);
  await expect(page).not.toHaveURL(/page=2/);
  await page.getByLabel('Search').fill(created[6]!.slice(0, 13));
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(names[6]!);

  // The access URL is shortened, with the whole of it behind the link and a copy button.
  const link = rows.nth(1).getByRole('link', { name: /….app.gra.localhost/ });
  await expect(link).toHaveAttribute('href', new RegExp(`^http://${created[6]}\\.app\\.gra\\.localhost`));
  await expect(rows.nth(1).getByRole('button', { name: `Copy access URL of ${names[6]}` })).toBeVisible();

  // A state filter: external apps that cannot be reached are not Running; none is Stopped.
  await page.getByLabel('Search').fill('');
  await page.getByLabel('State').selectOption('stopped');
  await expect(page.getByText('No app matches these filters')).toBeVisible();
  await expect(page).toHaveURL(/state=stopped/);
  await a11y.check('apps list: nothing matches the filters');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/state=|labelSelector=/);
});

test('the table keeps its column widths while rows change, and image names wrap only between their parts', async ({ signedIn: page }) => {
  await page.goto('/apps');
  const table = page.getByRole('table', { name: 'Apps of this project' });
  await expect(table.getByRole('row', { name: /hello-world/ }).first()).toBeVisible();
  expect(await table.evaluate((t) => getComputedStyle(t).tableLayout)).toBe('fixed');
  const width = async () => (await page.getByRole('columnheader', { name: /State/ }).boundingBox())!.width;
  const before = await width();
  await page.getByLabel('Search').fill('hello-world');
  await expect(table.getByRole('row')).not.toHaveCount(0);
  expect(await width()).toBe(before);
  // <wbr> after each '/', never a break inside "hello-world".
  const image = table.getByRole('row', { name: /hello-world/ }).first().getByText('infrastructureascode/hello-world');
  expect(await image.evaluate((el) => getComputedStyle(el).wordBreak)).not.toBe('break-all');
  expect(await image.evaluate((el) => el.querySelectorAll('wbr').length)).toBe(1);
  expect(await image.evaluate((el) => [...el.querySelectorAll('span')].every((part) => getComputedStyle(part).whiteSpace === 'nowrap'))).toBe(true);
});
