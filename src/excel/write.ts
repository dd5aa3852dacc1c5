/**
 * Writing the product's own columns back into the Portfolio table, and nothing else.
 *
 * Which columns are the product's is the workbook's ownership record's to say, not their
 * headers' (planOutputColumns, src/workbook/ownership.ts): a user's own 级别 or 下一步 is never
 * written to; the product's column is added beside it under a distinct header. Missing output
 * columns are added at the right of the table, and the record is saved (when it changed) in the
 * same request as the first block of values, after the columns it names. Values go in blocks of
 * rows, each block one request under Excel on the web's 5 MB limit. Dates are Excel serials
 * under a date format; text columns are formatted as text, so a value starting with = + - @ can
 * never become a formula.
 *
 * Calculation is not suspended: after suspendApiCalculationUntilNextSync "it is the developer's
 * responsibility to re-calc the workbook, to ensure that any dependencies are propagated"
 * (Excel.Application, ExcelApi 1.6), and a full recalculation would re-evaluate every formula
 * of the workbook — every =LAUNCH.… among them. Without it Excel does what it does for a person
 * typing: in automatic mode it recalculates what depends on the written cells after each
 * request (one per block: a few for 50,000 rows), and a workbook its owner set to manual
 * calculation stays manual.
 */
import { OUTPUT_COLUMNS, OutputKey } from '../workbook/columns';
import type { OutputValue } from '../workbook/output';
import { OutputColumnPlan, outputPositions } from '../workbook/ownership';
import { DATE_FORMAT, DATETIME_FORMAT } from '../workbook/template';
import type { Cell } from '../workbook/values';
import {
  finishOwnershipSave,
  PendingOwnershipSave,
  planFor,
  queueOwnershipSave,
  recordAfter,
  WorkbookOwnership,
} from './ownership';
import { ExcelRun, MAX_PAYLOAD_BYTES, payloadBytes } from './run';

export interface OutputWrite {
  tableName: string;
  /** The sheet the table is on (the record names it). */
  sheetName: string;
  /** The table's headers as last read. */
  headers: readonly Cell[];
  /** The ownership record as last read or saved: which of the table's columns are the product's. */
  ownership: WorkbookOwnership;
  /** Output values per table row, in OUTPUT_COLUMNS order; rows not listed in `rows` are ignored. */
  values: readonly (readonly OutputValue[])[];
  /** Table rows to write (0-based data rows); all rows when absent. */
  rows?: readonly number[];
  /** Language of the headers of columns that must be added. */
  headerLanguage: 'zh-CN' | 'en';
  /** Add the severity conditional formats to this range (once per workbook: the caller remembers). */
  severityFormats?: (severityColumn: Excel.Range) => void;
}

export interface WriteStats {
  syncs: number;
  /** Largest request, in bytes of values written. */
  maxPayloadBytes: number;
  rowsWritten: number;
  /** Headers of the columns added at the right, in order. */
  addedColumns: string[];
  /** Table column index of every output column after the write. */
  positions: Record<OutputKey, number>;
  /** The user's columns with an output header, left as they were, and the product's columns added beside them. */
  clashes: OutputColumnPlan['clashes'];
  /** How the existing output columns were recognised. */
  basis: OutputColumnPlan['basis'];
  /** The ownership record after the write (saved when it changed). */
  ownership: WorkbookOwnership;
}

const FORMAT: Record<'text' | 'date' | 'datetime', string> = { text: '@', date: DATE_FORMAT, datetime: DATETIME_FORMAT };

/** Runs of adjacent output columns: [first table column, first output index, count]. */
function columnRuns(positions: Record<OutputKey, number>): [number, number[]][] {
  const pairs = OUTPUT_COLUMNS.map((def, k) => [positions[def.key], k] as const).sort((a, b) => a[0] - b[0]);
  const runs: [number, number[]][] = [];
  for (const [col, k] of pairs) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1].length === col) last[1].push(k);
    else runs.push([col, [k]]);
  }
  return runs;
}

/** Runs of adjacent rows, each one range in a request: [first row, count]. Repeats count once. */
export function rowRuns(rows: readonly number[]): [number, number][] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === r) last[1]++;
    else runs.push([r, 1]);
  }
  return runs;
}

/** Rows grouped into blocks whose values stay under the request limit. */
function blocks(rows: readonly number[], values: readonly (readonly OutputValue[])[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const r of rows) {
    const size = payloadBytes(values[r]) + 16; // the row's share of the request envelope
    if (current.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export async function writeOutputs(run: ExcelRun, request: OutputWrite, onProgress?: (fraction: number) => void): Promise<WriteStats> {
  const place = { tableName: request.tableName, sheetName: request.sheetName };
  const plan = planFor(request.ownership, place, request.headers, request.headerLanguage);
  const positions = outputPositions(plan, request.headers.length);
  const added = plan.added.map((a) => a.header);
  const record = recordAfter(request.ownership, place, plan.headers);
  const rows = request.rows ?? request.values.map((_, i) => i);
  const runs = columnRuns(positions);
  const groups = blocks(rows, request.values);
  const stats: WriteStats = {
    syncs: 0,
    maxPayloadBytes: 0,
    rowsWritten: 0,
    addedColumns: added,
    positions,
    clashes: plan.clashes,
    basis: plan.basis,
    ownership: request.ownership,
  };

  await run(async (ctx) => {
    const table = ctx.workbook.tables.getItem(request.tableName);
    for (const name of added) table.columns.add(undefined, undefined, name);
    if (added.length > 0 || request.rows === undefined) formatColumns(table, positions);
    if (request.severityFormats) request.severityFormats(table.getDataBodyRange().getColumn(positions.severity));
    // The record goes last in the first request: a request stops at its first failing command,
    // so it is saved only once the columns it names were added (and their first rows written).
    let save: PendingOwnershipSave | null = null;
    const syncSaving = async () => {
      const first = stats.syncs === 0;
      if (first) save = queueOwnershipSave(ctx, request.ownership, record);
      stats.syncs++;
      await ctx.sync();
      if (first && save) stats.ownership = finishOwnershipSave(save);
    };
    if (groups.length === 0) {
      await syncSaving();
      return;
    }
    const body = table.getDataBodyRange();
    for (const group of groups) {
      let bytes = 0;
      for (const [firstRow, count] of rowRuns(group)) {
        for (const [firstCol, keys] of runs) {
          const block = [];
          for (let r = firstRow; r < firstRow + count; r++) block.push(keys.map((k) => excelValue(request.values[r][k])));
          body.getCell(firstRow, firstCol).getResizedRange(count - 1, keys.length - 1).values = block;
          bytes += payloadBytes(block);
        }
      }
      stats.maxPayloadBytes = Math.max(stats.maxPayloadBytes, bytes);
      stats.rowsWritten += group.length;
      await syncSaving();
      onProgress?.(stats.rowsWritten / rows.length);
    }
  });
  return stats;
}

/** Excel clears a cell given ""; null in a values array means "leave as is". */
function excelValue(v: OutputValue): string | number {
  return v === null ? '' : v;
}

/** Number formats for whole output columns: dates as dates, texts as text. */
function formatColumns(table: Excel.Table, positions: Record<OutputKey, number>): void {
  const body = table.getDataBodyRange();
  for (const def of OUTPUT_COLUMNS) {
    const column = body.getColumn(positions[def.key]);
    // A single value applies to every cell of the range.
    column.numberFormat = FORMAT[def.kind] as unknown as string[][];
    if (def.key === 'findings' || def.key === 'nextActions') column.format.wrapText = true;
  }
}
