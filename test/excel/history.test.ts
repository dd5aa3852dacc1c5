/**
 * History written by the pane (src/excel/history.ts, src/taskpane/historyTracker.ts) on the fake
 * Excel: a first check records a baseline; an edit and a second check append only that row's
 * changes; keep-up-to-date appends with its own source; a workbook checked by the command line
 * is compared with the state the command line recorded; a sheet or table of the user's under the
 * product's names is left alone; records older than 400 days are dropped.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dayFromExcelSerial, toIso } from '../../src/rules/dates';
import { readHistoryInput } from '../../src/cli/xlsx/history';
import { WorkbookPackage } from '../../src/cli/xlsx/package';
import { readSheet } from '../../src/cli/xlsx/sheetRead';
import type { SheetModel, WorkbookModel } from '../../src/excel/fake/model';
import { addTable } from '../../src/excel/fake/example';
import { STATE_MAGIC, STATE_SHEET } from '../../src/workbook/history';
import { cellText } from '../../src/workbook/values';
import { run } from '../helpers/cli';
import { fakeExcel } from '../../src/excel/fake/api';
import { generatedWorkbook } from '../../src/excel/fake/example';
import { WEB_PAYLOAD_LIMIT } from '../../src/excel/fake/model';
import { createRuntime } from '../../src/excel/runtime';
import { memoryDocumentSettings } from '../../src/excel/workbook';
import { ExcelPaneService } from '../../src/taskpane/paneService';
import { generateSample } from '../../src/workbook/sample';
import { dayFromYmd } from '../../src/rules/dates';
import { INPUT_COLUMNS } from '../../src/workbook/columns';
import { examplePane, NOW, until } from '../helpers/excelPane';

const HISTORY_HEADERS_ZH = ['时间', '项目编号', '变更项', '原值', '新值', '来源'];

/** The History table's records as the sheet shows them: [when as text, ID, what, from, to, source]. */
function records(model: WorkbookModel): string[][] {
  const table = model.table('History')!;
  const out: string[][] = [];
  for (let r = table.top + 1; r <= table.top + table.height; r++) {
    out.push(Array.from({ length: 6 }, (_, c) => {
      const v = table.sheet.value(r, table.left + c);
      if (c === 0 && typeof v === 'number') return `${toIso(dayFromExcelSerial(v)!)} ${minutes(v)}`;
      return String(v);
    }));
  }
  return out;
}

function minutes(serial: number): string {
  const m = Math.round((serial - Math.floor(serial)) * 1440);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function stateSheet(model: WorkbookModel): SheetModel {
  return model.sheet(STATE_SHEET)!;
}

afterEach(async () => {
  await new Promise((r) => setTimeout(r, 0));
});

test('a first check records a baseline: the very hidden state sheet (all text) and the History table on 变更记录', async () => {
  const { model, pane , runtime } = examplePane();
  const summary = await pane.checkPortfolio('zh-CN');
  const state = stateSheet(model);
  expect(state.visibility).toBe('VeryHidden');
  expect(model.sheets.filter((s) => s.visibility === 'Visible').map((s) => s.name)).toContain('变更记录');
  expect(state.value(0, 0)).toBe(STATE_MAGIC);
  // Every state cell is text under a text format: "2026-11-24" did not become a date serial.
  let cells = 0;
  state.cells.forEach((line) =>
    line.forEach((cell) => {
      if (cell.value === '') return;
      cells++;
      expect(typeof cell.value).toBe('string');
      expect(cell.numberFormat).toBe('@');
    }),
  );
  expect(cells).toBeGreaterThanOrEqual(48 * 2); // format 2: the ID and its state, two cells a row
  const table = model.table('History')!;
  expect(table.sheet.name).toBe('变更记录');
  expect(table.headers()).toEqual(HISTORY_HEADERS_ZH);
  // 2026-11-21 10:00 in China.
  expect(records(model)).toEqual([['2026-11-21 10:00', '', '基线', '', '45 个项目', '任务窗格']]);
  expect(table.sheet.cell(table.top + 1, 0)?.numberFormat).toBe('yyyy-mm-dd hh:mm');
  expect(table.sheet.cell(table.top + 1, 4)?.numberFormat).toBe('@');
  expect(summary.since).toEqual({ previous: null, records: 1, items: [], blocked: null });
  runtime.store.dispose();
});

test('an edit, then a second check: only that row is recorded, with source 任务窗格, and since-last-check names it with its row', async () => {
  const { model, pane, sheet, column, rowOf , runtime } = examplePane();
  await pane.checkPortfolio('zh-CN');
  const row = rowOf('G-017'); // ICP not filed
  const versionDate = toIso(dayFromExcelSerial(sheet.value(row, column('版本日期')) as number)!);
  model.userEdit(sheet, row, column('备案状态'), '已备案');
  model.userEdit(sheet, row, column('版本日期'), '46346'); // 2026-11-20
  const summary = await pane.checkPortfolio('zh-CN');
  const added = records(model).slice(1);
  expect(added.length).toBeGreaterThan(1);
  expect(new Set(added.map((r) => r[1]))).toEqual(new Set(['G-017']));
  expect(new Set(added.map((r) => r[5]))).toEqual(new Set(['任务窗格']));
  expect(added).toContainEqual(['2026-11-21 10:00', 'G-017', '备案状态', '未备案', '已备案', '任务窗格']);
  expect(added).toContainEqual(['2026-11-21 10:00', 'G-017', '版本日期', versionDate, '2026-11-20', '任务窗格']);
  // The date stays text in the From/To column (formatted "@" before it was written).
  const history = model.table('History')!;
  const dateCell = [...Array(history.height).keys()].map((k) => history.sheet.cell(history.top + 1 + k, 4)).find((c) => c?.value === '2026-11-20');
  expect(dateCell?.numberFormat).toBe('@');
  // Of the state sheet, only what changed was written: the edited row (and row 1, the check's time).
  expect(pane.history.lastWrite!.stateRowsWritten).toBeGreaterThanOrEqual(1);
  expect(pane.history.lastWrite!.stateRowsWritten).toBeLessThanOrEqual(2);
  const since = summary.since!;
  expect(since.previous?.source).toBe('pane');
  expect(since.records).toBe(added.length);
  // The table row (0-based data row) is what a click selects.
  expect(since.items).toContainEqual(expect.objectContaining({ kind: 'approved', id: 'G-017', detail: 'icp', row: row - 1 }));
  runtime.store.dispose();
});

test('keep up to date: an edit appends that row with source 自动更新, rows not re-read are not taken for removed', async () => {
  const { model, pane, sheet, column, rowOf , runtime } = examplePane();
  await pane.checkPortfolio('zh-CN');
  await pane.setKeepUpToDate(true, 'zh-CN');
  const before = records(model).length;
  const row = rowOf('G-017');
  model.userEdit(sheet, row, column('备案状态'), '平台审核中');
  await until(() => records(model).length > before);
  await new Promise((r) => setTimeout(r, 400));
  const added = records(model).slice(before);
  expect(new Set(added.map((r) => r[1]))).toEqual(new Set(['G-017']));
  expect(new Set(added.map((r) => r[5]))).toEqual(new Set(['自动更新']));
  expect(added).toContainEqual(['2026-11-21 10:00', 'G-017', '备案状态', '未备案', '平台审核中', '自动更新']);
  expect(added).toContainEqual(['2026-11-21 10:00', 'G-017', '最近截止', '', '2026-11-24（小程序备案）', '自动更新']);
  expect(added.some((r) => r[2] === '项目')).toBe(false);
  // A second edit compares with the state the first one left.
  const after = records(model).length;
  model.userEdit(sheet, row, column('客户'), '另一个客户'); // History does not follow the client
  await new Promise((r) => setTimeout(r, 600));
  expect(records(model).length).toBe(after);
  runtime.store.dispose();
});

test('a workbook the command line checked: the pane compares with the state the command line recorded', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-pane-history-'));
  try {
    const copy = path.join(dir, 'checked.xlsx');
    const cli = await run('check', path.join(__dirname, '..', '..', 'examples', 'portfolio.xlsx'), '--out', copy, '--as-of', '2026-11-21');
    expect(cli.code).toBe(0);
    const cells = await stateCellsOf(copy);
    expect(cells[0][0]).toBe(STATE_MAGIC);
    expect(cells[0][4]).toBe('cli');
    const { model, pane, sheet, column, rowOf , runtime } = examplePane((m) => putSheet(m, STATE_SHEET, cells));
    const first = await pane.checkPortfolio('zh-CN');
    // Nothing changed since the command line's check: no baseline, no record.
    expect(first.since?.previous).toEqual({ checkedAt: expect.any(Number), source: 'cli' });
    expect(first.since?.records).toBe(0);
    expect(model.table('History')).toBeUndefined();
    model.userEdit(sheet, rowOf('G-017'), column('备案状态'), '已备案');
    const second = await pane.checkPortfolio('zh-CN');
    expect(second.since?.previous?.source).toBe('pane');
    expect(new Set(records(model).map((r) => r[1]))).toEqual(new Set(['G-017']));
    runtime.store.dispose();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

test('a sheet of the user named LaunchTrackerState is left alone, and no history is written', async () => {
  const { model, pane , runtime } = examplePane((m) => putSheet(m, STATE_SHEET, [['我的笔记', '2026-11-24']]));
  const summary = await pane.checkPortfolio('zh-CN');
  const mine = model.sheet(STATE_SHEET)!;
  expect(mine.visibility).toBe('Visible');
  expect([mine.value(0, 0), mine.value(0, 1), mine.usedExtent()]).toEqual(['我的笔记', '2026-11-24', { rows: 1, cols: 2 }]);
  expect(model.table('History')).toBeUndefined();
  expect(summary.since?.blocked).toEqual({ what: 'sheet', name: STATE_SHEET });
  runtime.store.dispose();
});

test('a table of the user named History is left alone', async () => {
  const { model, pane , runtime } = examplePane((m) => addTable(m, 'Log', 'History', [['日期', '备注'], ['2026-11-01', '开会']]));
  const summary = await pane.checkPortfolio('zh-CN');
  const table = model.table('History')!;
  expect(table.headers()).toEqual(['日期', '备注']);
  expect(table.height).toBe(1);
  expect(model.sheet(STATE_SHEET)).toBeUndefined();
  expect(summary.since?.blocked).toEqual({ what: 'table', name: 'History' });
  runtime.store.dispose();
});

test('records older than 400 days are dropped at the next check', async () => {
  const { model, pane, sheet, column, rowOf , runtime } = examplePane();
  await pane.checkPortfolio('zh-CN');
  const history = model.table('History')!;
  const baseline = history.sheet.cell(history.top + 1, 0)!;
  baseline.value = (baseline.value as number) - 401;
  model.userEdit(sheet, rowOf('G-017'), column('备案状态'), '已备案');
  await pane.checkPortfolio('zh-CN');
  const now = records(model);
  expect(now.some((r) => r[2] === '基线')).toBe(false);
  expect(now.length).toBeGreaterThan(0);
  expect(new Set(now.map((r) => r[1]))).toEqual(new Set(['G-017']));
  expect(history.top).toBe(0);
  runtime.store.dispose();
});

test('English headers: the History table goes on "Change history (2)" when a sheet of the user has that name', async () => {
  const { model, pane, runtime } = examplePane((m) => {
    const portfolio = m.sheet('项目')!;
    for (let c = 0; c < 60; c++) {
      const def = INPUT_COLUMNS.find((d) => d.zh === portfolio.value(0, c));
      if (def) portfolio.ensure(0, c).value = def.en;
    }
    m.addSheet('Change history').ensure(0, 0).value = 'notes';
  });
  await pane.checkPortfolio('en');
  const table = model.table('History')!;
  expect(table.sheet.name).toBe('Change history (2)');
  expect(table.headers()).toEqual(['When', 'ID', 'What', 'From', 'To', 'Source']);
  expect(records(model)[0].slice(2)).toEqual(['Baseline', '', '45 rows', 'pane']);
  expect(model.sheet('Change history')!.value(0, 0)).toBe('notes');
  runtime.store.dispose();
});

test('Excel on the web, 20,000 rows: the state is read in blocks, every request under 5 MB, and an edit rewrites only its row', async () => {
  const asOf = dayFromYmd(2026, 11, 21);
  const sample = generateSample({ rows: 20_000, seed: 7, asOf, dates: 'serial' });
  const model = generatedWorkbook(sample.headers as string[], sample.rows, 'web', asOf);
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  const pane = new ExcelPaneService({ runtime, settings: memoryDocumentSettings(model.settings), isSetSupported: () => true, officeLanguage: 'zh-CN', now: () => NOW });
  await pane.checkPortfolio('zh-CN');
  const first = pane.history.lastWrite!;
  expect(first.syncs).toBeGreaterThanOrEqual(1); // format 2 keeps 20,000 rows' state under 4 MB
  const sheet = model.sheet('项目')!;
  const status = [...Array(80).keys()].find((c) => sheet.value(0, c) === '备案状态')!;
  model.userEdit(sheet, 5, status, '已备案');
  const syncs = model.syncs.length;
  const summary = await pane.checkPortfolio('zh-CN');
  // The state (about 4.4 MB of values) was read back in blocks of rows, each response under 5 MB.
  expect(summary.since?.previous?.source).toBe('pane');
  expect(pane.history.lastWrite!.stateRowsWritten).toBeLessThanOrEqual(2);
  expect(pane.history.lastWrite!.syncs).toBe(1);
  for (const s of model.syncs.slice(syncs)) expect(s.requestBytes).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
  const id = String(sheet.value(5, 0));
  expect(new Set(records(model).slice(1).map((r) => r[1]))).toEqual(new Set([id]));
  runtime.store.dispose();
}, 120_000);

// ---- helpers ----------------------------------------------------------------------------------

/** The state sheet's cells in a file the command line wrote, read with the command line's reader. */
async function stateCellsOf(file: string): Promise<string[][]> {
  const pkg = await WorkbookPackage.open(file);
  try {
    const portfolio = pkg.sheets.find((s) => s.name === '项目')!;
    const input = await readHistoryInput(pkg, portfolio);
    const read = await readSheet(await pkg.zip.stream(input.stateSheet!.part!), {
      sharedStrings: pkg.sharedStrings,
      styles: pkg.styles,
      date1904: pkg.date1904,
      area: { top: 1, bottom: Infinity, left: 1, right: 8 },
    });
    return [...read.rows.keys()].sort((a, b) => a - b).map((r) => read.rows.get(r)!.map((c) => cellText(c) ?? ''));
  } finally {
    pkg.close();
  }
}

/** A sheet holding these texts, as Excel shows a file's inline strings: text cells. */
function putSheet(model: WorkbookModel, name: string, rows: string[][]): void {
  const target = model.sheet(name) ?? model.addSheet(name);
  rows.forEach((line, r) => line.forEach((v, c) => v !== '' && (target.ensure(r, c).value = v)));
}

