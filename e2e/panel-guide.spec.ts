import type { Page } from '@playwright/test';
import { test, expect, signInByApi } from './fixtures';
import { playGuide } from './demo-steps';
import { deleteAppByApi, expectBearerStatus, shot, uniqueName } from './panel-fixtures';

let createdAppId: string | null = null;

test.afterEach(async ({ page }) => {
  if (createdAppId) await deleteAppByApi(page, createdAppId);
  createdAppId = null;
});

// The seed guide end to end, through the same steps `npm run demo` plays
// (e2e/demo-steps.ts), then what the guide promises that a video cannot show.

test('the guide end to end: label an app, scope tokens to it, regenerate, delete, and open the app with a token', async ({ page, browser, a11y }) => {
  test.setTimeout(150_000);
  await signInByApi(page);
  const names = { app: uniqueName('guide-hello'), readToken: uniqueName('guide-read'), opToken: uniqueName('guide-op') };
  const visitors: Page[] = [];
  const result = await playGuide({
    page,
    names,
    pause: async () => {},
    typingDelay: 0,
    shot: async (target, name, fullPage = false) => {
      await target.screenshot({ ...shot(name), fullPage });
      // Each screen of the guide is also a page state for axe, the gate page included; not
      // screen 12, which is the app's own page (hello-world's bare text), not Tollgate's.
      if (name !== '12-app-access-result') await a11y.check(`guide ${name}`, target);
    },
    visitor: async () => {
      const context = await browser.newContext();
      const visitor = await context.newPage();
      visitors.push(visitor);
      return visitor;
    },
  });
  createdAppId = result.appId;
  for (const visitor of visitors) await visitor.context().close();

  // The secret is shown once: gone after a reload.
  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(names.readToken) })).toBeVisible();
  await expect(page.getByLabel('Token value')).toHaveCount(0);
  expect(await page.content()).not.toContain(result.newReadSecret);

  // The app's "Tokens with access" lists the read token, with its role; the deleted one is gone.
  await page.goto(`/apps/${result.appId}`);
  const access = page.getByRole('list', { name: 'Tokens with access' });
  await expect(access.getByRole('listitem').filter({ hasText: names.readToken })).toContainText('AI Platform - Read-only');
  await expect(access.getByRole('listitem').filter({ hasText: names.opToken })).toHaveCount(0);

  // The deleted and the pre-regeneration secrets open nothing any more, in a browser or with curl.
  await expectBearerStatus(result.accessUrl, result.opSecret, 401);
  await expectBearerStatus(result.accessUrl, result.readSecret, 401);
  await expectBearerStatus(result.accessUrl, result.newReadSecret, 200);
  const late = await browser.newContext();
  try {
    const visitor = await late.newPage();
    await visitor.goto(result.accessUrl);
    await visitor.getByRole('button', { name: 'Sign in with a token' }).click();
    await visitor.getByLabel('Token').fill(result.readSecret);
    await visitor.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(visitor.getByText('This token is not valid')).toBeVisible();
    await expect(visitor.getByText('Hello, World!')).toHaveCount(0);
  } finally {
    await late.close();
  }

  // Used once now: the list says when (use is written in batches, so it may take a reload or two).
  await expect(async () => {
    await page.goto('/tokens');
    await expect(page.getByRole('row', { name: new RegExp(names.readToken) })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(names.readToken) }).getByText('never')).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});
