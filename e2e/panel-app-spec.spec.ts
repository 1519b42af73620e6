import { test, expect } from './fixtures';
import { createAppByApi, deleteAppByApi, shot, uniqueName } from './panel-fixtures';

// The app spec in the panel: env vars (a secret one masked), replicas, errors
// under the fields they are about, and Edit rolling out a new generation.

const created: string[] = [];

test.afterEach(async ({ page }) => {
  for (const id of created.splice(0)) await deleteAppByApi(page, id);
});

test('New app deploys with env vars and 2 replicas; the details show them, the secret masked', async ({ signedIn: page }) => {
  const name = uniqueName('spec');
  await page.goto('/apps/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Image', { exact: true }).fill('tollgate/echo');
  await expect(page.getByText('Built-in: Returns the request it received as JSON')).toBeVisible();
  await page.getByRole('radio', { name: /GRA/ }).check();
  await page.getByRole('textbox', { name: /^Command/ }).fill('node server.js --greeting "hello world"');
  await expect(page.getByRole('list', { name: /Runs 4 arguments/ }).getByRole('listitem')).toHaveText(['node', 'server.js', '--greeting', 'hello world']);
  // The command box is not sent: the built-in image runs its own. Cleared again before deploying.
  await page.getByRole('textbox', { name: /^Command/ }).fill('');

  await page.getByRole('button', { name: 'Add env var' }).click();
  const first = page.getByRole('group', { name: 'Env var 1' });
  await expect(first.getByLabel('Variable name')).toBeFocused();
  await first.getByLabel('Variable name').fill('GREETING');
  await first.getByLabel('Variable value').fill('hello');
  await page.getByRole('button', { name: 'Add env var' }).click();
  const second = page.getByRole('group', { name: 'Env var 2' });
  await second.getByLabel('Variable name').fill('API_KEY');
  await second.getByLabel('Secret').check();
  const secretValue = second.getByLabel('Variable value');
  await secretValue.fill('s3cret-value');
  await expect(secretValue).toHaveAttribute('type', 'password');
  await second.getByRole('button', { name: 'Show the value of env var 2' }).click();
  await expect(secretValue).toHaveAttribute('type', 'text');
  await expect(second.getByRole('button', { name: 'Hide the value of env var 2' })).toHaveAttribute('aria-pressed', 'true');
  await second.getByRole('button', { name: 'Hide the value of env var 2' }).click();

  await page.getByLabel('Replicas').fill('2');
  await page.getByLabel('Health check path').fill('/');
  await page.screenshot({ ...shot('spec-01-new-app-env-replicas'), fullPage: true });

  await page.getByRole('button', { name: 'Deploy' }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  created.push(page.url().split('/').pop()!);
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();

  const runtime = page.getByRole('region', { name: 'Runtime' });
  const env = runtime.getByRole('list', { name: 'Env vars' });
  await expect(env.getByRole('listitem')).toHaveText(['GREETING=hello', 'API_KEY=•••• (secret)']);
  await expect(runtime.getByText('tollgate/echo')).toBeVisible();
  await expect(runtime.getByText("The image's own")).toBeVisible();
  await expect(page.getByTestId('replicas')).toContainText(/of 2 ready/);
  await expect(page.locator('main').getByText('RUNNING').first()).toBeVisible({ timeout: 15_000 });
  expect(await page.content()).not.toContain('s3cret-value');
  await page.screenshot({ ...shot('spec-02-app-details'), fullPage: true });
});

test('a bad env var name and 11 replicas are flagged under their fields, focus goes to the first, and nothing is created', async ({ signedIn: page }) => {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/app') posts.push(request.url());
  });
  await page.goto('/apps/new');
  await page.getByLabel('Name', { exact: true }).fill(uniqueName('invalid'));
  await page.getByLabel('Image', { exact: true }).fill('tollgate/echo');
  await page.getByRole('button', { name: 'Add env var' }).click();
  const row = page.getByRole('group', { name: 'Env var 1' });
  await row.getByLabel('Variable name').fill('1BAD-NAME');
  await row.getByLabel('Variable value').fill('x');
  const replicas = page.getByLabel('Replicas');
  await replicas.fill('11');
  await page.getByRole('button', { name: 'Deploy' }).click();

  const nameInput = row.getByLabel('Variable name');
  await expect(row.getByText('Name: Env var names start with a letter or "_" and hold letters, digits and "_"')).toBeVisible();
  await expect(nameInput).toHaveAttribute('aria-invalid', 'true');
  await expect(nameInput).toBeFocused();
  await expect(replicas).toHaveAttribute('aria-invalid', 'true');
  await expect(replicas).toHaveAccessibleDescription(/Replicas must be between 1 and 10/);
  await expect(page.getByText('2 fields need a fix: they are marked above.')).toBeVisible();
  await page.screenshot({ ...shot('spec-03-new-app-errors'), fullPage: true });
  expect(posts).toEqual([]);
  await expect(page).toHaveURL(/\/apps\/new$/);

  // On a phone the env var rows and their errors fit the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot(shot('spec-03b-phone-env-errors'));
  await page.setViewportSize({ width: 1280, height: 720 });

  // Each error goes as its field is fixed.
  await nameInput.fill('GOOD_NAME');
  await expect(row.getByText(/Env var names start/)).toHaveCount(0);
  await expect(nameInput).not.toHaveAttribute('aria-invalid');
  await expect(replicas).toHaveAttribute('aria-invalid', 'true');
  await replicas.fill('3');
  await expect(replicas).not.toHaveAttribute('aria-invalid');
  await expect(page.getByText(/need a fix/)).toHaveCount(0);

  // The server's 400 lands under the field it names too (here, a refusal the browser cannot foresee).
  await page.route('**/v1/app', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 400,
          json: { error: { code: 'bad_request', message: 'Invalid input: image: cannot pull', details: [{ path: ['image'], message: 'This registry refused the pull' }] } },
        })
      : route.continue(),
  );
  await page.getByRole('button', { name: 'Deploy' }).click();
  const image = page.getByLabel('Image', { exact: true });
  await expect(image).toHaveAccessibleDescription(/This registry refused the pull/);
  await expect(image).toBeFocused();
  await image.fill('tollgate/echo:latest');
  await expect(image).not.toHaveAttribute('aria-invalid');

  // Removing a row hands the focus to "Add env var", not to the top of the page.
  await page.getByRole('button', { name: 'Remove env var 1' }).click();
  await expect(page.getByRole('group', { name: 'Env var 1' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add env var' })).toBeFocused();
});

test('Edit changes the image: the details follow the rollout to the new generation RUNNING', async ({ signedIn: page }) => {
  await page.goto('/apps');
  const app = await createAppByApi(page, {
    name: uniqueName('edited'),
    image: 'tollgate/echo',
    envVars: [{ name: 'API_KEY', value: 'kept-secret-value', secret: true }],
  });
  created.push(app.id);
  await page.goto(`/apps/${app.id}`);
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByText('RUNNING')).toBeVisible({ timeout: 15_000 });

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${app.id}/edit$`));
  const image = page.getByLabel('Image', { exact: true });
  await expect(image).toHaveValue('tollgate/echo');
  await image.fill('infrastructureascode/hello-world');
  // The secret's value is not in the page: left blank, it is kept.
  const kept = page.getByRole('group', { name: 'Env var 1' });
  await expect(kept.getByLabel('Variable name')).toHaveValue('API_KEY');
  await expect(kept.getByLabel('Variable value')).toHaveValue('');
  await expect(kept.getByLabel('Variable value')).toHaveAccessibleDescription('The secret keeps its current value unless you type a new one.');
  await page.getByRole('button', { name: 'Add env var' }).click();
  await page.getByRole('group', { name: 'Env var 2' }).getByLabel('Variable name').fill('MODE');
  await page.getByRole('group', { name: 'Env var 2' }).getByLabel('Variable value').fill('fast');
  await page.screenshot({ ...shot('spec-04-edit-app'), fullPage: true });
  await page.getByRole('button', { name: 'Save and roll out' }).click();

  await expect(page).toHaveURL(new RegExp(`/apps/${app.id}\\?rollout=2$`));
  await expect(page.getByText('Generation 2 is running')).toBeVisible({ timeout: 20_000 });
  await expect(overview.getByText('RUNNING')).toBeVisible();
  await expect(overview.getByRole('definition').filter({ hasText: /^2$/ })).toBeVisible();
  const runtime = page.getByRole('region', { name: 'Runtime' });
  await expect(runtime.getByText('infrastructureascode/hello-world')).toBeVisible();
  await expect(runtime.getByRole('list', { name: 'Env vars' }).getByRole('listitem')).toHaveText(['API_KEY=•••• (secret)', 'MODE=fast']);
  expect(await page.content()).not.toContain('kept-secret-value');
  await page.screenshot({ ...shot('spec-05-rollout-done'), fullPage: true });

  // Dismiss drops the banner and the ?rollout from the address.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${app.id}$`));
  await expect(page.getByText('Generation 2 is running')).toHaveCount(0);

  // Saving what already runs sends nothing.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('button', { name: 'Save and roll out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nothing changed' })).toBeVisible();
});
