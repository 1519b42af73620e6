import { test, expect, signInByApi, ADMIN } from './fixtures';
import { createTokenByApi, deleteTokenByApi, uniqueName } from './panel-fixtures';

test.beforeEach(async ({ page }, testInfo) => {
  if (!testInfo.title.startsWith('signed out')) await signInByApi(page);
});

test('an invalid label selector keeps Generate disabled and shows where it broke', async ({ page }) => {
  await page.goto('/tokens/new');
  await page.getByLabel('Name', { exact: true }).fill(uniqueName('bad-selector'));
  const selector = page.getByLabel('Label selector');
  const generate = page.getByRole('button', { name: 'Generate' });

  await selector.fill('group=A,,');
  await expect(selector).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Invalid label selector at position 8: expected/)).toBeVisible();
  await expect(generate).toBeDisabled();

  await selector.fill('env in (prod');
  await expect(page.getByText(/at position 12: expected/)).toBeVisible();
  await expect(generate).toBeDisabled();

  await selector.fill('env in (prod)');
  await expect(page.getByText(/Invalid label selector/)).toHaveCount(0);
  await expect(generate).toBeEnabled();
});

test('the Apps filter uses the same parser: a plain error with its position, the last valid result kept and marked, then an empty state that says what to do', async ({ page, a11y }) => {
  await page.goto('/apps');
  const filter = page.getByLabel('Filter by label selector');
  await filter.fill('group=A');
  await expect(page).toHaveURL(/labelSelector=group%3DA/);
  const row = page.getByRole('row', { name: /hello-world/ }).first();
  await expect(row).toBeVisible();
  await filter.fill('group in (A');
  await expect(page.getByText('Invalid label selector at position 11: expected a comma or a closing ), the selector ends here')).toBeVisible();
  await expect(filter).toHaveAccessibleDescription(/still shows the apps matching group=A, the last valid selector/);
  await expect(page.getByText('Showing the last valid result: fix the label selector to update the list.')).toBeVisible();
  await expect(row).toBeVisible();
  await a11y.check('apps list: invalid selector');
  await filter.fill(`group=${uniqueName('nobody').replaceAll('-', '')}`);
  await expect(page.getByText('No app matches this selector')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('row', { name: /hello-world/ }).first()).toBeVisible();
});

test('an invalid label key is flagged as you type; Deploy then puts the focus on it; an ovh/ key is refused as on the details page', async ({ page, a11y }) => {
  await page.goto('/apps/new');
  await page.getByLabel('Name', { exact: true }).fill(uniqueName('bad-label'));
  await page.getByLabel('Image', { exact: true }).fill('tollgate/echo');
  await page.getByRole('button', { name: 'Add label' }).click();
  const row = page.getByRole('group', { name: 'Label 1' });
  const deploy = page.getByRole('button', { name: 'Deploy' });

  await row.getByLabel('Key').fill('-group');
  await expect(row.getByText(/Key: name part must consist of letters, digits/)).toBeVisible();
  await expect(row.getByLabel('Key')).toHaveAttribute('aria-invalid', 'true');
  // Deploy stays enabled: pressing it says what to fix and goes there.
  await expect(deploy).toBeEnabled();
  await row.getByLabel('Value').focus();
  await deploy.click();
  await expect(page.getByText('Fix the label errors above to deploy.')).toBeVisible();
  await expect(row.getByLabel('Key')).toBeFocused();
  await expect(page).toHaveURL(/\/apps\/new$/);
  await a11y.check('new app: label errors');

  await row.getByLabel('Key').fill('group');
  await row.getByLabel('Value').fill('not ok');
  await expect(row.getByText(/Value: must consist of/)).toBeVisible();

  await row.getByLabel('Value').fill('A');
  await page.getByRole('button', { name: 'Add label' }).click();
  const second = page.getByRole('group', { name: 'Label 2' });
  await second.getByLabel('Key').fill('group');
  await expect(second.getByText('Key: same key as label 1')).toBeVisible();

  await second.getByLabel('Key').fill('ovh/id');
  await second.getByLabel('Value').fill('mine');
  await expect(second.getByText('Key: ovh/ labels are set by the platform and cannot be changed')).toBeVisible();

  // Removing a row hands the focus to the row now in its place, or to Add label.
  await second.getByRole('button', { name: 'Remove label 2' }).click();
  await expect(page.getByRole('button', { name: 'Add label' })).toBeFocused();
  await expect(page.getByText('Fix the label errors above to deploy.')).toHaveCount(0);
});

test('a failed Regenerate shows the server error and rolls the row back', async ({ page }) => {
  await page.goto('/tokens');
  const name = uniqueName('vanishing');
  const token = await createTokenByApi(page, { name, labelSelector: 'group=A', role: 'read' });
  await page.reload();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();

  // Someone else deletes it behind the panel's back.
  await deleteTokenByApi(page, token.id);
  await row.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Regenerate' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Regenerate' }).click();
  const alert = page.getByRole('alert').filter({ hasText: `Could not regenerate “${name}”` });
  await expect(alert).toContainText('Token not found');
  await expect(page.getByLabel('Token value')).toHaveCount(0);
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});

test('a failed Delete puts the row back and shows why', async ({ page }) => {
  await page.goto('/tokens');
  const name = uniqueName('sticky');
  await createTokenByApi(page, { name, labelSelector: '', role: 'read' });
  await page.reload();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();

  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/v1/token/*', async (route) => {
    if (route.request().method() !== 'DELETE') return route.continue();
    await held;
    await route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'The database is unreachable' } } });
  });
  await row.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  // Optimistic: gone at once…
  await expect(row).toHaveCount(0);
  release();
  // …and back when the server refuses.
  await expect(page.getByRole('alert').filter({ hasText: `Could not delete “${name}”` })).toContainText('The database is unreachable');
  await expect(row).toBeVisible();
});

test('a token name already in use is refused under the Name field', async ({ page }) => {
  await page.goto('/tokens');
  const name = uniqueName('twice');
  await createTokenByApi(page, { name, labelSelector: 'group=A', role: 'read' });
  await page.goto('/tokens/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByText(/already/)).toBeVisible();
  await expect(page).toHaveURL(/\/tokens\/new$/);
});

test('signed out, /tokens goes to sign-in and comes back after signing in', async ({ page }) => {
  await page.goto('/tokens');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftokens$/);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(page.getByRole('heading', { name: 'Tokens', level: 2 })).toBeVisible();
});
