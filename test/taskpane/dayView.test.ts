/** What the list shows for the filters set (src/taskpane/dayView.ts), at its boundary days. */
import { dayFromYmd } from '../../src/rules/dates';
import { NO_FILTERS, isFiltered, ownerRows, toggleTile, viewCounts, visibleRows } from '../../src/taskpane/dayView';
import { attentionItem, TODAY } from './fakeService';

const row = (n: number, owner: string | null, due: number | null, findings: Parameters<typeof attentionItem>[0]['findings'] = []) =>
  attentionItem({ row: n, id: `G-${n}`, client: `客户${n}`, name: null, owner, due, dueFor: due === null ? null : 'version', nextStep: { code: 'version.submit' }, findings });
const warning = [{ rule: 'FLOW-REJECTED' as const, severity: 'warning' as const, step: 'version' as const, args: { step: 'version' } }];

const rows = [
  row(1, '张敏', dayFromYmd(2026, 11, 20)), // overdue (yesterday)
  row(2, '张敏', dayFromYmd(2026, 11, 27)), // due on the 7th day (today + 6)
  row(3, '李雷', dayFromYmd(2026, 11, 28)), // due on the 8th day: neither overdue nor due within 7 days
  row(4, '李雷', null, warning),
  row(5, null, null),
];

test('the day\'s list: overdue, due within 7 days (to 2026-11-27) and warnings; the rest is fine', () => {
  expect(visibleRows(rows, NO_FILTERS, TODAY).map((r) => r.row)).toEqual([1, 2, 4]);
  expect(viewCounts(rows, TODAY)).toMatchObject({ total: 5, overdue: 1, dueWithin7: 1, fine: 2, bySeverity: { ok: 4, warning: 1 } });
});

test('a tile looks at every row; the owner narrows rows and counts alike', () => {
  expect(visibleRows(rows, toggleTile(NO_FILTERS, 'ok'), TODAY).map((r) => r.row)).toEqual([1, 2, 3, 5]);
  const mine = ownerRows(rows, '李雷');
  expect(mine.map((r) => r.row)).toEqual([3, 4]);
  expect(viewCounts(mine, TODAY)).toMatchObject({ total: 2, overdue: 0, dueWithin7: 0, fine: 1 });
  expect(isFiltered({ ...NO_FILTERS, owner: '李雷' })).toBe(true);
  expect(isFiltered({ ...NO_FILTERS, search: '   ' })).toBe(false); // blanks are no search
});

test('search looks in ID, client and name only, case- and width-insensitively', () => {
  const search = (text: string) => visibleRows(rows, { ...NO_FILTERS, search: text }, TODAY).map((r) => r.row);
  expect(search('g-3')).toEqual([3]);
  expect(search('客户５')).toEqual([5]);
  expect(search('version')).toEqual([]); // not the next step's code
});
