/**
 * "Keep up to date": edits in the table are re-checked row by row, their outputs written,
 * a status typed beside an empty date gets today's date, and the pane hears about it.
 */
import { dayFromYmd, excelSerialFromDay } from '../../src/rules/dates';
import type { SheetModel } from '../../src/excel/fake/model';
import { SETTING } from '../../src/excel/workbook';
import { examplePane, until } from '../helpers/excelPane';
import type { CheckSummary } from '../../src/taskpane/service';

const TODAY_SERIAL = excelSerialFromDay(dayFromYmd(2026, 11, 21));
const setUp = () => examplePane();

/** Every output cell of every row but `except`, to prove they were not rewritten. */
function outputsOf(sheet: SheetModel, columns: number[], except: number): string {
  const out: unknown[] = [];
  for (let r = 1; r < 60; r++) if (r !== except) for (const c of columns) out.push(sheet.value(r, c));
  return JSON.stringify(out);
}

afterEach(async () => {
  await new Promise((r) => setTimeout(r, 0));
});

test('a status typed beside an empty date: the date becomes today, the row is re-checked and written, the pane told', async () => {
  const { model, pane, runtime, sheet, column, rowOf } = setUp();
  await pane.checkPortfolio('zh-CN');
  await pane.setKeepUpToDate(true, 'zh-CN');
  expect(model.settings.get(SETTING.keepUpToDate)).toBe(true);
  const updates: CheckSummary[] = [];
  pane.onUpdate((s) => updates.push(s));

  const row = rowOf('G-017'); // version approved, ICP not filed → next step: submit the filing
  const next = column('下一步');
  const outputs = ['当前阶段', '下一步', '可同时办理', '最近截止', '截止事项', '预计上线', '级别', '提醒', '直播资格', '检查时间'].map(column);
  expect(sheet.value(row, next)).toBe('提交小程序备案');
  const others = outputsOf(sheet, outputs, row);
  const readsBefore = runtime.store.reads;
  const syncsBefore = model.syncs.length;
  const findingsSeen: string[] = [];
  const watch = model.onView(() => findingsSeen.push(String(sheet.value(row, column('提醒')))));

  model.userEdit(sheet, row, column('备案状态'), '平台审核中');
  const also = column('可同时办理');
  await until(() => sheet.value(row, column('备案日期')) === TODAY_SERIAL && String(sheet.value(row, also)).includes('等待备案平台初审'));
  expect(sheet.cell(row, column('备案日期'))?.numberFormat).toBe('yyyy-mm-dd');
  // With the filing under way, the real-name integration is what can be done now; the filing is waited on.
  // Submitted 2026-11-21 (a Saturday): the platform's 2 working days end on Tuesday 2026-11-24.
  expect(sheet.value(row, next)).toBe('接入中宣部实名认证系统');
  expect(sheet.value(row, also)).toBe('等待备案平台初审（预计 2026-11-24）');
  expect(sheet.value(row, column('最近截止'))).toBe(excelSerialFromDay(dayFromYmd(2026, 11, 24)));
  await until(() => updates.length > 0);
  expect(updates[updates.length - 1].total).toBe(48);
  // Only the edited row's outputs were written; the edits cost row reads, not table reads.
  expect(outputsOf(sheet, outputs, row)).toBe(others);
  expect(runtime.store.reads - readsBefore).toBeLessThanOrEqual(3);
  // One read of the row, one write of its date, one of its outputs. The change event the date
  // write causes is known for the add-in's own (same cell, same value): it is not read again.
  // Never an output worked out without the date.
  await new Promise((r) => setTimeout(r, 500));
  watch();
  // And one of History and the state sheet (src/excel/history.ts).
  expect(model.syncs.length - syncsBefore).toBe(4);
  expect(findingsSeen.some((f) => f.includes('DATA-DATE-MISSING'))).toBe(false);
  runtime.store.dispose();
});

test('a status typed where a date is already given leaves the date alone', async () => {
  const { model, pane, runtime, sheet, column, rowOf } = setUp();
  await pane.checkPortfolio('zh-CN');
  await pane.setKeepUpToDate(true, 'zh-CN');
  const row = rowOf('G-005'); // version in review since 2026-11-21
  const date = sheet.value(row, column('版本日期'));
  model.userEdit(sheet, row, column('版本状态'), '已通过');
  await until(() => sheet.value(row, column('当前阶段')) === '备案审核中');
  expect(sheet.value(row, column('版本日期'))).toBe(date);
  runtime.store.dispose();
});

test('an edit that resolves a duplicate key re-checks the other row too', async () => {
  const { model, pane, runtime, sheet, column, rowOf } = setUp();
  await pane.checkPortfolio('zh-CN');
  await pane.setKeepUpToDate(true, 'zh-CN');
  const first = rowOf('G-046');
  const second = [...Array(60).keys()].filter((r) => sheet.value(r, 0) === 'G-046')[1];
  const findings = column('提醒');
  expect(String(sheet.value(second, findings))).toContain('DATA-ID-DUPLICATE');
  model.userEdit(sheet, first, 0, 'G-047');
  await until(() => !String(sheet.value(second, findings)).includes('DATA-ID-DUPLICATE'));
  expect(String(sheet.value(first, findings))).not.toContain('DATA-ID-DUPLICATE');
  runtime.store.dispose();
});

test('switched off: edits are not followed by writes', async () => {
  const { model, pane, runtime, sheet, column, rowOf } = setUp();
  await pane.checkPortfolio('zh-CN');
  await pane.setKeepUpToDate(true, 'zh-CN');
  await pane.setKeepUpToDate(false, 'zh-CN');
  expect(pane.keepUpToDate()).toBe(false);
  const row = rowOf('G-017');
  model.userEdit(sheet, row, column('备案状态'), '平台审核中');
  await new Promise((r) => setTimeout(r, 700));
  expect(sheet.value(row, column('备案日期'))).toBe('');
  expect(sheet.value(row, column('下一步'))).toBe('提交小程序备案');
  runtime.store.dispose();
});

test('the pane and the functions both asking to follow edits at once: one handler per table, one edit reported once', async () => {
  const { model, runtime, sheet, column, rowOf } = setUp();
  await Promise.all([runtime.store.watch(), runtime.store.watch(), runtime.store.watch()]);
  const updates: { edits: unknown[] }[] = [];
  runtime.store.subscribe((u) => updates.push(u));
  model.userEdit(sheet, rowOf('G-001'), column('客户'), '新客户');
  await until(() => updates.length > 0);
  await new Promise((r) => setTimeout(r, 400));
  expect(updates).toHaveLength(1);
  expect(updates[0].edits).toEqual([{ row: rowOf('G-001') - 1, column: column('客户') }]);
  await runtime.store.stopWatching();
  expect(runtime.store.watching).toBe(false);
  runtime.store.dispose();
});

test('with keep up to date on, Check portfolio writes the outputs once (its own reload is not an edit to follow)', async () => {
  const { model, pane, runtime } = setUp();
  await pane.setKeepUpToDate(true, 'zh-CN');
  const updates: CheckSummary[] = [];
  pane.onUpdate((s) => updates.push(s));
  const before = model.syncs.length;
  // The first check adds the ten output columns and makes History: the fake tells the store of
  // those changes before each write's sync resolves (model.ts, emitChangesLater), so they reach
  // it before the pane has said they are its own — on any machine, fast or slow.
  await pane.checkPortfolio('zh-CN');
  // Were any of them taken for an edit, its re-check would start when the store's 300 ms wait
  // for more edits ends: that timer was set before this longer one, so it runs first.
  await new Promise((r) => setTimeout(r, 400));
  // One read of the four tables, one write of the 48 rows' outputs, one of History and the
  // state, nothing more (the new columns and the History table are not edits to follow) …
  expect(model.syncs.length - before).toBe(3);
  // … and the pane is not told of an update, nor does the next check say the last one was keep-up-to-date's.
  expect(updates).toHaveLength(0);
  const next = await pane.checkPortfolio('zh-CN');
  expect(next.since?.previous?.source).toBe('pane');
  runtime.store.dispose();
});

test('an edit that changes no result (the client of a row needing attention) still refreshes what the pane shows of that row, writing nothing', async () => {
  const { model, pane, runtime, sheet, column, rowOf } = setUp();
  const first = await pane.checkPortfolio('zh-CN');
  await pane.setKeepUpToDate(true, 'zh-CN');
  const item = first.rows.find((a) => a.id === 'G-018')!;
  expect(item).toBeDefined();
  const updates: CheckSummary[] = [];
  pane.onUpdate((s) => updates.push(s));
  const syncs = model.syncs.length;
  model.userEdit(sheet, rowOf('G-018'), column('客户'), '新名字科技');
  await until(() => updates.length > 0);
  const after = updates[updates.length - 1].rows.find((a) => a.id === 'G-018')!;
  expect(after.client).toBe('新名字科技');
  expect(updates[updates.length - 1].checkedAt).toBe(first.checkedAt);
  // One read of the edited row; no write.
  expect(model.syncs.length - syncs).toBe(1);
  runtime.store.dispose();
});
