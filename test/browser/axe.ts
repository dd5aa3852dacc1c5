/**
 * axe-core (Deque's accessibility rules engine, the one Lighthouse and Accessibility Insights run)
 * in the page under test: injected from node_modules — the tests never reach past 127.0.0.1 — and
 * run on the whole document. Violations come back as one readable line per element, so a failing
 * expect(...).toEqual([]) says what is wrong and where.
 */
import type { Page } from 'playwright-core';
import type { AxeResults, RunOptions } from 'axe-core';

const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

/**
 * Every axe violation on the page: `rule-id (impact): what is wrong — selector: the element's
 * markup`. The rules are axe's defaults (WCAG 2.0–2.2 A and AA, and best practices) — none is
 * switched off.
 */
export async function axeViolations(page: Page, options: RunOptions = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  // Fluent's buttons fade their colours (CSS transitions): a button enabled a moment ago still has
  // its disabled grey, which axe would measure as too little contrast. What a user reads is the end state.
  // (A spinner turns for ever: only animations that end are waited for.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await page.evaluate(
    (options) => (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, options),
    options as object,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id} (${node.impact ?? violation.impact ?? 'n/a'}): ${violation.help} — ${node.target.join(' ')}: ${node.html.slice(0, 160)}`,
    ),
  );
}
