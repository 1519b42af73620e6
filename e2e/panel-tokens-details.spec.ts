import { test, expect } from './fixtures';
import { createAppByApi, deleteAppByApi, gatewayStatus, shot, uniqueName, waitForAppState } from './panel-fixtures';
import { createToken, deleteToken } from './panel-tokens-fixtures';

const created: { apps: string[]; tokens: string[] } = { apps: [], tokens: [] };

test.afterEach(async ({ page }) => {
  for (const id of created.tokens.splice(0)) await deleteToken(page, id);
  for (const id of created.apps.splice(0)) await deleteAppByApi(page, id);
});

test('the token details page: what it is, its use, the apps it reaches, its activity, Regenerate and Delete', async ({ signedIn: page }) => {
  test.setTimeout(90_000);
  await page.goto('/tokens');
  const group = uniqueName('d').replaceAll('-', '');
  const appName = uniqueName('details-app');
  const app = await createAppByApi(page, { name: appName, labels: { group } });
  created.apps.push(app.id);
  const name = uniqueName('details');
  const token = await createToken(page, {
    name,
    labelSelector: `group = ${group}`,
    description: 'Used by the nightly evaluation job',
    expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    allowedIps: ['127.0.0.1/32', '10.0.0.0/8'],
  });
  created.tokens.push(token.id);
  await waitForAppState(page, app.id, 'RUNNING');
  expect(await gatewayStatus(app.url, token.secret)).toBe(200);
  expect(await gatewayStatus(app.url, token.secret)).toBe(200);

  // From the list: the name is the way in.
  await page.reload();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row.getByText('expires in 3 days')).toBeVisible();
  await row.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/tokens/${token.id}$`));
  await expect(page).toHaveTitle(`Token ${name} · Tollgate`);
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(page.getByText('expires in 3 days')).toBeVisible();

  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview).toContainText('Used by the nightly evaluation job');
  // Saved in one spelling, whatever was typed.
  await expect(overview).toContainText(`group=${group}`);
  await expect(overview).toContainText('AI Platform - Read-only');
  await expect(overview.getByRole('list', { name: 'Allowed IPs' }).getByRole('listitem')).toHaveText(['127.0.0.1/32', '10.0.0.0/8']);
  await expect(overview).toContainText('1 (not regenerated yet)');
  await expect(overview).toContainText('None: the secret has not been replaced');

  const reach = page.getByRole('region', { name: 'Apps it reaches now' });
  await expect(reach).toContainText('1 app in GRA matches now');
  await expect(reach.getByRole('link', { name: appName })).toBeVisible();
  await expect(reach).toContainText('from the allowed IPs only');

  const activity = page.getByRole('region', { name: 'Recent activity' });
  await expect(activity.getByRole('listitem').first()).toContainText(new RegExp(`^Token ${name} created by admin@e2e\\.test from 127\\.0\\.0\\.1`));

  // The gateway writes use every 10 s: the page shows it once written.
  const usage = page.getByRole('region', { name: 'Usage' });
  await expect
    .poll(
      async () => {
        await page.reload();
        return usage.textContent();
      },
      { timeout: 25_000, intervals: [2_000] },
    )
    .toMatch(/from 127\.0\.0\.1.*2 requests in 24 h/);
  await page.screenshot({ ...shot('token-details-desktop'), fullPage: true });

  // On a phone, everything stacks and nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('button', { name: 'Regenerate' })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ ...shot('token-details-phone'), fullPage: true });
  // The list shows what a token reaches under its name there.
  await page.goto('/tokens');
  const phoneRow = page.getByRole('row', { name: new RegExp(name) });
  await expect(phoneRow.getByText(`GRA · group=${group}`)).toBeVisible();
  await expect(phoneRow.getByText(/^Last used .* from 127\.0\.0\.1$/)).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 720 });

  // Regenerate here: the secret shows here, once, with the grace it got.
  await page.goto(`/tokens/${token.id}`);
  const regenerate = page.getByRole('button', { name: 'Regenerate' });
  await regenerate.click();
  const dialog = page.getByRole('alertdialog', { name: 'Regenerate token?' });
  await dialog.getByRole('radio', { name: 'In 24 hours' }).check();
  await dialog.getByRole('button', { name: 'Regenerate' }).click();
  await expect(page.getByLabel('Token value')).toBeVisible();
  await expect(page.getByText(/The previous secret keeps working until/)).toBeVisible();
  await expect(overview).toContainText('2 (regenerated 1×)');
  await expect(overview).toContainText(/Still works until .*\(in 24 hours\)/);
  await expect(activity.getByRole('listitem').first()).toContainText(`Token ${name} regenerated (now version 2, the old secret kept for 1 day) by admin@e2e.test`);
  await expect(activity.getByRole('link', { name: 'All activity' })).toHaveAttribute('href', `/activity?token=${token.id}`);
  // Leaving the page forgets the secret.
  await page.getByRole('link', { name: 'Tokens', exact: true }).first().click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(page.getByLabel('Token value')).toHaveCount(0);

  // The app's "Tokens with access" links here.
  await page.goto(`/apps/${app.id}`);
  await page.getByRole('list', { name: 'Tokens with access' }).getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/tokens/${token.id}$`));

  // Delete: back to the list, which says so.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog', { name: 'Delete token?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(page.getByRole('status').filter({ hasText: `Token “${name}” deleted.` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  await page.goto(`/tokens/${token.id}`);
  await expect(page.getByText('This token does not exist')).toBeVisible();
  await expect(page).toHaveTitle('Token not found · Tollgate');
});
