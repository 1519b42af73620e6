import { test, expect } from './fixtures';
import { deleteAppByApi, shot, uniqueName } from './panel-fixtures';
import { createExternalApp, deleteToken, startUpstream } from './panel-tokens-fixtures';

const created: { apps: string[]; tokens: string[] } = { apps: [], tokens: [] };
const closers: (() => Promise<void>)[] = [];

test.afterEach(async ({ page }) => {
  for (const id of created.tokens.splice(0)) await deleteToken(page, id);
  for (const id of created.apps.splice(0)) await deleteAppByApi(page, id);
  for (const close of closers.splice(0)) await close();
});

test('New Token: Generate says what is missing, focuses it, and the errors go as the fields are fixed', async ({ signedIn: page }) => {
  await page.goto('/tokens/new');
  const generate = page.getByRole('button', { name: 'Generate' });
  const nameField = page.getByLabel('Name', { exact: true });
  await expect(generate).toBeEnabled();
  await generate.click();
  await expect(page.getByText('Name is required')).toBeVisible();
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(nameField).toBeFocused();
  await expect(page).toHaveURL(/\/tokens\/new$/);
  await nameField.fill('x');
  await expect(page.getByText('Name is required')).toHaveCount(0);
  await expect(nameField).not.toHaveAttribute('aria-invalid', 'true');
});

test('New Token with an expiry and allowed IPs: a bad CIDR is named inline, the token lands in the list with its expiry', async ({ signedIn: page }) => {
  await page.goto('/tokens/new');
  const name = uniqueName('limited');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description').fill('Nightly builds from the office');
  await page.getByLabel('Label selector').fill('group=A');

  // Expiration: 30 days unless chosen otherwise; each choice says when.
  const expiration = page.getByLabel('Expiration');
  await expect(expiration).toHaveValue('30');
  await expect(page.getByText(/^The token will expire on /)).toBeVisible();
  await expiration.selectOption('none');
  await expect(page.getByText(/^The token works until you delete it/)).toBeVisible();
  await expiration.selectOption('custom');
  const date = page.getByLabel('Expires at the end of');
  await expect(date).toBeVisible();
  await date.fill('2020-01-01');
  await date.blur();
  await expect(page.getByText('Pick a date after today')).toBeVisible();
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expiration.selectOption('7');
  await expect(date).toHaveCount(0);

  // Allowed IPs: checked as the field is left, the bad entry named.
  const ips = page.getByLabel(/^Allowed IPs/);
  await ips.fill('127.0.0.1\n10.0.0.0/33, 2001:db8::/48');
  await ips.blur();
  const ipError = page.getByText('"10.0.0.0/33" has a prefix length outside 0-32');
  await expect(ipError).toBeVisible();
  await expect(ips).toHaveAttribute('aria-invalid', 'true');
  await expect(ips).toHaveAttribute('aria-describedby', /-error/);
  await page.screenshot({ ...shot('tokens-new-expiry'), fullPage: true });

  // Generate: nothing is sent, the field takes the focus.
  let posted = false;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/token') posted = true;
  });
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(ips).toBeFocused();
  expect(posted).toBe(false);
  await ips.fill('127.0.0.1\n10.0.0.0/8, 2001:db8::/48');
  await expect(ipError).toHaveCount(0);

  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(page.getByLabel('Token value')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row.getByText('expires in 7 days')).toBeVisible();
  const id = (await row.getByRole('link', { name }).getAttribute('href'))!.split('/').pop()!;
  created.tokens.push(id);

  const res = await page.request.get(`/v1/token/${id}`);
  const token = await res.json();
  expect(token.spec.description).toBe('Nightly builds from the office');
  expect(token.spec.allowedIps).toEqual(['127.0.0.1', '10.0.0.0/8', '2001:db8::/48']);
  const days = (Date.parse(token.spec.expiresAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThanOrEqual(7);
});

test('New Token preview with 23 matching apps: the count, five names, and Show all 23', async ({ signedIn: page }) => {
  test.setTimeout(90_000);
  await page.goto('/tokens/new');
  const team = uniqueName('t').replaceAll('-', '');
  const upstream = await startUpstream();
  closers.push(upstream.close);
  for (let i = 1; i <= 23; i++) {
    created.apps.push(await createExternalApp(page, { name: `preview-${team}-${String(i).padStart(2, '0')}`, upstreamUrl: upstream.url, labels: { team } }));
  }
  // One in another region: counted apart, out of reach.
  created.apps.push(await createExternalApp(page, { name: `preview-${team}-bhs`, upstreamUrl: upstream.url, labels: { team }, region: 'BHS' }));

  await page.getByLabel('Name', { exact: true }).fill(uniqueName('preview'));
  await page.getByLabel('Label selector').fill(`team=${team}`);
  const count = page.getByRole('status').filter({ hasText: /apps? in GRA match/ });
  await expect(count).toHaveText('23 apps in GRA match now:');
  const list = page.getByRole('list', { name: 'Matching apps' });
  await expect(list.getByRole('link')).toHaveCount(5);
  await expect(page.getByText('1 matching app is in another region and stays out of reach.')).toBeVisible();
  // Only the count is announced; the names are not in a live region.
  await expect(list.locator('xpath=ancestor-or-self::*[@aria-live or @role="status"]')).toHaveCount(0);

  const showAll = page.getByRole('button', { name: 'Show all 23' });
  await expect(showAll).toHaveAttribute('aria-expanded', 'false');
  await page.screenshot({ ...shot('tokens-new-preview-23'), fullPage: true });
  // On a phone the preview stacks under the form, and nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(showAll).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ ...shot('tokens-new-preview-23-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await showAll.click();
  await expect(list.getByRole('link')).toHaveCount(23);
  const showFewer = page.getByRole('button', { name: 'Show fewer' });
  await expect(showFewer).toHaveAttribute('aria-expanded', 'true');
  await expect(showFewer).toBeFocused();
  await showFewer.click();
  await expect(list.getByRole('link')).toHaveCount(5);

  // BHS: the one app there.
  await page.getByRole('radio', { name: /BHS/ }).check();
  await expect(page.getByRole('status').filter({ hasText: /in BHS/ })).toHaveText('1 app in BHS matches now:');
});
