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
import { Slices } from '../workbook/slices';
import type { Cell } from '../workbook/values';
import {
  finishOwnershipSave,
  PendingOwnershipSave,
  planFor,
  queueOwnershipSave,
  recordAfter,
  WorkbookOwnership,
} from './ownership';
import { ExcelRun, MAX_PAYLOAD_BYTES, officeErrorCode, payloadBytes } from './run';

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
  /** Requests Excel refused as too large, each then sent again in halves. */
  splits: number;
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

/** A row's brackets and commas in a values array. */
const ROW_BYTES = 16;
/**
 * What one range written costs a request besides its values: Office.js sends the way to it
 * (getCell, getResizedRange: an object path each) and the command setting its values as JSON
 * beside the values. The reference gives no size; 512 bytes is a generous estimate of that
 * JSON. It matters for scattered writes (keep-up-to-date, midnight): 10,000 rows that are not
 * neighbours are 10,000 ranges or more. Where Excel still refuses a request, it is split
 * (writeOutputs).
 */
export const RANGE_REQUEST_BYTES = 512;

/**
 * Rows grouped into blocks, each one request under the limit: the values, and for each run of
 * adjacent rows one range per run of adjacent output columns. Each block is sized when it is
 * asked for, so sizing 50,000 rows is not one long task before the first request.
 */
export function* blocks(rows: readonly number[], values: readonly (readonly OutputValue[])[], columnRunCount: number): Generator<number[]> {
  let current: number[] = [];
  let bytes = 0;
  let previous = -2;
  for (const r of [...new Set(rows)].sort((a, b) => a - b)) {
    const rowBytes = payloadBytes(values[r]) + ROW_BYTES;
    const newRange = columnRunCount * RANGE_REQUEST_BYTES;
    let size = rowBytes + (r === previous + 1 && current.length > 0 ? 0 : newRange);
    if (current.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      yield current;
      current = [];
      bytes = 0;
      size = rowBytes + newRange;
    }
    current.push(r);
    bytes += size;
    previous = r;
  }
  if (current.length > 0) yield current;
}

export async function writeOutputs(run: ExcelRun, request: OutputWrite, onProgress?: (fraction: number) => void): Promise<WriteStats> {
  const place = { tableName: request.tableName, sheetName: request.sheetName };
  const plan = planFor(request.ownership, place, request.headers, request.headerLanguage);
  const positions = outputPositions(plan, request.headers.length);
  const added = plan.added.map((a) => a.header);
  const record = recordAfter(request.ownership, place, plan.headers);
  const rows = request.rows ?? request.values.map((_, i) => i);
  const runs = columnRuns(positions);
  const stats: WriteStats = {
    syncs: 0,
    maxPayloadBytes: 0,
    rowsWritten: 0,
    addedColumns: added,
    positions,
    clashes: plan.clashes,
    basis: plan.basis,
    ownership: request.ownership,
    splits: 0,
  };

  await run(async (ctx) => {
    const table = ctx.workbook.tables.getItem(request.tableName);
    const body = table.getDataBodyRange();
    let setUp = false;
    /** The first request also adds the columns and formats them (again, if a first attempt was refused). */
    const queueSetUp = () => {
      for (const name of added) table.columns.add(undefined, undefined, name);
      if (added.length > 0 || request.rows === undefined) formatColumns(table, positions);
      if (request.severityFormats) request.severityFormats(table.getDataBodyRange().getColumn(positions.severity));
    };
    const queueValues = (group: readonly number[]): number => {
      let bytes = 0;
      for (const [firstRow, count] of rowRuns(group)) {
        for (const [firstCol, keys] of runs) {
          const block = [];
          for (let r = firstRow; r < firstRow + count; r++) block.push(keys.map((k) => excelValue(request.values[r][k])));
          body.getCell(firstRow, firstCol).getResizedRange(count - 1, keys.length - 1).values = block;
          bytes += payloadBytes(block);
        }
      }
      return bytes;
    };
    const send = async (group: number[]): Promise<void> => {
      const first = !setUp;
      if (first) queueSetUp();
      const bytes = queueValues(group);
      // The record goes last in the first request: a request stops at its first failing command,
      // so it is saved only once the columns it names were added (and their first rows written).
      const save: PendingOwnershipSave | null = first ? queueOwnershipSave(ctx, request.ownership, record) : null;
      stats.syncs++;
      try {
        await ctx.sync();
      } catch (error) {
        // Excel counted the request larger than the estimate: nothing of it was done; send it in halves.
        if (officeErrorCode(error) !== 'RequestPayloadSizeLimitExceeded' || group.length < 2) throw error;
        stats.splits++;
        const half = Math.ceil(group.length / 2);
        await send(group.slice(0, half));
        await send(group.slice(half));
        return;
      }
      if (first) {
        setUp = true;
        if (save) stats.ownership = finishOwnershipSave(save);
      }
      stats.maxPayloadBytes = Math.max(stats.maxPayloadBytes, bytes);
      stats.rowsWritten += group.length;
      onProgress?.(rows.length === 0 ? 1 : stats.rowsWritten / rows.length);
    };
    // Real Excel answers each sync in a later task; the in-memory one (preview mode) in the same:
    // between requests the pane gets the thread back (src/workbook/slices.ts).
    const slices = new Slices();
    let sent = false;
    for (const group of blocks(rows, request.values, runs.length)) {
      await send(group);
      sent = true;
      if (slices.due()) await slices.next();
    }
    if (!sent) await send([]);
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
