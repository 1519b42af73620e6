import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium the e2e suite drives: an explicit TOLLGATE_CHROMIUM (or
 * CHROMIUM_PATH), then Debian's /usr/bin/chromium, then a browser Playwright
 * downloaded itself. `npx playwright install` can't download everywhere, so
 * say how to get one instead of failing obscurely.
 */
export function findBrowser(): string {
  const explicit = process.env.TOLLGATE_CHROMIUM || process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`TOLLGATE_CHROMIUM points at ${explicit}, which does not exist`);
    return explicit;
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright throws when it has no browser of its own; fall through to the message.
  }
  throw new Error(
    'No Chromium found for the e2e tests. Install Debian\'s: `sudo apt-get install -y chromium`, ' +
      'or set TOLLGATE_CHROMIUM=/path/to/chrome, or run `npx playwright install chromium` where downloads work.',
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
