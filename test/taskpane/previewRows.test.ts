/** Preview mode at scale: taskpane.html?rows=N opens a generated portfolio of N rows. */
import { createPreviewService, previewRowsFrom } from '../../src/taskpane/preview';
import { sharedRuntime, setSharedRuntime } from '../../src/excel/runtime';

afterEach(() => {
  sharedRuntime().store.dispose();
  setSharedRuntime(null);
});

test('?rows=N is read as a whole number from 1 to 100,000; anything else means the example', () => {
  expect(previewRowsFrom('?rows=5000')).toBe(5000);
  expect(previewRowsFrom('?lang=en&rows=1')).toBe(1);
  expect(previewRowsFrom('?rows=100000')).toBe(100_000);
  for (const search of ['', '?rows=', '?rows=0', '?rows=-5', '?rows=12.5', '?rows=1e3', '?rows=100001', '?rows=abc']) expect(previewRowsFrom(search)).toBeNull();
});

test('a generated portfolio of 750 rows is checked whole, as of today', async () => {
  const now = Date.UTC(2026, 11, 2, 2, 0);
  const service = createPreviewService({ rows: 750, now });
  const summary = await service.checkPortfolio('zh-CN');
  expect(summary.total).toBe(750);
  expect(Object.values(summary.bySeverity).reduce((a, b) => a + b, 0)).toBe(750);
  // The grid can show every row: the header and the 750 rows, the last one's ID among them.
  const preview = service.previewWorkbook!;
  expect(preview.sheetSize('项目')).toMatchObject({ rows: 751, frozenRows: 1 });
  expect(preview.cell('项目', 0, 0).text).toBe('项目编号');
  expect(preview.cell('项目', 750, 0).text).not.toBe('');
});

test('without rows, the 48-row example', async () => {
  const summary = await createPreviewService({ rows: null }).checkPortfolio('zh-CN');
  expect(summary.total).toBe(48);
});
