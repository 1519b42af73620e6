import { test as base, expect, type Page } from '@playwright/test';

export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? 'admin@e2e.test',
  password: process.env.ADMIN_PASSWORD ?? 'e2e-admin-password',
};

/** Signs in through next-auth's credentials endpoint (not the form), as most specs don't test the form. */
export async function signInByApi(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  const csrf = await page.request.get('/api/auth/csrf');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
  });
  expect(res.ok(), `sign-in as ${email} failed with ${res.status()}`).toBeTruthy();
}

export const test = base.extend<{ signedIn: Page; noCspViolations: void }>({
  // Every spec runs under the panel's CSP: anything it blocks (an inline script
  // or style without the nonce) fails the test that loaded it.
  noCspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) =>
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile || event.documentURI}`),
        );
      });
      page.on('console', (message) => {
        if (/Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
      });
      await use();
      expect(violations, 'CSP violations in the browser console').toEqual([]);
    },
    { auto: true },
  ],
  signedIn: async ({ page }, use) => {
    await signInByApi(page);
    await use(page);
  },
});

export { expect };
