/**
 * Reading the pane's list as a person does: it is virtualized (only the rows in view are in the
 * page), so these helpers scroll its box from top to bottom and read what shows at each position.
 */
import type { Page } from 'playwright-core';

export interface ListedRow {
  /** The 0-based table row the entry selects. */
  row: number;
  /** Its position among the list's entries (aria-rowindex: headings count, the header row is 1). */
  index: number;
  severity: string;
  /** The group heading it is under: overdue, today, week, later. */
  group: string;
  cells: string[];
}

/** Scrolls the list's box to `top` and waits until the rows there are rendered (two frames). */
async function scrollListTo(page: Page, top: number): Promise<{ top: number; end: boolean }> {
  return page.evaluate(async (to) => {
    const box = document.querySelector<HTMLElement>('[data-testid="attention-scroller"]');
    if (!box) return { top: 0, end: true };
    box.scrollTop = to;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return { top: box.scrollTop, end: box.scrollTop + box.clientHeight >= box.scrollHeight - 1 };
  }, top);
}

/** Calls `visit` with the list scrolled to each of its screens, from the top; leaves it at the top. */
export async function eachListScreen(page: Page, visit: () => Promise<void>): Promise<void> {
  const step = await page.evaluate(() => Math.max(100, (document.querySelector<HTMLElement>('[data-testid="attention-scroller"]')?.clientHeight ?? 0) - 40));
  for (let top = 0, screens = 0; screens < 2000; screens++, top += step) {
    const at = await scrollListTo(page, top);
    await visit();
    if (at.end) break;
  }
  await scrollListTo(page, 0);
}

/** The entries rendered now: rows with their group (from the heading above them, rendered or not). */
async function renderedEntries(page: Page): Promise<{ index: number; group?: string; row?: Omit<ListedRow, 'group'> }[]> {
  return page.locator('[data-testid="attention-list"] tbody > tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const el = tr as HTMLElement;
      const index = Number(el.getAttribute('aria-rowindex'));
      const id = el.dataset.testid ?? '';
      if (id.startsWith('attention-group-')) return { index, group: id.replace('attention-group-', '') };
      return {
        index,
        row: {
          row: Number(id.replace('attention-row-', '')),
          index,
          severity: el.querySelector<HTMLElement>('[data-severity]')?.dataset.severity ?? '',
          cells: [...el.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        },
      };
    }),
  );
}

/** Every row of the list, in order, with its group: read by scrolling through the whole list. */
export async function listedRows(page: Page): Promise<ListedRow[]> {
  const seen = new Map<number, { group?: string; row?: Omit<ListedRow, 'group'> }>();
  await eachListScreen(page, async () => {
    for (const e of await renderedEntries(page)) seen.set(e.index, e);
  });
  const rows: ListedRow[] = [];
  let group = '';
  for (const [, e] of [...seen].sort((a, b) => a[0] - b[0])) {
    if (e.group) group = e.group;
    if (e.row) rows.push({ ...e.row, group });
  }
  return rows;
}
