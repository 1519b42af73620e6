import { test, expect } from './fixtures';
import { createAppByApi, createTokenByApi, deleteAppByApi, shot, uniqueName, waitForAppState } from './panel-fixtures';

let appId: string | null = null;
test.afterEach(async ({ signedIn: page }) => {
  if (appId) await deleteAppByApi(page, appId);
  appId = null;
});

test('the gate page: one verb, a wrong token focused and described by its error, and Sign out of the app', async ({ signedIn: page, browser, a11y }) => {
  await page.goto('/apps');
  const name = uniqueName('gated');
  const app = await createAppByApi(page, { name, labels: { gate: 'yes' } });
  appId = app.id;
  await waitForAppState(page, app.id, 'RUNNING');
  const token = await createTokenByApi(page, { name: uniqueName('gate-reader'), labelSelector: 'gate=yes', role: 'read' });

  const context = await browser.newContext();
  try {
    const visitor = await context.newPage();
    await visitor.goto(app.url);
    // The page names the app; members of its project may use their panel account instead.
    await expect(visitor).toHaveTitle(`Sign in to ${name} · Tollgate`);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(`Sign in to ${name}`);
    await expect(visitor.getByRole('link', { name: 'Sign in with Tollgate' })).toHaveAttribute('href', new RegExp(`/apps/${app.id}/open\\?next=%2F$`));
    await a11y.check('gate page', visitor);
    await visitor.screenshot({ ...shot('gate-page-desktop'), fullPage: true });
    // On a phone: the same page, nothing scrolling sideways.
    await visitor.setViewportSize({ width: 390, height: 844 });
    await expect(visitor.getByRole('button', { name: 'Sign in with a token' })).toBeInViewport();
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await visitor.screenshot({ ...shot('gate-page-phone'), fullPage: true });
    await visitor.setViewportSize({ width: 1280, height: 720 });

    await visitor.getByRole('button', { name: 'Sign in with a token' }).click();
    const field = visitor.getByLabel('Token');
    await expect(field).toBeFocused();
    await field.fill('tg_notarealtoken');
    await visitor.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The answer is a new page: the field is shown, focused, marked and described by the error.
    await expect(visitor.getByRole('alert')).toContainText('This token is not valid');
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/This token is not valid/);
    await a11y.check('gate page: wrong token', visitor);

    await field.fill(token.secret);
    await visitor.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(visitor).toHaveURL(app.url);
    await expect(visitor.locator('body')).not.toContainText('Sign in with a token');

    // Signing out ends the gate session: the next visit asks for a token again.
    await visitor.goto(new URL('/__tollgate/login', app.url).toString());
    await visitor.getByRole('button', { name: 'Sign out of this app' }).click();
    await expect(visitor).toHaveURL(/\/__tollgate\/login/);
    await visitor.goto(app.url);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(`Sign in to ${name}`);
  } finally {
    await context.close();
  }
});
