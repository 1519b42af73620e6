import { test, expect } from './fixtures';
import { createAppByApi, createTokenByApi, uniqueName } from './panel-fixtures';

test('Stop and Start update the state badge without a reload, and the history records each step', async ({ signedIn: page }) => {
  await page.goto('/apps');
  const name = uniqueName('lifecycle');
  const app = await createAppByApi(page, { name, labels: { team: 'x' } });
  await page.goto(`/apps/${app.id}`);
  const header = page.locator('main').getByText(/^(QUEUED|INITIALIZING|RUNNING|STOPPING|STOPPED)$/).first();
  await expect(header).toHaveText('RUNNING', { timeout: 15_000 });

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(header).toHaveText('STOPPED', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
  await expect(page.getByRole('list', { name: 'State history' }).getByText('STOPPING')).toBeVisible();

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(header).toHaveText('RUNNING', { timeout: 15_000 });

  // The list follows too, on its own.
  await page.getByRole('link', { name: 'Apps', exact: true }).first().click();
  await expect(page.getByRole('row', { name: new RegExp(name) }).getByText('RUNNING')).toBeVisible();
});

test('labels added and removed on the details page change which tokens have access', async ({ signedIn: page }) => {
  await page.goto('/apps');
  const app = await createAppByApi(page, { name: uniqueName('tagged') });
  const tokenName = uniqueName('tier-reader');
  const tier = uniqueName('t').replaceAll('-', '');
  await createTokenByApi(page, { name: tokenName, labelSelector: `tier=${tier}`, role: 'operator' });
  await page.goto(`/apps/${app.id}`);
  const access = page.getByRole('region', { name: 'Tokens with access' });
  await expect(access).not.toContainText(tokenName);

  const addForm = page.getByRole('form', { name: 'Add a label' });
  await addForm.getByLabel('Key').fill('ovh/type');
  await expect(addForm.getByText('ovh/ labels are set by the platform and cannot be changed')).toBeVisible();
  await expect(addForm.getByRole('button', { name: /label/ })).toBeDisabled();

  await addForm.getByLabel('Key').fill('tier');
  await addForm.getByLabel('Value').fill(tier);
  await addForm.getByRole('button', { name: 'Add label' }).click();
  const tags = page.getByRole('list', { name: 'Tags' });
  await expect(tags.getByText(`tier=${tier}`)).toBeVisible();
  await expect(access.getByRole('listitem').filter({ hasText: tokenName })).toContainText('AI Platform - Operator');

  await page.getByRole('button', { name: 'Remove label tier' }).click();
  await expect(tags.getByText(`tier=${tier}`)).toHaveCount(0);
  await expect(access).not.toContainText(tokenName);
  // The platform's labels cannot be removed.
  await expect(page.getByRole('button', { name: 'Remove label ovh/id' })).toHaveCount(0);
});

test('Delete asks first: Escape and Cancel keep the app, Delete removes it from the list', async ({ signedIn: page }) => {
  await page.goto('/apps');
  const name = uniqueName('doomed');
  const app = await createAppByApi(page, { name });
  await page.goto(`/apps/${app.id}`);
  const deleteButton = page.getByRole('button', { name: 'Delete' });
  await deleteButton.click();
  const dialog = page.getByRole('alertdialog', { name: `Delete ${name}?` });
  await expect(dialog).toBeVisible();
  // Focus starts on Cancel and stays inside the dialog.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0, { timeout: 15_000 });
  await page.goto(`/apps/${app.id}`);
  await expect(page.getByText('This app does not exist')).toBeVisible();
});

test('the Actions menu works from the keyboard', async ({ signedIn: page }) => {
  await page.goto('/tokens');
  const name = uniqueName('keyboard');
  await createTokenByApi(page, { name, labelSelector: 'group=A', role: 'read' });
  await page.reload();
  const actions = page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: 'Actions' });
  await actions.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Regenerate' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(actions).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Delete token?' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
});

test('on a phone the panel fits the screen', async ({ signedIn: page }) => {
  await page.goto('/tokens');
  await createTokenByApi(page, { name: uniqueName('phone'), labelSelector: 'group=A', role: 'operator' });
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/apps', '/apps/new', '/tokens', '/tokens/new']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.goto('/apps');
  await expect(page.getByRole('row', { name: /hello-world/ }).first()).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/phone-apps.png', fullPage: true });
  await page.goto('/tokens');
  await expect(page.getByRole('button', { name: 'Actions' }).first()).toBeInViewport();
  await page.screenshot({ path: 'e2e/screenshots/phone-tokens.png', fullPage: true });
});
