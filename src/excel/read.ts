/**
 * Reading the workbook: the Portfolio, Settings, Holidays and Materials tables, values and
 * positions, and the ownership record (which columns are the product's, src/excel/ownership.ts),
 * in one context.sync() when the tables are where they were last time.
 *
 * Office.js fails a whole batch when one getItem names a missing table, so the first read of
 * a workbook (or one whose tables changed) discovers the table names first; the names found
 * are remembered, and the next reads take one sync. Excel on the web refuses responses over
 * 5 MB: a portfolio too large for one response is read in blocks of rows.
 */
import { isKeyHeader, KEY_HEADERS } from '../workbook/columns';
import { isProductTable } from '../workbook/productParts';
import type { Cell } from '../workbook/values';
import { WorkbookError } from './errors';
import { finishHistoryRead, HistoryRead, PendingHistoryRead, queueHistoryRead } from './history';
import { finishOwnershipRead, ownershipOf, PendingOwnershipRead, queueOwnershipRead, WorkbookOwnership } from './ownership';
import { ExcelRun, MAX_PAYLOAD_BYTES, officeErrorCode, payloadBytes } from './run';

export const TABLES = { portfolio: 'Portfolio', settings: 'Settings', holidays: 'Holidays', materials: 'Materials' } as const;
export type TableRole = keyof typeof TABLES;

/** The role a table of this name plays (names matched case-insensitively, as Excel does), or null. */
export function roleOf(name: string): TableRole | null {
  const lower = name.toLowerCase();
  for (const [role, tableName] of Object.entries(TABLES) as [TableRole, string][]) if (tableName.toLowerCase() === lower) return role;
  return null;
}

export interface TableRead {
  name: string;
  /** Excel.Table.id: how the workbook-level change events name the table. */
  id: string;
  sheetName: string;
  /** 0-based worksheet row of the header row. */
  headerRow: number;
  /** 0-based worksheet column of the first column. */
  firstColumn: number;
  headers: Cell[];
  rows: Cell[][];
}

export type WorkbookRead = Record<TableRole, TableRead | null>;

export interface ReadStats {
  syncs: number;
  /** Table names that existed: pass back to the next read for a single sync. */
  tableNames: string[];
}

/** Roughly how many bytes a cell takes in a values response: used to size row blocks. */
const BYTES_PER_CELL_ESTIMATE = 24;

/**
 * `history`: also read the state sheet and the History table (src/excel/history.ts), looked up in
 * the tables' request; `historyRecords` are then the table's records for the check to measure
 * ([] without a table of ours), null when history was not asked for.
 */
export async function readWorkbook(
  run: ExcelRun,
  knownTables?: readonly string[],
  options: { history?: boolean } = {},
): Promise<{ read: WorkbookRead; stats: ReadStats; ownership: WorkbookOwnership; history: HistoryRead | null; historyRecords: Cell[][] | null }> {
  return run(async (ctx) => {
    const stats: ReadStats = { syncs: 0, tableNames: [] };
    const sync = async () => {
      stats.syncs++;
      await ctx.sync();
    };
    // The record goes in the request that reads the tables; a request that fails brings none
    // of its answers back, so each attempt asks for it again.
    let record: PendingOwnershipRead | null = null;
    let history: PendingHistoryRead | null = null;
    const withRecord = <T>(load: () => Promise<T>): Promise<T> => {
      record = queueOwnershipRead(ctx);
      if (options.history) history = queueHistoryRead(ctx);
      return load();
    };
    let names = knownTables ?? Object.values(TABLES);
    let read: WorkbookRead | null = null;
    try {
      read = await withRecord(() => loadTables(ctx, names, sync));
    } catch (error) {
      const code = officeErrorCode(error);
      if (code === 'ItemNotFound') {
        names = await discoverTables(ctx, sync);
        read = await withRecord(() => loadTables(ctx, names, sync)).catch((e) => (isTooLarge(e) ? null : Promise.reject(e)));
      } else if (!isTooLarge(error)) {
        throw error;
      }
    }
    if (read === null) read = await withRecord(() => loadInBlocks(ctx, names, sync));
    if (!read.portfolio) read.portfolio = await findPortfolioByHeader(ctx, names, sync);
    stats.tableNames = [...names];
    checkPortfolio(read.portfolio);
    const parts = await finishOwnershipRead(ctx, record!, sync);
    const ownership = ownershipOf(parts, { tableName: read.portfolio.name, sheetName: read.portfolio.sheetName });
    const historyRead = history ? await finishHistoryRead(ctx, history, read.portfolio.sheetName, sync) : null;
    return { read, stats, ownership, history: historyRead?.read ?? null, historyRecords: historyRead?.records ?? null };
  });
}

function isTooLarge(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}

function checkPortfolio(portfolio: TableRead | null): asserts portfolio is TableRead {
  if (!portfolio) throw new WorkbookError('no-portfolio');
  if (!portfolio.headers.some((h) => typeof h === 'string' && isKeyHeader(h))) {
    throw new WorkbookError('no-key-column', {
      table: portfolio.name,
      looked: KEY_HEADERS,
      found: portfolio.headers.filter((h) => h !== null && String(h).trim() !== '').slice(0, 8).map(String),
    });
  }
}

export interface PendingTableRead {
  name: string;
  table: Excel.Table;
  header: Excel.Range;
  body: Excel.Range;
  sheet: Excel.Worksheet;
}

export function queueTableRead(ctx: Excel.RequestContext, name: string, withValues: boolean): PendingTableRead {
  const table = ctx.workbook.tables.getItem(name).load('id');
  return {
    name,
    table,
    header: table.getHeaderRowRange().load(['values', 'rowIndex', 'columnIndex']),
    body: table.getDataBodyRange().load(withValues ? ['values', 'rowIndex', 'rowCount', 'columnCount'] : ['rowIndex', 'rowCount', 'columnCount']),
    sheet: table.worksheet.load('name'),
  };
}

export function tableReadOf(p: PendingTableRead, rows: Cell[][]): TableRead {
  return {
    name: p.name,
    id: p.table.id,
    sheetName: p.sheet.name,
    headerRow: p.header.rowIndex,
    firstColumn: p.header.columnIndex,
    headers: (p.header.values[0] ?? []) as Cell[],
    rows: cleanRows(rows),
  };
}

/** Excel gives "" for empty cells: the mapping expects null. */
function cleanRows(rows: unknown[][]): Cell[][] {
  return rows.map((r) => r.map((v) => (v === '' || v === undefined ? null : (v as Cell))));
}

function emptyRead(): WorkbookRead {
  return { portfolio: null, settings: null, holidays: null, materials: null };
}

async function loadTables(ctx: Excel.RequestContext, names: readonly string[], sync: () => Promise<void>): Promise<WorkbookRead> {
  const pending = names.map((n) => queueTableRead(ctx, n, true));
  await sync();
  const read = emptyRead();
  for (const p of pending) {
    const role = roleOf(p.name);
    if (role) read[role] = tableReadOf(p, p.body.values);
  }
  return read;
}

/** The workbook's table names (one sync); the roles Launch Tracker knows, matched case-insensitively. */
async function discoverTables(ctx: Excel.RequestContext, sync: () => Promise<void>): Promise<string[]> {
  const tables = ctx.workbook.tables.load('items/name');
  await sync();
  const wanted = new Set(Object.values(TABLES).map((n) => n.toLowerCase()));
  return tables.items.map((t) => t.name).filter((n) => wanted.has(n.toLowerCase()));
}

/**
 * No table named Portfolio: the first table whose header row has an ID column (项目编号/ID),
 * as the command line does with sheets — but never a side table or the product's own History
 * table (isProductTable, the command line's decision too).
 */
async function findPortfolioByHeader(ctx: Excel.RequestContext, known: readonly string[], sync: () => Promise<void>): Promise<TableRead | null> {
  const tables = ctx.workbook.tables.load('items/name');
  await sync();
  // The History table is skipped by its name before its header is read; under another name, by its header.
  const candidates = tables.items.map((t) => t.name).filter((n) => !known.some((k) => k.toLowerCase() === n.toLowerCase()) && !isProductTable(n, []));
  if (candidates.length === 0) return null;
  const headers = candidates.map((name) => ({ name, range: ctx.workbook.tables.getItem(name).getHeaderRowRange().load('values') }));
  await sync();
  const hit = headers.find((h) => {
    const cells = (h.range.values[0] ?? []) as Cell[];
    return !isProductTable(h.name, cells) && cells.some((v) => typeof v === 'string' && isKeyHeader(v));
  });
  if (!hit) return null;
  const blocks = await loadInBlocks(ctx, [hit.name], sync, true);
  return blocks.portfolio;
}

/**
 * Excel on the web could not answer in one response: read each table's size, then its rows
 * in blocks that stay under the payload limit.
 */
async function loadInBlocks(ctx: Excel.RequestContext, names: readonly string[], sync: () => Promise<void>, asPortfolio = false): Promise<WorkbookRead> {
  const pending = names.map((n) => queueTableRead(ctx, n, false));
  await sync();
  const read = emptyRead();
  for (const p of pending) {
    const rowCount = p.body.rowCount;
    // Start from a cautious size per row, then size the blocks by what the rows really weigh.
    let perRow = Math.max(1, p.body.columnCount) * BYTES_PER_CELL_ESTIMATE;
    const rows: Cell[][] = [];
    for (let start = 0; start < rowCount; ) {
      const count = Math.min(Math.max(1, Math.floor(MAX_PAYLOAD_BYTES / perRow)), rowCount - start);
      const block = ctx.workbook.tables.getItem(p.name).getDataBodyRange().getRow(start).getResizedRange(count - 1, 0).load('values');
      await sync();
      rows.push(...(block.values as Cell[][]));
      perRow = Math.max(perRow / 4, (payloadBytes(block.values) / count) * 1.25);
      start += count;
    }
    const role = asPortfolio ? 'portfolio' : roleOf(p.name);
    if (role) read[role] = tableReadOf(p, rows);
  }
  return read;
}

