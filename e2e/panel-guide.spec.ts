import { test, expect, signInByApi } from './fixtures';
import { deleteAppByApi, expectBearerStatus, shot, uniqueName } from './panel-fixtures';

let createdAppId: string | null = null;

test.afterEach(async ({ page }) => {
  if (createdAppId) await deleteAppByApi(page, createdAppId);
  createdAppId = null;
});

// The seed guide ("AI Deploy - Accessing your app with tokens"), screen by
// screen, in the panel: each step saves the screenshot of the guide's image.

test('the guide end to end: label an app, scope tokens to it, regenerate, delete, and open the app with a token', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInByApi(page);
  const appName = uniqueName('guide-hello');
  const readName = uniqueName('guide-read');
  const opName = uniqueName('guide-op');

  // 01 — Adding labels to an app upon submission.
  await page.goto('/apps');
  await page.getByRole('link', { name: 'New app' }).click();
  await expect(page).toHaveURL(/\/apps\/new$/);
  await page.getByLabel('Name', { exact: true }).fill(appName);
  await page.getByLabel('Image', { exact: true }).fill('infrastructureascode/hello-world');
  await page.getByRole('radio', { name: /GRA/ }).check();
  await page.getByRole('button', { name: 'Add label' }).click();
  const label1 = page.getByRole('group', { name: 'Label 1' });
  await label1.getByLabel('Key').fill('group');
  await label1.getByLabel('Value').fill('A');
  await expect(page.getByRole('button', { name: 'Deploy' })).toBeEnabled();
  await page.screenshot({ ...shot('01-app-add-label'), fullPage: true });

  await page.getByRole('button', { name: 'Deploy' }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  const appId = page.url().split('/').pop()!;
  createdAppId = appId;

  // 02 — The app's details: state updates by itself, access URL above the Tags, every label listed.
  await expect(page.getByRole('heading', { name: appName })).toBeVisible();
  await expect(page.getByText('RUNNING').first()).toBeVisible({ timeout: 15_000 });
  const tags = page.getByRole('list', { name: 'Tags' });
  await expect(tags.getByText('group=A')).toBeVisible();
  await expect(tags.getByText(`ovh/id=${appId}`)).toBeVisible();
  await expect(tags.getByText('ovh/type=app')).toBeVisible();
  const accessUrl = (await page.getByRole('link', { name: /\.app\.gra\.localhost/ }).getAttribute('href'))!;
  expect(accessUrl).toContain(`${appId}.app.gra.localhost`);
  const urlBox = await page.getByText('Access URL', { exact: true }).boundingBox();
  const tagsBox = await page.getByRole('heading', { name: 'Tags' }).boundingBox();
  expect(urlBox!.y).toBeLessThan(tagsBox!.y);
  await page.screenshot({ ...shot('02-app-dashboard'), fullPage: true });

  // 03 — The list shows it; the Tokens tab is one click away.
  await page.getByRole('link', { name: 'Apps', exact: true }).click();
  const row = page.getByRole('row', { name: new RegExp(appName) });
  await expect(row).toBeVisible();
  await expect(row.getByText('group=A')).toBeVisible();
  await expect(row.getByText('RUNNING')).toBeVisible();
  await page.screenshot(shot('03-app-list'));

  // 04 — Tokens tab, New Token.
  await page.getByRole('link', { name: 'Tokens', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tokens', level: 2 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New Token' }).first()).toBeVisible();
  await page.screenshot(shot('04-token-list-new'));
  await page.getByRole('link', { name: 'New Token' }).first().click();
  await expect(page).toHaveURL(/\/tokens\/new$/);

  // 05 — A read-only token on group=A in GRA; the form shows the app it matches now.
  await page.getByLabel('Name', { exact: true }).fill(readName);
  await page.getByLabel('Label selector').fill('group=A');
  await page.getByRole('radio', { name: /AI Platform - Read-only/ }).check();
  await page.getByRole('radio', { name: /GRA/ }).check();
  await expect(page.getByRole('list', { name: 'Matching apps' }).getByRole('link', { name: appName })).toBeVisible();
  await expect(page.getByText(/Apps created later that match/)).toBeVisible();
  await page.screenshot({ ...shot('05-token-gen-input-read'), fullPage: true });

  // 06 — Generate: back on the list, the token shown once at the top.
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  const secretField = page.getByLabel('Token value');
  await expect(secretField).toBeVisible();
  const readSecret = await secretField.inputValue();
  expect(readSecret).toMatch(/^tg_[0-9A-Za-z]+$/);
  expect(page.url()).not.toContain(readSecret);
  await expect(page.getByText('The token is only displayed once.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy token' })).toBeVisible();
  const readRow = page.getByRole('row', { name: new RegExp(readName) });
  await expect(readRow.getByText('AI Platform - Read-only')).toBeVisible();
  await expect(readRow.getByText('never')).toBeVisible();
  await page.screenshot(shot('06-token-gen-result-read'));

  // Reload: the secret is gone for good.
  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(readName) })).toBeVisible();
  await expect(page.getByLabel('Token value')).toHaveCount(0);
  expect(await page.content()).not.toContain(readSecret);

  // 07 — An operator token scoped to this one app through its ovh/id label.
  await page.getByRole('link', { name: 'New Token' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(opName);
  await page.getByLabel('Label selector').fill(`ovh/id=${appId}`);
  await page.getByRole('radio', { name: /AI Platform - Operator/ }).check();
  await page.getByRole('radio', { name: /GRA/ }).check();
  await expect(page.getByRole('list', { name: 'Matching apps' }).getByRole('listitem')).toHaveCount(1);
  await page.screenshot({ ...shot('07-token-gen-input-op'), fullPage: true });
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByLabel('Token value')).toBeVisible();
  const opSecret = await page.getByLabel('Token value').inputValue();
  expect(opSecret).not.toBe(readSecret);
  await expect(page.getByRole('row', { name: new RegExp(opName) }).getByText('AI Platform - Operator')).toBeVisible();

  // The app's "Tokens with access" lists both, with their roles.
  await page.goto(`/apps/${appId}`);
  const access = page.getByRole('list', { name: 'Tokens with access' });
  await expect(access.getByRole('listitem').filter({ hasText: readName })).toContainText('AI Platform - Read-only');
  await expect(access.getByRole('listitem').filter({ hasText: opName })).toContainText('AI Platform - Operator');

  // 08, 09 — Regenerate the read token from its action menu, confirmed in a dialog.
  await page.goto('/tokens');
  const readRowAgain = page.getByRole('row', { name: new RegExp(readName) });
  await expect(readRowAgain.getByRole('cell').nth(6)).toHaveText('1');
  await readRowAgain.getByRole('button', { name: 'Actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Regenerate' })).toBeFocused();
  await page.screenshot(shot('08-token-list-regen'));
  await page.getByRole('menuitem', { name: 'Regenerate' }).click();
  const confirmRegen = page.getByRole('alertdialog', { name: 'Regenerate token?' });
  await expect(confirmRegen).toBeVisible();
  await page.screenshot(shot('09-token-regen-confirm'));
  await confirmRegen.getByRole('button', { name: 'Regenerate' }).click();
  await expect(confirmRegen).toBeHidden();
  await expect(page.getByText(`Token “${readName}” regenerated`)).toBeVisible();
  const newReadSecret = await page.getByLabel('Token value').inputValue();
  expect(newReadSecret).toMatch(/^tg_/);
  expect(newReadSecret).not.toBe(readSecret);
  await expect(readRowAgain.getByRole('cell').nth(6)).toHaveText('2');

  // 10 — Delete the operator token from the same menu.
  const opRow = page.getByRole('row', { name: new RegExp(opName) });
  await opRow.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirmDelete = page.getByRole('alertdialog', { name: 'Delete token?' });
  await expect(confirmDelete).toContainText(opName);
  await page.screenshot(shot('10-token-list-delete'));
  await confirmDelete.getByRole('button', { name: 'Delete' }).click();
  await expect(opRow).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(opName) })).toHaveCount(0);
  await expectBearerStatus(accessUrl, opSecret, 401);

  // 11, 12 — A stranger's browser: the app's URL, Login with token, Connect, Hello, World!
  const stranger = await browser.newContext();
  try {
    const visitor = await stranger.newPage();
    await visitor.goto(accessUrl);
    await visitor.getByRole('button', { name: 'Login with token' }).click();
    await visitor.getByLabel('Token').fill(newReadSecret);
    await visitor.screenshot(shot('11-app-access-credentials'));
    await visitor.getByRole('button', { name: 'Connect' }).click();
    await expect(visitor.getByText('Hello, World!')).toBeVisible();
    await visitor.screenshot(shot('12-app-access-result'));
  } finally {
    await stranger.close();
  }

  // The pre-regeneration secret opens nothing any more, in a browser or with curl.
  const late = await browser.newContext();
  try {
    const visitor = await late.newPage();
    await visitor.goto(accessUrl);
    await visitor.getByRole('button', { name: 'Login with token' }).click();
    await visitor.getByLabel('Token').fill(readSecret);
    await visitor.getByRole('button', { name: 'Connect' }).click();
    await expect(visitor.getByText('This token is not valid')).toBeVisible();
    await expect(visitor.getByText('Hello, World!')).toHaveCount(0);
  } finally {
    await late.close();
  }
  await expectBearerStatus(accessUrl, readSecret, 401);
  await expectBearerStatus(accessUrl, newReadSecret, 200);

  // Used once now: the list says when.
  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(readName) }).getByText('never')).toHaveCount(0);
});
