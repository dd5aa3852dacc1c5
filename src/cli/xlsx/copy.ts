/**
 * The checked copy: the input package with only the parts the check must change rewritten —
 * the portfolio sheet (its output cells, dimension, column widths), its table part, styles
 * (appended to), the Summary sheet, the ownership record, and the workbook plumbing that adds
 * them (workbook.xml, its relationships, content types). Every other part is copied as it is.
 *
 * Inside the portfolio sheet, the text is spliced at the positions recorded while reading it:
 * every element and attribute outside the output cells stays exactly as written.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { OUTPUT_COLUMNS, OutputKey } from '../../workbook/columns';
import type { OutputValue } from '../../workbook/output';
import { OWNERSHIP_NAMESPACE, OutputColumnPlan, OwnershipRecord, serializeOwnership } from '../../workbook/ownership';
import type { Cell } from '../../workbook/values';
import type { Block, BlockData } from './blocks';
import { dayFromUtcDate, excelSerialFromDay } from '../../rules/dates';
import { intersects } from '../../workbook/address';
import { areaRect, columnName, parseRange, rangeRef, REL, SheetInfo, WorkbookPackage } from './package';
import { DAYS_1900_TO_1904, readSheet, RowPositions, SheetLayout } from './sheetRead';
import { DATE_FORMAT, DATETIME_FORMAT } from './styles';
import { appendChild, applyEdits, child, children, Edit, prefixFor, setAttributes, startTag, xmlAttr, xmlText } from './xml';
import { writeZip, ZipOut, ZipSource } from './zip';
import { HISTORY_WIDTHS, STATE_SHEET } from '../../workbook/history';
import { HistoryInput, historySheetXml, historyTableXml, worksheetShell, xmlPieces } from './history';

const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_CUSTOM_PROPS = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';
const CT_TABLE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
const REL_TABLE = `${NS_REL}/table`;
const REL_WORKSHEET = `${NS_REL}/worksheet`;
const REL_CUSTOM_XML = `${NS_REL}/customXml`;
const REL_CUSTOM_PROPS = `${NS_REL}/customXmlProps`;
const MAX_COLUMN = 16_384;
const MAX_TEXT = 32_767;

/** The portfolio's output columns on the sheet: where each goes, and what is added. */
export interface OutputGeometry {
  /** Sheet column (1-based) of each output column after the write. */
  colOf: Record<OutputKey, number>;
  /** Sheet columns added at the right of the block, in order, with their headers. */
  added: { col: number; key: OutputKey; header: string }[];
  /** Columns whose cell positions the read pass records: output columns and the block's last column. */
  interest: number[];
  /** Output key by sheet column. */
  keyOf: Map<number, OutputKey>;
  newCols: Set<number>;
  /** The last sheet column after the write (the block's own when nothing is added). */
  right: number;
}

export function outputGeometry(block: Block, plan: OutputColumnPlan): OutputGeometry {
  const colOf = {} as Record<OutputKey, number>;
  for (const [key, at] of Object.entries(plan.existing) as [OutputKey, number][]) colOf[key] = block.firstCol + at;
  const added = plan.added.map((a, k) => ({ col: block.lastCol + 1 + k, key: a.key, header: a.header }));
  for (const a of added) colOf[a.key] = a.col;
  const interest = [...new Set([block.lastCol, ...Object.values(colOf)])].sort((a, b) => a - b);
  const keyOf = new Map((Object.entries(colOf) as [OutputKey, number][]).map(([key, col]) => [col, key]));
  const right = added.length > 0 ? added[added.length - 1].col : block.lastCol;
  return { colOf, added, interest, keyOf, newCols: new Set(added.map((a) => a.col)), right };
}

export class OutputAreaNotEmptyError extends Error {
  constructor(
    readonly sheetName: string,
    readonly address: string,
  ) {
    super(`cannot add the output columns to sheet "${sheetName}": ${address} is not empty`);
  }
}

export interface CopyRequest {
  pkg: WorkbookPackage;
  block: Block;
  data: BlockData;
  plan: OutputColumnPlan;
  geometry: OutputGeometry;
  /** Number of data rows (data.rows). */
  rowCount: number;
  /** A data row's output values in OUTPUT_COLUMNS order, made when the row is written (a 100,000-row matrix of texts is not kept). */
  outputsAt(index: number): readonly OutputValue[];
  /** A data row's severity fill (ARGB), or null. */
  fillAt(index: number): string | null;
  summary: { defaultName: string; otherNames: string[]; title: string[]; rows: Cell[][]; widths: number[] };
  /** The state sheet and the History table to write (src/workbook/history.ts); absent: neither is written. */
  history?: HistoryWrite | null;
}

export interface HistoryWrite {
  /** What the input holds of them. */
  input: HistoryInput;
  /** The state sheet's XML (stateSheetPieces), in pieces. */
  stateXml: readonly Buffer[];
  /** Every record the History table keeps, the oldest first (the input's after compaction, then the new ones). */
  records: Cell[][];
  /** For a workbook without a History table: the sheet's name and the table's headers. */
  sheetName: string;
  headers: readonly string[];
}

export async function writeCheckedCopy(req: CopyRequest, destination: NodeJS.WritableStream): Promise<void> {
  const { pkg } = req;
  checkOutputArea(req);
  const plumbing = new Plumbing(pkg);
  const sheetPart = req.block.sheet.part!;

  // Styles are appended while the sheet is spliced, so the styles part is written after it.
  const patchedSheet: ZipOut = { name: sheetPart, stream: () => sheetStream(req), large: true };
  const tablePart = req.block.table && req.geometry.added.length > 0 ? { name: req.block.table.part, buffer: Buffer.from(patchTable(req), 'utf8') } : null;
  const summary = summarySheetPart(req, await summaryTarget(req), plumbing);
  // The last cell read (the Summary sheet's title): from here on, only bytes are copied.
  pkg.releaseSharedStrings();
  const ownership = ownershipPart(req, summary.sheetName, plumbing);
  const history = req.history ? await historyParts(req, req.history, plumbing) : [];
  if (outputFormulas(req) > 0) plumbing.dropCalcChain();
  if (req.block.table === null) plumbing.growFilterDatabase(req);
  plumbing.recalculateOnLoad();

  const rewritten = new Map<string, ZipOut>([[sheetPart.toLowerCase(), patchedSheet]]);
  if (tablePart) rewritten.set(tablePart.name.toLowerCase(), tablePart);
  for (const part of [...summary.parts, ...ownership, ...history]) rewritten.set(part.name.toLowerCase(), part);
  const stylesName = pkg.stylesPart ?? 'xl/styles.xml';
  if (!pkg.stylesPart) plumbing.addStylesPart(stylesName);

  const parts: ZipOut[] = [];
  const done = new Set<string>();
  for (const name of pkg.zip.names()) {
    const key = name.toLowerCase();
    if (plumbing.dropped.has(key) || key === stylesName.toLowerCase()) continue;
    done.add(key);
    const own = rewritten.get(key) ?? plumbing.rewritten(name);
    parts.push(own ?? { name, copy: pkg.zip });
  }
  for (const [key, part] of rewritten) if (!done.has(key)) parts.push(part);
  for (const part of plumbing.newParts()) if (!done.has(part.name.toLowerCase())) parts.push(part);
  // Last: every style the sheet and the summary needed has been appended by now.
  parts.push({
    name: stylesName,
    stream: () => (pkg.styles.changed ? Readable.from([Buffer.from(pkg.styles.render(), 'utf8')]) : pkg.zip.stream(stylesName)),
  });
  await bufferLargeCopies(parts, pkg.zip);
  await writeZip(parts, destination);
}

/** Parts copied as they are that are worth deflating beside the portfolio sheet, and up to how much in all. */
const BUFFERED_COPY_MIN = 256 * 1024;
const BUFFERED_COPIES_MAX = 8_000_000;

/**
 * Large parts copied as they are (the shared strings, the user's other sheets) are inflated
 * before the zip is written: given to the zip as bytes, they are deflated on the thread pool
 * while the portfolio sheet is spliced, instead of one after another once it is done (10,000
 * rows: the shared strings' 1.5 MB took 60 ms after the sheet). Beyond 8 MB in all, memory
 * matters more (100,000 rows: 15 MB of shared strings held twice would add 33 MB to the peak):
 * the rest stream as before.
 */
async function bufferLargeCopies(parts: ZipOut[], zip: ZipSource): Promise<void> {
  let budget = BUFFERED_COPIES_MAX;
  const jobs: Promise<void>[] = [];
  parts.forEach((part, i) => {
    if (!('copy' in part)) return;
    const size = zip.size(part.name);
    if (size < BUFFERED_COPY_MIN || size > budget) return;
    budget -= size;
    jobs.push(zip.buffer(part.name).then((buffer) => void (parts[i] = { name: part.name, buffer, modified: zip.modified(part.name) })));
  });
  await Promise.all(jobs);
}

// ---- the output area ------------------------------------------------------------------------

function checkOutputArea(req: CopyRequest): void {
  const { block, geometry, data, pkg } = req;
  if (geometry.added.length === 0) return;
  const left = geometry.added[0].col;
  const right = geometry.right;
  const name = block.sheet.name;
  if (right > MAX_COLUMN) throw new OutputAreaNotEmptyError(name, `column ${columnName(MAX_COLUMN)} (the last column of a sheet)`);
  const bottom = lastRowOf(req);
  const occupied = data.read.occupied.find((o) => o.row >= block.headerRow && o.row <= bottom && o.col >= left && o.col <= right);
  if (occupied) throw new OutputAreaNotEmptyError(name, `${columnName(occupied.col)}${occupied.row}`);
  const area = { top: block.headerRow, bottom, left, right };
  for (const ref of data.read.layout.mergedRanges) {
    const m = parseRange(ref);
    if (m && intersects(areaRect(m), areaRect(area))) throw new OutputAreaNotEmptyError(name, `${ref} (merged cells)`);
  }
  for (const t of pkg.tables) {
    if (t.sheet !== block.sheet || t === block.table) continue;
    if (intersects(areaRect(t), areaRect(area))) throw new OutputAreaNotEmptyError(name, `${rangeRef(t)} (table ${t.name})`);
  }
}

/** Last sheet row the output columns span: the table's last row (totals included), else the last data row. */
function lastRowOf(req: CopyRequest): number {
  if (req.block.table) return req.block.table.bottom;
  return req.block.dataTop + req.rowCount - 1;
}

/** Cells of the product's existing columns that hold a formula (the copy replaces them with values). */
function outputFormulas(req: CopyRequest): number {
  const p = req.data.read.positions!;
  const owned = new Set(Object.entries(req.plan.existing).map(([, at]) => req.block.firstCol + (at as number)));
  let n = 0;
  for (let i = 0; i < p.rowCount; i++) {
    const r = p.rowNumbers[i];
    if (r < req.block.dataTop || r > lastRowOf(req)) continue;
    p.cols.forEach((c, k) => {
      if (owned.has(c) && (p.flags[i * p.cols.length + k] & 2) !== 0) n++;
    });
  }
  return n;
}

// ---- the portfolio sheet ----------------------------------------------------------------------

const KIND = new Map(OUTPUT_COLUMNS.map((c) => [c.key, c.kind]));
const KEY_INDEX = new Map(OUTPUT_COLUMNS.map((c, i) => [c.key, i]));

/** An output date (a 1900-system serial) in the workbook's date system. */
function serialIn(serial: number, date1904: boolean): number {
  return date1904 ? serial - DAYS_1900_TO_1904 : serial;
}

function cellXml(ref: string, style: number, value: OutputValue, prefix: string): string {
  const s = style > 0 ? ` s="${style}"` : '';
  if (value === null) return `<${prefix}c r="${ref}"${s}/>`;
  if (typeof value === 'number') return `<${prefix}c r="${ref}"${s}><${prefix}v>${value}</${prefix}v></${prefix}c>`;
  const text = value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
  return `<${prefix}c r="${ref}"${s} t="inlineStr"><${prefix}is><${prefix}t${space}>${xmlText(text)}</${prefix}t></${prefix}is></${prefix}c>`;
}

interface SheetEdits {
  head: Edit[];
  tail: Edit[];
}

/** The sheet's edits outside its rows: dimension, column widths, the sheet's autoFilter. */
function layoutEdits(req: CopyRequest, layout: SheetLayout): SheetEdits {
  const head: Edit[] = [];
  const tail: Edit[] = [];
  const { geometry, block } = req;
  if (geometry.added.length === 0) return { head, tail };
  const right = geometry.right;
  const p = layout.prefix;
  if (layout.dimension) {
    const old = parseRange(layout.dimension.ref);
    const grown = old
      ? { top: Math.min(old.top, block.headerRow), left: Math.min(old.left, block.firstCol), bottom: Math.max(old.bottom, lastRowOf(req)), right: Math.max(old.right, right) }
      : { top: block.headerRow, left: block.firstCol, bottom: lastRowOf(req), right };
    head.push({ start: layout.dimension.start, end: layout.dimension.end, text: `<${layout.dimension.name} ref="${rangeRef(grown)}"/>` });
  }
  const widths = geometry.added.filter((a) => !layout.cols?.items.some((c) => c.min <= a.col && c.max >= a.col));
  if (widths.length > 0) {
    const colXml = (a: { col: number; key: OutputKey }) => {
      const def = OUTPUT_COLUMNS.find((c) => c.key === a.key)!;
      return `<${p}col min="${a.col}" max="${a.col}" width="${def.width}" customWidth="1"/>`;
    };
    if (layout.cols && !layout.cols.selfClosing) {
      for (const a of widths) {
        const before = layout.cols.items.find((c) => c.min > a.col);
        const at = before ? before.start : layout.cols.closeStart;
        head.push({ start: at, end: at, text: colXml(a) });
      }
    } else if (!layout.cols && layout.sheetDataStart >= 0) {
      head.push({ start: layout.sheetDataStart, end: layout.sheetDataStart, text: `<${p}cols>${widths.map(colXml).join('')}</${p}cols>` });
    }
  }
  const af = layout.autoFilter;
  if (block.table === null && af) {
    const ref = parseRange(af.ref);
    if (ref && ref.top === block.headerRow && ref.left === block.firstCol && ref.right < right) {
      const attrs = { ...af.attrs, ref: rangeRef({ ...ref, right }) };
      tail.push({ start: af.start, end: af.selfClosing ? af.end : af.openEnd, text: startTag(af.name, attrs, af.selfClosing) });
    }
  }
  head.sort((a, b) => a.start - b.start);
  return { head, tail };
}

/** What each column of interest is, worked out once for all rows. */
interface ColumnRole {
  letters: string;
  /** The header the product adds there, or null when the column is not added. */
  added: string | null;
  /** The output column there: its key, its index in a row's outputs, its kind; null for the block's last column. */
  key: OutputKey | null;
  valueIndex: number;
  kind: 'text' | 'date' | 'datetime';
}

function columnRoles(req: CopyRequest, p: RowPositions): ColumnRole[] {
  const { geometry } = req;
  return p.cols.map((col) => {
    const key = geometry.keyOf.get(col) ?? null;
    return {
      letters: columnName(col),
      added: geometry.added.find((a) => a.col === col)?.header ?? null,
      key,
      valueIndex: key === null ? -1 : KEY_INDEX.get(key)!,
      kind: key === null ? 'text' : KIND.get(key)!,
    };
  });
}

/** The cells of one row: replacements of existing output cells and insertions of new ones. */
function* rowEdits(req: CopyRequest, p: RowPositions, i: number, roles: readonly ColumnRole[], edgeK: number, prefix: string): Generator<Edit> {
  const { block, pkg } = req;
  const styles = pkg.styles;
  const r = p.rowNumbers[i];
  const n = p.cols.length;
  const base = i * n;
  const isHeader = r === block.headerRow && (block.table === null || block.table.headerRowCount > 0);
  const dataIndex = r - block.dataTop;
  const isData = dataIndex >= 0 && dataIndex < req.rowCount && (block.table === null || r <= block.table.bottom - block.table.totalsRowCount);
  if (!isHeader && !isData) return;
  const values = isData ? req.outputsAt(dataIndex) : [];
  const edgeStyle = edgeK >= 0 && p.cellStart[base + edgeK] >= 0 ? p.style[base + edgeK] : 0;
  const cells: { at: number; end: number; col: number; xml: string }[] = [];
  for (let k = 0; k < n; k++) {
    const role = roles[k];
    const col = p.cols[k];
    const ref = `${role.letters}${r}`;
    const exists = p.cellStart[base + k] >= 0;
    const isNew = role.added !== null;
    // Where the cell goes: over the existing one, or inserted after the last cell left of it.
    const at = exists ? p.cellStart[base + k] : p.insertAt[base + k];
    const end = exists ? p.cellEnd[base + k] : at;
    if (isHeader) {
      if (isNew) cells.push({ at, end, col, xml: cellXml(ref, edgeStyle, role.added, prefix) });
      continue;
    }
    const { key, kind } = role;
    if (key === null) continue;
    const value = values[role.valueIndex] ?? null;
    const fill = key === 'severity' && value !== null ? req.fillAt(dataIndex) : null;
    const own = exists ? p.style[base + k] : 0;
    let style: number;
    if (value === null && !exists && (!isNew || edgeStyle === 0)) continue;
    // A new column's cell takes its left neighbour's font, border and alignment — unless a blank
    // cell of the user's is already there: it keeps its own format, as an existing column's does.
    if (isNew && !exists) {
      style = styles.derive(edgeStyle, { numFmt: kind === 'text' || value === null ? 'General' : kind === 'date' ? DATE_FORMAT : DATETIME_FORMAT, fill: fill ?? 'none' });
    } else {
      style = own;
      if (kind !== 'text' && value !== null && !styles.isDate(own)) style = styles.derive(own, { numFmt: kind === 'date' ? DATE_FORMAT : DATETIME_FORMAT });
      if (key === 'severity') style = styles.derive(style, { fill: fill ?? 'none' });
    }
    // Output numbers are dates and date-times: serials of the 1900 system, shifted for a 1904 workbook.
    const cellValue = typeof value === 'number' ? serialIn(value, pkg.date1904) : value;
    cells.push({ at, end, col, xml: cellXml(ref, style, cellValue, prefix) });
  }
  if (cells.length === 0) return;
  cells.sort((a, b) => a.at - b.at || a.col - b.col);
  const inserts = cells.some((c) => c.at === c.end);
  if (p.selfClosing[i]) {
    // <row …/> holds no cells: it becomes <row …>cells</row>.
    const attrs = widenSpans(p.rowAttrs[i] ?? {}, req.geometry);
    yield { start: p.rowStart[i], end: p.rowOpenEnd[i], text: `${startTag(p.rowName[i], attrs)}${cells.map((c) => c.xml).join('')}</${p.rowName[i]}>` };
    return;
  }
  if (inserts && p.rowSpans[i] !== null) {
    const attrs = widenSpans(p.rowAttrs[i]!, req.geometry);
    if (attrs.spans !== p.rowSpans[i]) yield { start: p.rowStart[i], end: p.rowOpenEnd[i], text: startTag(p.rowName[i], attrs) };
  }
  // Adjacent insertions at one point go out as one edit.
  let k = 0;
  while (k < cells.length) {
    const c = cells[k];
    let text = c.xml;
    let end = c.end;
    while (k + 1 < cells.length && cells[k + 1].at === end && cells[k + 1].at === cells[k + 1].end) {
      text += cells[++k].xml;
      end = cells[k].end;
    }
    yield { start: c.at, end, text };
    k++;
  }
}

/** `spans` is a hint of the row's first and last column (§18.3.1.73): it must cover the new cells. */
function widenSpans(attrs: Record<string, string>, geometry: OutputGeometry): Record<string, string> {
  if (attrs.spans === undefined || geometry.added.length === 0) return attrs;
  const m = /^(\d+):(\d+)$/.exec(attrs.spans.trim());
  if (!m) return attrs;
  return Number(m[2]) >= geometry.right ? attrs : { ...attrs, spans: `${m[1]}:${geometry.right}` };
}

function* allEdits(req: CopyRequest): Generator<Edit> {
  const p = req.data.read.positions!;
  const layout = req.data.read.layout;
  const { head, tail } = layoutEdits(req, layout);
  yield* head;
  const roles = columnRoles(req, p);
  const edgeK = p.cols.indexOf(req.block.lastCol);
  for (let i = 0; i < p.rowCount; i++) yield* rowEdits(req, p, i, roles, edgeK, layout.prefix);
  yield* tail;
}

/** The portfolio sheet's new bytes, streamed: the input part read again and spliced at the byte offsets recorded. */
async function sheetStream(req: CopyRequest): Promise<Readable> {
  const source = await req.pkg.zip.stream(req.block.sheet.part!);
  return Readable.from(splice(source as AsyncIterable<Buffer>, allEdits(req)));
}

/**
 * Source bytes with edits applied; edits come in position order and never overlap. Unchanged
 * bytes are copied from the input's chunks, edits' texts encoded as UTF-8; both gathered into
 * large buffers (a stream of small pieces costs more than copying them).
 */
export async function* splice(source: AsyncIterable<Buffer>, edits: Iterator<Edit> | Iterable<Edit>): AsyncGenerator<Buffer> {
  const it = Symbol.iterator in (edits as object) ? (edits as Iterable<Edit>)[Symbol.iterator]() : (edits as Iterator<Edit>);
  const out = new OutputBuffer();
  let edit = it.next();
  let base = 0; // absolute offset of chunk[0]
  let skipTo = 0; // source before this offset is not copied
  for await (const chunk of source) {
    const end = base + chunk.length;
    let at = Math.max(base, skipTo);
    while (!edit.done && edit.value.start < end) {
      const e = edit.value;
      if (e.start < at) throw new Error('edits out of order');
      if (e.start > at) out.bytes(chunk, at - base, e.start - base);
      out.text(e.text);
      at = e.end;
      skipTo = e.end;
      edit = it.next();
      if (at > end) break;
    }
    if (at < end) out.bytes(chunk, at - base, chunk.length);
    base = end;
    if (out.size >= OutputBuffer.BLOCK) yield out.take();
  }
  while (!edit.done) {
    out.text(edit.value.text);
    edit = it.next();
  }
  if (out.size > 0) yield out.take();
}

/** Bytes gathered into one buffer of about BLOCK bytes at a time. */
class OutputBuffer {
  static readonly BLOCK = 1 << 18;
  private buf = Buffer.allocUnsafe(OutputBuffer.BLOCK * 2);
  size = 0;

  private room(n: number): void {
    if (this.size + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.size + n));
    this.buf.copy(bigger, 0, 0, this.size);
    this.buf = bigger;
  }

  bytes(from: Buffer, start: number, end: number): void {
    this.room(end - start);
    this.size += from.copy(this.buf, this.size, start, end);
  }

  text(s: string): void {
    this.room(s.length * 3);
    this.size += this.buf.write(s, this.size, 'utf8');
  }

  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.size));
    this.size = 0;
    return out;
  }
}

// ---- the table part ---------------------------------------------------------------------------

function patchTable(req: CopyRequest): string {
  const table = req.block.table!;
  const right = req.geometry.right;
  const root = table.root;
  const edits: Edit[] = [setAttributes(root, { ref: rangeRef({ ...table, right }) })];
  const filter = child(root, 'autoFilter');
  if (filter) {
    const ref = parseRange(filter.attrs.ref ?? '');
    if (ref) edits.push(setAttributes(filter, { ref: rangeRef({ ...ref, right }) }));
  }
  const cols = child(root, 'tableColumns');
  if (cols) {
    const items = children(cols, 'tableColumn');
    let id = Math.max(0, ...items.map((c) => Number(c.attrs.id) || 0));
    const prefix = cols.name.includes(':') ? cols.name.slice(0, cols.name.indexOf(':') + 1) : '';
    const added = req.geometry.added.map((a) => `<${prefix}tableColumn id="${++id}" name="${xmlAttr(a.header)}"/>`).join('');
    const count = String(items.length + req.geometry.added.length);
    if (cols.selfClosing) edits.push({ start: cols.start, end: cols.end, text: `${startTag(cols.name, { ...cols.attrs, count })}${added}</${cols.name}>` });
    else edits.push(setAttributes(cols, { count }), appendChild(cols, added));
  }
  return applyEdits(table.text, edits);
}

// ---- the summary sheet ------------------------------------------------------------------------

function summarySheetPart(req: CopyRequest, target: { existing: SheetInfo | null; name: string }, plumbing: Plumbing): { sheetName: string; parts: ZipOut[] } {
  const { pkg } = req;
  const styles = pkg.styles;
  const bold = styles.derive(0, { bold: true });
  const date = styles.derive(0, { numFmt: DATE_FORMAT });
  const rowXml = (cells: Cell[], i: number): string => {
    const r = i + 1;
    let xml = '';
    cells.forEach((v, j) => {
      if (v === null || v === undefined || v === '') return;
      const ref = `${columnName(j + 1)}${r}`;
      if (v instanceof Date) xml += cellXml(ref, date, serialIn(excelSerialFromDay(dayFromUtcDate(v)), pkg.date1904), '');
      else if (typeof v === 'boolean') xml += `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
      else xml += cellXml(ref, i === 0 ? bold : 0, typeof v === 'number' ? v : String(v), '');
    });
    return xml ? `<row r="${r}">${xml}</row>` : '';
  };
  const { head, foot } = worksheetShell(req.summary.widths);
  // In pieces: at 100,000 rows the lists of due items make 17 MB of XML, which as one string
  // (and its parts) was the copy's peak of memory.
  const rows = req.summary.rows;
  const pieces = [...xmlPieces(head, (function* () {
    for (let i = 0; i < rows.length; i++) yield rowXml(rows[i], i);
  })(), foot)];
  const name = target.existing ? target.existing.part! : plumbing.addSheet(target.name);
  return { sheetName: target.existing ? target.existing.name : target.name, parts: [piecesPart(name, pieces)] };
}

/**
 * The product's summary sheet: the one the record names; without a record, in a workbook an
 * earlier version checked, a sheet of the summary's name whose A1 is the summary's title;
 * else a new sheet (汇总, or 汇总 (2) beside a user's own 汇总).
 */
async function summaryTarget(req: CopyRequest): Promise<{ existing: SheetInfo | null; name: string }> {
  const { pkg } = req;
  const byName = (n: string) => pkg.sheets.find((s) => s.name.toLowerCase() === n.toLowerCase());
  const usable = (s: SheetInfo | undefined): s is SheetInfo => s !== undefined && s.isWorksheet && s !== req.block.sheet;
  const recorded = pkg.ownership?.record.summarySheet ?? null;
  if (recorded !== null && usable(byName(recorded))) return { existing: byName(recorded)!, name: recorded };
  if (pkg.ownership === null && req.plan.basis === 'legacy') {
    for (const n of [req.summary.defaultName, ...req.summary.otherNames]) {
      const s = byName(n);
      if (usable(s) && req.summary.title.includes(await firstCellText(pkg, s))) return { existing: s, name: s.name };
    }
  }
  let name = req.summary.defaultName;
  for (let n = 2; byName(name); n++) name = `${req.summary.defaultName} (${n})`;
  return { existing: null, name };
}

async function firstCellText(pkg: WorkbookPackage, sheet: SheetInfo): Promise<string> {
  const read = await readSheet(await pkg.zip.stream(sheet.part!), {
    sharedStrings: pkg.sharedStrings,
    styles: pkg.styles,
    date1904: pkg.date1904,
    area: { top: 1, bottom: 1, left: 1, right: 1 },
    stopAfterRows: 1,
  });
  const v = read.rows.get(1)?.[0];
  return typeof v === 'string' ? v.trim() : '';
}

// ---- the history ------------------------------------------------------------------------------

/** The state sheet (veryHidden) and the History sheet with its table: rewritten when the input has them, else added. */
async function historyParts(req: CopyRequest, h: HistoryWrite, plumbing: Plumbing): Promise<ZipOut[]> {
  const { pkg } = req;
  const out: ZipOut[] = [];
  const statePart = h.input.stateSheet ? h.input.stateSheet.part! : plumbing.addSheet(STATE_SHEET, 'veryHidden');
  if (h.input.stateSheet) plumbing.hide(h.input.stateSheet);
  out.push(piecesPart(statePart, h.stateXml));
  const styles = { header: pkg.styles.derive(0, { bold: true }), when: pkg.styles.derive(0, { numFmt: DATETIME_FORMAT }) };
  const table = h.input.table;
  if (table) {
    const rels = await pkg.rels(table.sheet.part!);
    const rel = rels.items.find((r) => r.target !== null && r.target.toLowerCase() === table.part.toLowerCase())!;
    const headers = table.columns.slice(0, 6);
    out.push({ name: table.sheet.part!, buffer: historySheetXml(headers, h.records, styles, pkg.date1904, rel.id, HISTORY_WIDTHS) });
    out.push({ name: table.part, buffer: historyTableXml(Number(table.root.attrs.id) || 1, headers, h.records.length) });
    return out;
  }
  const taken = (n: string) => pkg.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase()) || plumbing.hasNewSheet(n);
  let name = h.sheetName;
  for (let n = 2; taken(name); n++) name = `${h.sheetName} (${n})`;
  const sheetPart = plumbing.addSheet(name);
  const added = plumbing.addTable(sheetPart);
  const id = Math.max(0, ...pkg.tables.map((t) => Number(t.root.attrs.id) || 0)) + 1;
  out.push({ name: sheetPart, buffer: historySheetXml(h.headers, h.records, styles, pkg.date1904, added.relId, HISTORY_WIDTHS) });
  out.push({ name: added.tablePart, buffer: historyTableXml(id, h.headers, h.records.length) });
  out.push({ name: added.relsPart, buffer: added.rels });
  return out;
}

/**
 * A part made in pieces (the state sheet, the Summary sheet): up to 8 MB (the state sheet of
 * about 40,000 rows) one buffer, deflated on the thread pool beside the portfolio sheet; larger,
 * it streams from its pieces, so that it is not held twice at the copy's peak of memory.
 */
function piecesPart(name: string, pieces: readonly Buffer[]): ZipOut {
  const size = pieces.reduce((n, b) => n + b.length, 0);
  return size <= BUFFERED_COPIES_MAX ? { name, buffer: Buffer.concat(pieces) } : { name, stream: () => Readable.from(pieces), large: true };
}

// ---- the ownership record ---------------------------------------------------------------------

function ownershipPart(req: CopyRequest, summarySheet: string, plumbing: Plumbing): ZipOut[] {
  const record: OwnershipRecord = {
    portfolio: { table: req.block.table?.name ?? null, sheet: req.block.sheet.name, columns: req.plan.headers },
    summarySheet: summarySheet === '' ? null : summarySheet,
  };
  const xml = Buffer.from(serializeOwnership(record), 'utf8');
  const existing = req.pkg.ownership?.part;
  if (existing) return [{ name: existing, buffer: xml }];
  return plumbing.addCustomXml(xml);
}

// ---- workbook plumbing ------------------------------------------------------------------------

/** Edits to workbook.xml, its relationships and the content types, collected and rendered once. */
class Plumbing {
  readonly dropped = new Set<string>();
  private readonly workbookEdits: Edit[] = [];
  private readonly relsAdded: string[] = [];
  private readonly overrides: string[] = [];
  private readonly removedRelIds = new Set<string>();
  private readonly removedOverrides = new Set<string>();
  private readonly relIds: Set<string>;
  private nextRel = 1;
  /** Part names and sheet names given to new parts and sheets of this copy. */
  private readonly claimed = new Set<string>();
  private readonly newSheets = new Set<string>();
  private nextSheetId: number;

  constructor(private readonly pkg: WorkbookPackage) {
    this.relIds = new Set(pkg.workbookRels.items.map((r) => r.id));
    this.nextSheetId = Math.max(0, ...pkg.sheets.map((s) => s.sheetId)) + 1;
  }

  hasNewSheet(name: string): boolean {
    return this.newSheets.has(name.toLowerCase());
  }

  private relId(): string {
    while (this.relIds.has(`rId${this.nextRel}`)) this.nextRel++;
    return `rId${this.nextRel++}`;
  }

  private relTarget(part: string): string {
    return path.posix.relative(path.posix.dirname(this.pkg.workbookPart), part);
  }

  private freeName(pattern: (n: number) => string): string {
    for (let n = 1; ; n++) {
      const name = pattern(n);
      if (!this.pkg.zip.has(name) && !this.claimed.has(name.toLowerCase())) {
        this.claimed.add(name.toLowerCase());
        return name;
      }
    }
  }

  /** A new worksheet at the end of the workbook; `state` hides it (§18.2.19: veryHidden sheets are shown by no menu). */
  addSheet(sheetName: string, state?: 'veryHidden'): string {
    this.newSheets.add(sheetName.toLowerCase());
    const dir = path.posix.dirname(this.pkg.workbookPart);
    const part = this.freeName((n) => `${dir === '.' ? '' : `${dir}/`}worksheets/sheet${n}.xml`);
    const id = this.relId();
    this.relsAdded.push(`<Relationship Id="${id}" Type="${REL_WORKSHEET}" Target="${xmlAttr(this.relTarget(part))}"/>`);
    this.overrides.push(`<Override PartName="/${xmlAttr(part)}" ContentType="${CT_WORKSHEET}"/>`);
    const root = this.pkg.workbook.root;
    const sheets = child(root, 'sheets')!;
    const sheetId = this.nextSheetId++;
    const prefix = sheets.name.includes(':') ? sheets.name.slice(0, sheets.name.indexOf(':') + 1) : '';
    const relPrefix = prefixFor(root, NS_REL) ?? prefixFor(root, NS_REL_STRICT);
    const idAttr = relPrefix ? `${relPrefix}:id="${id}"` : `xmlns:r="${NS_REL}" r:id="${id}"`;
    const hidden = state ? ` state="${state}"` : '';
    this.workbookEdits.push(appendChild(sheets, `<${prefix}sheet name="${xmlAttr(sheetName)}" sheetId="${sheetId}"${hidden} ${idAttr}/>`));
    return part;
  }

  /** The state sheet stays veryHidden: a sheet someone made visible (VBA, another tool) is hidden again. */
  hide(sheet: SheetInfo): void {
    const el = children(child(this.pkg.workbook.root, 'sheets')!, 'sheet')[sheet.index];
    if (el && el.attrs.state !== 'veryHidden') this.workbookEdits.push(setAttributes(el, { state: 'veryHidden' }));
  }

  /** A table part for a new sheet: the part, the sheet's relationships (rId1 → the table), its content type. */
  addTable(sheetPart: string): { tablePart: string; relsPart: string; relId: string; rels: Buffer } {
    const tablePart = this.freeName((n) => `xl/tables/table${n}.xml`);
    this.overrides.push(`<Override PartName="/${xmlAttr(tablePart)}" ContentType="${CT_TABLE}"/>`);
    const target = path.posix.relative(path.posix.dirname(sheetPart), tablePart);
    const rels =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_TABLE}" Target="${xmlAttr(target)}"/></Relationships>`;
    const dir = path.posix.dirname(sheetPart);
    return { tablePart, relsPart: `${dir}/_rels/${path.posix.basename(sheetPart)}.rels`, relId: 'rId1', rels: Buffer.from(rels, 'utf8') };
  }

  addCustomXml(xml: Buffer): ZipOut[] {
    const item = this.freeName((n) => `customXml/item${n}.xml`);
    const n = /item(\d+)\.xml$/.exec(item)![1];
    const props = `customXml/itemProps${n}.xml`;
    const guid = `{${randomGuid()}}`;
    const propsXml =
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' +
      `<ds:datastoreItem ds:itemID="${guid}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${OWNERSHIP_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`;
    const rels =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_CUSTOM_PROPS}" Target="itemProps${n}.xml"/></Relationships>`;
    const id = this.relId();
    this.relsAdded.push(`<Relationship Id="${id}" Type="${REL_CUSTOM_XML}" Target="${xmlAttr(this.relTarget(item))}"/>`);
    this.overrides.push(`<Override PartName="/${props}" ContentType="${CT_CUSTOM_PROPS}"/>`);
    if (!this.hasXmlDefault()) this.overrides.push(`<Override PartName="/${item}" ContentType="application/xml"/>`);
    const parts: ZipOut[] = [
      { name: item, buffer: xml },
      { name: props, buffer: Buffer.from(propsXml, 'utf8') },
      { name: `customXml/_rels/item${n}.xml.rels`, buffer: Buffer.from(rels, 'utf8') },
    ];
    return parts;
  }

  addStylesPart(name: string): void {
    this.relsAdded.push(`<Relationship Id="${this.relId()}" Type="${NS_REL}/styles" Target="${xmlAttr(this.relTarget(name))}"/>`);
    this.overrides.push(`<Override PartName="/${name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`);
  }

  private hasXmlDefault(): boolean {
    return children(this.pkg.contentTypes.root, 'Default').some((d) => (d.attrs.Extension ?? '').toLowerCase() === 'xml');
  }

  /** calcChain.xml lists formula cells; a formula replaced by a value would make Excel repair the file. Excel rebuilds it. */
  dropCalcChain(): void {
    for (const rel of this.pkg.workbookRels.items) {
      if (!rel.type.endsWith(REL.calcChain) || rel.target === null) continue;
      this.dropped.add(rel.target.toLowerCase());
      this.removedRelIds.add(rel.id);
      this.removedOverrides.add(`/${rel.target}`.toLowerCase());
    }
  }

  /**
   * The user's formulas over the output columns hold values computed from the old outputs:
   * fullCalcOnLoad makes Excel (and LibreOffice) recalculate when the copy is opened
   * (ECMA-376 Part 1 §18.2.2 calcPr). Excel clears it on the next save.
   */
  recalculateOnLoad(): void {
    const root = this.pkg.workbook.root;
    const calc = child(root, 'calcPr');
    if (calc) {
      if (calc.attrs.fullCalcOnLoad !== '1') this.workbookEdits.push(setAttributes(calc, { fullCalcOnLoad: '1' }));
      return;
    }
    // CT_Workbook order: … sheets, functionGroups, externalReferences, definedNames, calcPr …
    const before = [...root.children].reverse().find((c) => ['sheets', 'functionGroups', 'externalReferences', 'definedNames'].includes(c.local));
    if (!before) return;
    const prefix = before.name.includes(':') ? before.name.slice(0, before.name.indexOf(':') + 1) : '';
    this.workbookEdits.push({ start: before.end, end: before.end, text: `<${prefix}calcPr fullCalcOnLoad="1"/>` });
  }

  /** A sheet autoFilter grown to the new columns: Excel's hidden _FilterDatabase name follows it. */
  growFilterDatabase(req: CopyRequest): void {
    if (req.geometry.added.length === 0) return;
    const right = req.geometry.added[req.geometry.added.length - 1].col;
    const names = child(this.pkg.workbook.root, 'definedNames');
    if (!names) return;
    for (const d of children(names, 'definedName')) {
      if (d.attrs.name !== '_xlnm._FilterDatabase' || Number(d.attrs.localSheetId) !== req.block.sheet.index || d.selfClosing) continue;
      const m = /^(.*!)\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(d.text.trim());
      if (!m) continue;
      const top = Number(m[3]);
      if (top !== req.block.headerRow) continue;
      this.workbookEdits.push({ start: d.openEnd, end: d.closeStart, text: xmlText(`${m[1]}$${m[2]}$${m[3]}:$${columnName(right)}$${m[5]}`) });
    }
  }

  /** The new text of a plumbing part, or null when it is copied as it is. */
  rewritten(name: string): ZipOut | null {
    const key = name.toLowerCase();
    if (key === this.pkg.workbookPart.toLowerCase() && this.workbookEdits.length > 0) {
      return { name, buffer: Buffer.from(applyEdits(this.pkg.workbook.text, this.workbookEdits), 'utf8') };
    }
    if (key === this.pkg.workbookRels.name.toLowerCase() && (this.relsAdded.length > 0 || this.removedRelIds.size > 0)) {
      return { name, buffer: Buffer.from(this.renderRels(), 'utf8') };
    }
    if (key === '[content_types].xml' && (this.overrides.length > 0 || this.removedOverrides.size > 0)) {
      return { name, buffer: Buffer.from(this.renderContentTypes(), 'utf8') };
    }
    return null;
  }

  /** Parts that did not exist in the input at all (a workbook without relationships part). */
  newParts(): ZipOut[] {
    const out: ZipOut[] = [];
    if (this.pkg.workbookRels.text === null && this.relsAdded.length > 0) {
      out.push({ name: this.pkg.workbookRels.name, buffer: Buffer.from(this.renderRels(), 'utf8') });
    }
    return out;
  }

  private renderRels(): string {
    const rels = this.pkg.workbookRels;
    if (rels.text === null || rels.root === null) {
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${this.relsAdded.join('')}</Relationships>`;
    }
    const edits: Edit[] = [];
    for (const r of children(rels.root, 'Relationship')) if (this.removedRelIds.has(r.attrs.Id ?? '')) edits.push({ start: r.start, end: r.end, text: '' });
    if (this.relsAdded.length) edits.push(appendChild(rels.root, this.relsAdded.join('')));
    return applyEdits(rels.text, edits);
  }

  private renderContentTypes(): string {
    const ct = this.pkg.contentTypes;
    const edits: Edit[] = [];
    for (const o of children(ct.root, 'Override')) if (this.removedOverrides.has((o.attrs.PartName ?? '').toLowerCase())) edits.push({ start: o.start, end: o.end, text: '' });
    if (this.overrides.length) edits.push(appendChild(ct.root, this.overrides.join('')));
    return applyEdits(ct.text, edits);
  }
}

function randomGuid(): string {
  return randomUUID().toUpperCase();
}
