/**
 * Read an account manager's portfolio workbook and write a COPY with the product's output columns filled.
 *
 * Cells, styles, column widths, frozen panes, merged cells, hyperlinks, notes, images and page setup go through
 * ExcelJS 4.4.0. ExcelJS loses or corrupts several things on a load/save round trip, so this module keeps
 * them itself and splices them back into the written package, verbatim:
 *   - conditional formatting (ExcelJS drops duplicateValues / beginsWith / endsWith / notContainsText rules,
 *     the `text` and `stopIfTrue` attributes and the x14 extensions),
 *   - data validations (ExcelJS expands every range into one entry per cell — ~1 s and ~100 MB per whole-column
 *     rule on load, ~4 s on save — and writes overlapping ranges back; it also drops list validations whose source
 *     is on another sheet, which Excel stores in the worksheet extLst),
 *   - Excel tables (ExcelJS reads a table without `headerRowCount` as having no header row, drops every column after
 *     one with a calculated-column formula, hides all filter buttons, and throws on date / top-10 / colour filters),
 *   - defined names that are not plain ranges (OFFSET(...) lists, constants, structured references),
 *   - differential formats (`dxfs`), custom table styles and a custom colour palette in styles.xml,
 *   - custom document properties (docProps/custom.xml, where sensitivity labels live).
 * It also fixes ExcelJS writing `<legacyDrawing>` (notes) after `<tableParts>`, which makes Excel repair the file.
 * Parts ExcelJS does not understand at all (charts, pivot tables, external links, ...) are still lost:
 * `LoadedWorkbook.warnings` lists the ones found in the input.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';

// ---------------------------------------------------------------------------------------------------------------
// Public types

/** Raw cell value as read: formulas -> their cached result; rich text and hyperlinks -> plain text; errors -> '#N/A' etc. */
export type Cell = string | number | boolean | Date | null;

export interface TableBlock {
  sheetName: string;
  /** Excel table (ListObject) name, or null for a plain range. */
  tableName: string | null;
  /** 1-based worksheet row of the header (for a table without a header row: the row above its first data row). */
  headerRow: number;
  /** 1-based. */
  firstCol: number;
  /** Header texts in order. writeOutputs appends the headers of the columns it adds. */
  headers: string[];
  /** Data rows (each padded to headers.length), without the header, the totals row and trailing fully-empty rows. */
  rows: Cell[][];
}

export interface OutputColumn {
  header: string;
  kind: 'text' | 'date' | 'datetime';
  /** Column width (Excel character units) used when the column is added; existing columns keep theirs. */
  width?: number;
}

/** Opaque handle. */
export interface LoadedWorkbook {
  readonly sourcePath: string;
  /** Human-readable notes about input features that the written copy will NOT contain (charts, pivot tables, ...). */
  readonly warnings: readonly string[];
}

export type NotAWorkbookReason =
  | 'empty' // zero bytes
  | 'xls' // legacy binary .xls (OLE2 compound file)
  | 'encrypted' // password-protected .xlsx (also an OLE2 compound file)
  | 'xlsb' // binary workbook
  | 'not-zip' // text, csv, html, ... renamed
  | 'not-xlsx' // a zip that is not a spreadsheet (docx, ods, ...)
  | 'unreadable'; // looks like an xlsx but could not be parsed

export class NotAWorkbookError extends Error {
  constructor(
    readonly filePath: string,
    readonly reason: NotAWorkbookReason,
    detail?: string,
  ) {
    super(`${filePath}: not a readable .xlsx workbook (${REASON_TEXT[reason]})${detail ? `: ${detail}` : ''}`);
    this.name = 'NotAWorkbookError';
  }
}

const REASON_TEXT: Record<NotAWorkbookReason, string> = {
  empty: 'the file is empty',
  xls: 'it is an old binary .xls file; save it as .xlsx in Excel',
  encrypted: 'it is password-protected; remove the password in Excel first',
  xlsb: 'it is a binary .xlsb workbook; save it as .xlsx in Excel',
  'not-zip': 'it is not an Excel file',
  'not-xlsx': 'it is a zip archive but not an Excel workbook',
  unreadable: 'the workbook is damaged or uses a feature that cannot be read',
};

/** writeOutputs refuses to overwrite anything that is not its own: cells, merged cells or another table to the right. */
export class OutputAreaNotEmptyError extends Error {
  constructor(
    readonly sheetName: string,
    readonly address: string,
  ) {
    super(`Cannot add output columns to sheet "${sheetName}": ${address} is not empty`);
    this.name = 'OutputAreaNotEmptyError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Handle internals

interface TableInfo {
  name: string;
  /** part name in the input package, e.g. xl/tables/table1.xml */
  part: string;
  xml: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRowCount: number;
  totalsRowCount: number;
  columns: string[];
  /** names of columns added by writeOutputs (appended after the original ones) */
  added: string[];
}

interface SheetRaw {
  /** worksheet children kept verbatim, in input order (see KEPT_SHEET_ELEMENTS) */
  parts: { local: string; xml: string }[];
  /** <ext> elements of the worksheet <extLst> (see KEPT_EXT_URIS) */
  extensions: string[];
}

interface Handle extends LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  sheetRaw: Map<ExcelJS.Worksheet, SheetRaw>;
  tables: Map<ExcelJS.Worksheet, TableInfo[]>;
  dxfs: string[];
  tableStylesXml: string | null;
  colorsXml: string | null;
  /** raw <definedName> elements of the input and the sheet names their localSheetId referred to */
  definedNames: { xml: string; name: string; sheet: string | null }[] | null;
  /** sheets removed or replaced since loading (lower-case names): their sheet-scoped names are dropped */
  replacedSheets: Set<string>;
  customProps: Buffer | null;
  warnings: string[];
}

const HANDLE = Symbol('launch-tracker.xlsx');

function handle(wb: LoadedWorkbook): Handle {
  const h = (wb as unknown as Record<symbol, Handle>)[HANDLE];
  if (!h) throw new TypeError('not a workbook loaded by loadXlsx');
  return h;
}

// ---------------------------------------------------------------------------------------------------------------
// Load

const WARNING_PARTS: [RegExp, string][] = [
  [/^xl\/(charts|chartsheets)\//, 'charts'],
  [/^xl\/(pivotTables|pivotCache)\//, 'pivot tables'],
  [/^xl\/externalLinks\//, 'links to other workbooks (formulas using them will break)'],
  [/^xl\/threadedComments\//, 'threaded comments (kept only as plain notes)'],
  [/^xl\/(slicers|slicerCaches|timelines|timelineCaches)\//, 'slicers and timelines'],
  [/^xl\/vbaProject\.bin$/, 'macros'],
  [/^xl\/metadata\.xml$/, 'dynamic-array formulas (they become legacy array formulas)'],
  [/^xl\/richData\//, 'pictures placed in cells'],
  [/^xl\/(ctrlProps|activeX)\//, 'form controls'],
  [/^xl\/(queryTables\/|connections\.xml$)/, 'data connections / Power Query'],
  [/^xl\/model\//, 'the data model'],
  [/^customXml\//, 'custom XML parts'],
  [/^xl\/webextensions\//, 'Office add-ins (task panes / content add-ins) attached to the workbook'],
];

const IGNORED_BY_EXCELJS = ['conditionalFormatting', 'dataValidations', 'extLst'];
/** CT_Worksheet child order after <sheetData>. */
const SHEET_ORDER = ['sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState',
  'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations',
  'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties',
  'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture',
  'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
/**
 * Worksheet children that ExcelJS ignores (see IGNORED_BY_EXCELJS), loses or simplifies, and that refer to nothing but
 * cells, so they can be copied verbatim. (autoFilter: ExcelJS keeps only its range and drops the filter criteria.)
 */
const KEPT_SHEET_ELEMENTS = new Set(['conditionalFormatting', 'dataValidations', 'autoFilter', 'sortState',
  'protectedRanges', 'scenarios', 'dataConsolidate', 'phoneticPr', 'colBreaks', 'cellWatches',
  'ignoredErrors']);
/** worksheet <ext> elements that are self-contained and therefore safe to copy verbatim */
const KEPT_EXT_URIS = new Set(
  [
    '{78C0D931-6437-407d-A8EE-F0AAD7539E65}', // x14 conditional formatting
    '{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}', // x14 data validations (lists from another sheet)
    '{05C60535-1F16-4fd2-B633-F4F36F0B64E0}', // sparklines
  ].map((u) => u.toUpperCase()),
);

export async function loadXlsx(filePath: string): Promise<LoadedWorkbook> {
  const buf = await fsp.readFile(filePath);
  sniff(filePath, buf);
  let zip: Map<string, ZipEntry>;
  try {
    zip = readZip(buf);
  } catch (e) {
    throw new NotAWorkbookError(filePath, 'not-zip', (e as Error).message);
  }
  if (!zip.has('xl/workbook.xml')) {
    throw new NotAWorkbookError(filePath, zip.has('xl/workbook.bin') ? 'xlsb' : 'not-xlsx');
  }
  try {
    return await loadPackage(filePath, buf, zip);
  } catch (e) {
    if (e instanceof NotAWorkbookError) throw e;
    throw new NotAWorkbookError(filePath, 'unreadable', (e as Error).message);
  }
}

function sniff(filePath: string, buf: Buffer): void {
  if (buf.length === 0) throw new NotAWorkbookError(filePath, 'empty');
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) {
    // OLE2 compound file: either a legacy .xls or an encrypted OOXML package.
    const encrypted = buf.includes(Buffer.from('EncryptionInfo', 'utf16le'));
    throw new NotAWorkbookError(filePath, encrypted ? 'encrypted' : 'xls');
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new NotAWorkbookError(filePath, 'not-zip');
}

async function loadPackage(filePath: string, buf: Buffer, zip: Map<string, ZipEntry>): Promise<LoadedWorkbook> {
  const text = (name: string): string | null => {
    const e = zip.get(name);
    return e ? zipEntryData(e).toString('utf8') : null;
  };
  const workbookXml = text('xl/workbook.xml')!;
  const workbookRels = parseRels(text('xl/_rels/workbook.xml.rels') ?? '', 'xl/workbook.xml');

  // sheets in workbook order: name -> part
  const sheets: { name: string; part: string | null }[] = [];
  for (const el of findAll(workbookXml, 'sheet')) {
    const a = el.attrs;
    const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    sheets.push({ name: a.name ?? '', part: (rid && workbookRels.get(rid)?.target) || null });
  }

  // defined names (raw)
  const dnBlock = findAll(workbookXml, 'definedNames')[0];
  const definedNames = dnBlock
    ? findAll(dnBlock.xml, 'definedName').map((d) => {
        const id = d.attrs.localSheetId;
        return { xml: stripRevisionAttrs(d.xml), name: d.attrs.name ?? '', sheet: id !== undefined ? sheets[Number(id)]?.name ?? null : null };
      })
    : null;

  // styles: dxfs, custom table styles, palette
  const stylesXml = text('xl/styles.xml') ?? '';
  const dxfsEl = rootChildren(stylesXml).find((e) => e.local === 'dxfs');
  const dxfs = dxfsEl ? findChildren(dxfsEl.xml, 'dxf').map((d) => d.xml) : [];
  const tableStylesEl = rootChildren(stylesXml).find((e) => e.local === 'tableStyles');
  const tableStylesXml =
    tableStylesEl && findChildren(tableStylesEl.xml, 'tableStyle').length > 0 ? tableStylesEl.xml : null;
  const colorsXml = rootChildren(stylesXml).find((e) => e.local === 'colors')?.xml ?? null;

  // per-sheet raw parts and tables
  const sanitized = new Map<string, Buffer>();
  const rawBySheet = new Map<string, SheetRaw>();
  const tablesBySheet = new Map<string, TableInfo[]>();
  for (const sheet of sheets) {
    if (!sheet.part) continue;
    const entry = zip.get(sheet.part);
    if (!entry) continue;
    const data = zipEntryData(entry);
    rawBySheet.set(sheet.name, captureSheetRaw(data));
    const rels = parseRels(text(relsPathOf(sheet.part)) ?? '', sheet.part);
    const infos: TableInfo[] = [];
    for (const rel of rels.values()) {
      if (!rel.type.endsWith('/table')) continue;
      const xml = text(rel.target);
      if (xml === null) continue;
      const info = parseTableXml(rel.target, xml);
      infos.push(info);
      sanitized.set(rel.target, Buffer.from(sanitizedTableXml(info), 'utf8'));
    }
    tablesBySheet.set(sheet.name, infos);
  }

  // ExcelJS gets a copy of the package whose table parts it can parse correctly.
  const forExcelJs = sanitized.size
    ? writeZip([...zip.values()].map((e) => (sanitized.has(e.name) ? makeEntry(e.name, sanitized.get(e.name)!) : e)))
    : null;
  const workbook = new ExcelJS.Workbook();
  const source = forExcelJs ?? buf;
  await workbook.xlsx.load(source as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED_BY_EXCELJS });

  const sheetRaw = new Map<ExcelJS.Worksheet, SheetRaw>();
  const tables = new Map<ExcelJS.Worksheet, TableInfo[]>();
  for (const ws of workbook.worksheets) {
    const raw = rawBySheet.get(ws.name);
    if (raw) sheetRaw.set(ws, raw);
    tables.set(ws, tablesBySheet.get(ws.name) ?? []);
  }

  const warnings: string[] = [];
  for (const [re, what] of WARNING_PARTS) {
    if ([...zip.keys()].some((n) => re.test(n))) warnings.push(`The copy will not contain ${what}.`);
  }
  for (const name of zip.keys()) {
    if (/^xl\/drawings\/drawing\d+\.xml$/.test(name) && /<xdr:sp\b|<xdr:cxnSp\b/.test(text(name) ?? '')) {
      warnings.push('The copy will not contain shapes and text boxes.');
      break;
    }
  }

  const h: Handle = {
    sourcePath: filePath,
    warnings,
    workbook,
    sheetRaw,
    tables,
    dxfs,
    tableStylesXml,
    colorsXml,
    definedNames,
    replacedSheets: new Set(),
    customProps: zip.has('docProps/custom.xml') ? zipEntryData(zip.get('docProps/custom.xml')!) : null,
  };
  const wb: LoadedWorkbook = { sourcePath: filePath, warnings };
  Object.defineProperty(wb, HANDLE, { value: h, enumerable: false });
  return wb;
}

function captureSheetRaw(data: Buffer): SheetRaw {
  const { tail: tailBuf, depth } = sheetTail(data);
  const tail = tailBuf.toString('utf8');
  const raw: SheetRaw = { parts: [], extensions: [] };
  const rootNs = rootNamespaces(data.subarray(0, Math.min(data.length, 4096)).toString('utf8'));
  for (const el of elements(tail, depth)) {
    if (KEPT_SHEET_ELEMENTS.has(el.local)) raw.parts.push({ local: el.local, xml: withNamespaces(stripRevisionAttrs(el.xml), rootNs) });
    else if (el.local === 'extLst') {
      for (const ext of findChildren(el.xml, 'ext')) {
        if (KEPT_EXT_URIS.has((ext.attrs.uri ?? '').toUpperCase())) raw.extensions.push(withNamespaces(stripRevisionAttrs(ext.xml), rootNs));
      }
    }
  }
  return raw;
}

/**
 * The part of a worksheet after <sheetData> (small), as a buffer slice, and the depth of the worksheet's children in
 * it (0; 1 when there is no sheetData and the slice is the whole document).
 */
function sheetTail(data: Buffer): { tail: Buffer; depth: number } {
  let i = data.lastIndexOf('</sheetData>');
  if (i >= 0) return { tail: data.subarray(i + '</sheetData>'.length), depth: 0 };
  i = data.indexOf('<sheetData/>');
  if (i >= 0) return { tail: data.subarray(i + '<sheetData/>'.length), depth: 0 };
  return { tail: data, depth: 1 };
}

function parseTableXml(part: string, xml: string): TableInfo {
  const root = findAll(xml, 'table')[0];
  if (!root) throw new Error(`${part}: no <table> element`);
  const a = root.attrs;
  const ref = parseRef(a.ref ?? '');
  const columns = findChildren(findAll(xml, 'tableColumns')[0]?.xml ?? '', 'tableColumn').map((c) => unescapeOoxml(c.attrs.name ?? ''));
  return {
    name: a.name ?? a.displayName ?? '',
    part,
    xml,
    ...ref,
    headerRowCount: a.headerRowCount === undefined ? 1 : Number(a.headerRowCount),
    totalsRowCount: a.totalsRowCount === undefined ? 0 : Number(a.totalsRowCount),
    columns,
    added: [],
  };
}

/** Minimal, valid table part for ExcelJS to parse; the original XML is written back by saveXlsx. */
function sanitizedTableXml(t: TableInfo): string {
  const cols = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${xmlAttr(c)}"/>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${NS_MAIN}" id="1" name="${xmlAttr(t.name)}" ` +
    `displayName="${xmlAttr(t.name)}" ref="${refString(t)}" headerRowCount="${t.headerRowCount ? 1 : 0}"` +
    `${t.totalsRowCount ? ' totalsRowCount="1"' : ' totalsRowShown="0"'}><tableColumns count="${t.columns.length}">${cols}` +
    `</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Read

export function findTable(
  wb: LoadedWorkbook,
  names: string[],
  isKeyHeader?: (h: string) => boolean,
): TableBlock | null {
  const h = handle(wb);
  const wanted = names.map(normalizeName);
  for (const name of wanted) {
    for (const ws of h.workbook.worksheets) {
      for (const t of h.tables.get(ws) ?? []) if (normalizeName(t.name) === name) return tableBlock(ws, t);
    }
  }
  for (const name of wanted) {
    const ws = h.workbook.worksheets.find((s) => normalizeName(s.name) === name);
    if (!ws) continue;
    const tables = (h.tables.get(ws) ?? []).map((t) => tableBlock(ws, t));
    if (tables.length) return (isKeyHeader && tables.find((b) => b.headers.some(isKeyHeader))) || tables[0];
    const block = rangeBlock(ws, isKeyHeader);
    if (block) return block;
  }
  return null;
}

export function findSheetByHeader(wb: LoadedWorkbook, isKeyHeader: (h: string) => boolean): TableBlock | null {
  const h = handle(wb);
  for (const ws of h.workbook.worksheets) {
    for (const t of h.tables.get(ws) ?? []) {
      const block = tableBlock(ws, t);
      if (block.headers.some(isKeyHeader)) return block;
    }
    if ((h.tables.get(ws) ?? []).length === 0) {
      const block = rangeBlock(ws, isKeyHeader);
      if (block && block.headers.some(isKeyHeader)) return block;
    }
  }
  return null;
}

function tableBlock(ws: ExcelJS.Worksheet, t: TableInfo): TableBlock {
  const width = t.right - t.left + 1;
  const headerRow = t.headerRowCount ? t.top : t.top - 1;
  const headers: string[] = [];
  for (let j = 0; j < width; j++) {
    const fromCell = t.headerRowCount ? cellText(readCell(ws, t.top, t.left + j)) : '';
    headers.push(fromCell || t.columns[j] || '');
  }
  const rows = readRows(ws, headerRow + 1, t.bottom - t.totalsRowCount, t.left, width);
  return { sheetName: ws.name, tableName: t.name, headerRow, firstCol: t.left, headers, rows };
}

/** Header = first non-empty row, or with isKeyHeader the first of the first 30 non-empty rows containing a key header. */
function rangeBlock(ws: ExcelJS.Worksheet, isKeyHeader?: (h: string) => boolean): TableBlock | null {
  const last = ws.rowCount;
  let headerRow = 0;
  let seen = 0;
  for (let r = 1; r <= last && seen < 30; r++) {
    const row = ws.findRow(r);
    if (!row || !row.hasValues) continue;
    seen++;
    if (!headerRow) headerRow = r;
    if (!isKeyHeader) break;
    const texts = rowTexts(ws, r);
    if (texts.some((t) => t && isKeyHeader(t))) {
      headerRow = r;
      break;
    }
  }
  if (!headerRow) return null;
  const texts = rowTexts(ws, headerRow);
  const firstCol = texts.findIndex((t) => t !== '') + 1;
  let lastCol = texts.length;
  while (lastCol > 0 && texts[lastCol - 1] === '') lastCol--;
  if (firstCol === 0) return null;
  const headers = texts.slice(firstCol - 1, lastCol);
  return {
    sheetName: ws.name,
    tableName: null,
    headerRow,
    firstCol,
    headers,
    rows: readRows(ws, headerRow + 1, last, firstCol, headers.length),
  };
}

function rowTexts(ws: ExcelJS.Worksheet, r: number): string[] {
  const row = ws.findRow(r);
  const out: string[] = [];
  if (!row) return out;
  const n = row.cellCount;
  for (let c = 1; c <= n; c++) out.push(cellText(readCell(ws, r, c)));
  return out;
}

function readRows(ws: ExcelJS.Worksheet, from: number, to: number, left: number, width: number): Cell[][] {
  const rows: Cell[][] = [];
  let lastNonEmpty = -1;
  for (let r = from; r <= to; r++) {
    const values: Cell[] = new Array(width).fill(null);
    const row = ws.findRow(r);
    if (row) {
      for (let j = 0; j < width; j++) values[j] = readCell(ws, r, left + j);
    }
    if (values.some((v) => v !== null && v !== '')) lastNonEmpty = rows.length;
    rows.push(values);
  }
  rows.length = lastNonEmpty + 1;
  return rows;
}

function readCell(ws: ExcelJS.Worksheet, r: number, c: number): Cell {
  const cell = ws.findRow(r)?.findCell(c);
  if (!cell || cell.type === ExcelJS.ValueType.Merge) return null;
  return toCell(cell.value);
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return toCell(o.result);
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((p) => p.text ?? '').join('');
    if ('hyperlink' in o || 'text' in o) return toCell(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

function cellText(v: Cell): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Write

const DATE_FMT = 'yyyy-mm-dd';
const DATETIME_FMT = 'yyyy-mm-dd hh:mm';
const DEFAULT_WIDTH: Record<OutputColumn['kind'], number> = { text: 16, date: 12, datetime: 17 };
const MAX_TEXT = 32767;

export function writeOutputs(
  wb: LoadedWorkbook,
  block: TableBlock,
  columns: OutputColumn[],
  values: (string | number | Date | null)[][],
  fills?: (string | null)[][],
  matchHeader: (existing: string, wanted: OutputColumn, index: number) => boolean = defaultMatchHeader,
): void {
  const h = handle(wb);
  const ws = h.workbook.getWorksheet(block.sheetName);
  if (!ws) throw new Error(`No sheet named "${block.sheetName}"`);
  if (values.length !== block.rows.length) {
    throw new Error(`writeOutputs: ${values.length} value rows for ${block.rows.length} data rows`);
  }
  const table = block.tableName ? (h.tables.get(ws) ?? []).find((t) => t.name === block.tableName) : undefined;
  if (block.tableName && !table) throw new Error(`No table named "${block.tableName}" on "${block.sheetName}"`);

  // Resolve target columns: existing headers first, then new ones at the right.
  const used = new Set<number>();
  const targets: number[] = columns.map((col, i) => {
    const j = block.headers.findIndex((hd, k) => !used.has(k) && matchHeader(hd, col, i));
    if (j >= 0) used.add(j);
    return j;
  });
  const missing = columns.map((_, i) => i).filter((i) => targets[i] < 0);
  const dataTop = block.headerRow + 1;
  const lastRow = table ? table.bottom : block.headerRow + block.rows.length;
  if (missing.length) {
    const start = block.firstCol + block.headers.length;
    checkFree(h, ws, table, block.headerRow, lastRow, start, start + missing.length - 1);
    const taken = new Set(block.headers.map((x) => x.toLowerCase()));
    missing.forEach((i, k) => {
      let name = columns[i].header;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${columns[i].header} ${n}`;
      taken.add(name.toLowerCase());
      const col = start + k;
      targets[i] = col - block.firstCol;
      block.headers.push(name);
      used.add(targets[i]);
      if (!table || table.headerRowCount) {
        const cell = ws.getCell(block.headerRow, col);
        const left = ws.findRow(block.headerRow)?.findCell(col - 1);
        cell.style = left ? cloneStyle(left.style, ['font', 'border', 'alignment', 'fill']) : {};
        cell.value = name;
      }
      ws.getColumn(col).width = columns[i].width ?? DEFAULT_WIDTH[columns[i].kind];
      if (table) table.added.push(name);
    });
    if (table) {
      table.right = start + missing.length - 1;
      syncExcelJsTable(ws, table);
    } else {
      growSheetAutoFilter(ws, block, start + missing.length - 1);
    }
  }

  // Values
  const styleMemo = new WeakMap<object, Map<string, Style>>();
  for (let i = 0; i < values.length; i++) {
    const r = dataTop + i;
    const rowValues = values[i];
    for (let k = 0; k < columns.length; k++) {
      const col = block.firstCol + targets[k];
      const isNew = missing.includes(k);
      const cell = ws.getCell(r, col);
      const v = rowValues[k] ?? null;
      const kind = columns[k].kind;
      const isDate = v instanceof Date || (typeof v === 'number' && kind !== 'text');
      const argb = fills ? (fills[i]?.[k] ?? null) : undefined;
      // ExcelJS shares one style object per style id on load, so cells with the same base
      // style and the same outcome can share the result: one clone per combination, not per cell.
      const base = isNew ? (ws.findRow(r)?.findCell(col - 1)?.style ?? NO_STYLE) : (cell.style ?? NO_STYLE);
      const memoKey = `${isNew ? 'n' : 'o'}|${isDate ? kind : ''}|${argb === undefined ? '-' : (argb ?? '0')}`;
      let perBase = styleMemo.get(base);
      if (!perBase) styleMemo.set(base, (perBase = new Map()));
      let style = perBase.get(memoKey);
      if (!style) {
        style = isNew ? cloneStyle(base, ['font', 'border', 'alignment']) : cloneStyle(base);
        if (isDate) style.numFmt = kind === 'datetime' ? DATETIME_FMT : DATE_FMT;
        else if (isNew) delete style.numFmt;
        if (argb !== undefined) {
          if (argb) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
          else delete style.fill;
        }
        perBase.set(memoKey, style);
      }
      cell.style = style;
      cell.value = v === null ? null : typeof v === 'string' ? v.slice(0, MAX_TEXT) : v;
    }
    block.rows[i].length = block.headers.length;
    for (let k = 0; k < columns.length; k++) block.rows[i][targets[k]] = rowValues[k] ?? null;
    for (let j = 0; j < block.rows[i].length; j++) if (block.rows[i][j] === undefined) block.rows[i][j] = null;
  }
}

function defaultMatchHeader(existing: string, wanted: OutputColumn): boolean {
  return normalizeName(existing) === normalizeName(wanted.header);
}

function normalizeName(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

type Style = Partial<ExcelJS.Style>;
const NO_STYLE: Style = Object.freeze({}) as Style;

function cloneStyle(style: Partial<ExcelJS.Style> | undefined, keys?: (keyof ExcelJS.Style)[]): Style {
  const out: Style = {};
  if (!style) return out;
  for (const k of Object.keys(style) as (keyof ExcelJS.Style)[]) {
    if (keys && !keys.includes(k)) continue;
    const v = style[k];
    if (v !== undefined) (out as Record<string, unknown>)[k] = typeof v === 'object' && v !== null ? structuredClone(v) : v;
  }
  return out;
}

function checkFree(h: Handle, ws: ExcelJS.Worksheet, table: TableInfo | undefined, top: number, bottom: number, left: number, right: number): void {
  for (let r = top; r <= bottom; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (let c = left; c <= right; c++) {
      const cell = row.findCell(c);
      if (!cell) continue;
      if (cell.type === ExcelJS.ValueType.Merge || cell.isMerged) throw new OutputAreaNotEmptyError(ws.name, addr(r, c));
      if (cell.value !== null && cell.value !== undefined && cell.value !== '') throw new OutputAreaNotEmptyError(ws.name, addr(r, c));
    }
  }
  for (const other of h.tables.get(ws) ?? []) {
    if (other === table) continue;
    if (other.top <= bottom && other.bottom >= top && other.left <= right && other.right >= left) {
      throw new OutputAreaNotEmptyError(ws.name, `${refString(other)} (table ${other.name})`);
    }
  }
}

/** Keep ExcelJS's own table model consistent (its XML is replaced on save anyway). */
function syncExcelJsTable(ws: ExcelJS.Worksheet, t: TableInfo): void {
  const x = (ws as unknown as { tables: Record<string, { table?: Record<string, unknown> }> }).tables[t.name]?.table;
  if (!x) return;
  x.tableRef = refString(t);
  if (x.autoFilterRef) x.autoFilterRef = refString({ ...t, bottom: t.bottom - t.totalsRowCount });
  const cols = x.columns as { name: string }[];
  for (const name of t.added) if (!cols.some((c) => c.name === name)) cols.push({ name });
}

function growSheetAutoFilter(ws: ExcelJS.Worksheet, block: TableBlock, newRight: number): void {
  const af = ws.autoFilter;
  if (typeof af !== 'string') return;
  const ref = parseRefSafe(af);
  if (ref && ref.top === block.headerRow && ref.left === block.firstCol && ref.right < newRight) {
    ws.autoFilter = refString({ ...ref, right: newRight });
  }
}

export function replaceSheet(
  wb: LoadedWorkbook,
  name: string,
  rows: Cell[][],
  options: { columnWidths?: number[]; dateColumns?: number[]; boldFirstRow?: boolean } = {},
): void {
  const h = handle(wb);
  const old = h.workbook.getWorksheet(name);
  let orderNo: number | undefined;
  if (old) {
    orderNo = (old as unknown as { orderNo: number }).orderNo;
    h.sheetRaw.delete(old);
    h.tables.delete(old);
    h.workbook.removeWorksheet(old.id);
    h.replacedSheets.add(name.toLowerCase());
  }
  const ws = h.workbook.addWorksheet(name);
  if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;
  h.tables.set(ws, []);
  const dateCols = new Set(options.dateColumns ?? []);
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    values.forEach((v, j) => {
      if (v === null || v === undefined) return;
      const cell = row.getCell(j + 1);
      cell.value = typeof v === 'string' ? v.slice(0, MAX_TEXT) : v;
      if (v instanceof Date || (typeof v === 'number' && dateCols.has(j) && i > 0)) cell.numFmt = DATE_FMT;
      if (options.boldFirstRow && i === 0) cell.font = { bold: true };
    });
  });
  (options.columnWidths ?? []).forEach((w, j) => {
    if (w > 0) ws.getColumn(j + 1).width = w;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Save

export async function saveXlsx(wb: LoadedWorkbook, filePath: string): Promise<void> {
  const h = handle(wb);
  // Our written values change inputs of other formulas: let Excel recalculate when it opens the copy.
  h.workbook.calcProperties = { ...(h.workbook.calcProperties ?? {}), fullCalcOnLoad: true };
  // ExcelJS compresses with pure-JS deflate (pako), most of the save time on large sheets: have it
  // store the parts uncompressed and compress them below with node's native zlib instead.
  const out = Buffer.from(await h.workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions));
  const zip = readZip(out);
  const replaced = new Map<string, Buffer>();
  const text = (name: string) => {
    const e = zip.get(name);
    return e ? zipEntryData(e).toString('utf8') : null;
  };

  // styles.xml: append the input's dxfs after ExcelJS's own; keep custom table styles and palette.
  let dxfOffset = 0;
  const styles = text('xl/styles.xml');
  if (styles !== null) {
    const r = patchStyles(styles, h);
    dxfOffset = r.offset;
    if (r.xml !== styles) replaced.set('xl/styles.xml', Buffer.from(r.xml, 'utf8'));
  }

  // worksheets
  for (const ws of h.workbook.worksheets) {
    const part = `xl/worksheets/sheet${ws.id}.xml`;
    const entry = zip.get(part);
    if (!entry) continue;
    const data = zipEntryData(entry);
    const patched = patchSheet(data, h.sheetRaw.get(ws), dxfOffset);
    if (patched) replaced.set(part, patched);
  }

  // tables: write the input's table XML back, grown and with remapped dxf ids
  const byName = new Map<string, TableInfo>();
  for (const [ws, list] of h.tables) if (h.workbook.worksheets.includes(ws)) for (const t of list) byName.set(t.name, t);
  for (const name of zip.keys()) {
    if (!/^xl\/tables\/table\d+\.xml$/.test(name)) continue;
    const xml = text(name)!;
    const root = findAll(xml, 'table')[0];
    const t = root && byName.get(root.attrs.name ?? '');
    if (!t) continue;
    replaced.set(name, Buffer.from(rebuildTableXml(t, root.attrs.id ?? '1', dxfOffset), 'utf8'));
  }

  // workbook.xml: defined names verbatim
  const workbookXml = text('xl/workbook.xml');
  if (workbookXml !== null && h.definedNames) {
    const patched = patchDefinedNames(workbookXml, h);
    if (patched !== workbookXml) replaced.set('xl/workbook.xml', Buffer.from(patched, 'utf8'));
  }

  // custom document properties
  const extra: ZipEntry[] = [];
  if (h.customProps && !zip.has('docProps/custom.xml')) {
    const ct = text('[Content_Types].xml');
    const rels = text('_rels/.rels');
    if (ct !== null && rels !== null) {
      extra.push(makeEntry('docProps/custom.xml', h.customProps));
      replaced.set(
        '[Content_Types].xml',
        Buffer.from(
          ct.replace('</Types>', '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'),
          'utf8',
        ),
      );
      replaced.set(
        '_rels/.rels',
        Buffer.from(
          rels.replace(
            '</Relationships>',
            '<Relationship Id="rIdLtCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
          ),
          'utf8',
        ),
      );
    }
  }

  const entries = [...zip.values()].map((e) => (replaced.has(e.name) ? makeEntry(e.name, replaced.get(e.name)!) : e.method === 0 ? makeEntry(e.name, e.raw) : e));
  const final = writeZip([...entries, ...extra]);
  // write next to the target, then rename: never leave a half-written workbook behind
  const tmp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.tmp`);
  await fsp.writeFile(tmp, final);
  try {
    await fsp.rename(tmp, filePath);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

function patchStyles(xml: string, h: Handle): { xml: string; offset: number } {
  let out = xml;
  const els = rootChildren(out);
  const dxfsEl = els.find((e) => e.local === 'dxfs');
  const offset = dxfsEl ? findChildren(dxfsEl.xml, 'dxf').length : 0;
  if (h.dxfs.length) {
    const total = offset + h.dxfs.length;
    const inner = (dxfsEl ? innerXml(dxfsEl.xml) : '') + h.dxfs.join('');
    const el = `<dxfs count="${total}">${inner}</dxfs>`;
    if (dxfsEl) out = out.slice(0, dxfsEl.start) + el + out.slice(dxfsEl.end);
    else out = insertBefore(out, 1, ['tableStyles', 'colors', 'extLst'], el, '</styleSheet>');
  }
  if (h.tableStylesXml) {
    const ts = rootChildren(out).find((e) => e.local === 'tableStyles');
    const el = remapDxf(h.tableStylesXml, offset);
    out = ts ? out.slice(0, ts.start) + el + out.slice(ts.end) : insertBefore(out, 1, ['colors', 'extLst'], el, '</styleSheet>');
  }
  if (h.colorsXml && !rootChildren(out).some((e) => e.local === 'colors')) {
    out = insertBefore(out, 1, ['extLst'], h.colorsXml, '</styleSheet>');
  }
  return { xml: out, offset };
}

function patchSheet(data: Buffer, raw: SheetRaw | undefined, dxfOffset: number): Buffer | null {
  const { tail: tailBuf, depth } = sheetTail(data);
  const head = data.subarray(0, data.length - tailBuf.length);
  const tail0 = tailBuf.toString('utf8');
  let tail = tail0;
  const children = () => elements(tail, depth);
  /** insert after the last element that must come before `local` (schema order), else before `</worksheet>` */
  const insert = (local: string, xml: string) => {
    const rank = SHEET_ORDER.indexOf(local);
    const next = children().find((e) => SHEET_ORDER.indexOf(e.local) > rank);
    const at = next ? next.start : tail.lastIndexOf('</worksheet>');
    tail = tail.slice(0, at) + xml + tail.slice(at);
  };

  // ExcelJS writes <legacyDrawing> (notes) last, after <tableParts>: Excel then repairs the file.
  const legacy = children().filter((e) => e.local === 'legacyDrawing');
  if (legacy.length) {
    for (const e of [...legacy].reverse()) tail = tail.slice(0, e.start) + tail.slice(e.end);
    insert('legacyDrawing', legacy.map((e) => e.xml).join(''));
  }

  for (const part of raw?.parts ?? []) {
    const xml = remapDxf(part.xml, dxfOffset);
    const existing = children().find((e) => e.local === part.local);
    if (part.local === 'autoFilter') {
      // keep ExcelJS's range (writeOutputs may have grown it), the input's criteria
      if (existing) tail = tail.slice(0, existing.start) + setAttrs(xml.match(/^<[^>]*>/)![0], { ref: existing.attrs.ref ?? '' }) + xml.slice(xml.match(/^<[^>]*>/)![0].length) + tail.slice(existing.end);
    } else if (part.local === 'dataValidations' && existing) {
      const merged = [...findChildren(existing.xml, 'dataValidation'), ...findChildren(xml, 'dataValidation')].map((d) => d.xml);
      tail = tail.slice(0, existing.start) + `<dataValidations count="${merged.length}">${merged.join('')}</dataValidations>` + tail.slice(existing.end);
    } else if (part.local === 'conditionalFormatting' || !existing) {
      insert(part.local, xml);
    }
  }

  if (raw?.extensions.length) {
    const exts = raw.extensions.map((x) => remapDxf(x, dxfOffset)).join('');
    const extLst = children().find((e) => e.local === 'extLst');
    if (extLst) {
      const close = extLst.end - '</extLst>'.length;
      tail = tail.slice(0, close) + exts + tail.slice(close);
    } else {
      insert('extLst', `<extLst>${exts}</extLst>`);
    }
  }
  if (tail === tail0) return null;
  return Buffer.concat([head, Buffer.from(tail, 'utf8')]);
}

function rebuildTableXml(t: TableInfo, id: string, dxfOffset: number): string {
  // named cell styles are not kept by ExcelJS (only "Normal"), so references to them go
  let xml = remapDxf(stripRevisionAttrs(t.xml), dxfOffset).replace(/\s(?:headerRow|data|totalsRow)CellStyle="[^"]*"/g, '');
  const root = findAll(xml, 'table')[0];
  const ref = refString(t);
  const newRoot = setAttrs(root.openTag, { id, ref });
  xml = xml.slice(0, root.start) + newRoot + xml.slice(root.start + root.openTag.length);
  const af = findAll(xml, 'autoFilter')[0];
  if (af) {
    const afRef = refString({ ...t, bottom: t.bottom - t.totalsRowCount });
    xml = xml.slice(0, af.start) + setAttrs(af.openTag, { ref: afRef }) + xml.slice(af.start + af.openTag.length);
  }
  if (t.added.length) {
    const tc = findAll(xml, 'tableColumns')[0];
    const existing = findChildren(tc.xml, 'tableColumn');
    let nextId = Math.max(0, ...existing.map((c) => Number(c.attrs.id) || 0)) + 1;
    const added = t.added.map((name) => `<tableColumn id="${nextId++}" name="${xmlAttr(escapeOoxml(name))}"/>`).join('');
    const inner = innerXml(tc.xml) + added;
    const el = `${setAttrs(tc.openTag.replace(/\/>$/, '>'), { count: String(existing.length + t.added.length) })}${inner}</${tc.name}>`;
    xml = xml.slice(0, tc.start) + el + xml.slice(tc.end);
  }
  return xml;
}

function patchDefinedNames(xml: string, h: Handle): string {
  const sheetsEl = findAll(xml, 'sheets')[0];
  const order = sheetsEl ? findChildren(sheetsEl.xml, 'sheet').map((s) => (s.attrs.name ?? '').toLowerCase()) : [];
  const kept: string[] = [];
  const inputNames = new Set((h.definedNames ?? []).map((d) => d.name.toLowerCase()));
  for (const d of h.definedNames ?? []) {
    let el = d.xml;
    if (d.sheet !== null) {
      const idx = order.indexOf(d.sheet.toLowerCase());
      if (idx < 0 || h.replacedSheets.has(d.sheet.toLowerCase())) continue;
      el = el.replace(/\blocalSheetId="\d+"/, `localSheetId="${idx}"`);
      if (d.name === '_xlnm._FilterDatabase') {
        // follows the sheet's autofilter, which writeOutputs may have grown
        const af = h.workbook.getWorksheet(d.sheet)?.autoFilter;
        const r = typeof af === 'string' ? parseRefSafe(af) : null;
        if (r) el = el.replace(/>[^<]*</, `>${xmlText(`'${d.sheet.replace(/'/g, "''")}'!${absRef(r)}`)}<`);
      }
    }
    kept.push(el);
  }
  const current = findAll(xml, 'definedNames')[0];
  // names ExcelJS wrote that the input did not have at all (e.g. the print area of a new sheet)
  for (const d of current ? findChildren(current.xml, 'definedName') : []) {
    if (!inputNames.has((d.attrs.name ?? '').toLowerCase())) kept.push(d.xml);
  }
  const el = kept.length ? `<definedNames>${kept.join('')}</definedNames>` : '';
  if (current) return xml.slice(0, current.start) + el + xml.slice(current.end);
  if (!el) return xml;
  return insertBefore(xml, 1, ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes',
    'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'], el, '</workbook>');
}

// ---------------------------------------------------------------------------------------------------------------
// Cell references

function colLetters(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function addr(r: number, c: number): string {
  return `${colLetters(c)}${r}`;
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRefSafe(ref: string): Rect | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const a = { r: Number(m[2]), c: col(m[1]) };
  const b = m[3] ? { r: Number(m[4]), c: col(m[3]) } : a;
  return { top: Math.min(a.r, b.r), left: Math.min(a.c, b.c), bottom: Math.max(a.r, b.r), right: Math.max(a.c, b.c) };
}

function parseRef(ref: string): Rect {
  const r = parseRefSafe(ref);
  if (!r) throw new Error(`bad range reference "${ref}"`);
  return r;
}

function absRef(r: Rect): string {
  return `$${colLetters(r.left)}$${r.top}:$${colLetters(r.right)}$${r.bottom}`;
}

function refString(r: Rect): string {
  return `${addr(r.top, r.left)}:${addr(r.bottom, r.right)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Tiny XML helpers (for small, well-formed OOXML fragments; never used on <sheetData>)

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

interface El {
  name: string;
  local: string;
  attrs: Record<string, string>;
  openTag: string;
  start: number;
  end: number;
  xml: string;
}

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/** Elements at `depth` (0 = top level of the fragment, 'any' = all), optionally only those with this local name. */
function elements(xml: string, depth: number | 'any', local?: string): El[] {
  const out: El[] = [];
  const stack: { name: string; start: number; openTag: string }[] = [];
  const at = (d: number) => depth === 'any' || d === depth;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    if (!m[2]) continue;
    const [tag, close, name, , self] = m;
    if (close) {
      const open = stack.pop();
      if (!open) continue;
      if (at(stack.length)) pushEl(out, open.name, open.openTag, open.start, m.index + tag.length, xml, local);
    } else if (self) {
      if (at(stack.length)) pushEl(out, name, tag, m.index, m.index + tag.length, xml, local);
    } else {
      stack.push({ name, start: m.index, openTag: tag });
    }
  }
  return depth === 'any' ? out.sort((a, b) => a.start - b.start) : out;
}

function pushEl(out: El[], name: string, openTag: string, start: number, end: number, xml: string, local?: string): void {
  const l = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  if (local && l !== local) return;
  out.push({ name, local: l, attrs: parseAttrs(openTag), openTag, start, end, xml: xml.slice(start, end) });
}

/** Children of a document's root element. */
function rootChildren(xml: string): El[] {
  return elements(xml, 1);
}

/** Every element with this local name, at any depth, in document order. */
function findAll(xml: string, local: string): El[] {
  return elements(xml, 'any', local);
}

/** Direct children (by local name) of the single element `xml`. */
function findChildren(xml: string, local: string): El[] {
  return elements(xml, 1, local);
}

function innerXml(xml: string): string {
  const open = /^<[^>]*?(\/?)>/.exec(xml);
  if (!open || open[1]) return '';
  return xml.slice(open[0].length, xml.lastIndexOf('</'));
}

function parseAttrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const body = tag.replace(/^<\/?[^\s/>]+/, '');
  for (let m = re.exec(body); m; m = re.exec(body)) out[m[1]] = xmlUnescape(m[2] ?? m[3] ?? '');
  return out;
}

function setAttrs(openTag: string, values: Record<string, string>): string {
  let tag = openTag;
  for (const [k, v] of Object.entries(values)) {
    const re = new RegExp(`(\\s${k.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
    tag = re.test(tag) ? tag.replace(re, `$1"${xmlAttr(v)}"`) : tag.replace(/\s*(\/?)>$/, ` ${k}="${xmlAttr(v)}"$1>`);
  }
  return tag;
}

/** Insert `el` before the first top-level element named in `before`, else before `fallback`. */
function insertBefore(xml: string, depth: number, before: string[], el: string, fallback: string): string {
  const els = elements(xml, depth);
  const target = els.find((e) => before.includes(e.local));
  const at = target ? target.start : xml.lastIndexOf(fallback);
  if (at < 0) return xml + el;
  return xml.slice(0, at) + el + xml.slice(at);
}

function xmlUnescape(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    switch (e) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** Table column names encode line breaks etc. as _x000a_. */
function unescapeOoxml(s: string): string {
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function escapeOoxml(s: string): string {
  return s.replace(/_x[0-9a-fA-F]{4}_/g, (m) => `_x005F${m}`).replace(/[\u0000-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0')}_`);
}

function remapDxf(xml: string, offset: number): string {
  if (!offset) return xml;
  return xml.replace(/(\s(?:dxfId|[A-Za-z]+DxfId)\s*=\s*")(\d+)"/g, (_, a: string, n: string) => `${a}${Number(n) + offset}"`);
}

/** Revision ids (xr:uid, xr3:uid, ...) are optional and their namespaces may not be declared in the output. */
function stripRevisionAttrs(xml: string): string {
  return xml.replace(/\s+xr\d*:[\w.-]+\s*=\s*("[^"]*"|'[^']*')/g, '');
}

function rootNamespaces(head: string): Record<string, string> {
  const root = /<(?!\?)[A-Za-z_][\w.:-]*((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(head.replace(/^\s*<\?xml[\s\S]*?\?>/, ''));
  const out: Record<string, string> = {};
  if (!root) return out;
  const re = /xmlns:([\w.-]+)\s*=\s*"([^"]*)"/g;
  for (let m = re.exec(root[1]); m; m = re.exec(root[1])) out[m[1]] = m[2];
  return out;
}

/** Declare on the fragment's top element every prefix it uses but does not declare itself. */
function withNamespaces(xml: string, ns: Record<string, string>): string {
  const used = new Set<string>();
  for (const m of xml.matchAll(/<\/?([A-Za-z_][\w.-]*):/g)) used.add(m[1]);
  for (const m of xml.matchAll(/\s([A-Za-z_][\w.-]*):[\w.-]+\s*=/g)) used.add(m[1]);
  const missing = [...used].filter((p) => p !== 'xmlns' && p !== 'xml' && !new RegExp(`xmlns:${p}\\s*=`).test(xml) && ns[p]);
  if (!missing.length) return xml;
  const decl = missing.map((p) => ` xmlns:${p}="${ns[p]}"`).join('');
  return xml.replace(/^(<[A-Za-z_][\w.:-]*)/, `$1${decl}`);
}

function relsPathOf(part: string): string {
  const dir = path.posix.dirname(part);
  return `${dir}/_rels/${path.posix.basename(part)}.rels`;
}

function parseRels(xml: string, sourcePart: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const r of findAll(xml, 'Relationship')) {
    const { Id, Type, Target, TargetMode } = r.attrs;
    if (!Id || !Target || TargetMode === 'External') continue;
    const target = Target.startsWith('/') ? Target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(sourcePart), Target));
    out.set(Id, { type: Type ?? '', target });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Minimal ZIP reader / writer (node:zlib). Entries that are not modified are copied without recompression.

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  size: number;
  /** compressed bytes */
  raw: Buffer;
}

function readZip(buf: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('zip end of central directory not found');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z64 = Number(buf.readBigUInt64LE(eocd - 12));
    count = Number(buf.readBigUInt64LE(z64 + 32));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  const out = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let csize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let local = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    // zip64 extra field
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = buf.readUInt16LE(x);
      const len = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff) (size = Number(buf.readBigUInt64LE(q))), (q += 8);
        if (csize === 0xffffffff) (csize = Number(buf.readBigUInt64LE(q))), (q += 8);
        if (local === 0xffffffff) local = Number(buf.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    if (flags & 1) throw new Error('encrypted zip entry');
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error('corrupt zip local header');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + csize > buf.length) throw new Error('truncated zip');
    const normalized = name.replace(/^\//, '');
    out.set(normalized, { name: normalized, method, crc, size, raw: buf.subarray(dataStart, dataStart + csize) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function zipEntryData(e: ZipEntry): Buffer {
  if (e.method === 0) return e.raw;
  if (e.method === 8) return zlib.inflateRawSync(e.raw);
  throw new Error(`unsupported zip compression method ${e.method} for ${e.name}`);
}

function makeEntry(name: string, data: Buffer): ZipEntry {
  return { name, method: 8, crc: crc32(data), size: data.length, raw: zlib.deflateRawSync(data, { level: 6 }) };
}

function writeZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const { time, date } = dosDateTime(new Date());
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    if (e.raw.length >= 0xffffffff || e.size >= 0xffffffff || offset >= 0xffffffff) throw new Error('workbook too large (zip64)');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.raw.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.raw.length, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, e.raw);
    central.push(cd, name);
    offset += 30 + name.length + e.raw.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

let CRC_TABLE: Int32Array | null = null;
function crc32(data: Buffer): number {
  const native = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
  if (native) return native(data) >>> 0;
  if (!CRC_TABLE) {
    CRC_TABLE = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
