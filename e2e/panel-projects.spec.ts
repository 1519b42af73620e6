import { test, expect } from './fixtures';
import { uniqueName } from './panel-fixtures';

test('a new project starts empty, keeps its own apps and tokens, and the switcher goes back and forth', async ({ signedIn: page, a11y }) => {
  await page.goto('/apps');
  // The picker is a button that opens a listbox; its name says the current project.
  const switcher = page.getByRole('button', { name: /^Project / });
  await expect(switcher).toHaveAccessibleName('Project demo');
  const projectName = uniqueName('team');

  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill('bad/name');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog.getByText(/Name may hold letters/)).toBeVisible();
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await a11y.check('New project dialog, name refused');
  await dialog.getByLabel('Name').fill(projectName);
  await dialog.getByRole('button', { name: 'Create project' }).click();

  // Created and current: said politely, and the focus on the picker naming it, not on <body>.
  await expect(switcher).toHaveAccessibleName(`Project ${projectName}`);
  await expect(page.getByRole('status').getByText(`Project ${projectName} created`)).toBeVisible();
  await expect(switcher).toBeFocused();
  await expect(page.getByText('No apps in this project yet')).toBeVisible();

  // A token made here belongs here only.
  const tokenName = uniqueName('team-token');
  await page.getByRole('link', { name: 'Tokens', exact: true }).click();
  await expect(page.getByText('No tokens yet')).toBeVisible();
  await page.getByRole('link', { name: /^New token$/i }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(tokenName);
  await page.getByLabel('Label selector').fill('group=A');
  // The demo app has group=A, but it lives in another project.
  await expect(page.getByText('No app in GRA matches now.')).toBeVisible();
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('row', { name: new RegExp(tokenName) })).toBeVisible();

  // Back to demo. The arrow keys only move in the open list: nothing switches until Enter.
  await switcher.focus();
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox', { name: 'Project' });
  await expect(list).toBeFocused();
  await expect(list.getByRole('option', { name: projectName })).toHaveAttribute('aria-selected', 'true');
  await a11y.check('project listbox open');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await expect(switcher).toHaveAccessibleName(`Project ${projectName}`);
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(switcher).toBeFocused();
  await expect(switcher).toHaveAccessibleName(`Project ${projectName}`);
  await switcher.click();
  await list.getByRole('option', { name: 'demo', exact: true }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(switcher).toHaveAccessibleName('Project demo');
  await expect(page.getByRole('status').getByText('Switched to project demo')).toBeVisible();
  await expect(switcher).toBeFocused();
  await expect(page.getByRole('row', { name: new RegExp(tokenName) })).toHaveCount(0);
  await expect(page.getByLabel('Token value')).toHaveCount(0);
  await page.getByRole('link', { name: 'Apps', exact: true }).click();
  await expect(page.getByRole('row', { name: /hello-world/ }).first()).toBeVisible();

  // The /v1 API lists exactly the user's projects, and the switcher offers the same.
  const listed = (await (await page.request.get('/v1/project')).json()) as { spec: { name: string } }[];
  await switcher.click();
  const offered = await list.getByRole('option').allTextContents();
  expect(offered.sort()).toEqual(listed.map((p) => p.spec.name).sort());
  await page.keyboard.press('Escape');
});
