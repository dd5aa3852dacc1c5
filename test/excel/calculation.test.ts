/**
 * A user's own formulas over the output columns show the new values after a check and after an
 * edit is followed: the product's writes leave calculation to Excel (nothing suspended), and the
 * fake recalculates as Excel's documentation describes (src/excel/fake/calc.ts).
 */
import { columnLetters } from '../../src/workbook/address';
import { fakeExcel } from '../../src/excel/fake/api';
import { exampleWorkbook } from '../../src/excel/fake/example';
import type { SheetModel } from '../../src/excel/fake/model';
import { examplePane, until } from '../helpers/excelPane';

function setUp() {
  const pane = examplePane();
  const count = (col: number, text: string) => [...Array(60).keys()].filter((r) => r > 0 && pane.sheet.value(r, col) === text).length;
  return { ...pane, count };
}

test("a formula over an output column shows the check's values, and follows a re-check of one row", async () => {
  const { model, pane, runtime, sheet, column, rowOf, count } = setUp();
  await pane.checkPortfolio('zh-CN');
  const next = column('下一步');
  const row = rowOf('G-017');
  const stats = model.addSheet('统计');
  model.userFormula(stats, 0, 0, '=COUNTIF(Portfolio[下一步],"提交小程序备案")');
  model.userFormula(stats, 1, 0, `='项目'!${columnLetters(next)}${row + 1}`);
  const submitting = count(next, '提交小程序备案');
  expect(submitting).toBeGreaterThan(0);
  expect(stats.value(0, 0)).toBe(submitting);
  expect(stats.value(1, 0)).toBe('提交小程序备案');

  await pane.setKeepUpToDate(true, 'zh-CN');
  model.userEdit(sheet, row, column('备案状态'), '平台审核中');
  await until(() => sheet.value(row, next) === '接入中宣部实名认证系统');
  // Excel recalculated after the add-in's write, as after a person's: both formulas are current.
  expect(stats.value(0, 0)).toBe(submitting - 1);
  expect(stats.value(1, 0)).toBe('接入中宣部实名认证系统');
  runtime.store.dispose();
});

test('a check of the whole table updates a formula over the severity column', async () => {
  const { model, pane, column, count } = setUp();
  await pane.checkPortfolio('zh-CN');
  const stats = model.addSheet('统计');
  model.userFormula(stats, 0, 0, '=COUNTIF(Portfolio[级别],"严重")');
  const before = stats.value(0, 0);
  expect(before).toBe(count(column('级别'), '严重'));
  // A new day: more rows are overdue after the check as of a later date.
  const settings = model.sheet('设置') as SheetModel;
  const asOfRow = [...Array(80).keys()].find((r) => settings.value(r, 0) === '检查日期') as number;
  settings.ensure(asOfRow, 1).value = (settings.value(asOfRow, 1) as number) + 120;
  await pane.checkPortfolio('zh-CN');
  const after = count(column('级别'), '严重');
  expect(after).not.toBe(before);
  expect(stats.value(0, 0)).toBe(after);
});

describe("the fake's calculation follows Excel's documentation", () => {
  test('after suspendApiCalculationUntilNextSync a formula stays stale until Application.calculate', async () => {
    const model = exampleWorkbook();
    const excel = fakeExcel(model);
    const sheet = model.addSheet('计算');
    sheet.ensure(0, 0).value = 1;
    model.userFormula(sheet, 0, 1, '=A1');
    expect(sheet.value(0, 1)).toBe(1);
    await excel.run(async (ctx) => {
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.worksheets.getItem('计算').getRange('A1').values = [[2]];
      await ctx.sync();
      // A later request with a write of its own does not catch the earlier one up (calc.ts says why).
      expect(sheet.value(0, 1)).toBe(1);
      ctx.workbook.application.calculate('Full' as Excel.CalculationType);
      await ctx.sync();
    });
    expect(sheet.value(0, 1)).toBe(2);
  });

  test('in manual mode nothing is recalculated after a write; in automatic mode it is', async () => {
    const model = exampleWorkbook();
    const excel = fakeExcel(model);
    const sheet = model.addSheet('计算');
    sheet.ensure(0, 0).value = 1;
    model.userFormula(sheet, 0, 1, '=SUM(A1:A3)');
    model.calculationMode = 'manual';
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('计算').getRange('A2').values = [[5]];
      await ctx.sync();
    });
    expect(sheet.value(0, 1)).toBe(1);
    model.calculationMode = 'automatic';
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('计算').getRange('A3').values = [[10]];
      await ctx.sync();
    });
    expect(sheet.value(0, 1)).toBe(16);
  });
});
