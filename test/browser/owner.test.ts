/**
 * "Who I am": the owner filter above the day's list narrows it to that owner's rows, is
 * remembered on this machine (not in the workbook), and "all owners" shows everyone's again.
 */
import type { Page } from 'playwright-core';
import { browserSuite, openPane, portfolio, screenshot } from './harness';
import { listedRows as listed } from './list';

const listedRows = async (page: Page) => (await listed(page)).map((r) => r.row);

const suite = browserSuite({ strict: true });

/** Open the owner combobox and pick an option (Fluent's listbox renders in a portal when open). */
async function chooseOwner(page: Page, option: string): Promise<void> {
  const input = page.getByTestId('filter-owner');
  await input.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await page.getByRole('listbox').waitFor();
  await page.getByTestId(option).scrollIntoViewIfNeeded();
  await page.getByTestId(option).click();
}

async function check(page: Page): Promise<void> {
  await page.getByTestId('check-portfolio').click();
  await page.getByTestId('count-critical').waitFor();
}

test('choosing an owner lists only their rows; the choice is remembered after the pane reopens; all owners again shows all', async () => {
  suite.pane = await openPane(suite.browser, suite.url, { width: 360, height: 800 });
  const { page } = suite.pane;
  await check(page);
  const everyone = await listedRows(page);
  const grid = await portfolio(page);
  // The owner with the most rows on the list.
  const ownerOf = (row: number) => grid.cell(row + 1, '负责人');
  const counts = new Map<string, number>();
  for (const r of everyone) counts.set(ownerOf(r), (counts.get(ownerOf(r)) ?? 0) + 1);
  const [owner] = [...counts.entries()].filter(([o]) => o !== '').sort((a, b) => b[1] - a[1])[0];

  await chooseOwner(page, `filter-owner-${owner}`);
  const mine = await listedRows(page);
  expect(mine.length).toBe(counts.get(owner));
  expect(mine.length).toBeLessThan(everyone.length);
  for (const r of mine) expect(ownerOf(r)).toBe(owner);
  expect(await page.getByTestId('filter-owner').inputValue()).toBe(owner);
  await screenshot(page, 'owner-filter');

  // Reopened on this machine (same browser storage): still that owner's rows.
  await page.reload();
  await check(page);
  expect(await page.getByTestId('filter-owner').inputValue()).toBe(owner);
  expect(await listedRows(page)).toEqual(mine);

  await chooseOwner(page, 'filter-owner-all');
  expect(await listedRows(page)).toEqual(everyone);
});
