import { test, expect } from './fixtures';
import { createAppByApi, deleteAppByApi, gatewayStatus, shot, uniqueName, waitForAppState } from './panel-fixtures';
import { createToken, deleteToken } from './panel-tokens-fixtures';

const created: { apps: string[]; tokens: string[] } = { apps: [], tokens: [] };

test.afterEach(async ({ page }) => {
  for (const id of created.tokens.splice(0)) await deleteToken(page, id);
  for (const id of created.apps.splice(0)) await deleteAppByApi(page, id);
});

test('Regenerate with a grace period: the old secret keeps working through the gateway until then, and a second Regenerate ends it', async ({ signedIn: page }) => {
  test.setTimeout(90_000);
  await page.goto('/tokens');
  const group = uniqueName('g').replaceAll('-', '');
  const app = await createAppByApi(page, { name: uniqueName('grace-app'), labels: { group } });
  created.apps.push(app.id);
  const name = uniqueName('grace');
  const token = await createToken(page, { name, labelSelector: `group=${group}` });
  created.tokens.push(token.id);
  await waitForAppState(page, app.id, 'RUNNING');
  expect(await gatewayStatus(app.url, token.secret)).toBe(200);

  await page.reload();
  const row = page.getByRole('row', { name: new RegExp(name) });
  const actions = row.getByRole('button', { name: 'Actions' });
  await actions.click();
  await page.getByRole('menuitem', { name: 'Regenerate' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Regenerate token?' });
  await expect(dialog).toBeVisible();
  const stops = dialog.getByRole('group', { name: 'Old secret stops' });
  // The API's own default: the old secret stops at once.
  await expect(stops.getByRole('radio', { name: 'Now' })).toBeChecked();
  await expect(dialog).toContainText('The current secret stops working on its very next request');

  // Custom: more than 7 days is refused in place, and the field says so.
  await stops.getByRole('radio', { name: 'Custom' }).check();
  const amount = dialog.getByLabel('Amount of time');
  await amount.fill('8');
  await dialog.getByLabel('Unit').selectOption('days');
  await dialog.getByRole('button', { name: 'Regenerate' }).click();
  await expect(dialog.getByText('The old secret can keep working for at most 7 days')).toBeVisible();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(amount).toBeFocused();
  await amount.fill('2');
  await expect(dialog.getByText('The old secret can keep working for at most 7 days')).toHaveCount(0);
  await expect(dialog).toContainText(/keep working until .* \(in 2 days\)/);
  // A moment in the past, the other custom way.
  await dialog.getByRole('radio', { name: 'At', exact: true }).check();
  await dialog.getByLabel('Date and time the old secret stops').fill('2020-01-01T10:00');
  await dialog.getByRole('button', { name: 'Regenerate' }).click();
  await expect(dialog.getByText('Pick a time in the future')).toBeVisible();

  // Escape: nothing happens, focus goes back to the row's menu button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(actions).toBeFocused();
  expect(await gatewayStatus(app.url, token.secret)).toBe(200);

  // In 1 hour, for real.
  await actions.click();
  await page.getByRole('menuitem', { name: 'Regenerate' }).click();
  await stops.getByRole('radio', { name: 'In 1 hour' }).check();
  await expect(dialog).toContainText(/keep working until .* \(in 1 hour\), so you can roll the new one out/);
  await page.screenshot(shot('tokens-regenerate-grace'));
  await dialog.getByRole('button', { name: 'Regenerate' }).click();
  await expect(dialog).toBeHidden();

  const banner = page.getByRole('region', { name: `Token “${name}” regenerated` });
  await expect(banner).toBeFocused();
  await expect(banner).toContainText(/The previous secret keeps working until .*: switch your apps and scripts to the new one before then/);
  const second = await page.getByLabel('Token value').inputValue();
  expect(second).not.toBe(token.secret);
  await expect(row.getByText(/^grace until /)).toBeVisible();
  await expect(row.getByRole('cell').nth(6)).toHaveText('2');
  await page.screenshot(shot('tokens-regenerate-grace-banner'));

  // Both secrets open the app during the grace.
  expect(await gatewayStatus(app.url, token.secret)).toBe(200);
  expect(await gatewayStatus(app.url, second)).toBe(200);

  // A second Regenerate, "now": the grace ends at once, and so does the secret it replaces.
  // The menu stays open while the list refreshes after the first Regenerate.
  await actions.click();
  const regenerate = page.getByRole('menuitem', { name: 'Regenerate' });
  await expect(regenerate).toBeFocused();
  await regenerate.click();
  await expect(dialog).toContainText('The secret replaced by the last Regenerate still works until');
  await dialog.getByRole('button', { name: 'Regenerate' }).click();
  await expect(banner).toContainText('The previous secret has stopped working.');
  const third = await page.getByLabel('Token value').inputValue();
  await expect(row.getByText(/^grace until /)).toHaveCount(0);
  expect(await gatewayStatus(app.url, token.secret)).toBe(401);
  expect(await gatewayStatus(app.url, second)).toBe(401);
  expect(await gatewayStatus(app.url, third)).toBe(200);
});
