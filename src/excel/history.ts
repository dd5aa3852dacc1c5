/**
 * The history's two parts in the open workbook (the format is src/workbook/history.ts, shared
 * with the command line): the state sheet LaunchTrackerState (very hidden) and the History table.
 *
 * Reading: the sheet and the table are looked up in the request that reads the portfolio
 * (queueHistoryRead, with *OrNullObject: ExcelApi 1.4), then, when either exists, a request
 * reads the state sheet's size and the table's header, sheet and size; then the records of a
 * History table of ours (their times for the compaction, all six cells for the review times the
 * check measures, src/workbook/durations.ts) and the state's cells, in blocks under Excel on the
 * web's 5 MB.
 * A sheet of that name whose A1 is not `launch-tracker-state`, or a table named History whose
 * headers are not the product's, is the user's: no history is written then (as the CLI does).
 *
 * Writing: the state sheet is rewritten whole (formatted as text before its values, so that
 * "2026-11-24" stays text and "001" keeps its zeros); the History table loses its oldest records
 * (Range.delete up, ExcelApi 1.1) and gains the new ones at the bottom (TableRowCollection.add,
 * ExcelApi 1.4 for several rows), each block one request of at most 4 MB.
 */
import type { Language } from '../rules/types';
import {
  decodeState,
  HISTORY_HEADERS,
  HISTORY_SHEET,
  HISTORY_TABLE,
  HISTORY_WIDTHS,
  isHistoryHeader,
  PortfolioState,
  recordTime,
  STATE_MAGIC,
  STATE_SHEET,
  StateReadProblem,
} from '../workbook/history';
import { DATETIME_FORMAT } from '../workbook/template';
import { Cell, cellText } from '../workbook/values';
import { ExcelRun, MAX_PAYLOAD_BYTES, officeErrorCode, payloadBytes } from './run';
import { RANGE_REQUEST_BYTES, rowRuns } from './write';

const HISTORY_WIDTH = 6;
/** Roughly how many bytes a state cell takes in a values response: the first block's size. */
const BYTES_PER_CELL_ESTIMATE = 40;
/**
 * A History record's bytes in a values response, for the first block: most take about 90, one of
 * the next step (two sentences) up to 700; the next blocks are sized by what the first weighed,
 * and a block still too large is read again in halves. 100,000 records (9 MB): four requests.
 */
const RECORD_BYTES_ESTIMATE = 400;
/** Excel's column width unit is about 7 points per character of the default font (ColumnWidth is in points). */
const POINTS_PER_CHARACTER = 7;

export interface HistoryRead {
  /**
   * The state sheet of ours: its used size, and its cells as text (what a write compares with,
   * to write only the rows that differ), or null when there is none.
   */
  stateSheet: { rows: number; columns: number; cells: string[][] } | null;
  state: PortfolioState | null;
  /** Why a state sheet of ours could not be read: this check records a new baseline. */
  stateProblem: StateReadProblem | null;
  /** The History table of ours: its sheet, its body rows, and the records' times (oldest first). */
  table: { id: string; sheetName: string; bodyRows: number; whens: (number | null)[] } | null;
  /** A sheet or table of the user's under the product's name: no history is written. */
  blocked: HistoryBlock | null;
  /** The workbook's sheet names (lower case), for the History sheet's name when it is made. */
  sheetNames: string[];
}

/** A sheet (LaunchTrackerState) or a table (History) of the user's, by its name. */
export interface HistoryBlock {
  what: 'sheet' | 'table';
  name: string;
}

export interface PendingHistoryRead {
  sheet: Excel.Worksheet;
  table: Excel.Table;
  sheets: Excel.WorksheetCollection;
}

/** Queued in the request that reads the tables: whether the sheet and the table exist. */
export function queueHistoryRead(ctx: Excel.RequestContext): PendingHistoryRead {
  return {
    sheet: ctx.workbook.worksheets.getItemOrNullObject(STATE_SHEET).load('name'),
    table: ctx.workbook.tables.getItemOrNullObject(HISTORY_TABLE).load(['name', 'id']),
    sheets: ctx.workbook.worksheets.load('items/name'),
  };
}

/** A finished read: what the workbook holds, and the History table's records for the check to measure. */
export interface HistoryReadResult {
  read: HistoryRead;
  /**
   * The records of a History table of ours, six cells each ('' read as null), the blank body row
   * of an empty table left out; [] when there is no table of ours. Handed to the check, not kept.
   */
  records: Cell[][];
}

/** The rest of the read, when the sheet or the table exists (`portfolioSheet`: a History table there is the user's). */
export async function finishHistoryRead(ctx: Excel.RequestContext, pending: PendingHistoryRead, portfolioSheet: string, sync: () => Promise<void>): Promise<HistoryReadResult> {
  const sheetNames = pending.sheets.items.map((s) => s.name.toLowerCase());
  const read: HistoryRead = { stateSheet: null, state: null, stateProblem: null, table: null, blocked: null, sheetNames };
  const hasSheet = !pending.sheet.isNullObject;
  const hasTable = !pending.table.isNullObject;
  if (!hasSheet && !hasTable) return { read, records: [] };
  const used = hasSheet ? ctx.workbook.worksheets.getItem(STATE_SHEET).getUsedRangeOrNullObject(true).load(['rowCount', 'columnCount']) : null;
  const corner = hasSheet ? ctx.workbook.worksheets.getItem(STATE_SHEET).getRange('A1').load('values') : null;
  const table = hasTable ? ctx.workbook.tables.getItem(HISTORY_TABLE) : null;
  const header = table?.getHeaderRowRange().load(['values', 'columnCount']) ?? null;
  const body = table?.getDataBodyRange().load('rowCount') ?? null;
  const tableSheet = table?.worksheet.load('name') ?? null;
  await sync();
  if (corner && cellText(corner.values[0][0] as Cell) !== STATE_MAGIC) return { read: { ...read, blocked: { what: 'sheet', name: STATE_SHEET } }, records: [] };
  let records: Cell[][] = [];
  if (header && tableSheet && body) {
    if (tableSheet.name === portfolioSheet || header.columnCount !== HISTORY_WIDTH || !isHistoryHeader(header.values[0] as Cell[])) {
      return { read: { ...read, blocked: { what: 'table', name: HISTORY_TABLE } }, records: [] };
    }
    // The table is ours (its headers said so): only now are its records read.
    const rows = await readInBlocks(ctx, (start, count) => ctx.workbook.tables.getItem(HISTORY_TABLE).getDataBodyRange().getRow(start).getResizedRange(count - 1, 0), body.rowCount, RECORD_BYTES_ESTIMATE, sync);
    // One time per body row, in the table's order: the compaction drops rows from the top.
    read.table = { id: pending.table.id, sheetName: tableSheet.name, bodyRows: body.rowCount, whens: rows.map((r) => recordTime(r[0])) };
    records = rows.filter((r) => r.some((c) => cellText(c) !== null));
  }
  if (used && !used.isNullObject) {
    const sheet = ctx.workbook.worksheets.getItem(STATE_SHEET);
    const cells = await readInBlocks(ctx, (start, count) => sheet.getRangeByIndexes(start, 0, count, used.columnCount), used.rowCount, Math.max(1, used.columnCount) * BYTES_PER_CELL_ESTIMATE, sync);
    read.stateSheet = { rows: used.rowCount, columns: used.columnCount, cells: cells.map((r) => r.map((c) => cellText(c) ?? '')) };
    const decoded = decodeState(cells);
    if ('state' in decoded) read.state = decoded.state;
    else read.stateProblem = decoded.problem;
  }
  return { read, records };
}

/**
 * Rows of a range read in blocks (`rangeAt(start, count)`), each block one request whose response
 * stays under MAX_PAYLOAD_BYTES: the first sized by `firstRowBytes` (a cautious guess), the next
 * by what the rows read so far weighed. A block Excel still finds too large (rows heavier than
 * those before) is read again in halves: a failed request changes nothing, and the context
 * takes the next one (as the portfolio's read does, read.ts).
 */
async function readInBlocks(ctx: Excel.RequestContext, rangeAt: (start: number, count: number) => Excel.Range, rowCount: number, firstRowBytes: number, sync: () => Promise<void>): Promise<Cell[][]> {
  let perRow = firstRowBytes;
  const rows: Cell[][] = [];
  for (let start = 0; start < rowCount; ) {
    let count = Math.min(Math.max(1, Math.floor(MAX_PAYLOAD_BYTES / perRow)), rowCount - start);
    let block = rangeAt(start, count).load('values');
    for (;;) {
      try {
        await sync();
        break;
      } catch (error) {
        if (count === 1 || officeErrorCode(error) !== 'ResponsePayloadSizeLimitExceeded') throw error;
        count = Math.ceil(count / 2);
        block = rangeAt(start, count).load('values');
      }
    }
    for (const r of block.values) rows.push(r.map((v) => (v === '' ? null : (v as Cell))));
    perRow = Math.max(perRow / 4, (payloadBytes(block.values) / count) * 1.25);
    start += count;
  }
  return rows;
}

// ---- writing -------------------------------------------------------------------------------

export interface HistoryWrite {
  read: HistoryRead;
  /** encodeState(next): the state sheet's rows. */
  stateRows: readonly (readonly string[])[];
  /** How many of the oldest records to remove (recordsToDrop). */
  drop: number;
  /** The new records (historyRows): [when serial, ID, what, from, to, source]. */
  records: readonly (readonly Cell[])[];
  /** The language of the History sheet's name and headers (the portfolio's headers'). */
  headerLanguage: Language;
}

export interface HistoryWriteStats {
  syncs: number;
  /** Largest request, in bytes of values written. */
  maxPayloadBytes: number;
  /** The sheet the History table is on ('' when there is none). */
  sheetName: string;
  /** The History table's id (Excel.Table.id), when there is one: its change events are the product's own. */
  tableId: string | null;
  /** The state sheet's cells as written (the next write compares with them). */
  stateCells: string[][];
  /** State rows written (the others were as they are). */
  stateRowsWritten: number;
}

export async function writeHistory(run: ExcelRun, write: HistoryWrite): Promise<HistoryWriteStats> {
  return run(async (ctx) => {
    const batch = new Batch(ctx);
    const state = await writeState(ctx, write, batch);
    const { sheetName, table } = await writeRecords(ctx, write, batch);
    await batch.flush();
    const tableId = table ? table.id : (write.read.table?.id ?? null);
    return { syncs: batch.syncs, maxPayloadBytes: batch.maxBytes, sheetName, tableId, stateCells: state.grid, stateRowsWritten: state.written };
  });
}

/**
 * Commands gathered into requests of at most MAX_PAYLOAD_BYTES of values: a block that would
 * take the request over sends what is queued first. The state and a few records are one request.
 */
class Batch {
  syncs = 0;
  maxBytes = 0;
  private bytes = 0;

  constructor(private readonly ctx: Excel.RequestContext) {}

  /** Before queueing `bytes` more. */
  async room(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > MAX_PAYLOAD_BYTES) await this.flush();
    this.bytes += bytes;
  }

  async flush(): Promise<void> {
    this.syncs++;
    this.maxBytes = Math.max(this.maxBytes, this.bytes);
    this.bytes = 0;
    await this.ctx.sync();
  }
}

/** Rows of equal width (a values array is a rectangle), '' where a row is shorter. */
function rectangle(rows: readonly (readonly string[])[]): { grid: string[][]; width: number } {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return { grid: rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]), width };
}

/** Consecutive blocks of rows, each at most `budget` bytes of values. */
function rowBlocks<T>(rows: readonly T[], budget: number): { start: number; rows: T[]; bytes: number }[] {
  const out: { start: number; rows: T[]; bytes: number }[] = [];
  let current = { start: 0, rows: [] as T[], bytes: 0 };
  rows.forEach((row, i) => {
    const size = payloadBytes(row) + 16;
    if (current.rows.length > 0 && current.bytes + size > budget) {
      out.push(current);
      current = { start: i, rows: [], bytes: 0 };
    }
    current.rows.push(row);
    current.bytes += size;
  });
  if (current.rows.length > 0) out.push(current);
  return out;
}

/** A state block: its values and the range's own share of the request. */
const STATE_BUDGET = MAX_PAYLOAD_BYTES - RANGE_REQUEST_BYTES;
/** A block of records is sent twice (empty rows added, then their values) with three ranges. */
const RECORD_BUDGET = Math.floor(MAX_PAYLOAD_BYTES / 2) - 3 * RANGE_REQUEST_BYTES;

/** TableRowCollection.add at the end: "If null or -1, the addition happens at the end." */
const AT_END = null as unknown as number;

/**
 * The state sheet: only the rows that differ from what it holds (most rows of a large portfolio
 * are as the last check left them), or all of it when it is new or its width changed. The cells
 * are compared as text, whatever their layout (encodeState's to say).
 */
async function writeState(ctx: Excel.RequestContext, write: HistoryWrite, batch: Batch): Promise<{ grid: string[][]; written: number }> {
  const { grid, width } = rectangle(write.stateRows);
  const existing = write.read.stateSheet;
  let sheet: Excel.Worksheet;
  let rows: number[];
  if (existing === null) {
    sheet = ctx.workbook.worksheets.add(STATE_SHEET);
    rows = grid.map((_, i) => i);
  } else {
    sheet = ctx.workbook.worksheets.getItem(STATE_SHEET);
    const same = existing.columns === width;
    rows = grid.flatMap((line, i) => (same && existing.cells[i] !== undefined && line.every((v, j) => v === existing.cells[i][j]) ? [] : [i]));
    if (!same) sheet.getRangeByIndexes(0, 0, existing.rows, existing.columns).clear();
    else if (existing.rows > grid.length) sheet.getRangeByIndexes(grid.length, 0, existing.rows - grid.length, existing.columns).clear();
  }
  // Very hidden: no menu shows it (ExcelApi 1.2 to set visibility); set again on a sheet someone made visible.
  sheet.visibility = 'VeryHidden' as Excel.SheetVisibility;
  for (const [first, count] of rowRuns(rows)) {
    for (const block of rowBlocks(grid.slice(first, first + count), STATE_BUDGET)) {
      await batch.room(block.bytes + RANGE_REQUEST_BYTES);
      const range = sheet.getRangeByIndexes(first + block.start, 0, block.rows.length, width);
      // Text before values: a value written into a General cell would become a date or a number.
      range.numberFormat = '@' as unknown as string[][];
      range.values = block.rows;
    }
  }
  return { grid, written: rows.length };
}

/** Appends the records (after removing the oldest); returns the sheet the table is on, and the table when it made one (its id loaded). */
async function writeRecords(ctx: Excel.RequestContext, write: HistoryWrite, batch: Batch): Promise<{ sheetName: string; table: Excel.Table | null }> {
  const table = write.read.table;
  if (table !== null && write.drop < table.bodyRows) {
    const history = ctx.workbook.tables.getItem(HISTORY_TABLE);
    if (write.drop > 0) history.getDataBodyRange().getRow(0).getResizedRange(write.drop - 1, 0).delete('Up' as Excel.DeleteShiftDirection);
    for (const block of rowBlocks(write.records, RECORD_BUDGET)) {
      await batch.room(block.bytes * 2 + 3 * RANGE_REQUEST_BYTES);
      appendRecords(history, block.rows);
    }
    return { sheetName: table.sheetName, table: null };
  }
  // No table yet, or every record is to go (Excel keeps at least one body row): a new table.
  if (write.records.length === 0) return { sheetName: table?.sheetName ?? '', table: null };
  if (table !== null) ctx.workbook.tables.getItem(HISTORY_TABLE).delete();
  return createTable(ctx, write, table?.sheetName ?? null, batch);
}

/**
 * Rows added empty, formatted, then given their values: rows.add takes values at once, and a
 * "2026-11-24" in a From cell formatted General would become a date. The rows just added are
 * the body's last n, wherever Excel put the first of them.
 */
function appendRecords(table: Excel.Table, rows: readonly (readonly Cell[])[]): void {
  const n = rows.length;
  table.rows.add(AT_END, rows.map(() => Array<string>(HISTORY_WIDTH).fill('')));
  const added = table.getDataBodyRange().getLastRow().getOffsetRange(-(n - 1), 0).getResizedRange(n - 1, 0);
  formatRecords(added);
  added.values = rows.map(excelRow);
}

function formatRecords(range: Excel.Range): void {
  range.getColumn(0).numberFormat = DATETIME_FORMAT as unknown as string[][];
  range.getColumn(1).getResizedRange(0, HISTORY_WIDTH - 2).numberFormat = '@' as unknown as string[][];
}

function excelRow(cells: readonly Cell[]): (string | number)[] {
  return Array.from({ length: HISTORY_WIDTH }, (_, j) => {
    const v = cells[j] ?? null;
    if (j === 0 && typeof v === 'number') return v;
    return cellText(v) ?? '';
  });
}

/** The History table on its own sheet (变更记录 / Change history, " (2)" when a sheet of the user's has the name). */
async function createTable(ctx: Excel.RequestContext, write: HistoryWrite, sheetName: string | null, batch: Batch): Promise<{ sheetName: string; table: Excel.Table }> {
  let name = sheetName;
  if (name === null) {
    const taken = new Set(write.read.sheetNames);
    const base = HISTORY_SHEET[write.headerLanguage];
    name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    ctx.workbook.worksheets.add(name);
  }
  const sheet = ctx.workbook.worksheets.getItem(name);
  const headers = HISTORY_HEADERS[write.headerLanguage];
  // The header and the first block of records, then the table over them (a table made from its
  // header row alone would hold an empty first row); later blocks are added to the table.
  const [firstBlock, ...rest] = rowBlocks(write.records, RECORD_BUDGET);
  await batch.room(firstBlock.bytes + 4 * RANGE_REQUEST_BYTES);
  const head = sheet.getRangeByIndexes(0, 0, 1, HISTORY_WIDTH);
  head.numberFormat = '@' as unknown as string[][];
  head.values = [[...headers]];
  const body = sheet.getRangeByIndexes(1, 0, firstBlock.rows.length, HISTORY_WIDTH);
  formatRecords(body);
  body.values = firstBlock.rows.map(excelRow);
  const table = sheet.tables.add(sheet.getRangeByIndexes(0, 0, firstBlock.rows.length + 1, HISTORY_WIDTH), true);
  table.name = HISTORY_TABLE;
  table.load('id');
  HISTORY_WIDTHS.forEach((w, j) => (sheet.getRangeByIndexes(0, j, 1, 1).format.columnWidth = w * POINTS_PER_CHARACTER));
  for (const block of rest) {
    await batch.room(block.bytes * 2 + 3 * RANGE_REQUEST_BYTES);
    appendRecords(table, block.rows);
  }
  return { sheetName: name, table };
}
