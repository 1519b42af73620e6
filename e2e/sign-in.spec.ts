import { test, expect, ADMIN } from './fixtures';

test('an operator signs in, sees the demo app on the Apps tab, and signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole('heading', { name: 'AI Deploy' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Apps' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: 'Tokens' })).toBeVisible();
  const row = page.getByRole('row', { name: /^hello-world / });
  await expect(row).toBeVisible();
  await expect(row.getByText('group=A')).toBeVisible();
  await expect(row.getByText('infrastructureascode/hello-world')).toBeVisible();

  await page.getByRole('link', { name: 'Tokens' }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(page.getByRole('heading', { name: 'Tokens', level: 2 })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/apps');
  await expect(page).toHaveURL(/\/signin/);
});

test('empty fields say what is missing, on the field, and clear as they are filled in', async ({ page, a11y }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const email = page.getByLabel('Email');
  await expect(email).toBeFocused();
  await expect(email).toHaveAccessibleDescription('Enter your email');
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('Enter your password');
  await expect(page.getByText('Wrong email or password')).toHaveCount(0);
  await a11y.check('sign-in: empty fields');
  await email.fill(ADMIN.email);
  await expect(page.getByText('Enter your email')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.getByLabel('Password').fill('x');
  await expect(page.getByText('Enter your password')).toHaveCount(0);
});

test('a wrong password keeps you on sign-in with a message', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong email or password');
  await expect(page).toHaveURL(/\/signin/);
});

test('hardening 1: after wrong passwords, the owner is told at sign-in and can dismiss the notice for good', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong email or password');
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/apps$/);

  const notice = page.getByRole('status').filter({ hasText: 'Failed sign-in attempts' });
  await expect(notice).toContainText(/\d+ failed sign-in attempts? on your account since your last sign-in/);
  // The dismissal is a server action: wait for it before reloading.
  await Promise.all([
    page.waitForResponse((res) => res.request().method() === 'POST' && res.request().headers()['next-action'] !== undefined),
    notice.getByRole('button', { name: 'Dismiss' }).click(),
  ]);
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'AI Deploy' })).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('a dozen rapid wrong attempts are refused with a rate-limit message', async ({ page }) => {
  const email = `victim-${Date.now()}@e2e.test`;
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('guess');
  const button = page.getByRole('button', { name: 'Sign in' });
  const alert = page.locator('form').getByRole('alert');
  for (let attempt = 1; attempt <= 12; attempt++) {
    await button.click();
    await expect(alert).toBeVisible();
    await expect(button).toBeEnabled();
    if (attempt <= 10) await expect(alert).toHaveText('Wrong email or password');
  }
  await expect(alert).toHaveText(/Too many attempts, try again in \d+ s/);
});

test('signed out, panel pages redirect to sign-in and /v1 answers 401 JSON', async ({ page, request }) => {
  await page.goto('/tokens');
  await expect(page).toHaveURL(/\/signin/);
  const res = await request.get('/v1/app');
  expect(res.status()).toBe(401);
  expect(res.headers()['content-type']).toContain('application/json');
  expect((await res.json()).error.code).toBe('unauthenticated');
});
