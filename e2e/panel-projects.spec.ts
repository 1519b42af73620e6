import { test, expect } from './fixtures';
import { uniqueName } from './panel-fixtures';

test('a new project starts empty, keeps its own apps and tokens, and the switcher goes back and forth', async ({ signedIn: page }) => {
  await page.goto('/apps');
  const switcher = page.getByLabel('Project', { exact: true });
  const demo = await switcher.inputValue();
  const projectName = uniqueName('team');

  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill('bad/name');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog.getByText(/Name may hold letters/)).toBeVisible();
  await dialog.getByLabel('Name').fill(projectName);
  await dialog.getByRole('button', { name: 'Create project' }).click();

  await expect(switcher.locator('option:checked')).toHaveText(projectName);
  await expect(page.getByText('No apps in this project yet')).toBeVisible();

  // A token made here belongs here only.
  const tokenName = uniqueName('team-token');
  await page.getByRole('link', { name: 'Tokens', exact: true }).click();
  await expect(page.getByText('No tokens yet')).toBeVisible();
  await page.getByRole('link', { name: 'New Token' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(tokenName);
  await page.getByLabel('Label selector').fill('group=A');
  // The demo app has group=A, but it lives in another project.
  await expect(page.getByText(/No app in GRA matches this selector now/)).toBeVisible();
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('row', { name: new RegExp(tokenName) })).toBeVisible();

  // Back to demo: its app, not the new project's token; the secret is not shown there either.
  await switcher.selectOption(demo);
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(switcher.locator('option:checked')).toHaveText('demo');
  await expect(page.getByRole('row', { name: new RegExp(tokenName) })).toHaveCount(0);
  await expect(page.getByLabel('Token value')).toHaveCount(0);
  await page.getByRole('link', { name: 'Apps', exact: true }).click();
  await expect(page.getByRole('row', { name: /hello-world/ }).first()).toBeVisible();

  // The /v1 API lists exactly the user's projects, and the switcher offers the same.
  const listed = (await (await page.request.get('/v1/project')).json()) as { spec: { name: string } }[];
  const offered = await switcher.locator('option').allTextContents();
  expect(offered.sort()).toEqual(listed.map((p) => p.spec.name).sort());
});
