/** Preview mode at scale in the built pane: taskpane.html?rows=N checks a generated portfolio of N rows. */
import { measurePaneCheck } from '../../src/bench/paneCheck';
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

test('?rows=5000: the check covers all 5,000 rows, its progress moves, and the longest main-thread task is printed', async () => {
  suite.pane = await openPane(suite.browser, suite.url, { viewport: { width: 1280, height: 900 } }, 'taskpane.html?rows=5000');
  const { page } = suite.pane;
  const figures = await measurePaneCheck(page, 60_000);
  // Printed, not asserted: a speed bound would fail on a slow or busy machine (`npm run bench` has the figures).
  process.stdout.write(
    `?rows=5000 check: ${Math.round(figures.checkMs)} ms, longest task ${Math.round(figures.longestTaskMs)} ms, ` +
      `${figures.longTasks} long tasks (${Math.round(figures.longTaskTotalMs)} ms), progress ${figures.progress.join(' → ')}, ` +
      `attention rows rendered ${figures.attentionRowsRendered}\n`,
  );
  expect(figures.rows).toBe(5000);
  expect(await text(page, 'check-summary')).toContain('共 5000 行');
  const n = await counts(page);
  expect(SEVERITY_ORDER.reduce((sum, s) => sum + n[s], 0)).toBe(5000);
  // The rows are checked in slices with renders between them: the bar shows the check part-way, not only at 100%.
  const checking = figures.progress.map((t) => /检查中\D*(\d+)%/.exec(t)).filter((m) => m !== null);
  expect(checking.some((m) => Number(m[1]) < 100)).toBe(true);
});
