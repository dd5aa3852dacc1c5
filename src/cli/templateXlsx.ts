/**
 * Writes the portfolio template (and generated samples) as a real Excel workbook with
 * ExcelJS: the Portfolio table with drop-downs, date formats and a frozen header, and the
 * Settings, Holidays and Materials tables — the same content the task pane builds.
 */
import ExcelJS from 'exceljs';
import { columnLetters } from '../workbook/address';
import type { Language } from '../rules/types';
import type { Cell } from '../workbook/values';
import {
  holidaysHeaders,
  holidayTypes,
  materialSlots,
  materialsHeaders,
  portfolioColumns,
  settingsSheet,
  sheetNames,
  TABLE_NAMES,
  TemplateColumn,
} from '../workbook/template';
import { catalogFor } from '../rules/i18n';
import { SEVERITY_FILL } from '../workbook/output';
import type { RowSeverity } from '../rules/types';


const LAST_ROW = 1_048_576;


/** A data-validation list; Excel limits an inline list to 255 characters. */
function listValidation(values: readonly string[]): ExcelJS.DataValidation {
  return { type: 'list', allowBlank: true, showErrorMessage: false, formulae: [`"${values.join(',')}"`] };
}

/** ExcelJS supports range-wide validations (written as one sqref) but its typings omit them. */
function addListValidation(ws: ExcelJS.Worksheet, range: string, values: readonly string[]): void {
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, listValidation(values));
}

/** Excel tables need at least one data row; a template gets one blank row. */
function tableRows(rows: Cell[][] | undefined, width: number): Cell[][] {
  return rows && rows.length > 0 ? rows : [new Array(width).fill(null)];
}

function addTable(ws: ExcelJS.Worksheet, name: string, headers: readonly string[], rows: Cell[][], style = 'TableStyleMedium2'): void {
  ws.addTable({
    name,
    ref: 'A1',
    headerRow: true,
    style: { theme: style as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
    columns: headers.map((h) => ({ name: h, filterButton: true })),
    rows: tableRows(rows, headers.length),
  });
}

function portfolioSheet(wb: ExcelJS.Workbook, language: Language, rows?: Cell[][], userHeaders: readonly string[] = []): void {
  const all = portfolioColumns(language);
  const firstOutput = all.findIndex((c) => c.owner === 'product');
  // The user's own columns sit between the input and the output columns.
  const extra: TemplateColumn[] = userHeaders.map((header) => ({ header, owner: 'user', width: 30 }));
  const columns = [...all.slice(0, firstOutput), ...extra, ...all.slice(firstOutput)];
  const ws = wb.addWorksheet(sheetNames(language).portfolio, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const padded = rows?.map((r) => [...r, ...new Array(Math.max(0, columns.length - r.length)).fill(null)]);
  addTable(ws, TABLE_NAMES.portfolio, columns.map((c) => c.header), padded ?? []);
  columns.forEach((col, i) => formatColumn(ws, col, i + 1));
  highlightSeverity(ws, columns, language);
}

function formatColumn(ws: ExcelJS.Worksheet, col: TemplateColumn, index: number): void {
  const column = ws.getColumn(index);
  column.width = col.width;
  if (col.numFmt) column.numFmt = col.numFmt;
  const letter = columnLetters(index - 1);
  if (col.list) addListValidation(ws, `${letter}2:${letter}${LAST_ROW}`, col.list);
  if (col.owner === 'product') {
    // Product columns are written by the tool; a grey header says "not yours to type".
    ws.getCell(`${letter}1`).font = { bold: true, color: { argb: 'FF595959' } };
    if (col.header.length > 0) column.alignment = { wrapText: true, vertical: 'top' };
  }
}

/** Severity cells coloured by value, added once with the table (conditional formatting). */
function highlightSeverity(ws: ExcelJS.Worksheet, columns: TemplateColumn[], language: Language): void {
  const cat = catalogFor(language);
  const severityHeader = language === 'en' ? 'Severity' : '级别';
  const index = columns.findIndex((c) => c.header === severityHeader) + 1;
  if (index === 0) return;
  const letter = columnLetters(index - 1);
  const levels: RowSeverity[] = ['critical', 'error', 'warning', 'info', 'ok'];
  ws.addConditionalFormatting({
    ref: `${letter}2:${letter}${LAST_ROW}`,
    rules: levels.map((level, priority) => ({
      type: 'containsText',
      operator: 'containsText',
      text: cat.severity[level],
      priority: priority + 1,
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: SEVERITY_FILL[level] as string } } },
    })),
  });
}

/** Content for a filled workbook (samples, the bundled example); the template has none. */
export interface WorkbookContent {
  /** Rows of input values (and then values of `userColumns`, in order). */
  portfolio?: Cell[][];
  /** The user's own extra columns, placed after the input columns. */
  userColumns?: string[];
  /** Setting key (English or Chinese name, as in the sheet) → value typed in the Value column. */
  settings?: Record<string, Cell>;
  holidays?: Cell[][];
  materials?: Cell[][];
}

function settingsTab(wb: ExcelJS.Workbook, language: Language, values: Record<string, Cell> = {}): void {
  const sheet = settingsSheet(language);
  const ws = wb.addWorksheet(sheetNames(language).settings, { views: [{ state: 'frozen', ySplit: 1 }] });
  const rows: Cell[][] = sheet.rows.map(([key, , def, description]) => [key, values[key] ?? null, def, description]);
  addTable(ws, TABLE_NAMES.settings, sheet.headers, rows, 'TableStyleLight9');
  [32, 18, 36, 70].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

function holidaysTab(wb: ExcelJS.Workbook, language: Language, rows?: Cell[][]): void {
  const ws = wb.addWorksheet(sheetNames(language).holidays, { views: [{ state: 'frozen', ySplit: 1 }] });
  addTable(ws, TABLE_NAMES.holidays, holidaysHeaders(language), rows ?? [], 'TableStyleLight9');
  ws.getColumn(1).numFmt = 'yyyy-mm-dd';
  [14, 10, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  addListValidation(ws, `B2:B${LAST_ROW}`, holidayTypes(language));
}

function materialsTab(wb: ExcelJS.Workbook, language: Language, rows?: Cell[][]): void {
  const ws = wb.addWorksheet(sheetNames(language).materials, { views: [{ state: 'frozen', ySplit: 1 }] });
  addTable(ws, TABLE_NAMES.materials, materialsHeaders(language), rows ?? [], 'TableStyleLight9');
  [12, 16, 32, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  addListValidation(ws, `B2:B${LAST_ROW}`, materialSlots());
}

/** The template workbook; with content, a workbook already filled in (samples, the example). */
export function buildPortfolioWorkbook(language: Language, content: WorkbookContent = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Launch Tracker';
  portfolioSheet(wb, language, content.portfolio, content.userColumns);
  settingsTab(wb, language, content.settings);
  holidaysTab(wb, language, content.holidays);
  materialsTab(wb, language, content.materials);
  return wb;
}

export async function writeTemplate(path: string, language: Language, content: WorkbookContent = {}): Promise<void> {
  await buildPortfolioWorkbook(language, content).xlsx.writeFile(path);
}
