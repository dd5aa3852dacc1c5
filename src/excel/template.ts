/**
 * "Create portfolio" in the open workbook: the same template as `launch-tracker template`
 * (src/workbook/template.ts) — the Portfolio table with drop-downs, date formats and a frozen
 * header, and the Settings, Holidays and Materials tables. On a workbook that has a
 * portfolio it only adds what is missing: columns at the right, side tables; it never
 * clears or moves data.
 *
 * The product's output columns it creates are written into the workbook's ownership record
 * (src/excel/ownership.ts), so checks update them in place. On an existing portfolio a column
 * headed like an output column is the product's only if the record (or the legacy rule) says so:
 * a user's own 级别 stays the user's, and the product's is added beside it.
 */
import type { Language } from '../rules/types';
import { INPUT_COLUMNS, inputColumnFor, OUTPUT_COLUMNS, OutputKey } from '../workbook/columns';
import type { OutputColumnPlan } from '../workbook/ownership';
import {
  holidaysHeaders,
  holidayTypes,
  materialSlots,
  materialsHeaders,
  outputHeaders,
  portfolioColumns,
  settingsSheet,
  sheetNames,
  TABLE_NAMES,
  TemplateColumn,
} from '../workbook/template';
import { columnLetters } from '../workbook/address';
import type { CreateOutcome } from '../taskpane/service';
import {
  finishOwnershipRead,
  finishOwnershipSave,
  ownershipOf,
  PendingOwnershipSave,
  planFor,
  queueOwnershipRead,
  queueOwnershipSave,
  recordAfter,
  WorkbookOwnership,
} from './ownership';
import type { ExcelApi } from './run';

/** Points per character of Excel's default font: the template's widths are in characters. */
const POINTS_PER_CHAR = 7;

/** What the pane reports of "Create portfolio" (CreateOutcome), with the plan's clashes in full, the record and the syncs. */
export type TemplateResult = Omit<CreateOutcome, 'clashes'> & {
  /** The user's columns with an output header, left alone, and the product's columns added beside them. */
  clashes: OutputColumnPlan['clashes'];
  /** The ownership record after the command. */
  ownership: WorkbookOwnership;
  syncs: number;
};

/** The template's columns with what each stands for: inputs (by key), then the ten outputs. */
function templateColumns(language: Language): { col: TemplateColumn; input: string | null; output: OutputKey | null }[] {
  const columns = portfolioColumns(language);
  const inputs = INPUT_COLUMNS.length;
  if (columns.length !== inputs + OUTPUT_COLUMNS.length) throw new Error('the template columns are not the input columns then the output columns');
  return columns.map((col, i) => ({
    col,
    input: i < inputs ? INPUT_COLUMNS[i].key : null,
    output: i < inputs ? null : OUTPUT_COLUMNS[i - inputs].key,
  }));
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
    const pendingRecord = queueOwnershipRead(ctx);
    await sync();
    const parts = await finishOwnershipRead(ctx, pendingRecord, sync);
    const tableNames = new Set(tables.items.map((t) => t.name.toLowerCase()));
    const sheetSet = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    const uniqueSheet = (name: string) => {
      let candidate = name;
      for (let n = 2; sheetSet.has(candidate.toLowerCase()); n++) candidate = `${name} ${n}`;
      sheetSet.add(candidate.toLowerCase());
      return candidate;
    };

    const outcome: TemplateResult = { created: false, addedColumns: [], addedTables: [], clashes: [], ownership: ownershipOf(parts, null), syncs: 0 };
    const columns = templateColumns(language);
    const existing = tables.items.find((t) => t.name.toLowerCase() === TABLE_NAMES.portfolio.toLowerCase());
    let save: PendingOwnershipSave | null = null;
    if (existing) {
      const table = ctx.workbook.tables.getItem(existing.name);
      const header = table.getHeaderRowRange().load('values');
      const sheet = table.worksheet.load('name');
      await sync();
      const headers = header.values[0] ?? [];
      const place = { tableName: existing.name, sheetName: sheet.name };
      const ownership = ownershipOf(parts, place);
      // Input columns are recognised by their headers; output columns by the record.
      const present = new Set<string>(headers.flatMap((h) => inputColumnFor(String(h))?.key ?? []));
      const plan = planFor(ownership, place, headers, language);
      const missingInputs = columns.filter((c) => c.input !== null && !present.has(c.input));
      const templateOf = (key: OutputKey) => columns.find((c) => c.output === key)!.col;
      const added = [
        ...missingInputs.map((c) => ({ col: c.col, output: null })),
        ...plan.added.map(({ key, header: name }) => ({ col: { ...templateOf(key), header: name }, output: key })),
      ];
      let index = headers.length;
      for (const { col, output } of added) {
        table.columns.add(undefined, undefined, col.header);
        formatColumn(table, col, index++, output, severityFormats);
      }
      outcome.addedColumns = added.map((a) => a.col.header);
      outcome.clashes = plan.clashes;
      outcome.ownership = ownership;
      save = queueOwnershipSave(ctx, ownership, recordAfter(ownership, place, plan.headers));
    } else {
      const sheetName = uniqueSheet(sheetNames(language).portfolio);
      const sheet = ctx.workbook.worksheets.add(sheetName);
      sheet.getRangeByIndexes(0, 0, 1, columns.length).values = [columns.map((c) => c.col.header)];
      const table = sheet.tables.add(`A1:${columnLetters(columns.length - 1)}2`, true);
      table.name = TABLE_NAMES.portfolio;
      table.style = 'TableStyleMedium2';
      columns.forEach(({ col, output }, i) => formatColumn(table, col, i, output, severityFormats));
      sheet.freezePanes.freezeAt(sheet.getRange('A1'));
      sheet.activate();
      outcome.created = true;
      // The ten output columns are the product's: the record says so, and checks update them in place.
      const place = { tableName: TABLE_NAMES.portfolio, sheetName };
      const ownership = ownershipOf(parts, place);
      outcome.ownership = ownership;
      save = queueOwnershipSave(ctx, ownership, recordAfter(ownership, place, outputHeaders(language)));
    }
    addSideTables(ctx, language, tableNames, uniqueSheet, outcome);
    await sync();
    if (save) outcome.ownership = finishOwnershipSave(save);
    outcome.syncs = syncs;
    return outcome;
  });
}

function formatColumn(table: Excel.Table, col: TemplateColumn, index: number, output: OutputKey | null, severityFormats: (range: Excel.Range) => void): void {
  const body = table.getDataBodyRange().getColumn(index);
  body.format.columnWidth = col.width * POINTS_PER_CHAR;
  if (col.numFmt) body.numberFormat = col.numFmt as unknown as string[][];
  if (col.list) body.dataValidation.rule = { list: { inCellDropDown: true, source: col.list.join(',') } };
  if (output !== null) {
    body.format.wrapText = col.numFmt === undefined;
    if (output === 'severity') severityFormats(body);
  }
}

function addSideTables(
  ctx: Excel.RequestContext,
  language: Language,
  existing: Set<string>,
  uniqueSheet: (name: string) => string,
  outcome: { addedTables: string[] },
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
