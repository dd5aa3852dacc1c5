/**
 * "Create portfolio" in the open workbook: the same template as `launch-tracker template`
 * (src/workbook/template.ts) — the Portfolio table with drop-downs, date formats and a frozen
 * header, and the Settings, Holidays and Materials tables. On a workbook that has a
 * portfolio it only adds what is missing: columns at the right, side tables; it never
 * clears or moves data.
 */
import type { Language } from '../rules/types';
import { inputColumnFor, outputColumnFor } from '../workbook/columns';
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
import type { CreateOutcome } from '../taskpane/service';
import { columnLetters } from '../workbook/address';
import type { ExcelApi } from './run';

/** Points per character of Excel's default font: the template's widths are in characters. */
const POINTS_PER_CHAR = 7;

export interface TemplateResult extends CreateOutcome {
  syncs: number;
}

/** Which template column a header stands for (input or output), so existing ones are recognised. */
function columnKey(header: string): string | null {
  return inputColumnFor(header)?.key ?? outputColumnFor(header)?.key ?? null;
}

export async function createTemplate(excel: ExcelApi, language: Language, severityFormats: (range: Excel.Range) => void): Promise<TemplateResult> {
  return excel.run(async (ctx) => {
    let syncs = 0;
    const sync = async () => {
      syncs++;
      await ctx.sync();
    };
    const tables = ctx.workbook.tables.load('items/name');
    const sheets = ctx.workbook.worksheets.load('items/name');
    await sync();
    const tableNames = new Set(tables.items.map((t) => t.name.toLowerCase()));
    const sheetSet = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    const uniqueSheet = (name: string) => {
      let candidate = name;
      for (let n = 2; sheetSet.has(candidate.toLowerCase()); n++) candidate = `${name} ${n}`;
      sheetSet.add(candidate.toLowerCase());
      return candidate;
    };

    const outcome: TemplateResult = { created: false, addedColumns: [], addedTables: [], syncs: 0 };
    const columns = portfolioColumns(language);
    if (tableNames.has(TABLE_NAMES.portfolio.toLowerCase())) {
      const table = ctx.workbook.tables.getItem(TABLE_NAMES.portfolio);
      const header = table.getHeaderRowRange().load('values');
      await sync();
      const present = new Set((header.values[0] ?? []).map((h) => columnKey(String(h))).filter((k): k is string => k !== null));
      const missing = columns.filter((c) => !present.has(columnKey(c.header) as string));
      let index = (header.values[0] ?? []).length;
      for (const col of missing) {
        table.columns.add(undefined, undefined, col.header);
        formatColumn(table, col, index++, severityFormats);
      }
      outcome.addedColumns = missing.map((c) => c.header);
    } else {
      const sheet = ctx.workbook.worksheets.add(uniqueSheet(sheetNames(language).portfolio));
      sheet.getRangeByIndexes(0, 0, 1, columns.length).values = [columns.map((c) => c.header)];
      const table = sheet.tables.add(`A1:${columnLetters(columns.length - 1)}2`, true);
      table.name = TABLE_NAMES.portfolio;
      table.style = 'TableStyleMedium2';
      columns.forEach((col, i) => formatColumn(table, col, i, severityFormats));
      sheet.freezePanes.freezeAt(sheet.getRange('A1'));
      sheet.activate();
      outcome.created = true;
    }
    addSideTables(ctx, language, tableNames, uniqueSheet, outcome);
    await sync();
    outcome.syncs = syncs;
    return outcome;
  });
}

function formatColumn(table: Excel.Table, col: TemplateColumn, index: number, severityFormats: (range: Excel.Range) => void): void {
  const body = table.getDataBodyRange().getColumn(index);
  body.format.columnWidth = col.width * POINTS_PER_CHAR;
  if (col.numFmt) body.numberFormat = col.numFmt as unknown as string[][];
  if (col.list) body.dataValidation.rule = { list: { inCellDropDown: true, source: col.list.join(',') } };
  if (col.owner === 'product') {
    body.format.wrapText = col.numFmt === undefined;
    if (outputColumnFor(col.header)?.key === 'severity') severityFormats(body);
  }
}

function addSideTables(
  ctx: Excel.RequestContext,
  language: Language,
  existing: Set<string>,
  uniqueSheet: (name: string) => string,
  outcome: CreateOutcome,
): void {
  const names = sheetNames(language);
  const settings = settingsSheet(language);
  const side: { table: string; sheet: string; headers: string[]; rows: string[][]; list?: [number, readonly string[]]; widths: number[]; dateColumn?: number }[] = [
    { table: TABLE_NAMES.settings, sheet: names.settings, headers: settings.headers, rows: settings.rows, widths: [32, 18, 36, 70] },
    { table: TABLE_NAMES.holidays, sheet: names.holidays, headers: holidaysHeaders(language), rows: [], list: [1, holidayTypes(language)], widths: [14, 10, 24], dateColumn: 0 },
    { table: TABLE_NAMES.materials, sheet: names.materials, headers: materialsHeaders(language), rows: [], list: [1, materialSlots()], widths: [12, 16, 32, 10] },
  ];
  for (const spec of side) {
    if (existing.has(spec.table.toLowerCase())) continue;
    const sheet = ctx.workbook.worksheets.add(uniqueSheet(spec.sheet));
    const rows = spec.rows.length > 0 ? spec.rows : [spec.headers.map(() => '')];
    sheet.getRangeByIndexes(0, 0, rows.length + 1, spec.headers.length).values = [spec.headers, ...rows];
    const table = sheet.tables.add(`A1:${columnLetters(spec.headers.length - 1)}${rows.length + 1}`, true);
    table.name = spec.table;
    table.style = 'TableStyleLight9';
    spec.widths.forEach((w, i) => (table.getDataBodyRange().getColumn(i).format.columnWidth = w * POINTS_PER_CHAR));
    if (spec.list) table.getDataBodyRange().getColumn(spec.list[0]).dataValidation.rule = { list: { inCellDropDown: true, source: spec.list[1].join(',') } };
    if (spec.dateColumn !== undefined) table.getDataBodyRange().getColumn(spec.dateColumn).numberFormat = 'yyyy-mm-dd' as unknown as string[][];
    sheet.freezePanes.freezeRows(1);
    outcome.addedTables.push(spec.table);
  }
}
