/** Preview mode at scale in the built pane: taskpane.html?rows=N checks a generated portfolio of N rows. */
import { SEVERITY_ORDER, browserSuite, counts, openPane, screenshot, text } from './harness';

const suite = browserSuite({ strict: true });

test('?rows=2000: the check covers all 2,000 generated rows, and the counts add up to them', async () => {
  suite.pane = await openPane(suite.browser, suite.url, { viewport: { width: 1280, height: 900 } }, 'taskpane.html?rows=2000');
  const { page } = suite.pane;
  await page.getByTestId('check-portfolio').click();
  await page.getByTestId('count-critical').waitFor({ timeout: 30_000 });
  expect(await text(page, 'check-summary')).toContain('共 2000 行');
  const n = await counts(page);
  expect(SEVERITY_ORDER.reduce((sum, s) => sum + n[s], 0)).toBe(2000);
  await screenshot(page, 'preview-rows-2000');
});
