/**
 * Following edits in tables that did not exist when the store started watching (a Settings
 * table made by hand, a Portfolio deleted and made again), telling the add-in's own writes from
 * a person's without triggerSource (table events have none), and the fake's events carrying
 * exactly the fields Excel documents.
 */
import { dayFromYmd, excelSerialFromDay } from '../../src/rules/dates';
import { fakeExcel, TableChangedArgs } from '../../src/excel/fake/api';
import { exampleWorkbook } from '../../src/excel/fake/example';
import type { SheetModel, TableModel, WorkbookModel } from '../../src/excel/fake/model';
import { examplePane, until } from '../helpers/excelPane';

const HAN = /\p{Script=Han}/u;
const setUp = examplePane;

const table = (model: WorkbookModel, name: string) => model.tables.find((t) => t.name === name) as TableModel;

/** What the sheet's cells of a table are, to put them back as a new table. */
function snapshot(t: TableModel): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = [];
  for (let r = 0; r <= t.height; r++) out.push(Array.from({ length: t.width }, (_, c) => t.sheet.value(t.top + r, t.left + c)));
  return out;
}

function putBack(sheet: SheetModel, rows: (string | number | boolean)[][]): void {
  rows.forEach((line, r) => line.forEach((v, c) => v !== '' && (sheet.ensure(r, c).value = v)));
}

afterEach(async () => {
  await new Promise((r) => setTimeout(r, 0));
});

test('a Settings table made by hand while the pane follows edits is read at once: its language takes effect', async () => {
  const { model, pane, runtime, sheet, column, rowOf } = setUp((m) => m.userDeleteTable(table(m, 'Settings')));
  await pane.checkPortfolio('zh-CN');
  await pane.setKeepUpToDate(true, 'zh-CN');
  const next = column('下一步');
  const row = rowOf('G-017');
  expect(HAN.test(String(sheet.value(row, next)))).toBe(true);

  const settings = model.addSheet('我的设置');
  settings.ensure(0, 0).value = '设置';
  settings.ensure(0, 1).value = '值';
  settings.ensure(1, 0).value = '语言';
  settings.ensure(1, 1).value = 'en';
  model.userAddTable(settings, 'Settings', { top: 0, left: 0, rows: 2, cols: 2 });

  await until(() => runtime.store.portfolio?.settings.language === 'en');
  await until(() => !HAN.test(String(sheet.value(row, next))));
  expect(sheet.value(row, next)).toMatch(/[A-Za-z]/);
  runtime.store.dispose();
});

test('the Portfolio deleted, then made again: the store forgets the old one, then follows edits in the new one', async () => {
  const { model, pane, runtime, sheet, column, rowOf } = setUp();
  await pane.checkPortfolio('zh-CN');
  await pane.setKeepUpToDate(true, 'zh-CN');
  const portfolio = table(model, 'Portfolio');
  const cells = snapshot(portfolio);
  const width = portfolio.width;
  const height = portfolio.height;

  model.userDeleteTable(portfolio);
  await until(() => runtime.store.portfolio === null);

  putBack(sheet, cells);
  model.userAddTable(sheet, 'Portfolio', { top: 0, left: 0, rows: height + 1, cols: width });
  await until(() => runtime.store.portfolio !== null);
  const readsAfter = runtime.store.reads;

  // An edit in the new table: followed as in the old one (the date of the status becomes today).
  const row = rowOf('G-017');
  model.userEdit(sheet, row, column('备案状态'), '平台审核中');
  await until(() => sheet.value(row, column('备案日期')) === excelSerialFromDay(dayFromYmd(2026, 11, 21)));
  await until(() => sheet.value(row, column('下一步')) === '接入中宣部实名认证系统');
  expect(runtime.store.reads).toBeGreaterThan(readsAfter);
  runtime.store.dispose();
});

test('watching waits for a portfolio; a Settings table that appears without an "added" event (a host before ExcelApi 1.9) is found at its first edit', async () => {
  const { model, runtime } = setUp((m) => {
    m.userDeleteTable(table(m, 'Portfolio'));
    m.userDeleteTable(table(m, 'Settings'));
  });
  await expect(runtime.store.watch()).rejects.toMatchObject({ code: 'no-portfolio' });

  // Watching while the workbook has no portfolio: the store still listens once it has read one.
  const again = exampleWorkbook();
  const source = table(again, 'Portfolio');
  const sheet = model.sheet('项目') as SheetModel;
  putBack(sheet, snapshot(source));
  const added = model.userAddTable(sheet, 'Portfolio', { top: 0, left: 0, rows: source.height + 1, cols: source.width });
  await runtime.store.watch();
  expect(runtime.store.portfolio?.cells.length).toBe(source.height);

  // Now a table the store never heard of, with one of our names, made with no event at all.
  const settingsSheet = model.addSheet('设置2');
  settingsSheet.ensure(0, 0).value = '设置';
  settingsSheet.ensure(0, 1).value = '值';
  settingsSheet.ensure(1, 0).value = '语言';
  settingsSheet.ensure(1, 1).value = 'en';
  model.tables.push(new (added.constructor as typeof TableModel)('Settings', model.newId('table'), settingsSheet, 0, 0, 2, 1));
  expect(runtime.store.portfolio?.settings.language).not.toBe('en');
  model.userEdit(settingsSheet, 1, 1, 'en');
  await until(() => runtime.store.portfolio?.settings.language === 'en');
  runtime.store.dispose();
});

test("edits in a table that is not one of ours cost one look-up of its name, then nothing", async () => {
  const { model, runtime } = setUp();
  await runtime.store.watch();
  const clients = model.addSheet('客户');
  clients.ensure(0, 0).value = '客户';
  clients.ensure(1, 0).value = '甲';
  const own = model.userAddTable(clients, 'Clients', { top: 0, left: 0, rows: 2, cols: 1 });
  await new Promise((r) => setTimeout(r, 50));
  const syncs = model.syncs.length;
  const reads = runtime.store.reads;
  for (const name of ['乙', '丙', '丁']) model.userEdit(clients, 1, 0, name);
  await new Promise((r) => setTimeout(r, 500));
  expect(runtime.store.reads).toBe(reads);
  expect(model.syncs.length - syncs).toBeLessThanOrEqual(1);
  expect(own.name).toBe('Clients');
  runtime.store.dispose();
});

test('a date typed by a person into the cell the add-in just dated is followed (its value is not the one written)', async () => {
  const { model, pane, runtime, sheet, column, rowOf } = setUp();
  await pane.checkPortfolio('zh-CN');
  await pane.setKeepUpToDate(true, 'zh-CN');
  const row = rowOf('G-017');
  const date = column('备案日期');
  model.userEdit(sheet, row, column('备案状态'), '平台审核中');
  await until(() => sheet.value(row, date) === excelSerialFromDay(dayFromYmd(2026, 11, 21)));
  // At once the manager corrects it: submitted Wednesday 2026-11-18, so the platform's 2 working days end Friday 2026-11-20.
  model.userEdit(sheet, row, date, String(excelSerialFromDay(dayFromYmd(2026, 11, 18))));
  await until(() => sheet.value(row, column('最近截止')) === excelSerialFromDay(dayFromYmd(2026, 11, 20)));
  runtime.store.dispose();
});

describe('the fake raises table events with exactly the fields Excel documents', () => {
  // https://learn.microsoft.com/javascript/api/excel/excel.tablechangedeventargs
  const DOCUMENTED = ['address', 'changeType', 'details', 'source', 'tableId', 'type', 'worksheetId'];

  test('a one-cell write has details (value before and after), a larger one none, and neither a triggerSource', async () => {
    const model = exampleWorkbook();
    const excel = fakeExcel(model);
    const seen: TableChangedArgs[] = [];
    await excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('Portfolio').onChanged.add(async (args: unknown) => void seen.push(args as TableChangedArgs));
      await ctx.sync();
    });
    const before = model.sheet('项目')!.value(1, 0);
    await excel.run(async (ctx) => {
      const body = ctx.workbook.tables.getItem('Portfolio').getDataBodyRange();
      body.getCell(0, 0).values = [['G-100']];
      await ctx.sync();
      body.getCell(1, 1).getResizedRange(1, 0).values = [['甲'], ['乙']];
      await ctx.sync();
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(2);
    for (const args of seen) {
      for (const key of Object.keys(args)) expect(DOCUMENTED).toContain(key);
      expect(args).not.toHaveProperty('triggerSource');
      expect(args.type).toBe('TableChanged');
    }
    expect(seen[0].address).toBe('A2');
    expect(before).toBe('G-001');
    expect(seen[0].details).toEqual({ valueBefore: 'G-001', valueAfter: 'G-100', valueTypeBefore: 'String', valueTypeAfter: 'String' });
    expect(seen[1].address).toBe('B3:B4');
    expect(seen[1].details).toBeUndefined();
  });

  test('workbook.tables.onChanged hears tables made after it was registered; onAdded and onDeleted name them', async () => {
    const model = exampleWorkbook();
    const excel = fakeExcel(model);
    const changed: string[] = [];
    const structure: string[] = [];
    await excel.run(async (ctx) => {
      ctx.workbook.tables.onChanged.add(async (a: unknown) => void changed.push((a as TableChangedArgs).tableId));
      ctx.workbook.tables.onAdded.add(async (a: unknown) => void structure.push(`added ${(a as { tableId: string }).tableId}`));
      ctx.workbook.tables.onDeleted.add(async (a: unknown) => void structure.push(`deleted ${(a as { tableName: string }).tableName}`));
      await ctx.sync();
    });
    const sheet = model.addSheet('新表');
    sheet.ensure(0, 0).value = 'A';
    const made = model.userAddTable(sheet, 'Later', { top: 0, left: 0, rows: 2, cols: 1 });
    await new Promise((r) => setTimeout(r, 10));
    model.userEdit(sheet, 1, 0, 'x');
    await excel.run(async (ctx) => {
      ctx.workbook.tables.getItem(made.id).delete();
      await ctx.sync();
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(changed).toEqual([made.id]);
    expect(structure).toEqual([`added ${made.id}`, 'deleted Later']);
  });
});
