import { test as base, expect, type Page } from '@playwright/test';
import { describeFindings, isNavigationRace, scanA11y, type A11yFinding } from './a11y';

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

/** A page's state for the axe report: its path with ids as :id, and which query keys it has. */
export function stateName(url: string): string {
  const { pathname, searchParams, host } = new URL(url);
  const path = pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id');
  const keys = [...new Set(searchParams.keys())].sort();
  const appHost = /\.app\./.test(host) ? 'app host ' : '';
  return `${appHost}${path}${keys.length ? `?${keys.join('&')}` : ''}`;
}

export interface A11y {
  /** Scans the page as it is now (a dialog open, an error shown) and fails on any violation. */
  check: (state: string, page?: Page) => Promise<void>;
}

export const test = base.extend<{ signedIn: Page; noCspViolations: void; a11y: A11y }>({
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
  // axe (WCAG 2.2 AA) after every navigation of the test's page, once the page
  // has settled, and once more at the end of the test; `a11y.check` scans the
  // states in between that a spec reaches (dialogs, errors). Any violation fails.
  a11y: [
    async ({ page }, use) => {
      const findings: A11yFinding[] = [];
      let queue: Promise<void> = Promise.resolve();
      let timer: ReturnType<typeof setTimeout> | null = null;
      // Main-frame navigations so far (history API ones too): a scan they overtook is dropped.
      let navigations = 0;
      const scan = (state: string, target: Page) => {
        const before = navigations;
        return scanA11y(target, state, () => target === page && navigations !== before).then(
          (finding) => void findings.push(finding),
          (error) => {
            if (!isNavigationRace(error)) throw error;
          },
        );
      };
      const schedule = () => {
        if (timer) clearTimeout(timer);
        // Debounced: a redirect or a client navigation right after is scanned once, settled.
        timer = setTimeout(() => {
          timer = null;
          // Named when the scan starts: the page may have moved on while earlier scans ran.
          queue = queue.then(() => (page.url().startsWith('http') ? scan(stateName(page.url()), page) : undefined)).catch(() => {});
        }, 400);
      };
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame()) return;
        navigations++;
        schedule();
      });
      await use({
        check: async (state, target = page) => {
          // In line behind any scan a navigation started: axe runs once at a time in a page.
          await queue;
          const finding = await scanA11y(target, state);
          findings.push(finding);
          expect(finding.violations, `axe violations at "${state}":\n${describeFindings([finding])}`).toEqual([]);
        },
      });
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      await queue;
      if (!page.isClosed() && page.url().startsWith('http')) await scan(`${stateName(page.url())} (end of test)`, page);
      const failing = findings.filter((finding) => finding.violations.length > 0);
      expect(failing.length, `axe violations:\n${describeFindings(failing)}`).toBe(0);
    },
    { auto: true },
  ],
  signedIn: async ({ page }, use) => {
    await signInByApi(page);
    await use(page);
  },
});

export { expect };
