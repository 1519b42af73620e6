import { test, expect } from './fixtures';
import { createAppByApi, createTokenByApi, uniqueName } from './panel-fixtures';

test('Stop asks first and Start does not; from the keyboard the focus stays on the button, each success is said, and the history records each step', async ({ signedIn: page, a11y }) => {
  await page.goto('/apps');
  const name = uniqueName('lifecycle');
  const app = await createAppByApi(page, { name, labels: { team: 'x' } });
  await page.goto(`/apps/${app.id}`);
  await expect(page).toHaveTitle(`${name} · Tollgate`);
  const header = page.locator('main').getByText(/^(QUEUED|INITIALIZING|RUNNING|STOPPING|STOPPED)$/).first();
  await expect(header).toHaveText('RUNNING', { timeout: 15_000 });

  const stop = page.getByRole('button', { name: /^Stop/ });
  await stop.focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: `Stop ${name}?` });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await a11y.check('app details: Stop dialog');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(stop).toBeFocused();
  await expect(header).toHaveText('RUNNING');

  await page.keyboard.press('Enter');
  await confirm.getByRole('button', { name: 'Stop app' }).click();
  // The button says what it is doing and keeps the focus while it is off (aria-disabled).
  await expect(stop).toBeFocused();
  await expect(header).toHaveText('STOPPED', { timeout: 15_000 });
  await expect(page.getByRole('status').getByText(`App ${name} stopped`)).toBeVisible();
  await expect(stop).toBeFocused();
  await expect(stop).toBeDisabled();
  await expect(page.getByRole('list', { name: 'State history' }).getByText('STOPPING')).toBeVisible();

  const start = page.getByRole('button', { name: /^Start/ });
  await expect(start).toBeEnabled();
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(start).toBeFocused();
  await expect(header).toHaveText('RUNNING', { timeout: 15_000 });
  await expect(page.getByRole('status').getByText(`App ${name} started`)).toBeVisible();
  await expect(start).toBeFocused();
  await a11y.check('app details: toast shown');

  // The list follows too, on its own.
  await page.getByRole('link', { name: 'Apps', exact: true }).first().click();
  await expect(page.getByRole('row', { name: new RegExp(name) }).getByText('RUNNING')).toBeVisible();
});

test('a failed Stop says why, rolls the state back, and Dismiss hands the focus back to Stop', async ({ signedIn: page, a11y }) => {
  await page.goto('/apps');
  const name = uniqueName('unstoppable');
  const app = await createAppByApi(page, { name });
  await page.goto(`/apps/${app.id}`);
  const header = page.locator('main').getByText(/^(QUEUED|INITIALIZING|RUNNING|STOPPING|STOPPED)$/).first();
  await expect(header).toHaveText('RUNNING', { timeout: 15_000 });
  await page.route('**/v1/app/*/stop', (route) => route.fulfill({ status: 409, json: { error: { code: 'conflict', message: 'The runtime is busy, try again' } } }));

  const stop = page.getByRole('button', { name: /^Stop/ });
  await stop.click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Stop app' }).click();
  const alert = page.getByRole('alert').filter({ hasText: `Could not stop ${name}` });
  await expect(alert).toContainText('The runtime is busy, try again');
  await expect(header).toHaveText('RUNNING');
  await expect(stop).toBeFocused();
  await a11y.check('app details: failed Stop');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
  await expect(stop).toBeFocused();
});

test('labels added, changed and removed on the details page change which tokens have access; ovh/ keys are refused', async ({ signedIn: page, a11y }) => {
  await page.goto('/apps');
  const name = uniqueName('tagged');
  const app = await createAppByApi(page, { name });
  const tokenName = uniqueName('tier-reader');
  const tier = uniqueName('t').replaceAll('-', '');
  await createTokenByApi(page, { name: tokenName, labelSelector: `tier=${tier}`, role: 'operator' });
  await page.goto(`/apps/${app.id}`);
  const access = page.getByRole('region', { name: 'Tokens with access' });
  await expect(access).not.toContainText(tokenName);

  // A platform key: refused with the same words as in New app, never offered as "Update label".
  const addForm = page.getByRole('form', { name: 'Add a label' });
  const key = addForm.getByLabel('Key');
  await key.fill('ovh/id');
  await expect(addForm.getByText('ovh/ labels are set by the platform and cannot be changed')).toBeVisible();
  await expect(addForm.getByRole('button', { name: 'Update label' })).toHaveCount(0);
  await addForm.getByRole('button', { name: 'Add label' }).click();
  await expect(key).toBeFocused();
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await a11y.check('app details: label key refused');

  // Empty: Add says what is missing, on the field.
  await key.fill('');
  await addForm.getByRole('button', { name: 'Add label' }).click();
  await expect(addForm.getByText('Enter a key, such as group')).toBeVisible();
  await expect(key).toBeFocused();

  await key.fill('tier');
  await expect(addForm.getByText('Enter a key, such as group')).toHaveCount(0);
  await addForm.getByLabel('Value').fill(tier);
  await addForm.getByRole('button', { name: 'Add label' }).click();
  const labels = page.getByRole('list', { name: 'Labels' });
  await expect(labels.getByText(`tier=${tier}`)).toBeVisible();
  await expect(page.getByRole('status').getByText(`Label tier=${tier} added to ${name}`)).toBeVisible();
  await expect(key).toBeFocused();
  await expect(access.getByRole('listitem').filter({ hasText: tokenName })).toContainText('AI Platform - Operator');

  // An existing key of the user's: "Update label", and a toast that says it changed.
  await key.fill('tier');
  await addForm.getByLabel('Value').fill('other');
  await addForm.getByRole('button', { name: 'Update label' }).click();
  await expect(page.getByRole('status').getByText(`Label tier changed to other on ${name}`)).toBeVisible();
  await expect(access).not.toContainText(tokenName);

  // Two chips: removing the first hands the focus to the next one; removing the last, to Key.
  await key.fill('zone');
  await addForm.getByLabel('Value').fill('b');
  await addForm.getByRole('button', { name: 'Add label' }).click();
  await expect(labels.getByText('zone=b')).toBeVisible();
  await page.getByRole('button', { name: 'Remove label tier' }).focus();
  await page.keyboard.press('Enter');
  await expect(labels.getByText('tier=other')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove label zone' })).toBeFocused();
  await expect(page.getByRole('status').getByText(`Label tier removed from ${name}`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(labels.getByText('zone=b')).toHaveCount(0);
  await expect(key).toBeFocused();
  // The platform's labels cannot be removed.
  await expect(page.getByRole('button', { name: 'Remove label ovh/id' })).toHaveCount(0);
});

test('Delete asks for the app’s name: Escape and Cancel keep the app, the right name deletes it and says so', async ({ signedIn: page, a11y }) => {
  await page.goto('/apps');
  const name = uniqueName('doomed');
  const app = await createAppByApi(page, { name });
  await page.goto(`/apps/${app.id}`);
  const deleteButton = page.getByRole('button', { name: 'Delete' });
  await deleteButton.click();
  const dialog = page.getByRole('alertdialog', { name: `Delete ${name}?` });
  await expect(dialog).toBeVisible();
  const typed = dialog.getByLabel(`To confirm, type ${name}`);
  // Focus starts on the name field and stays inside the dialog.
  await expect(typed).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete app' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(typed).toBeFocused();
  await a11y.check('app details: Delete dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // A wrong name deletes nothing and says what to type.
  await deleteButton.click();
  await typed.fill(name.slice(0, -1));
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(`Type ${name} exactly, to confirm.`)).toBeVisible();
  await expect(typed).toHaveAttribute('aria-invalid', 'true');
  await a11y.check('app details: Delete dialog, wrong name');
  await typed.fill(name);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole('status').getByText(`App ${name} deleted`)).toBeVisible();
  // The button that was pressed is gone: the new page's title has the focus.
  await expect(page.getByRole('heading', { name: 'Apps', level: 2 })).toBeFocused();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0, { timeout: 15_000 });
  await page.goto(`/apps/${app.id}`);
  await expect(page.getByText('This app does not exist')).toBeVisible();
});

test('the skip link is the first stop and lands on the main content', async ({ signedIn: page }) => {
  await page.goto('/apps');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('main').locator(':focus')).toHaveCount(1);
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
