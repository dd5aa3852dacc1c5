/**
 * Accessibility of the whole page — the pane and the preview grid beside it — checked by axe-core
 * (test/browser/axe.ts) at each state a user goes through: the start page, after a check, with a
 * row selected in the sheet, in English, and with the Diagnostics report open. Any violation fails.
 */
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { browserSuite, eventually, openPane } from './harness';

const suite = browserSuite({ strict: true });

async function check(page: Page): Promise<void> {
  await page.getByTestId('check-portfolio').click();
  await page.getByTestId('count-critical').waitFor({ timeout: 30_000 });
  await eventually(async () => expect(await page.getByTestId('check-portfolio').getAttribute('aria-disabled')).toBeNull());
}

async function selectFirstListedRow(page: Page): Promise<void> {
  await page.locator('[data-testid^="attention-row-"]').first().click();
  await page.locator('tr[data-selected="true"]').first().waitFor();
}

describe.each(['zh-CN', 'en'] as const)('no axe violation, in %s', (language) => {
  test('start page, after a check, with a row selected', async () => {
    suite.pane = await openPane(suite.browser, suite.url);
    const { page } = suite.pane;
    if (language === 'en') {
      await page.getByTestId('language-toggle').click();
      await eventually(async () => expect(await page.evaluate(() => document.documentElement.lang)).toBe('en'));
    }
    expect(await axeViolations(page)).toEqual([]);

    await check(page);
    expect(await axeViolations(page)).toEqual([]);

    await selectFirstListedRow(page);
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('no axe violation at scale: ?rows=5000, checked, a row far down selected', async () => {
  suite.pane = await openPane(suite.browser, suite.url, {}, 'taskpane.html?rows=5000');
  const { page } = suite.pane;
  await check(page);
  const far = await page.locator('[data-testid^="attention-row-"]').evaluateAll((rows) =>
    rows.map((r) => (r as HTMLElement).dataset.testid!).find((id) => Number(id.replace('attention-row-', '')) > 1000),
  );
  await page.getByTestId(far!).click();
  await page.locator('tr[data-selected="true"]').first().waitFor();
  expect(await axeViolations(page)).toEqual([]);
});

test('no axe violation with the Diagnostics report open', async () => {
  suite.pane = await openPane(suite.browser, suite.url);
  const { page } = suite.pane;
  await page.getByTestId('run-diagnostics').click();
  await page.getByTestId('diagnostics-summary').waitFor({ timeout: 30_000 });
  expect(await axeViolations(page)).toEqual([]);
});
