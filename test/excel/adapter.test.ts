/**
 * The Office adapter against the fake Excel API: round trips, payload sizes, what is written
 * where (and what is never touched), the template, selection, the dashboard, errors.
 */
import { dayFromYmd, excelSerialFromDay } from '../../src/rules/dates';
import { fakeExcel, FakeOfficeError } from '../../src/excel/fake/api';
import { addTable, exampleWorkbook, generatedWorkbook } from '../../src/excel/fake/example';
import { CellData, SheetModel, TableModel, WorkbookModel } from '../../src/excel/fake/model';
import { PreviewView } from '../../src/excel/fake/preview';
import { readWorkbook } from '../../src/excel/read';
import { createRuntime } from '../../src/excel/runtime';
import { WEB_PAYLOAD_LIMIT } from '../../src/excel/fake/model';
import { MAX_PAYLOAD_BYTES } from '../../src/excel/run';
import { memoryDocumentSettings } from '../../src/excel/workbook';
import { ExcelPaneService } from '../../src/taskpane/paneService';
import { PaneError } from '../../src/taskpane/service';
import { OUTPUT_COLUMNS, outputColumnFor } from '../../src/workbook/columns';
import { generateSample } from '../../src/workbook/sample';

const AS_OF = dayFromYmd(2026, 11, 21);
/** 2026-11-21 10:00 in China. */
const NOW = Date.UTC(2026, 10, 21, 2, 0);

function service(model: WorkbookModel, options: { supported?: boolean } = {}) {
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  const pane = new ExcelPaneService({
    runtime,
    settings: memoryDocumentSettings(model.settings),
    isSetSupported: () => options.supported ?? true,
    officeLanguage: 'zh-CN',
    previewWorkbook: new PreviewView(model),
    now: () => NOW,
  });
  return { pane, store: runtime.store };
}

/** A generated portfolio with the template's side tables, as "Create portfolio" leaves it. */
function portfolioOf(rows: number, platform: 'desktop' | 'web' = 'desktop'): WorkbookModel {
  const sample = generateSample({ rows, seed: 7, asOf: AS_OF, dates: 'serial' });
  return generatedWorkbook(sample.headers as string[], sample.rows, platform, AS_OF);
}

/** Every cell of a sheet, except the given columns: "row,col" → value and formats. */
function snapshot(sheet: SheetModel, skipColumns: Set<number> = new Set()): Map<string, CellData> {
  const out = new Map<string, CellData>();
  for (const [r, line] of sheet.cells) for (const [c, cell] of line) if (!skipColumns.has(c)) out.set(`${r},${c}`, { ...cell });
  return out;
}

/** Every cell's value and format as flat lists, for sheets too large to compare as maps. */
function flat(sheet: SheetModel, skipColumns: Set<number> = new Set()): { keys: number[]; values: unknown[] } {
  const keys: number[] = [];
  const values: unknown[] = [];
  for (const [r, line] of sheet.cells) {
    for (const [c, cell] of line) {
      if (skipColumns.has(c)) continue;
      keys.push(r * 100_000 + c);
      values.push(cell.value, cell.numberFormat ?? '', cell.fill ?? '', cell.bold ?? false, cell.wrap ?? false);
    }
  }
  return { keys, values };
}

function sameCells(a: ReturnType<typeof flat>, b: ReturnType<typeof flat>): boolean {
  if (a.keys.length !== b.keys.length || a.values.length !== b.values.length) return false;
  for (let i = 0; i < a.keys.length; i++) if (a.keys[i] !== b.keys[i]) return false;
  for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) return false;
  return true;
}

function outputColumns(sheet: SheetModel): Set<number> {
  const out = new Set<number>();
  const header = sheet.cells.get(0);
  for (const [c, cell] of header ?? []) if (typeof cell.value === 'string' && outputColumnFor(cell.value)) out.add(c);
  return out;
}

describe('check: one read, then one write per 4 MB of values', () => {
  test.each([100, 10_000, 50_000])('%i rows', async (rows) => {
    const model = portfolioOf(rows);
    const sheet = model.sheet('项目')!;
    const before = flat(sheet);
    const { pane } = service(model);
    const summary = await pane.checkPortfolio('zh-CN');
    expect(summary.total).toBe(rows);

    const write = pane.lastWrite!;
    // One sync reads all four tables (and looks for the state sheet and History); the rest are
    // writes, each under the limit: the outputs, then the state and the History table.
    const history = pane.history.lastWrite!;
    expect(model.syncs.length).toBe(1 + write.syncs + history.syncs);
    expect(history.maxPayloadBytes).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const reads = model.syncs[0];
    expect(reads.requestBytes).toBeLessThan(1000);
    expect(write.maxPayloadBytes).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    for (const s of model.syncs.slice(1)) expect(s.requestBytes).toBeLessThan(WEB_PAYLOAD_LIMIT);
    const totalBytes = model.syncs.slice(1, 1 + write.syncs).reduce((n, s) => n + s.requestBytes, 0);
    // As few writes as the payload allows: every block but the last is nearly full.
    expect(write.syncs).toBeGreaterThanOrEqual(Math.ceil(totalBytes / MAX_PAYLOAD_BYTES));
    expect(write.syncs).toBeLessThanOrEqual(Math.ceil(totalBytes / (MAX_PAYLOAD_BYTES * 0.95)));
    if (rows === 100) expect(write.syncs).toBe(1);
    if (rows === 50_000) expect(write.syncs).toBeGreaterThanOrEqual(3);

    // The ten output columns were added at the right, and nothing else changed.
    const width = sample(rows).headers.length;
    const headers = [...Array(width + 10).keys()].map((c) => sheet.value(0, c));
    expect(headers.slice(width)).toEqual(OUTPUT_COLUMNS.map((c) => c.zh));
    const after = flat(sheet, new Set([...Array(10).keys()].map((k) => width + k)));
    expect(sameCells(after, before)).toBe(true);
    expect(after.keys.length).toBeGreaterThan(rows * 20);
    expect(model.table('Portfolio')!.width).toBe(width + 10);
  }, 120_000);

  function sample(rows: number) {
    return generateSample({ rows, seed: 7, asOf: AS_OF, dates: 'serial' });
  }

  test('Excel on the web: a 50,000-row portfolio is read in blocks and written under 5 MB per request', async () => {
    const model = portfolioOf(50_000, 'web');
    const { pane } = service(model);
    const summary = await pane.checkPortfolio('zh-CN');
    expect(summary.total).toBe(50_000);
    for (const s of model.syncs) {
      expect(s.requestBytes).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
    }
    // The one-sync read was refused (over 5 MB), then the table was read in blocks.
    expect(model.syncs[0].responseBytes).toBeGreaterThan(WEB_PAYLOAD_LIMIT);
    expect(model.syncs.slice(1).filter((s) => s.responseBytes > 0).every((s) => s.responseBytes <= WEB_PAYLOAD_LIMIT)).toBe(true);
  }, 120_000);
});

describe('check on the example portfolio', () => {
  test('writes real dates, texts and severities into the output columns only', async () => {
    const model = exampleWorkbook();
    const sheet = model.sheet('项目')!;
    expect(outputColumns(sheet).size).toBe(0); // the example has no output columns yet
    const before = snapshot(sheet);
    const { pane } = service(model);
    const summary = await pane.checkPortfolio('zh-CN');
    const outputs = outputColumns(sheet);
    expect(outputs.size).toBe(10);
    expect(summary.bySeverity).toEqual({ critical: 4, error: 19, warning: 15, info: 8, ok: 2 });
    expect(summary.overdue).toBe(6);
    expect(summary.rows[0]).toMatchObject({ id: 'G-018', severity: 'critical', nextStep: { code: 'icp.submit', text: '提交小程序备案' }, due: dayFromYmd(2024, 3, 31) });
    expect(summary.rows).toHaveLength(48); // every row: the pane's filters reach beyond the day's list
    expect(snapshot(sheet, outputs)).toEqual(before);

    const headers = [...Array(70).keys()].map((c) => sheet.value(0, c));
    const col = (h: string) => headers.indexOf(h);
    const rowOf = (id: string) => [...Array(60).keys()].find((r) => sheet.value(r, 0) === id)!;
    const g018 = rowOf('G-018');
    expect(sheet.value(g018, col('级别'))).toBe('严重');
    expect(sheet.value(g018, col('最近截止'))).toBe(excelSerialFromDay(dayFromYmd(2024, 3, 31)));
    expect(sheet.cell(g018, col('最近截止'))!.numberFormat).toBe('yyyy-mm-dd');
    expect(sheet.cell(g018, col('提醒'))!.numberFormat).toBe('@');
    expect(String(sheet.value(g018, col('提醒')))).toContain('ICP-LEGACY-DEADLINE');
    // The severity column is coloured by conditional formats, added once, for both languages.
    const formats = sheet.conditionalFormats.filter((cf) => cf.rect.left === col('级别'));
    expect(formats.map((cf) => cf.text)).toEqual(['严重', '错误', '警告', '提示', '正常', 'critical', 'error', 'warning', 'info', 'ok']);
    await pane.checkPortfolio('zh-CN');
    expect(sheet.conditionalFormats.filter((cf) => cf.rect.left === col('级别'))).toHaveLength(10);
  });

  test('English texts when the pane is in English (the Settings set no language)', async () => {
    const model = exampleWorkbook();
    const { pane } = service(model);
    await pane.checkPortfolio('en');
    const sheet = model.sheet('项目')!;
    const severity = [...Array(70).keys()].find((c) => sheet.value(0, c) === '级别')!;
    expect(sheet.value(18, severity)).toBe('critical');
  });

  test('clicking an attention row selects that row of the table', async () => {
    const model = exampleWorkbook();
    const { pane } = service(model);
    const summary = await pane.checkPortfolio('zh-CN');
    model.activeSheet = model.sheet('设置')!;
    await pane.selectRow(summary.rows[0].row);
    expect(model.activeSheet?.name).toBe('项目');
    expect(model.selection?.rect.top).toBe(summary.rows[0].row + 1);
    expect(model.sheet('项目')!.value(model.selection!.rect.top, 0)).toBe('G-018');
  });

  test('the dashboard sheet: counts by stage, severity and owner, due dates, a pipeline chart; rebuilt, never duplicated', async () => {
    const model = exampleWorkbook();
    const { pane } = service(model);
    await pane.buildDashboard('zh-CN');
    await pane.buildDashboard('zh-CN');
    // The check it runs first records History (its sheet, and the very hidden state sheet).
    expect(model.sheets.map((s) => s.name)).toEqual(['项目', '设置', '节假日', '材料', 'LaunchTrackerState', '变更记录', '仪表板']);
    const dash = model.sheet('仪表板')!;
    expect(dash.value(3, 0)).toBe('阶段');
    expect(dash.value(10, 0)).toBe('已上线');
    expect(dash.value(10, 1)).toBe(10);
    expect(dash.value(3, 3)).toBe('级别');
    expect(dash.value(4, 4)).toBe(4); // critical
    expect(dash.charts).toHaveLength(1);
    expect(dash.charts[0]).toMatchObject({ type: 'BarClustered', title: '上线进度：各阶段项目数', source: { top: 3, left: 0, rows: 8, cols: 2 } });
    expect(model.activeSheet?.name).toBe('仪表板');
    await pane.buildDashboard('en');
    expect(model.sheets.map((s) => s.name)).toEqual(['项目', '设置', '节假日', '材料', 'LaunchTrackerState', '变更记录', 'Dashboard']);
  });
});

describe('create portfolio', () => {
  test('an empty workbook gets the template: table, drop-downs, date formats, frozen header, side tables', async () => {
    const model = new WorkbookModel();
    model.addSheet('Sheet1');
    const { pane } = service(model);
    const outcome = await pane.createPortfolio('zh-CN');
    expect(outcome).toEqual({ created: true, addedColumns: [], addedTables: ['Settings', 'Holidays', 'Materials'] });
    const table = model.table('Portfolio')!;
    expect(table.sheet.name).toBe('项目');
    expect(table.headers().slice(0, 3)).toEqual(['项目编号', '客户', '名称']);
    expect(table.width).toBe(57);
    const sheet = table.sheet;
    expect(sheet.frozen).toEqual({ rows: 1, cols: 1 });
    const statusColumn = table.headers().indexOf('注册状态');
    expect(sheet.validations.find((v) => v.rect.left === statusColumn)?.list).toBe('未开始,进行中,审核中,已通过,已驳回,已撤回,不适用');
    expect(sheet.cell(1, table.headers().indexOf('注册日期'))?.numberFormat).toBe('yyyy-mm-dd');
    expect(model.table('Settings')!.height).toBeGreaterThan(40);
    expect(model.activeSheet).toBe(sheet);
  });

  test('again on a workbook with a portfolio: adds the missing columns at the right and clears nothing', async () => {
    const model = new WorkbookModel();
    addTable(model, 'Clients', 'Portfolio', [
      ['项目编号', '客户', '我的备注', '版本状态'],
      ['G-1', '云帆', '老客户', '审核中'],
    ]);
    model.sheet('Clients')!.ensure(1, 10).value = 'to the right';
    const { pane } = service(model);
    const outcome = await pane.createPortfolio('zh-CN');
    expect(outcome.created).toBe(false);
    expect(outcome.addedColumns).toContain('名称');
    expect(outcome.addedColumns).not.toContain('客户');
    const table = model.table('Portfolio')!;
    expect(table.headers().slice(0, 5)).toEqual(['项目编号', '客户', '我的备注', '版本状态', '名称']);
    expect(model.sheet('Clients')!.value(1, 2)).toBe('老客户');
    expect(model.sheet('Clients')!.value(1, 3)).toBe('审核中');
    // What stood right of the table moved over, as when Excel inserts table columns.
    expect(model.sheet('Clients')!.value(1, 10 + outcome.addedColumns.length)).toBe('to the right');
    const again = await pane.createPortfolio('zh-CN');
    expect(again).toEqual({ created: false, addedColumns: [], addedTables: [] });
  });
});

describe('errors the user can act on', () => {
  test('no Portfolio table: no-portfolio (the pane offers to create it)', async () => {
    const model = new WorkbookModel();
    model.addSheet('Sheet1');
    const { pane } = service(model);
    await expect(pane.checkPortfolio('zh-CN')).rejects.toMatchObject({ code: 'no-portfolio' });
  });

  test('a portfolio table without its key column: no-key-column, naming what was looked for and found', async () => {
    const model = new WorkbookModel();
    addTable(model, 'Sheet1', 'Portfolio', [['客户', '名称'], ['云帆', '消消乐']]);
    const { pane } = service(model);
    const error = await pane.checkPortfolio('zh-CN').catch((e) => e);
    expect(error).toBeInstanceOf(PaneError);
    expect(error.code).toBe('no-key-column');
    expect(error.details.looked).toEqual(expect.arrayContaining(['项目编号', 'ID']));
    expect(error.details.found).toEqual(['客户', '名称']);
  });

  test('another table named differently but with an ID column is used as the portfolio', async () => {
    const model = new WorkbookModel();
    addTable(model, 'Sheet1', 'Clients', [['项目编号', '客户'], ['G-9', '云帆']]);
    const { pane } = service(model);
    const summary = await pane.checkPortfolio('zh-CN');
    expect(summary.total).toBe(1);
  });

  test('the History table renamed, before the portfolio: still never the portfolio (its header says it is ours)', async () => {
    const model = new WorkbookModel();
    const history = ['时间', '项目编号', '变更项', '原值', '新值', '来源'];
    addTable(model, '变更记录', 'Log', [history, ['2026-11-20 10:00', 'G-1', '版本状态', '', '审核中', '任务窗格'], ['2026-11-20 10:00', 'G-2', '版本状态', '', '审核中', '任务窗格']]);
    addTable(model, 'Sheet1', 'Clients', [['项目编号', '客户'], ['G-9', '云帆']]);
    const { pane } = service(model);
    const summary = await pane.checkPortfolio('zh-CN');
    expect(summary.rows.map((r) => r.id)).toEqual(['G-9']);
    expect(model.table('Log')!.headers()).toEqual(history);
  });

  test('only a History table: no-portfolio, and History is not written to', async () => {
    const model = new WorkbookModel();
    addTable(model, '变更记录', 'History', [['时间', '项目编号', '变更项', '原值', '新值', '来源'], ['2026-11-20 10:00', 'G-1', '基线', '', '1 个项目', '命令行']]);
    const { pane } = service(model);
    await expect(pane.checkPortfolio('zh-CN')).rejects.toMatchObject({ code: 'no-portfolio' });
    expect(model.table('History')!.headers()).toHaveLength(6);
  });

  test('another table right of the portfolio: wrong-shape, naming the cells the output columns need', async () => {
    const model = new WorkbookModel();
    const sheet = model.addSheet('Sheet1');
    const cells = [['项目编号', '客户', '', '备注'], ['G-1', '云帆', '', 'x'], ['G-2', '远山']];
    cells.forEach((line, r) => line.forEach((v, c) => v !== '' && (sheet.ensure(r, c).value = v)));
    model.tables.push(new TableModel('Portfolio', 't1', sheet, 0, 0, 2, 2), new TableModel('Notes', 't2', sheet, 0, 3, 1, 1));
    const { pane } = service(model);
    const error = await pane.checkPortfolio('zh-CN').catch((e) => e);
    expect(error).toMatchObject({ code: 'wrong-shape', details: { address: 'Sheet1!C1:L3' } });
    expect(model.sheet('Sheet1')!.value(1, 0)).toBe('G-1');
  });

  test('Excel busy in cell-edit mode: busy, not a stack trace', async () => {
    const model = exampleWorkbook();
    const excel = fakeExcel(model);
    const failing = { ...excel, run: (() => Promise.reject(new FakeOfficeError('InvalidOperationInCellEditMode', 'edit mode'))) as typeof excel.run };
    const runtime = createRuntime(failing, 'zh-CN');
    const pane = new ExcelPaneService({ runtime, settings: memoryDocumentSettings(new Map()), isSetSupported: () => true, officeLanguage: 'zh-CN' });
    await expect(pane.checkPortfolio('zh-CN')).rejects.toMatchObject({ code: 'busy', details: { reason: 'cell-edit' } });
  });

  test('an Excel without ExcelApi 1.8: host-too-old', () => {
    const { pane } = service(exampleWorkbook(), { supported: false });
    expect(() => pane.checkRequirements()).toThrow(expect.objectContaining({ code: 'host-too-old', details: { missing: 'ExcelApi 1.8' } }));
  });
});

describe('reading', () => {
  test('the first read discovers which tables exist; later reads take one sync', async () => {
    const model = new WorkbookModel();
    addTable(model, 'Sheet1', 'Portfolio', [['项目编号'], ['G-1']]);
    const excel = fakeExcel(model);
    const first = await readWorkbook(excel.run);
    expect(first.stats.syncs).toBe(3); // all four asked for, Settings missing → list tables → read
    const second = await readWorkbook(excel.run, first.stats.tableNames);
    expect(second.stats.syncs).toBe(1);
    expect(second.read.portfolio!.rows).toEqual([['G-1']]);
  });
});

describe('the dashboard lists what is overdue first', () => {
  test('an 已超期 block before the next 14 days, each item with its date; in English labels start with a capital', async () => {
    const model = exampleWorkbook();
    const { pane } = service(model);
    const summary = await pane.checkPortfolio('zh-CN');
    await pane.buildDashboard('zh-CN');
    const dash = model.sheet('仪表板')!;
    const column0 = [...Array(80).keys()].map((r) => String(dash.value(r, 0)));
    const overdueAt = column0.findIndex((v) => v.startsWith('已超期'));
    const dueAt = column0.findIndex((v) => v.startsWith('14 天内到期'));
    expect(overdueAt).toBeGreaterThan(0);
    expect(dueAt).toBeGreaterThan(overdueAt);
    expect(column0[overdueAt]).toBe(`已超期 (${summary.overdue})`);
    // Each overdue item's due date lies before the day checked (2026-11-21), the earliest first.
    const today = excelSerialFromDay(dayFromYmd(2026, 11, 21));
    const dates = Array.from({ length: summary.overdue }, (_, k) => dash.value(overdueAt + 2 + k, 4) as number);
    expect(dates.every((d) => d < today)).toBe(true);
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    expect(dash.cell(overdueAt + 2, 4)?.numberFormat).toBe('yyyy-mm-dd');

    await pane.buildDashboard('en');
    const en = model.sheet('Dashboard')!;
    const column = (c: number) => [...Array(80).keys()].map((r) => String(en.value(r, c)));
    expect(column(3).slice(4, 9)).toEqual(['Critical', 'Error', 'Warning', 'Info', 'Ok']);
    const overdueEn = column(0).findIndex((v) => v.startsWith('Overdue'));
    expect(column(6)[overdueEn + 2]).toMatch(/^[A-Z]/);
  });
});
