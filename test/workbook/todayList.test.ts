/** The day's list (src/workbook/summary.ts): which rows ask something now, and in which group. */
import { dayFromYmd } from '../../src/rules/dates';
import { AttentionItem, needsAction, todayGroup, todayList } from '../../src/workbook/summary';

const TODAY = dayFromYmd(2026, 11, 21);
const item = (row: number, severity: AttentionItem['severity'], due: number | null): AttentionItem => ({
  row, id: `G-${row}`, client: null, name: null, owner: null, nextStep: { code: 'version.submit', text: '提交' }, due, dueFor: due === null ? null : 'version', severity, findings: [],
});

test('a warning or worse always; info and ok only when due by 2026-11-27 (today and the six days after) or overdue', () => {
  expect(needsAction(item(1, 'warning', null), TODAY)).toBe(true);
  expect(needsAction(item(2, 'critical', dayFromYmd(2027, 1, 1)), TODAY)).toBe(true);
  expect(needsAction(item(3, 'info', null), TODAY)).toBe(false);
  expect(needsAction(item(4, 'info', dayFromYmd(2026, 11, 27)), TODAY)).toBe(true);
  expect(needsAction(item(5, 'info', dayFromYmd(2026, 11, 28)), TODAY)).toBe(false);
  expect(needsAction(item(6, 'ok', dayFromYmd(2026, 11, 20)), TODAY)).toBe(true);
});

test('groups: before today overdue, today, up to 2026-11-27 this week, later or no date later', () => {
  expect(todayGroup(item(1, 'info', dayFromYmd(2026, 11, 20)), TODAY)).toBe('overdue');
  expect(todayGroup(item(2, 'info', TODAY), TODAY)).toBe('today');
  expect(todayGroup(item(3, 'info', dayFromYmd(2026, 11, 27)), TODAY)).toBe('week');
  expect(todayGroup(item(4, 'error', dayFromYmd(2026, 11, 28)), TODAY)).toBe('later');
  expect(todayGroup(item(5, 'error', null), TODAY)).toBe('later');
});

test('the list: overdue first whatever its severity, then today, this week, later; most severe first inside a group', () => {
  const list = todayList(
    [
      item(1, 'critical', null),
      item(2, 'info', dayFromYmd(2026, 11, 10)),
      item(3, 'warning', TODAY),
      item(4, 'error', dayFromYmd(2026, 11, 25)),
      item(5, 'warning', dayFromYmd(2026, 11, 24)),
      item(6, 'info', dayFromYmd(2026, 12, 5)),
    ],
    TODAY,
  );
  expect(list.map((a) => a.row)).toEqual([2, 3, 4, 5, 1]);
});
