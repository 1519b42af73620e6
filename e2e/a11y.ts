import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

// axe-core on the pages the suite reaches, for WCAG 2.2 AA: every violation
// fails the test. Each check is also written, with its count, to
// e2e/screenshots/a11y.jsonl (git-ignored), so a run can report the count per
// page state: `node e2e/a11y-summary.mjs`.

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const REPORT = process.env.TOLLGATE_A11Y_REPORT ?? path.join('e2e', 'screenshots', 'a11y.jsonl');

export interface A11yFinding {
  state: string;
  url: string;
  violations: { id: string; impact: string | null | undefined; help: string; targets: string[] }[];
}

/**
 * Runs axe on the page as it is now; returns what it found (and records it). `overtaken`, if given,
 * says whether the page navigated while axe ran: such a scan may have seen part of the next
 * document, so it is dropped (as a navigation race) and that document's own scan counts instead.
 */
export async function scanA11y(page: Page, state: string, overtaken?: () => boolean): Promise<A11yFinding> {
  // Scan a whole document: a panel page streams, so wait for its parse to end, and give a client
  // navigation's new title a moment (a page whose title never comes is still scanned, and fails).
  await page.waitForLoadState('domcontentloaded');
  await page.waitForFunction(() => document.title !== '', undefined, { timeout: 2_000 }).catch((error: unknown) => {
    if (isNavigationRace(error)) throw error;
  });
  // Legacy mode runs axe inside this page only: the default opens a helper
  // page, which would show in the demo's video and count as a navigation.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  if (overtaken?.()) throw new Error(`the page navigated during the scan of "${state}"`);
  const finding: A11yFinding = {
    state,
    url: page.url(),
    violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
  };
  mkdirSync(path.dirname(REPORT), { recursive: true });
  appendFileSync(REPORT, `${JSON.stringify({ state, url: finding.url, count: finding.violations.length, ids: finding.violations.map((v) => v.id) })}\n`);
  return finding;
}

/** One line per violation: rule, impact, what it asks and where. */
export function describeFindings(findings: A11yFinding[]): string {
  return findings
    .flatMap((f) => f.violations.map((v) => `${f.state} (${f.url}): ${v.id} [${v.impact}] ${v.help} at ${v.targets.slice(0, 3).join(', ')}`))
    .join('\n');
}

/** A page whose document is gone mid-scan (it navigated): not a finding, the next load is scanned. */
export function isNavigationRace(error: unknown): boolean {
  return /Execution context was destroyed|Target page, context or browser has been closed|frame was detached|navigat/i.test(String(error));
}
