/**
 * The pane as a daily tool, in Chromium on the production build (preview mode, the example's 48
 * rows checked for 2026-11-21): the count tiles filter, search finds a row by client, filters show
 * and clear, the overdue group leads, a row expands to its findings, the language switches the
 * list's texts without a check, the calendar downloads, and at 320 × 700 the commands and the
 * day's list show without scrolling. Screenshots of each state go to test-artifacts/browser/.
 */
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { browserSuite, counts, eventually, openPane, screenshot, text } from './harness';
import { listedRows } from './list';

const suite = browserSuite({ strict: true });

async function checked(viewport = { width: 360, height: 900 }, path?: string): Promise<Page> {
  suite.pane = await openPane(suite.browser, suite.url, viewport, path);
  const { page } = suite.pane;
  await page.getByTestId('check-portfolio').click();
  await page.getByTestId('count-critical').waitFor({ timeout: 60_000 });
  return page;
}

test("a severity tile lists that severity's rows, all of them, and says so; pressed again, the day's list is back", async () => {
  const page = await checked();
  const n = await counts(page);
  const day = await listedRows(page);
  expect(day[0].group).toBe('overdue'); // the most urgent first
  await page.getByTestId('tile-info').click();
  expect(await page.getByTestId('tile-info').getAttribute('aria-pressed')).toBe('true');
  const info = await listedRows(page);
  expect(info.length).toBe(n.info); // every info row, not only those due this week
  expect(new Set(info.map((r) => r.severity))).toEqual(new Set(['info']));
  expect(await text(page, 'filters-active')).toBe('当前显示：提示');
  expect(await text(page, 'attention-title')).toBe(`筛选结果 (${n.info})`);
  await screenshot(page, 'triage-tile-info');
  await page.getByTestId('tile-info').click();
  expect((await listedRows(page)).map((r) => r.row)).toEqual(day.map((r) => r.row));
});

test('search finds a row by its client; the filters combine with a tile and clear in one action', async () => {
  const page = await checked();
  const day = await listedRows(page);
  const client = day.find((r) => r.cells[2] !== '')!.cells[2];
  await page.getByTestId('filter-search').fill(client);
  const found = await listedRows(page);
  expect(found.length).toBeGreaterThan(0);
  for (const r of found) expect(r.cells[2]).toBe(client);
  await page.getByTestId('tile-overdue').click();
  const both = await listedRows(page);
  expect(both.every((r) => r.cells[2] === client && r.group === 'overdue')).toBe(true);
  expect(await text(page, 'filters-active')).toBe(`当前显示：已逾期 · “${client}”`);
  await screenshot(page, 'triage-search');
  await page.getByTestId('filters-clear').click();
  expect(await page.getByTestId('filter-search').inputValue()).toBe('');
  expect((await listedRows(page)).map((r) => r.row)).toEqual(day.map((r) => r.row));
  expect(await page.getByTestId('filters-clear').count()).toBe(0);
});

test('a row expands to all its findings with rule IDs (Right arrow), and the language switch re-renders them without a check', async () => {
  const page = await checked();
  const first = (await listedRows(page))[0];
  await page.getByTestId(`attention-row-${first.row}`).focus();
  await page.keyboard.press('ArrowRight');
  const all = await text(page, `attention-findings-${first.row}`);
  expect(all).toMatch(/[A-Z]+-[A-Z0-9-]+/);
  await screenshot(page, 'triage-expanded');
  const before = await text(page, `attention-step-${first.row}`);
  await page.getByTestId('language-toggle').click();
  const after = await text(page, `attention-step-${first.row}`);
  expect(after).not.toBe(before);
  expect(after).toMatch(/^[\x20-\x7e]+$/); // English now, although no check ran in English
  expect(await text(page, `attention-findings-${first.row}`)).not.toMatch(/[\u4e00-\u9fff]{3}/);
  expect((await text(page, 'checked-for')).length).toBeGreaterThan(0);
  await screenshot(page, 'triage-english-without-check');
});

test('at 320 × 700 the commands and the first rows of the day show without scrolling, in both languages', async () => {
  for (const language of ['zh-CN', 'en'] as const) {
    suite.pane = await openPane(suite.browser, suite.url, { width: 320, height: 700 });
    const { page } = suite.pane;
    await page.evaluate(() => localStorage.setItem('launchTracker.owner', '')); // "all owners" chosen: not asked again
    await page.reload();
    await page.getByTestId('check-portfolio').waitFor();
    if (language === 'en') await page.getByTestId('language-toggle').click();
    await page.getByTestId('check-portfolio').click();
    await page.getByTestId('count-critical').waitFor();
    const boxes = await page.evaluate(() => {
      const bottom = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().bottom;
      return {
        check: bottom('[data-testid="check-portfolio"]'),
        firstRow: bottom('[data-testid^="attention-row-"]'),
        scrollX: document.documentElement.scrollWidth - innerWidth,
      };
    });
    expect(boxes.scrollX).toBeLessThanOrEqual(0);
    expect(boxes.check).toBeLessThanOrEqual(700);
    expect(boxes.firstRow).toBeLessThanOrEqual(700);
    await page.screenshot({ path: `test-artifacts/browser/triage-320x700-${language}.png` });
    await suite.pane.close();
    suite.pane = null;
  }
});

test('?rows=3000: End goes to the last row of the virtualized list, Enter selects it in the sheet', async () => {
  const page = await checked({ width: 1280, height: 900 }, 'taskpane.html?rows=3000');
  const title = await text(page, 'attention-title');
  const total = Number(/\((\d+)\)/.exec(title)![1]);
  expect(total).toBeGreaterThan(500);
  expect(await page.locator('[data-testid^="attention-row-"]').count()).toBeLessThan(60); // virtualized
  const first = page.locator('[data-testid^="attention-row-"][tabindex="0"]');
  await first.focus();
  await page.keyboard.press('End');
  // Focus lands once the virtualizer has scrolled the last row into the page (a few frames).
  const rowCount = Number(await page.getByTestId('attention-list').getAttribute('aria-rowcount'));
  await eventually(async () => expect(Number(await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')))).toBe(rowCount));
  const row = Number(await page.evaluate(() => document.activeElement?.getAttribute('data-row-key')));
  await page.keyboard.press('Enter');
  await page.locator(`tr[data-row="${row + 1}"][data-selected="true"]`).waitFor();
  await page.keyboard.press('Home');
  await eventually(async () => expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe('3')); // header 1, first heading 2
  await screenshot(page, 'triage-rows-3000-end');
});

test("the calendar button downloads an .ics of the list's owner's due dates that a real parser reads", async () => {
  const page = await checked();
  const download = page.waitForEvent('download');
  await page.getByTestId('calendar-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('launch-tracker-2026-11-21.ics');
  const ics = readFileSync((await file.path())!, 'utf8');
  const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
  expect(events.length).toBeGreaterThan(10);
  expect(ics).toContain('\r\n');
  expect(await text(page, 'calendar-saved')).toContain(`${events.length} 个事件`);
});
