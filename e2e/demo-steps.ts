import { expect, type Locator, type Page } from '@playwright/test';

// The seed guide ("AI Deploy - Accessing your app with tokens"), screen by
// screen, in the panel. One script for two players: e2e/panel-guide.spec.ts
// runs it as the guide's test, and `npm run demo` (scripts/demo.mjs) plays it
// to record the video and the screenshots the README shows — so the demo
// cannot drift from what is tested.

export interface GuideStage {
  /** The signed-in operator's page. */
  page: Page;
  /** A browser for the app's end user (a fresh context in the test; the same page in the demo, for one video). */
  visitor: () => Promise<Page>;
  /** Saves screenshot NN of the guide. */
  shot: (page: Page, name: string, fullPage?: boolean) => Promise<void>;
  /** A breath between steps: 0 in the test, a human pace in the demo. */
  pause: (ms?: number) => Promise<void>;
  /** Milliseconds between typed keys: 0 in the test. */
  typingDelay: number;
  names: { app: string; readToken: string; opToken: string };
}

export interface GuideResult {
  appId: string;
  accessUrl: string;
  readSecret: string;
  newReadSecret: string;
  opSecret: string;
}

const NEW_TOKEN = /^New token$/i;

/** Types like a person when the demo is paced, instantly in the test. */
async function type(stage: GuideStage, scope: Page | Locator, label: string, text: string, options: { exact?: boolean } = {}) {
  const field = scope.getByLabel(label, options);
  await field.click();
  if (stage.typingDelay > 0) await field.pressSequentially(text, { delay: stage.typingDelay });
  else await field.fill(text);
  await stage.pause(300);
}

/** 01–03: deploy hello-world labelled group=A, watch it run, find it in the list. */
export async function deployLabelledApp(stage: GuideStage): Promise<{ appId: string; accessUrl: string }> {
  const { page, names } = stage;
  await page.goto('/apps');
  await stage.pause();
  await page.getByRole('link', { name: 'New app' }).click();
  await expect(page).toHaveURL(/\/apps\/new$/);
  await type(stage, page, 'Name', names.app, { exact: true });
  await type(stage, page, 'Image', 'infrastructureascode/hello-world', { exact: true });
  await page.getByRole('radio', { name: /GRA/ }).check();
  await page.getByRole('button', { name: 'Add label' }).click();
  const label1 = page.getByRole('group', { name: 'Label 1' });
  await type(stage, label1, 'Key', 'group');
  await type(stage, label1, 'Value', 'A');
  await stage.shot(page, '01-app-add-label', true);

  await page.getByRole('button', { name: 'Deploy' }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  const appId = page.url().split('/').pop()!;
  await expect(page.getByRole('status').getByText(`App ${names.app} deployed`)).toBeVisible();

  // 02 — The details: the state follows by itself, the access URL above the Labels, every label listed.
  await expect(page.getByRole('heading', { name: names.app })).toBeVisible();
  await expect(page).toHaveTitle(`${names.app} · Tollgate`);
  await expect(page.locator('main').getByText('RUNNING').first()).toBeVisible({ timeout: 20_000 });
  const labels = page.getByRole('list', { name: 'Labels' });
  await expect(labels.getByText('group=A')).toBeVisible();
  await expect(labels.getByText(`ovh/id=${appId}`)).toBeVisible();
  await expect(labels.getByText('ovh/type=app')).toBeVisible();
  const accessUrl = (await page.getByRole('link', { name: /\.app\.gra\.localhost/ }).getAttribute('href'))!;
  expect(accessUrl).toContain(`${appId}.app.gra.localhost`);
  const urlBox = await page.getByText('Access URL', { exact: true }).boundingBox();
  const labelsBox = await page.getByRole('heading', { name: 'Labels' }).boundingBox();
  expect(urlBox!.y).toBeLessThan(labelsBox!.y);
  await stage.pause();
  await stage.shot(page, '02-app-dashboard', true);

  // 03 — The list shows it, running, with its label.
  await page.getByRole('link', { name: 'Apps', exact: true }).click();
  await page.getByLabel('Search').fill(names.app);
  const row = page.getByRole('row', { name: new RegExp(names.app) });
  await expect(row).toBeVisible();
  await expect(row.getByText('group=A')).toBeVisible();
  await expect(row.getByText('RUNNING')).toBeVisible();
  await page.getByLabel('Search').fill('');
  await stage.pause();
  await stage.shot(page, '03-app-list');
  return { appId, accessUrl };
}

/** 04–07: New token, a read-only token on group=A, Generate (shown once), an operator token on the app's ovh/id. */
export async function createTokens(stage: GuideStage, appId: string): Promise<{ readSecret: string; opSecret: string }> {
  const { page, names } = stage;
  await page.getByRole('link', { name: 'Tokens', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tokens', level: 2 })).toBeVisible();
  await expect(page.getByRole('link', { name: NEW_TOKEN }).first()).toBeVisible();
  await stage.pause();
  await stage.shot(page, '04-token-list-new');
  await page.getByRole('link', { name: NEW_TOKEN }).first().click();
  await expect(page).toHaveURL(/\/tokens\/new$/);

  // 05 — Read-only on group=A in GRA: the form lists the app it matches now.
  await type(stage, page, 'Name', names.readToken, { exact: true });
  await type(stage, page, 'Label selector', 'group=A');
  await page.getByRole('radio', { name: /AI Platform - Read-only/ }).check();
  await page.getByRole('radio', { name: /GRA/ }).check();
  await expect(page.getByRole('list', { name: 'Matching apps' }).getByRole('link', { name: names.app })).toBeVisible();
  await stage.pause();
  await stage.shot(page, '05-token-gen-input-read', true);

  // 06 — Generate: back on the list, the token shown once, never in the address.
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  const secretField = page.getByLabel('Token value');
  await expect(secretField).toBeVisible();
  const readSecret = await secretField.inputValue();
  expect(readSecret).toMatch(/^tg_[0-9A-Za-z]+$/);
  expect(page.url()).not.toContain(readSecret);
  await expect(page.getByRole('row', { name: new RegExp(names.readToken) }).getByText('AI Platform - Read-only')).toBeVisible();
  await stage.pause();
  await stage.shot(page, '06-token-gen-result-read');

  // 07 — An operator token scoped to this one app through its ovh/id label.
  await page.getByRole('link', { name: NEW_TOKEN }).first().click();
  await type(stage, page, 'Name', names.opToken, { exact: true });
  await type(stage, page, 'Label selector', `ovh/id=${appId}`);
  await page.getByRole('radio', { name: /AI Platform - Operator/ }).check();
  await page.getByRole('radio', { name: /GRA/ }).check();
  await expect(page.getByRole('list', { name: 'Matching apps' }).getByRole('listitem')).toHaveCount(1);
  await stage.pause();
  await stage.shot(page, '07-token-gen-input-op', true);
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByLabel('Token value')).toBeVisible();
  const opSecret = await page.getByLabel('Token value').inputValue();
  expect(opSecret).not.toBe(readSecret);
  await stage.pause();
  return { readSecret, opSecret };
}

/** 08–10: Regenerate the read token (confirmed), then Delete the operator token. */
export async function regenerateAndDelete(stage: GuideStage, shownSecret: string): Promise<{ newReadSecret: string }> {
  const { page, names } = stage;
  const readRow = page.getByRole('row', { name: new RegExp(names.readToken) });
  await readRow.getByRole('button', { name: 'Actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Regenerate' })).toBeFocused();
  await stage.pause();
  await stage.shot(page, '08-token-list-regen');
  await page.getByRole('menuitem', { name: 'Regenerate' }).click();
  const confirmRegen = page.getByRole('alertdialog', { name: /Regenerate/ });
  await expect(confirmRegen).toBeVisible();
  await stage.pause();
  await stage.shot(page, '09-token-regen-confirm');
  await confirmRegen.getByRole('button', { name: 'Regenerate' }).click();
  await expect(confirmRegen).toBeHidden();
  // The banner still shows the last token made until the new secret replaces it.
  await expect(page.getByLabel('Token value')).not.toHaveValue(shownSecret);
  const newReadSecret = await page.getByLabel('Token value').inputValue();
  expect(newReadSecret).toMatch(/^tg_/);
  await stage.pause();

  const opRow = page.getByRole('row', { name: new RegExp(names.opToken) });
  await opRow.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirmDelete = page.getByRole('alertdialog', { name: /Delete/ });
  await expect(confirmDelete).toContainText(names.opToken);
  await stage.pause();
  await stage.shot(page, '10-token-list-delete');
  await confirmDelete.getByRole('button', { name: /^Delete/ }).click();
  await expect(opRow).toHaveCount(0);
  await stage.pause();
  return { newReadSecret };
}

/** 11–12: the end user opens the app's URL, signs in with the token, and sees Hello, World! */
export async function openAppWithToken(stage: GuideStage, accessUrl: string, secret: string): Promise<Page> {
  const visitor = await stage.visitor();
  await visitor.goto(accessUrl);
  await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible();
  await stage.pause();
  await visitor.getByRole('button', { name: 'Sign in with a token' }).click();
  await type(stage, visitor, 'Token', secret);
  await stage.pause(500);
  await stage.shot(visitor, '11-app-access-credentials');
  await visitor.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(visitor.getByText('Hello, World!')).toBeVisible();
  await stage.pause();
  await stage.shot(visitor, '12-app-access-result');
  return visitor;
}

/** The whole guide, in order. */
export async function playGuide(stage: GuideStage): Promise<GuideResult> {
  const { appId, accessUrl } = await deployLabelledApp(stage);
  const { readSecret, opSecret } = await createTokens(stage, appId);
  const { newReadSecret } = await regenerateAndDelete(stage, opSecret);
  await openAppWithToken(stage, accessUrl, newReadSecret);
  return { appId, accessUrl, readSecret, newReadSecret, opSecret };
}
