/**
 * Columns that are the product's, and only those (issue 7 §2), through the adapter on the fake
 * Excel: the workbook's ownership record (a custom XML part) says which output columns are
 * ours; a user's own 级别 or 下一步 is never written to, the product's column goes beside it.
 */
import { dayFromYmd, excelSerialFromDay } from '../../src/rules/dates';
import { fakeExcel } from '../../src/excel/fake/api';
import { addTable } from '../../src/excel/fake/example';
import { CellData, SheetModel, TableModel, WorkbookModel } from '../../src/excel/fake/model';
import { readWorkbook } from '../../src/excel/read';
import { createRuntime } from '../../src/excel/runtime';
import { memoryDocumentSettings } from '../../src/excel/workbook';
import { ExcelPaneService } from '../../src/taskpane/paneService';
import type { StoreUpdate } from '../../src/excel/store';
import { OUTPUT_COLUMNS } from '../../src/workbook/columns';
import { OWNERSHIP_NAMESPACE, parseOwnership, serializeOwnership } from '../../src/workbook/ownership';

/** 2026-11-21 10:00 in China. */
const NOW = Date.UTC(2026, 10, 21, 2, 0);
const DAY = excelSerialFromDay(dayFromYmd(2026, 11, 18));
const SEVERITIES = ['严重', '错误', '警告', '提示', '正常'];
const ZH_OUTPUTS = OUTPUT_COLUMNS.map((c) => c.zh);

/** A new pane on the workbook, as when the task pane is opened (nothing remembered but the workbook). */
function open(model: WorkbookModel) {
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  const pane = new ExcelPaneService({ runtime, settings: memoryDocumentSettings(model.settings), isSetSupported: () => true, officeLanguage: 'zh-CN', now: () => NOW });
  return { pane, store: runtime.store };
}

/** A portfolio with the user's own 级别 (VIP …) and 下一步 (the manager's plan). */
function withUserColumns(): WorkbookModel {
  const model = new WorkbookModel();
  addTable(model, '项目', 'Portfolio', [
    ['项目编号', '客户', '名称', '级别', '下一步', '版本状态', '版本日期'],
    ['G-001', '云帆', '消消乐', 'VIP', '等王总确认报价', '审核中', DAY],
    ['G-002', '远山', '跑酷', '普通', '下周拜访', '已通过', DAY],
    ['G-003', '星河', '答题', 'VIP', '', '驳回', DAY],
  ]);
  return model;
}

function headersOf(model: WorkbookModel): string[] {
  return model.table('Portfolio')!.headers();
}

function column(model: WorkbookModel, header: string): number {
  const at = headersOf(model).indexOf(header);
  if (at < 0) throw new Error(`no column ${header}`);
  return at;
}

/** The cells of some columns, row by row (header included), for cell-for-cell comparison. */
function cellsOf(sheet: SheetModel, columns: number[], rows: number): (CellData | undefined)[][] {
  return Array.from({ length: rows }, (_, r) => columns.map((c) => (sheet.cell(r, c) ? { ...sheet.cell(r, c)! } : undefined)));
}

function ourParts(model: WorkbookModel) {
  return model.customXmlParts.filter((p) => p.namespaceUri === OWNERSHIP_NAMESPACE);
}

function recordOf(model: WorkbookModel) {
  const parts = ourParts(model);
  expect(parts).toHaveLength(1);
  return parseOwnership(parts[0].xml)!;
}

async function until(done: () => boolean, ms = 4000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a user column 级别 holding VIP and 下一步 holding the manager’s plan', () => {
  test('survive a check and a re-check cell for cell; the outputs go to columns of their own, reused', async () => {
    const model = withUserColumns();
    const sheet = model.sheet('项目')!;
    const userColumns = [0, 1, 2, 3, 4, 5, 6];
    const before = cellsOf(sheet, userColumns, 4);

    const first = open(model);
    const summary = await first.pane.checkPortfolio('zh-CN');
    expect(summary.clashes).toEqual([
      { userHeader: '下一步', header: '下一步（Launch Tracker）' },
      { userHeader: '级别', header: '级别（Launch Tracker）' },
    ]);
    const headers = headersOf(model);
    expect(headers.slice(7)).toEqual(ZH_OUTPUTS.map((h) => (h === '级别' || h === '下一步' ? `${h}（Launch Tracker）` : h)));
    expect(cellsOf(sheet, userColumns, 4)).toEqual(before);
    expect(sheet.value(1, 3)).toBe('VIP');
    expect(sheet.value(1, 4)).toBe('等王总确认报价');
    // The results are in the product's columns.
    const severity = column(model, '级别（Launch Tracker）');
    const next = column(model, '下一步（Launch Tracker）');
    for (let r = 1; r <= 3; r++) {
      expect(SEVERITIES).toContain(sheet.value(r, severity));
      expect(String(sheet.value(r, next))).not.toBe('');
    }
    // The severity colours went on the product's column, not the user's.
    expect(sheet.conditionalFormats.filter((cf) => cf.rect.left === 3)).toEqual([]);
    expect(sheet.conditionalFormats.filter((cf) => cf.rect.left === severity)).toHaveLength(10);
    // The record: this table, these headers.
    expect(recordOf(model)).toEqual({
      portfolio: { table: 'Portfolio', sheet: '项目', columns: Object.fromEntries(OUTPUT_COLUMNS.map((c) => [c.key, headers[7 + OUTPUT_COLUMNS.indexOf(c)]])) },
      summarySheet: null,
    });
    const xml = ourParts(model)[0].xml;

    // Re-check, in the same pane and in a pane opened afresh: the same columns, nothing added.
    for (const { pane } of [first, open(model)]) {
      const again = await pane.checkPortfolio('zh-CN');
      expect(again.clashes).toBeUndefined();
      expect(headersOf(model)).toEqual(headers);
      expect(pane.lastWrite!.addedColumns).toEqual([]);
      expect(pane.lastWrite!.basis).toBe('record');
      expect(cellsOf(sheet, userColumns, 4)).toEqual(before);
      expect(ourParts(model).map((p) => p.xml)).toEqual([xml]);
    }
    first.store.dispose();
  });

  test('English: the product’s column is "Severity (Launch Tracker)" beside the user’s Severity', async () => {
    const model = new WorkbookModel();
    addTable(model, 'Sheet1', 'Portfolio', [
      ['ID', 'Client', 'Severity'],
      ['G-1', 'Acme', 'VIP'],
    ]);
    const { pane } = open(model);
    const summary = await pane.checkPortfolio('en');
    expect(summary.clashes).toEqual([{ userHeader: 'Severity', header: 'Severity (Launch Tracker)' }]);
    expect(model.sheet('Sheet1')!.value(1, 2)).toBe('VIP');
    expect(recordOf(model).portfolio!.columns.severity).toBe('Severity (Launch Tracker)');
  });
});

describe('tables the product set up update in place', () => {
  test('a table made by "Create portfolio" (record written) updates in place', async () => {
    const model = new WorkbookModel();
    model.addSheet('Sheet1');
    const created = open(model);
    await created.pane.createPortfolio('zh-CN');
    const table = model.table('Portfolio')!;
    const headers = table.headers();
    expect(recordOf(model).portfolio).toEqual({
      table: 'Portfolio',
      sheet: '项目',
      columns: Object.fromEntries(OUTPUT_COLUMNS.map((c) => [c.key, c.zh])),
    });
    const sheet = table.sheet;
    sheet.ensure(1, 0).value = 'G-1';
    sheet.ensure(1, headers.indexOf('客户')).value = '云帆';
    const { pane } = open(model);
    const summary = await pane.checkPortfolio('zh-CN');
    expect(summary.clashes).toBeUndefined();
    expect(pane.lastWrite!.basis).toBe('record');
    expect(table.headers()).toEqual(headers);
    expect(SEVERITIES).toContain(sheet.value(1, headers.indexOf('级别')));
    expect(ourParts(model)).toHaveLength(1);
  });

  test('a legacy table (all ten output headers, no custom XML part) updates in place and gets a record', async () => {
    const model = new WorkbookModel();
    addTable(model, '项目', 'Portfolio', [
      ['项目编号', '客户', ...ZH_OUTPUTS, '版本状态'],
      ['G-1', '云帆', ...ZH_OUTPUTS.map(() => '旧'), '审核中'],
    ]);
    const sheet = model.sheet('项目')!;
    const headers = headersOf(model);
    const { pane } = open(model);
    const summary = await pane.checkPortfolio('zh-CN');
    expect(summary.clashes).toBeUndefined();
    expect(pane.lastWrite!.basis).toBe('legacy');
    expect(headersOf(model)).toEqual(headers);
    expect(SEVERITIES).toContain(sheet.value(1, headers.indexOf('级别')));
    expect(sheet.value(1, headers.indexOf('下一步'))).not.toBe('旧');
    expect(sheet.value(1, headers.indexOf('版本状态'))).toBe('审核中');
    expect(recordOf(model).portfolio!.columns).toEqual(Object.fromEntries(OUTPUT_COLUMNS.map((c) => [c.key, c.zh])));
    // The next check goes by the record.
    const again = open(model);
    await again.pane.checkPortfolio('zh-CN');
    expect(again.pane.lastWrite!.basis).toBe('record');
    expect(ourParts(model)).toHaveLength(1);
  });
});

test('a recorded column the user renamed is the user’s from then on: never written, the product’s added again', async () => {
  const model = new WorkbookModel();
  addTable(model, '项目', 'Portfolio', [
    ['项目编号', '客户', '版本状态'],
    ['G-1', '云帆', '审核中'],
    ['G-2', '远山', '已通过'],
  ]);
  const sheet = model.sheet('项目')!;
  await open(model).pane.checkPortfolio('zh-CN');
  const renamed = column(model, '级别');
  sheet.ensure(0, renamed).value = '客户等级';
  sheet.ensure(1, renamed).value = 'VIP';
  sheet.ensure(2, renamed).value = '普通';
  const width = headersOf(model).length;

  const { pane } = open(model);
  const summary = await pane.checkPortfolio('zh-CN');
  expect(summary.clashes).toBeUndefined();
  expect(pane.lastWrite!.addedColumns).toEqual(['级别']);
  expect(headersOf(model).length).toBe(width + 1);
  expect([sheet.value(1, renamed), sheet.value(2, renamed)]).toEqual(['VIP', '普通']);
  const severity = column(model, '级别');
  expect(severity).toBe(width);
  expect(SEVERITIES).toContain(sheet.value(1, severity));
  expect(recordOf(model).portfolio!.columns.severity).toBe('级别');
  expect(recordOf(model).portfolio!.columns.stage).toBe('当前阶段');
});

describe('keep up to date goes by the record', () => {
  test('edits to owned columns are ignored; an edit in the user’s column named 级别 is followed', async () => {
    const model = withUserColumns();
    const sheet = model.sheet('项目')!;
    const { pane, store } = open(model);
    await pane.checkPortfolio('zh-CN');
    await pane.setKeepUpToDate(true, 'zh-CN');
    const updates: StoreUpdate[] = [];
    store.subscribe((u) => updates.push(u));
    const reads = store.reads;

    // An edit in the product's own columns changes nothing the check reads.
    model.userEdit(sheet, 2, column(model, '级别（Launch Tracker）'), '随手改的');
    model.userEdit(sheet, 2, column(model, '下一步（Launch Tracker）'), '随手改的');
    await new Promise((r) => setTimeout(r, 700));
    expect(updates).toEqual([]);
    expect(store.reads).toBe(reads);

    // The user's own 级别 is the user's input: the row is read again and re-checked.
    model.userEdit(sheet, 2, 3, 'VVIP');
    await until(() => updates.length > 0);
    expect(updates[0].edits).toEqual([{ row: 1, column: 3 }]);
    expect(store.reads).toBe(reads + 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(sheet.value(2, 3)).toBe('VVIP');
    expect(sheet.value(1, 3)).toBe('VIP');
    store.dispose();
  });
});

describe('keep up to date after a write that found the outputs by the legacy rule', () => {
  test('the columns the write wrote are the ones the store leaves alone', async () => {
    const model = new WorkbookModel();
    addTable(model, '项目', 'Portfolio', [
      ['项目编号', '客户', '名称', '版本状态', '版本日期', ...ZH_OUTPUTS],
      ['G-001', '云帆', '消消乐', '审核中', DAY, ...ZH_OUTPUTS.map(() => '')],
      ['G-002', '远山', '跑酷', '已通过', DAY, ...ZH_OUTPUTS.map(() => '')],
    ]);
    const sheet = model.sheet('项目')!;
    const { pane, store } = open(model);
    await pane.checkPortfolio('zh-CN');
    expect(pane.lastWrite!.basis).toBe('legacy');
    expect(pane.lastWrite!.addedColumns).toEqual([]);
    await pane.setKeepUpToDate(true, 'zh-CN');
    const updates: StoreUpdate[] = [];
    store.subscribe((u) => updates.push(u));

    for (const key of ['severity', 'nextStep', 'checkedAt'] as const) model.userEdit(sheet, 1, pane.lastWrite!.positions[key], '随手改的');
    await new Promise((r) => setTimeout(r, 700));
    expect(updates).toEqual([]);

    model.userEdit(sheet, 1, column(model, '客户'), '云帆科技');
    await until(() => updates.length > 0);
    expect(updates[0].edits).toEqual([{ row: 0, column: column(model, '客户') }]);
    store.dispose();
  });
});

describe('reading and saving the record', () => {
  test('the record is read in the same sync as the four tables', async () => {
    const model = withUserColumns();
    await open(model).pane.checkPortfolio('zh-CN');
    const excel = fakeExcel(model);
    const first = await readWorkbook(excel.run);
    const second = await readWorkbook(excel.run, first.stats.tableNames);
    expect(second.stats.syncs).toBe(1);
    expect(second.ownership.parts).toHaveLength(1);
    expect(second.ownership.record!.portfolio!.columns.severity).toBe('级别（Launch Tracker）');
  });

  test('two records in the namespace (another table’s and this one’s): this one’s is used, one remains', async () => {
    const model = withUserColumns();
    await open(model).pane.checkPortfolio('zh-CN');
    const ours = ourParts(model)[0].xml;
    // Another tool's record for another table, added after ours.
    model.addCustomXmlPart(serializeOwnership({ portfolio: { table: 'Clients', sheet: '客户', columns: { severity: '级别' } }, summarySheet: '汇总' }));
    const width = headersOf(model).length;
    const before = cellsOf(model.sheet('项目')!, [3, 4], 4);
    const { pane } = open(model);
    await pane.checkPortfolio('zh-CN');
    expect(pane.lastWrite!.basis).toBe('record');
    expect(headersOf(model).length).toBe(width);
    expect(cellsOf(model.sheet('项目')!, [3, 4], 4)).toEqual(before);
    // The two were made one again (the part that held this table's record may be either).
    expect(ourParts(model)).toHaveLength(1);
    expect(parseOwnership(ourParts(model)[0].xml)!.portfolio).toEqual(parseOwnership(ours)!.portfolio);
  });

  test('a write that fails (a table in the way of the new columns) saves no record', async () => {
    const model = new WorkbookModel();
    const sheet = model.addSheet('Sheet1');
    const cells = [['项目编号', '级别', '', '备注'], ['G-1', 'VIP', '', 'x']];
    cells.forEach((line, r) => line.forEach((v, c) => v !== '' && (sheet.ensure(r, c).value = v)));
    model.tables.push(new TableModel('Portfolio', 't1', sheet, 0, 0, 2, 1), new TableModel('Notes', 't2', sheet, 0, 3, 1, 1));
    const { pane } = open(model);
    await expect(pane.checkPortfolio('zh-CN')).rejects.toMatchObject({ code: 'wrong-shape' });
    expect(ourParts(model)).toEqual([]);
    expect(sheet.value(1, 1)).toBe('VIP');
  });

  test('a custom XML part of someone else’s is left alone', async () => {
    const model = withUserColumns();
    const theirs = model.addCustomXmlPart('<Reviewers xmlns="http://schemas.contoso.com/review/1.0"><Reviewer>Juan</Reviewer></Reviewers>');
    await open(model).pane.checkPortfolio('zh-CN');
    expect(model.customXmlParts[0]).toEqual(theirs);
    expect(model.customXmlParts).toHaveLength(2);
  });
});

describe('"Create portfolio" on an existing portfolio', () => {
  test('a user’s 级别 is not taken for the product’s: its column goes beside it, and the check uses that one', async () => {
    const model = new WorkbookModel();
    addTable(model, 'Clients', 'Portfolio', [
      ['项目编号', '客户', '级别'],
      ['G-1', '云帆', 'VIP'],
    ]);
    const sheet = model.sheet('Clients')!;
    const { pane } = open(model);
    const outcome = await pane.createPortfolio('zh-CN');
    expect(outcome.clashes).toEqual([{ userHeader: '级别', header: '级别（Launch Tracker）' }]);
    expect(outcome.addedColumns).toContain('级别（Launch Tracker）');
    expect(outcome.addedColumns).not.toContain('级别');
    expect(outcome.addedColumns).toContain('下一步');
    expect(sheet.value(1, 2)).toBe('VIP');
    const ours = column(model, '级别（Launch Tracker）');
    // The template's severity colours went on the product's column.
    expect(sheet.conditionalFormats.filter((cf) => cf.rect.left === 2)).toEqual([]);
    expect(sheet.conditionalFormats.filter((cf) => cf.rect.left === ours).length).toBeGreaterThan(0);
    expect(recordOf(model).portfolio!.columns.severity).toBe('级别（Launch Tracker）');

    const width = headersOf(model).length;
    const checker = open(model);
    const summary = await checker.pane.checkPortfolio('zh-CN');
    expect(summary.clashes).toBeUndefined();
    expect(headersOf(model).length).toBe(width);
    expect(sheet.value(1, 2)).toBe('VIP');
    expect(SEVERITIES).toContain(sheet.value(1, ours));
    // Again: nothing to add, the record unchanged.
    const xml = ourParts(model)[0].xml;
    expect(await open(model).pane.createPortfolio('zh-CN')).toEqual({ created: false, addedColumns: [], addedTables: [] });
    expect(ourParts(model).map((p) => p.xml)).toEqual([xml]);
  });
});
