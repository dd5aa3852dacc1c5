/**
 * Finding the portfolio and the side tables in a package, and reading their cells: an Excel
 * table (ListObject) by name, else a sheet by name (its table, else its header row), else the
 * first sheet whose header row has an ID column — never one of the product's own
 * (src/workbook/productParts.ts, the task pane's decision too).
 */
import { isProductSheet, isProductTable } from '../../workbook/productParts';
import { Cell, cellText, vocabKey } from '../../workbook/values';
import type { SheetInfo, TableInfo, WorkbookPackage } from './package';
import { readSheet, SheetReadResult } from './sheetRead';
import { readMode, readSheetInTwoThreads } from './sheetThread';

export interface Block {
  sheet: SheetInfo;
  table: TableInfo | null;
  /** 1-based sheet row of the header (for a table without a header row: the row above its data). */
  headerRow: number;
  firstCol: number;
  lastCol: number;
  /** First and last data rows (1-based; a table's totals row excluded). */
  dataTop: number;
  dataBottom: number;
  headers: string[];
}

export interface BlockData {
  headers: string[];
  /** One entry per sheet row dataTop..dataBottom, each padded to the block's width (empty when streamed). */
  rows: Cell[][];
  rowCount: number;
  read: SheetReadResult;
}

/** Table and sheet names are matched width-folded and case-insensitive, as vocabularies are. */
const normalizeName = vocabKey;

function text(v: Cell): string {
  return cellText(v) ?? '';
}

function tableBlock(t: TableInfo): Block {
  return {
    sheet: t.sheet,
    table: t,
    headerRow: t.headerRowCount ? t.top : t.top - 1,
    firstCol: t.left,
    lastCol: t.right,
    dataTop: t.headerRowCount ? t.top + 1 : t.top,
    dataBottom: t.bottom - t.totalsRowCount,
    headers: t.columns.slice(0, t.right - t.left + 1),
  };
}

const HEADER_SEARCH_ROWS = 30;

/** A sheet without tables: its header is the first non-empty row, or the first of 30 holding a key header (and its A1). */
async function rangeBlock(pkg: WorkbookPackage, sheet: SheetInfo, isKeyHeader?: (h: string) => boolean): Promise<(Block & { topLeft: Cell }) | null> {
  if (!sheet.isWorksheet || !sheet.part) return null;
  const read = await readSheet(await pkg.zip.stream(sheet.part), {
    sharedStrings: pkg.sharedStrings,
    styles: pkg.styles,
    date1904: pkg.date1904,
    area: { top: 1, bottom: Infinity, left: 1, right: 16_384 },
    stopAfterRows: HEADER_SEARCH_ROWS,
  });
  const candidates = [...read.rows.keys()].sort((a, b) => a - b);
  let headerRow = candidates[0];
  if (headerRow === undefined) return null;
  if (isKeyHeader) {
    const keyed = candidates.find((r) => read.rows.get(r)!.some((v) => text(v) !== '' && isKeyHeader(text(v))));
    if (keyed !== undefined) headerRow = keyed;
  }
  const texts = read.rows.get(headerRow)!.map(text);
  const first = texts.findIndex((t) => t !== '');
  let last = texts.length - 1;
  while (last > first && texts[last] === '') last--;
  return {
    sheet,
    table: null,
    headerRow,
    firstCol: first + 1,
    lastCol: last + 1,
    dataTop: headerRow + 1,
    dataBottom: Infinity,
    headers: texts.slice(first, last + 1),
    topLeft: read.rows.get(1)?.[0] ?? null,
  };
}

/** The first table named one of `names`, else the first sheet so named (its table holding a key header, else its header row). */
export async function findBlock(pkg: WorkbookPackage, names: readonly string[], isKeyHeader?: (h: string) => boolean): Promise<Block | null> {
  const wanted = names.map(normalizeName);
  for (const name of wanted) {
    const t = pkg.tables.find((x) => normalizeName(x.name) === name);
    if (t) return tableBlock(t);
  }
  for (const name of wanted) {
    const sheet = pkg.sheets.find((s) => normalizeName(s.name) === name && s.isWorksheet);
    if (!sheet) continue;
    const tables = pkg.tables.filter((t) => t.sheet === sheet);
    if (tables.length) return tableBlock((isKeyHeader && tables.find((t) => t.columns.some(isKeyHeader))) || tables[0]);
    const block = await rangeBlock(pkg, sheet, isKeyHeader);
    if (block) return block;
  }
  return null;
}

/**
 * The first sheet, in workbook order, whose table or header row has a key header. Skipped: the
 * product's own tables and sheets (isProductTable, isProductSheet; and the Summary sheet the
 * ownership record names, which the next copy rewrites whatever its A1 says), and the tables and
 * sheets named one of `sideNames` (the side tables: Materials has an ID column too). The
 * product's parts that had a key header are added to `skipped` ("table History (sheet 变更记录)",
 * "sheet 汇总"), for a message that says why none was taken.
 */
export async function findBlockByHeader(
  pkg: WorkbookPackage,
  isKeyHeader: (h: string) => boolean,
  sideNames: readonly string[] = [],
  skipped: string[] = [],
): Promise<Block | null> {
  const side = new Set(sideNames.map(normalizeName));
  const summary = pkg.ownership?.record.summarySheet?.toLowerCase() ?? null;
  for (const sheet of pkg.sheets) {
    // A sheet of a side table's name is that table's, with whatever tables it holds (findBlock).
    if (side.has(normalizeName(sheet.name))) continue;
    const tables = pkg.tables.filter((t) => t.sheet === sheet);
    for (const t of tables.filter((x) => x.columns.some(isKeyHeader) && !side.has(normalizeName(x.name)))) {
      if (!isProductTable(t.name, t.columns)) return tableBlock(t);
      skipped.push(`table ${t.name} (sheet ${sheet.name})`);
    }
    if (tables.length > 0) continue;
    const block = await rangeBlock(pkg, sheet, isKeyHeader);
    if (!block || !block.headers.some(isKeyHeader)) continue;
    if (!isProductSheet(block.topLeft) && sheet.name.toLowerCase() !== summary) return block;
    skipped.push(`sheet ${sheet.name}`);
  }
  return null;
}

/**
 * The block's header and data cells. With `positions`, also where those sheet columns' cells
 * are in each row (header to last data row), for the copy. With `onDataRow`, each data row that
 * has a value is handed over as it is read, with its 0-based index in the table, and not kept
 * (a large sheet is read on two threads, so rows may come out of order): `rows` is then empty and
 * `rowCount` is one more than the last index handed over. `readColumns`: the block's columns
 * (0-based) whose data cells are read; the others' are only seen to be there (null in `cells`).
 * `busy`: `onDataRow` does real work on each row (evaluates it): a mid-sized sheet is then read
 * by the worker thread while this one does that work, and rows come in table order.
 */
export async function readBlock(
  pkg: WorkbookPackage,
  block: Block,
  positions?: number[],
  onDataRow?: (index: number, cells: Cell[]) => void,
  readColumns?: readonly number[],
  busy = false,
): Promise<BlockData> {
  const width = block.lastCol - block.firstCol + 1;
  let headerCells: Cell[] = [];
  let rowCount = 0;
  const onRow = onDataRow
    ? (r: number, values: Cell[]) => {
        if (r === block.headerRow) headerCells = values;
        if (r < block.dataTop || r > block.dataBottom) return;
        onDataRow(r - block.dataTop, values);
        rowCount = Math.max(rowCount, r - block.dataTop + 1);
      }
    : undefined;
  // A table's totals row is read too (not as data): the new columns must find it empty.
  const area = { top: Math.max(1, block.headerRow), bottom: block.table ? block.table.bottom : block.dataBottom, left: block.firstCol, right: block.lastCol };
  const part = block.sheet.part!;
  const readSet = readColumns ? new Set(readColumns) : null;
  const unread = readSet ? { fromRow: block.dataTop, columns: Array.from({ length: width }, (_, j) => j).filter((j) => !readSet.has(j)).map((j) => block.firstCol + j) } : undefined;
  const mode = onRow === undefined ? 'one' : readMode(pkg, part, busy);
  const twoThreads = mode !== 'one' && (await pkg.zip.peek(part, 4096)).includes('<worksheet');
  const read = twoThreads
    ? await readSheetInTwoThreads(pkg, part, { area, positions, unread, whole: mode === 'whole' }, onRow!)
    : await readSheet(await pkg.zip.stream(part), { sharedStrings: pkg.sharedStrings, styles: pkg.styles, date1904: pkg.date1904, texts: pkg.texts, area, positions, unread, onRow });
  if (!onDataRow) headerCells = read.rows.get(block.headerRow) ?? [];
  const headerTexts = block.table && !block.table.headerRowCount ? [] : headerCells.map(text);
  const headers = Array.from({ length: width }, (_, j) => headerTexts[j] || block.headers[j] || '');
  if (onDataRow) return { headers, rows: [], rowCount, read };
  let bottom = Number.isFinite(block.dataBottom) ? block.dataBottom : Math.max(block.headerRow, read.lastRow);
  // Trailing rows without a value are not portfolio rows.
  while (bottom >= block.dataTop && !read.rows.has(bottom)) bottom--;
  const rows: Cell[][] = [];
  for (let r = block.dataTop; r <= bottom; r++) rows.push(read.rows.get(r) ?? new Array<Cell>(width).fill(null));
  return { headers, rows, rowCount: rows.length, read };
}
