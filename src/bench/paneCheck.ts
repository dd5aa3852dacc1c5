/**
 * The pane's responsiveness during a check, measured in the built pane in Chromium (preview mode,
 * `taskpane.html?rows=N`): how long "Check portfolio" takes from the click to the counts, and the
 * long tasks on the main thread meanwhile (PerformanceObserver 'longtask': every task over 50 ms,
 * https://w3c.github.io/longtasks/). A long task is time the pane cannot paint or answer input.
 * Shared by `npm run bench` (index.ts) and the browser tests (test/browser/scale.test.ts).
 */
import type { Page } from 'playwright-core';

/** Debian's Chromium, as the browser tests drive it. */
export const CHROMIUM = '/usr/bin/chromium';
/** Without the background-networking flags Chromium reaches for Google services the closed network refuses. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PaneCheckFigures {
  /** Rows the summary says were checked (共 N 行). */
  rows: number;
  /** From the click on Check to the counts on the page. */
  checkMs: number;
  /** Long tasks (over 50 ms) from the click until the page was quiet again. */
  longestTaskMs: number;
  longTasks: number;
  longTaskTotalMs: number;
  /** The texts the progress bar showed, in order ("检查中… 40%"): it moves while the check runs. */
  progress: string[];
  /** Rows of the attention list in the DOM after the check (its render is part of the last tasks). */
  attentionRowsRendered: number;
  /** JS heap in use after the check, after a garbage collection (CDP Runtime.getHeapUsage). */
  heapMB: number;
}

interface PageRecord {
  clickAt: number | null;
  doneAt: number | null;
  tasks: { start: number; duration: number }[];
  progress: string[];
}

/** How long the page must be free of long tasks after the counts appear before the figures are taken. */
const QUIET_MS = 1000;

/** Installed before the click: the long-task observer (buffered), the click's time, the counts' arrival, the progress texts. */
function record(): void {
  const w = window as unknown as { __paneCheck: PageRecord };
  const r: PageRecord = { clickAt: null, doneAt: null, tasks: [], progress: [] };
  w.__paneCheck = r;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) r.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener(
    'click',
    (event) => {
      if ((event.target as Element).closest?.('[data-testid="check-portfolio"]')) r.clickAt ??= event.timeStamp;
    },
    true,
  );
  new MutationObserver(() => {
    if (r.doneAt === null && document.querySelector('[data-testid="count-critical"]')) r.doneAt = performance.now();
    const text = document.querySelector('[data-testid="check-progress"]')?.textContent ?? null;
    if (text !== null && r.progress[r.progress.length - 1] !== text) r.progress.push(text);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

/**
 * Click Check on a pane that is ready (preview mode loaded, no check yet) and measure it. The
 * pane must have shown the portfolio (check-portfolio, preview-grid) before.
 */
export async function measurePaneCheck(page: Page, timeoutMs = 300_000): Promise<PaneCheckFigures> {
  await page.evaluate(record);
  await page.getByTestId('check-portfolio').click();
  await page.getByTestId('count-critical').waitFor({ timeout: timeoutMs });
  const r = await waitForQuiet(page);
  if (r.clickAt === null || r.doneAt === null) throw new Error('the click on Check or the counts were not seen');
  const clickAt = r.clickAt;
  const tasks = r.tasks.filter((t) => t.start + t.duration > clickAt).map((t) => t.duration);
  const summary = (await page.getByTestId('check-summary').textContent()) ?? '';
  const attentionRowsRendered = await page.locator('[data-testid^="attention-row-"]').count();
  return {
    rows: rowsInSummary(summary),
    checkMs: r.doneAt - clickAt,
    longestTaskMs: Math.max(0, ...tasks),
    longTasks: tasks.length,
    longTaskTotalMs: tasks.reduce((n, d) => n + d, 0),
    progress: r.progress,
    attentionRowsRendered,
    heapMB: await heapMB(page),
  };
}

/** The record once no long task has ended for QUIET_MS (the list's render and late effects come after the counts). */
async function waitForQuiet(page: Page): Promise<PageRecord> {
  for (;;) {
    await page.waitForTimeout(QUIET_MS / 2);
    const { r, now } = await page.evaluate(() => ({ r: (window as unknown as { __paneCheck: PageRecord }).__paneCheck, now: performance.now() }));
    const lastEnd = Math.max(r.doneAt ?? 0, ...r.tasks.map((t) => t.start + t.duration));
    if (now - lastEnd >= QUIET_MS) return r;
  }
}

/** 共 5000 行 / 5000 rows: the count the summary heading gives. */
function rowsInSummary(text: string): number {
  const match = /共\s*([\d,]+)\s*行|([\d,]+)\s*rows/.exec(text);
  return match ? Number((match[1] ?? match[2]).replace(/,/g, '')) : Number.NaN;
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1e6;
  } finally {
    await cdp.detach();
  }
}
