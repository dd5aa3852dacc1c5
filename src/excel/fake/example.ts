/**
 * The example portfolio (src/examples/portfolio.ts) as an in-memory workbook: what preview
 * mode opens, and what adapter tests start from. Built directly into the model, the way the
 * bundled examples/portfolio.xlsx looks when Excel opens it.
 */
import { dayFromUtcDate, excelSerialFromDay } from '../../rules/dates';
import { EXAMPLE_HOLIDAYS, EXAMPLE_MATERIALS, EXAMPLE_NOTE_HEADER, EXAMPLE_SETTINGS, exampleTable } from '../../examples/portfolio';
import { INPUT_COLUMNS } from '../../workbook/columns';
import { holidaysHeaders, materialsHeaders, settingsSheet, sheetNames, TABLE_NAMES } from '../../workbook/template';
import type { Cell } from '../../workbook/values';
import { CellValue, SheetModel, TableModel, WorkbookModel } from './model';

/** Columns that hold dates: date columns, and the violation and expedite columns when a date is typed. */
const DATE_COLUMNS = INPUT_COLUMNS.flatMap((c, i) => (c.type === 'date' || c.type === 'violation' || c.type === 'dateList' ? [i] : []));

function cellValue(v: Cell): CellValue {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return excelSerialFromDay(dayFromUtcDate(v));
  return v;
}

/** A sheet with a table over `rows` (header first), date formats on `dateColumns`. */
export function addTable(model: WorkbookModel, sheetName: string, tableName: string, rows: Cell[][], dateColumns: number[] = []): TableModel {
  const sheet = model.sheet(sheetName) ?? model.addSheet(sheetName);
  const width = rows[0].length;
  const body = rows.length > 1 ? rows : [...rows, new Array(width).fill(null)];
  body.forEach((line, r) =>
    line.forEach((v, c) => {
      const value = cellValue(v);
      if (value !== '' || dateColumns.includes(c)) {
        const cell = sheet.ensure(r, c);
        cell.value = value;
        // A date format where a date is (a typed 无 or a list of dates stays text).
        if (r > 0 && dateColumns.includes(c) && (typeof value === 'number' || value === '')) cell.numberFormat = 'yyyy-mm-dd';
      }
    }),
  );
  const table = new TableModel(tableName, model.newId('table'), sheet, 0, 0, width, body.length - 1);
  model.tables.push(table);
  sheet.frozen = { rows: 1, cols: 0 };
  return table;
}

/** The example workbook: Portfolio (with the 情形 column of its own), Settings, Holidays, Materials. */
export function exampleWorkbook(platform: 'desktop' | 'web' = 'desktop'): WorkbookModel {
  const model = new WorkbookModel(platform);
  const names = sheetNames('zh-CN');
  const table = exampleTable();
  addTable(model, names.portfolio, TABLE_NAMES.portfolio, [table.headers, ...table.rows], DATE_COLUMNS);
  const noteColumn = table.headers.indexOf(EXAMPLE_NOTE_HEADER);
  model.sheet(names.portfolio)!.columnWidths.set(noteColumn, 240);
  const settings = settingsSheet('zh-CN');
  addTable(model, names.settings, TABLE_NAMES.settings, [settings.headers, ...settings.rows.map(([key, , def, text]) => [key, EXAMPLE_SETTINGS[key] ?? null, def, text])]);
  // The settings' asOf is a date: show it as one.
  const settingsSheetModel = model.sheet(names.settings) as SheetModel;
  settings.rows.forEach(([key], r) => {
    if (EXAMPLE_SETTINGS[key] instanceof Date) settingsSheetModel.ensure(r + 1, 1).numberFormat = 'yyyy-mm-dd';
  });
  addTable(model, names.holidays, TABLE_NAMES.holidays, [holidaysHeaders('zh-CN'), ...EXAMPLE_HOLIDAYS], [0]);
  addTable(model, names.materials, TABLE_NAMES.materials, [materialsHeaders('zh-CN'), ...EXAMPLE_MATERIALS]);
  model.activeSheet = model.sheet(names.portfolio) ?? null;
  return model;
}

/**
 * A large generated portfolio, for the adapter's round-trip tests and the benchmark, with
 * the side tables "Create portfolio" makes (Settings fixing the date when `asOf` is given).
 */
export function generatedWorkbook(headers: string[], rows: Cell[][], platform: 'desktop' | 'web' = 'desktop', asOf?: number): WorkbookModel {
  const model = new WorkbookModel(platform);
  const names = sheetNames('zh-CN');
  addTable(model, names.portfolio, TABLE_NAMES.portfolio, [headers, ...rows], DATE_COLUMNS);
  const settings = settingsSheet('zh-CN');
  const asOfSerial = asOf === undefined ? null : excelSerialFromDay(asOf);
  addTable(model, names.settings, TABLE_NAMES.settings, [settings.headers, ...settings.rows.map(([key, , def, text]) => [key, key === '检查日期' ? asOfSerial : null, def, text])]);
  addTable(model, names.holidays, TABLE_NAMES.holidays, [holidaysHeaders('zh-CN')], [0]);
  addTable(model, names.materials, TABLE_NAMES.materials, [materialsHeaders('zh-CN')]);
  model.activeSheet = model.sheet(names.portfolio) ?? null;
  return model;
}
