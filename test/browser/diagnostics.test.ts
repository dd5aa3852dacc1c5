/**
 * The Diagnostics run in the built pane, in preview mode (Chromium): every check passes against
 * the in-memory Excel, the report has one element per check, the example workbook's sheets are
 * as they were afterwards, and Copy puts the report's text on the clipboard.
 */
import { DIAGNOSTICS } from '../../src/excel/diagnostics';
import { browserSuite, eventually, openPane, screenshot, sheetTabs } from './harness';

const suite = browserSuite({ strict: true });

test('preview: Diagnostics runs every check, all pass, the workbook keeps its sheets, and the report copies as text', async () => {
  const pane = (suite.pane = await openPane(suite.browser, suite.url, { width: 1280, height: 900 }));
  const { page } = pane;
  await pane.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.url });
  const sheetsBefore = await sheetTabs(page);
  await page.getByTestId('run-diagnostics').click();
  await page.getByTestId('diagnostics-summary').waitFor({ timeout: 30_000 });
  const items = await page.locator('[data-testid^="diagnostic-"]').evaluateAll((els) =>
    els.map((el) => ({ id: el.getAttribute('data-testid'), state: el.getAttribute('data-state') })),
  );
  expect(items).toEqual(DIAGNOSTICS.map((name) => ({ id: `diagnostic-${name}`, state: 'pass' })));
  expect(await page.getByTestId('diagnostics-summary').textContent()).toBe(`通过 ${DIAGNOSTICS.length} 项，失败 0 项，跳过 0 项。`);
  // The scratch sheet came and went: the tabs are the example's again.
  await eventually(async () => expect(await sheetTabs(page)).toEqual(sheetsBefore));
  await screenshot(page, 'diagnostics-preview');

  await page.getByTestId('diagnostics-copy').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const lines = copied.split('\n');
  expect(lines[0]).toMatch(/^Launch Tracker \d+\.\d+\.\d+ diagnostics — \d{4}-\d\d-\d\dT.* — host Preview$/);
  expect(lines.slice(1, -1).map((l) => l.split(' ')[0])).toEqual(DIAGNOSTICS.map(() => 'PASS'));
  expect(lines[lines.length - 1]).toBe(`${DIAGNOSTICS.length} pass, 0 fail, 0 skip`);
});
