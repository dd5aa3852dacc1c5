/**
 * History in the pane, in Chromium on the production build (preview mode, the example's 48 rows):
 * a first check records the baseline (no section yet); a status typed into the grid, then a second check, shows
 * under 自上次检查 / Since last check; a click on the item selects its row in the sheet. The
 * section fits a 320 px pane and axe finds nothing wrong with it. Screenshots: test-artifacts/browser/.
 */
import { axeViolations } from './axe';
import { browserSuite, editCell, eventually, openPane, portfolio, screenshot, sheetTabs, text } from './harness';

const suite = browserSuite({ strict: true });

test('check, type a status in the grid, check again: since-last-check names the row, and a click selects it', async () => {
  suite.pane = await openPane(suite.browser, suite.url, { width: 320, height: 900 });
  const { page } = suite.pane;
  await page.getByTestId('check-portfolio').click();
  await page.getByTestId('count-critical').waitFor({ timeout: 60_000 });
  // A first check records the baseline: nothing to show since a previous one.
  expect(await page.getByTestId('since-last-check').count()).toBe(0);
  // The History sheet has a tab; the state sheet is very hidden and has none.
  const tabs = await sheetTabs(page);
  expect(tabs).toContain('变更记录');
  expect(tabs).not.toContain('LaunchTrackerState');

  const sheet = await portfolio(page);
  const row = sheet.dataRows.find((r) => sheet.rows.get(r)?.[0] === 'G-017')!;
  await editCell(page, row, sheet.column('备案状态'), '已备案');
  await page.getByTestId('check-portfolio').click();
  // The table row is the worksheet row less the header.
  const item = page.locator(`[data-testid="since-item-${row - 1}"][data-kind="approved"]`);
  await item.waitFor({ timeout: 60_000 });
  expect(await item.textContent()).toBe('G-017（小程序备案）');
  expect(await text(page, 'since-caption')).toMatch(/^与 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 的检查（任务窗格）相比。 已在变更记录中记录 \d+ 项变更。$/);
  expect(await page.getByTestId('since-kind-approved').textContent()).toContain('审核通过 1');

  // At 320 px nothing in the section is wider than the pane.
  const overflow = await page.getByTestId('since-last-check').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'history-since-last-check');

  await item.click();
  await eventually(async () => expect(await page.locator('tr[data-selected="true"]').getAttribute('data-row')).toBe(String(row)));
  // The grid is still scrolled to the status column: the selected row shows the status typed.
  expect(await page.locator('tr[data-selected="true"]').textContent()).toContain('已备案');
  await screenshot(page, 'history-since-item-selected');
});
