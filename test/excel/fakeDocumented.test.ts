/**
 * The fake Excel where the Office.js reference says what Excel does (each test names the page):
 * a very hidden sheet cannot be deleted, the used range is the smallest range around what is
 * used (not from A1), a range outside the grid is an error, and clearing a validation clears
 * only the cells cleared.
 */
import { fakeExcel, FakeOfficeError } from '../../src/excel/fake/api';
import { WorkbookModel } from '../../src/excel/fake/model';

function run<T>(model: WorkbookModel, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
  return fakeExcel(model).run(batch);
}

function twoSheets(): WorkbookModel {
  const model = new WorkbookModel();
  model.addSheet('Visible');
  model.addSheet('State');
  return model;
}

test('excel.worksheet delete(): a VeryHidden sheet fails with InvalidOperation and stays; made Visible first, it goes', async () => {
  const model = twoSheets();
  model.sheet('State')!.visibility = 'VeryHidden';
  const error = await run(model, async (ctx) => {
    ctx.workbook.worksheets.getItem('State').delete();
    await ctx.sync();
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FakeOfficeError);
  expect((error as FakeOfficeError).code).toBe('InvalidOperation');
  expect(model.sheets.map((s) => s.name)).toEqual(['Visible', 'State']);
  await run(model, async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem('State');
    sheet.visibility = 'Visible' as Excel.SheetVisibility;
    sheet.delete();
    await ctx.sync();
  });
  expect(model.sheets.map((s) => s.name)).toEqual(['Visible']);
});

test('excel.worksheet getUsedRangeOrNullObject: from the first used cell; valuesOnly ignores a fill', async () => {
  const model = twoSheets();
  const sheet = model.sheet('Visible')!;
  sheet.ensure(2, 1).value = 'G-1'; // B3
  sheet.ensure(4, 3).value = 7; // D5
  sheet.ensure(6, 5).fill = '#FFFF00'; // F7, formatted only
  const [all, values, blank] = await run(model, async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Visible');
    const a = ws.getUsedRangeOrNullObject().load('address');
    const v = ws.getUsedRangeOrNullObject(true).load('address');
    const b = ctx.workbook.worksheets.getItem('State').getUsedRangeOrNullObject(true);
    await ctx.sync();
    return [a.address, v.address, b.isNullObject];
  });
  expect([all, values, blank]).toEqual(['Visible!B3:F7', 'Visible!B3:D5', true]);
});

test('excel.range getOffsetRange above row 1 fails the batch; within the grid it is the offset range', async () => {
  const model = twoSheets();
  const address = await run(model, async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('Visible').getRange('B2:C3').getOffsetRange(-1, 2).load('address');
    await ctx.sync();
    return r.address;
  });
  expect(address).toBe('Visible!D1:E2');
  const error = await run(model, async (ctx) => {
    ctx.workbook.worksheets.getItem('Visible').getRange('B2').getOffsetRange(-2, 0).load('address');
    await ctx.sync();
  }).catch((e: unknown) => e);
  expect((error as FakeOfficeError).code).toBe('InvalidArgument');
});

test('excel-add-ins-data-validation.md: clearing part of a validated range clears only the overlapping cells', async () => {
  const model = twoSheets();
  const sheet = model.sheet('Visible')!;
  sheet.validations.push({ rect: { top: 0, left: 0, rows: 10, cols: 1 }, list: '甲,乙' }); // A1:A10
  await run(model, async (ctx) => {
    ctx.workbook.worksheets.getItem('Visible').getRange('A3:A4').dataValidation.clear();
    await ctx.sync();
  });
  expect(sheet.validations.map((v) => [v.rect, v.list])).toEqual([
    [{ top: 0, left: 0, rows: 2, cols: 1 }, '甲,乙'],
    [{ top: 4, left: 0, rows: 6, cols: 1 }, '甲,乙'],
  ]);
});
