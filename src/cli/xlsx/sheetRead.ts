/**
 * Reading a worksheet part as a stream (scan.ts: htmlparser2's Tokenizer, one pass, memory for the cells asked for only):
 * the values of a block of cells, and — for the portfolio sheet — where in the part's text
 * each row and each cell of the output columns is, so the copy can be spliced without parsing
 * the part again (copy.ts).
 *
 * Cell values as a reader sees them (ECMA-376 Part 1 §18.3.1.4 c, §18.18.11 ST_CellType):
 * shared strings (t="s"), inline strings and rich text (t="inlineStr", phonetic runs left
 * out), formula results (t="str", or a number), booleans, errors (their text, e.g. "#N/A"),
 * ISO dates (t="d"), and numbers — a number under a date format becomes a Date (UTC midnight
 * is the day), in the 1900 or the 1904 date system. A formula without a cached value reads
 * as blank and is counted, so the caller can say so once.
 */
import type { Readable } from 'node:stream';
import type { Cell } from '../../workbook/values';
import { dayFromExcelSerial, utcDateFromDay } from '../../rules/dates';
import { bytesToText, TextPieces, XmlScanner } from './scan';
import { fromXstring } from './xml';

export interface Area {
  /** 1-based, inclusive. */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What the copy needs to know about a worksheet outside its rows. */
export interface SheetLayout {
  /** The <dimension> element: [start, end) and its ref. */
  dimension: { start: number; end: number; ref: string; name: string } | null;
  /** The <cols> element and its <col> children. */
  cols: { start: number; openEnd: number; closeStart: number; end: number; selfClosing: boolean; name: string; items: { min: number; max: number; start: number; end: number }[] } | null;
  /** Start of <sheetData> (where a new <cols> goes). */
  sheetDataStart: number;
  /** The <autoFilter> of the sheet (not of a table). */
  autoFilter: { start: number; end: number; ref: string; name: string; attrs: Record<string, string>; selfClosing: boolean; openEnd: number } | null;
  mergedRanges: string[];
  /** Prefix of the main namespace ('' or 'x:'), for elements the copy adds. */
  prefix: string;
}

/**
 * Where the output cells go, per row, recorded in the read pass: for each column of interest,
 * the existing cell [start, end) and its style, or the point to insert a new one (after the last
 * cell left of it). Numbers in typed arrays (positions are byte offsets in the part): 100,000
 * rows take 22 MB, none of it for the garbage collector to walk.
 */
export class RowPositions {
  /** Sheet columns (1-based) of interest, ascending. */
  readonly cols: number[];
  rowCount = 0;
  rowNumbers = new Int32Array(256);
  /** Per row: index of `<` of the row's start tag, and the end of the start tag. */
  rowStart = new Int32Array(256);
  rowOpenEnd = new Int32Array(256);
  readonly rowSpans: (string | null)[] = [];
  /** Rows whose start tag is `<row …/>` (no cells at all). */
  readonly selfClosing: boolean[] = [];
  readonly rowAttrs: (Record<string, string> | null)[] = [];
  readonly rowName: string[] = [];
  /** Per row and column: cell start (-1 = no cell), cell end, insertion point, style, flags. */
  cellStart = new Int32Array(0);
  cellEnd = new Int32Array(0);
  insertAt = new Int32Array(0);
  style = new Int32Array(0);
  /** 1: the cell has a value or formula; 2: it has a formula. */
  flags = new Uint8Array(0);

  constructor(cols: number[]) {
    this.cols = [...cols].sort((a, b) => a - b);
    this.grow(256);
  }

  private grow(rows: number): void {
    const n = this.cols.length;
    const bigger = <T extends Int32Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as { new (size: number): T })(size);
      b.set(a.subarray(0, Math.min(a.length, size)));
      return b;
    };
    this.rowNumbers = bigger(this.rowNumbers, rows);
    this.rowStart = bigger(this.rowStart, rows);
    this.rowOpenEnd = bigger(this.rowOpenEnd, rows);
    this.cellStart = bigger(this.cellStart, rows * n);
    this.cellEnd = bigger(this.cellEnd, rows * n);
    this.insertAt = bigger(this.insertAt, rows * n);
    this.style = bigger(this.style, rows * n);
    this.flags = bigger(this.flags, rows * n);
  }

  /** A row element: its index here; its columns of interest start with no cell, inserted after the start tag. */
  addRow(rowNumber: number, start: number, openEnd: number, name: string, attrs: Record<string, string>, selfClosing: boolean): number {
    if (openEnd > 0x7fffffff) throw new SheetReadError('the worksheet is larger than 2 GB');
    const i = this.rowCount++;
    if (i >= this.rowNumbers.length) this.grow(this.rowNumbers.length * 2);
    this.rowNumbers[i] = rowNumber;
    this.rowStart[i] = start;
    this.rowOpenEnd[i] = openEnd;
    this.rowSpans.push(attrs.spans ?? null);
    this.selfClosing.push(selfClosing);
    this.rowAttrs.push(attrs.spans !== undefined || selfClosing ? textAttrs(attrs) : null);
    this.rowName.push(name);
    const n = this.cols.length;
    this.cellStart.fill(NOT_STARTED, i * n, i * n + n);
    this.insertAt.fill(openEnd, i * n, i * n + n);
    return i;
  }

  /** The rows of `tail` (a later part of the same sheet) after these. */
  append(tail: RowPositions): void {
    const rows = this.rowCount + tail.rowCount;
    if (rows > this.rowNumbers.length) this.grow(rows);
    const n = this.cols.length;
    this.rowNumbers.set(tail.rowNumbers.subarray(0, tail.rowCount), this.rowCount);
    this.rowStart.set(tail.rowStart.subarray(0, tail.rowCount), this.rowCount);
    this.rowOpenEnd.set(tail.rowOpenEnd.subarray(0, tail.rowCount), this.rowCount);
    for (const key of ['cellStart', 'cellEnd', 'insertAt', 'style', 'flags'] as const) {
      (this[key] as Int32Array).set((tail[key] as Int32Array).subarray(0, tail.rowCount * n), this.rowCount * n);
    }
    this.rowSpans.push(...tail.rowSpans);
    this.selfClosing.push(...tail.selfClosing);
    this.rowAttrs.push(...tail.rowAttrs);
    this.rowName.push(...tail.rowName);
    this.rowCount = rows;
  }
}

/** What a reader needs of the styles: which cell styles are dates. */
export interface DateStyles {
  isDate(s: number): boolean;
}

/**
 * The shared strings' count, without the strings (the worker thread, sheetWorker.ts): a t="s"
 * cell's value is then its index, marked in `onRow`'s `shared`, for the main thread to look up
 * in the table it holds — no copy of the table sent to the worker, no copies of its strings
 * sent back.
 */
export interface SharedStringCount {
  count: number;
}

export interface SheetReadOptions {
  sharedStrings: readonly string[] | SharedStringCount;
  styles: DateStyles;
  date1904: boolean;
  /** Shared by the reads of one package. */
  texts?: TextKeeper;
  /** Cells collected: rows top..bottom (bottom may be Infinity), columns left..right. */
  area: Area;
  /** Record the positions of these columns' cells in rows top..bottom (the portfolio sheet). */
  positions?: number[];
  /**
   * Columns (sheet, 1-based) whose values nobody reads in the rows from `fromRow` on (the
   * portfolio's output columns and the user's own: the rules read only the input columns). Their
   * cells are not decoded — 35% of a checked copy's bytes — but still count as the row's content.
   */
  unread?: { fromRow: number; columns: readonly number[] };
  /** Stop reading after this many rows of the area that have any value (header search). */
  stopAfterRows?: number;
  /**
   * Each row of the area that has a value, as it is read, instead of keeping them in `rows`.
   * `shared` (with a SharedStringCount only, else null): 1 where the value is a shared string's
   * index; the same array for every row, so read it before the next.
   */
  onRow?: (row: number, values: Cell[], shared: Uint8Array | null) => void;
  /** The text starts at this byte of the part, inside <sheetData> (the second half of a split read). */
  startInSheetData?: number;
  /** The text stops before the end of the part (the first half of a split read). */
  partial?: boolean;
}

export interface SheetReadResult {
  /** Values by sheet row (1-based) → cells left..right (sparse rows are absent). */
  rows: Map<number, Cell[]>;
  /** Last sheet row with a value in the area. */
  lastRow: number;
  formulasWithoutValue: number;
  layout: SheetLayout;
  positions: RowPositions | null;
  /** Threads that read the part (1, or 2 for a large sheet read in halves). */
  threads: number;
  /** Cells with content in the area's columns right of `area.right` up to the positions' max, by address: the way of new columns. */
  occupied: { row: number; col: number }[];
}

const NOT_STARTED = -1;

/**
 * A cell's text as a string of its own. A substring of 13 characters or more of the scanner's
 * chunk is, in V8, a view that keeps the whole chunk (256 K characters) alive for as long as the
 * cell is: a 100,000-row sheet would stay in memory whole. Shorter substrings are copies already.
 */
export class TextKeeper {
  keep(s: string): string {
    return s.length >= 13 ? (' ' + s).slice(1) : s;
  }
}

/** Column number (1-based) from a cell reference such as "AB12"; 0 if none. */
function refColumn(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n;
}

const MS_PER_DAY = 86_400_000;

/** A date serial as a Date at UTC (the wall-clock reading), in the workbook's date system. */
export function dateFromSerial(serial: number, date1904: boolean): Date | null {
  const s1900 = date1904 ? serial + DAYS_1900_TO_1904 : serial;
  const day = dayFromExcelSerial(s1900);
  return day === null ? null : new Date(utcDateFromDay(day).getTime() + Math.round((s1900 - Math.floor(s1900)) * MS_PER_DAY));
}

/** Serial of 1904-01-01 in the 1900 date system: a 1904-system serial plus this is a 1900-system one. */
export const DAYS_1900_TO_1904 = 1462;

export async function readSheet(stream: Readable | AsyncIterable<Buffer>, options: SheetReadOptions): Promise<SheetReadResult> {
  const { area, styles, date1904 } = options;
  const strings = Array.isArray(options.sharedStrings) ? (options.sharedStrings as readonly string[]) : null;
  const sharedCount = strings ? strings.length : (options.sharedStrings as SharedStringCount).count;
  const texts = options.texts ?? new TextKeeper();
  const unreadFrom = options.unread?.fromRow ?? Infinity;
  const unread = new Uint8Array(options.unread ? Math.max(0, ...options.unread.columns) + 1 : 0);
  for (const c of options.unread?.columns ?? []) unread[c] = 1;
  const width = area.right - area.left + 1;
  const shared = strings ? null : new Uint8Array(width);
  /** The current cell's value is a shared string's index (with a SharedStringCount). */
  let valueIsIndex = false;
  const rows = new Map<number, Cell[]>();
  const positions = options.positions ? new RowPositions(options.positions) : null;
  const interest = positions?.cols ?? [];
  const occupied: { row: number; col: number }[] = [];
  const layout: SheetLayout = { dimension: null, cols: null, sheetDataStart: -1, autoFilter: null, mergedRanges: [], prefix: '' };

  const tail = options.startInSheetData !== undefined;
  let depth = tail ? 2 : 0;
  let inSheetData = tail;
  let rowNumber = 0;
  let rowInArea = false;
  let rowRecorded = -1;
  let col = 0;
  let values: Cell[] | null = null;
  let rowHasValue = false;
  let lastRow = 0;
  let rowsWithValues = 0;
  let formulasWithoutValue = 0;
  let stopped = false;

  // the current cell
  let cellType = '';
  let cellStyle = 0;
  let cellStart = 0;
  let hasFormula = false;
  /** The cell has a <v> / an <is>. */
  let vSeen = false;
  let isSeen = false;
  let inIs = false;
  let inPhonetic = false;
  let cellWanted = false;
  /** Which text is the value: a <v>'s, or else the <t>s of an <is> (for t="inlineStr" cells, always those). */
  let tracking = false;

  // the next cell's attributes, as they are read
  let nextCol = 0;
  let nextStyle = 0;
  let nextType = '';

  /** Column number from the letters of a reference in the part's bytes [start, end). */
  function columnAt(start: number, end: number): number {
    let n = 0;
    for (let i = start; i < end; i++) {
      const c = scanner.code(i);
      if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
      else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
      else break;
    }
    return n;
  }

  /** A non-negative integer in the part's bytes [start, end) (a style index). */
  function numberAt(start: number, end: number): number {
    let n = 0;
    for (let i = start; i < end; i++) {
      const c = scanner.code(i) - 48;
      if (c < 0 || c > 9) return Number(scanner.text(start, end)) || 0;
      n = n * 10 + c;
    }
    return n;
  }

  // positions of the current row
  let nextInterest = 0;
  let lastCellEnd = 0;

  const scanner = new XmlScanner(
    {
    wantAttributes(_name, local) {
      return local === 'row' || ATTRIBUTES_OUTSIDE_ROWS.has(local);
    },
    // A cell's r, s and t are read from the part's bytes as they are: no object, no strings.
    rawAttributes(_name, local) {
      return local === 'c';
    },
    attribute(local, start, end, text) {
      if (local === 'r') nextCol = text !== null ? refColumn(text) : columnAt(start, end);
      else if (local === 's') nextStyle = text !== null ? Number(text) : numberAt(start, end);
      else if (local === 't') nextType = text !== null ? text : scanner.text(start, end);
    },
    open(name, local, attrs, start, openEnd, selfClosing) {
      depth++;
      if (inSheetData) {
        if (local === 'c') return openCell(start);
        if (depth === 3 && local === 'row') return openRow(name, attrs!, start, openEnd, selfClosing);
        if (!cellWanted) return;
        if (local === 'v') {
          vSeen = true;
          if (cellType !== 'inlineStr') startValue();
        } else if (local === 'f') hasFormula = true;
        else if (local === 'is') {
          inIs = true;
          isSeen = true;
        } else if (local === 'rPh') inPhonetic = true;
        else if (local === 't' && inIs && !inPhonetic) tracking = cellType === 'inlineStr' || !vSeen;
        return;
      }
      if (depth === 1) {
        const i = name.indexOf(':');
        layout.prefix = i < 0 ? '' : name.slice(0, i + 1);
        return;
      }
      if (depth === 3 && local === 'col' && layout.cols) layout.cols.items.push({ min: Number(attrs!.min), max: Number(attrs!.max), start, end: -1 });
      if (depth === 3 && local === 'mergeCell') layout.mergedRanges.push(String(attrs!.ref ?? ''));
      if (depth !== 2) return;
      if (local === 'sheetData') {
        layout.sheetDataStart = start;
        inSheetData = !selfClosing;
      } else if (local === 'dimension') {
        layout.dimension = { start, end: -1, ref: attrs!.ref ?? '', name };
      } else if (local === 'cols') {
        layout.cols = { start, openEnd, closeStart: -1, end: -1, selfClosing, name, items: [] };
      } else if (local === 'autoFilter') {
        layout.autoFilter = { start, end: -1, ref: attrs!.ref ?? '', name, attrs: textAttrs(attrs!), selfClosing, openEnd };
      }
    },
    textAt(start, end) {
      if (tracking) value.at(start, end);
    },
    // An entity or CDATA.
    text(text) {
      if (tracking) value.add(text);
    },
    close(_name, local, closeStart, end) {
      depth--;
      if (inSheetData) {
        if (local === 'c') return closeCell(end);
        if (local === 'row' && depth === 2) return closeRow();
        if (local === 'v') {
          if (cellType !== 'inlineStr') tracking = false;
        } else if (local === 't') {
          if (inIs) tracking = false;
        } else if (local === 'is') inIs = false;
        else if (local === 'rPh') inPhonetic = false;
        else if (local === 'sheetData') inSheetData = false;
        return;
      }
      if (depth === 2 && local === 'col' && layout.cols) layout.cols.items[layout.cols.items.length - 1].end = end;
      if (depth !== 1) return;
      if (local === 'dimension' && layout.dimension) layout.dimension.end = end;
      if (local === 'cols' && layout.cols) {
        layout.cols.end = end;
        layout.cols.closeStart = closeStart;
      }
      if (local === 'autoFilter' && layout.autoFilter && layout.autoFilter.end < 0) layout.autoFilter.end = end;
    },
    },
    { bytes: true, offset: options.startInSheetData, context: tail ? ['worksheet', 'sheetData'] : undefined, partial: options.partial },
  );
  // The value's text (a <v>'s, or an <is>'s <t>s); value.raw(): as written (its bytes as Latin-1),
  // for numbers, indexes, booleans, errors, ISO dates.
  const value = new TextPieces(scanner);

  function openRow(name: string, attrs: Record<string, string>, start: number, openEnd: number, selfClosing: boolean): void {
    rowNumber = attrs.r !== undefined ? Number(attrs.r) : rowNumber + 1;
    col = 0;
    rowInArea = rowNumber >= area.top && rowNumber <= area.bottom;
    values = null;
    rowHasValue = false;
    rowRecorded = -1;
    if (positions && rowInArea) {
      rowRecorded = positions.addRow(rowNumber, start, openEnd, name, attrs, selfClosing);
      nextInterest = 0;
      lastCellEnd = openEnd;
    }
  }

  function closeRow(): void {
    if (rowRecorded >= 0) {
      const base = rowRecorded * interest.length;
      for (let k = nextInterest; k < interest.length; k++) positions!.insertAt[base + k] = lastCellEnd;
    }
    if (rowHasValue) {
      options.onRow?.(rowNumber, values!, shared);
      lastRow = rowNumber;
      rowsWithValues++;
      if (options.stopAfterRows !== undefined && rowsWithValues >= options.stopAfterRows) stopped = true;
    }
    rowInArea = false;
  }

  function openCell(start: number): void {
    col = nextCol > 0 ? nextCol : col + 1;
    cellType = nextType;
    cellStyle = nextStyle;
    nextCol = 0;
    nextType = '';
    nextStyle = 0;
    cellStart = start;
    hasFormula = false;
    vSeen = isSeen = false;
    value.clear();
    tracking = false;
    inPhonetic = false;
    cellWanted = rowInArea;
    if (rowRecorded >= 0) {
      while (nextInterest < interest.length && interest[nextInterest] < col) {
        positions!.insertAt[rowRecorded * interest.length + nextInterest] = lastCellEnd;
        nextInterest++;
      }
    }
  }

  function closeCell(end: number): void {
    cellWanted = false;
    valueIsIndex = false;
    inIs = tracking = false;
    if (!rowInArea) return;
    const skipped = rowNumber >= unreadFrom && col < unread.length && unread[col] === 1;
    const value = skipped ? null : cellValue();
    const has = skipped ? cellHasValue() : value !== null;
    const inBlock = col >= area.left && col <= area.right;
    if (has && inBlock) {
      if (values === null) {
        values = new Array<Cell>(width).fill(null);
        shared?.fill(0);
        if (!options.onRow) rows.set(rowNumber, values);
      }
      if (!skipped) values[col - area.left] = value;
      if (valueIsIndex) shared![col - area.left] = 1;
      rowHasValue = true;
    }
    if (rowRecorded >= 0) {
      const k = nextInterest < interest.length && interest[nextInterest] === col ? nextInterest : -1;
      if (k >= 0) {
        const at = rowRecorded * interest.length + k;
        positions!.cellStart[at] = cellStart;
        positions!.cellEnd[at] = end;
        positions!.insertAt[at] = lastCellEnd;
        positions!.style[at] = cellStyle;
        positions!.flags[at] = (has || hasFormula ? 1 : 0) | (hasFormula ? 2 : 0);
        nextInterest++;
      }
      if (!inBlock && col > area.right && (has || hasFormula) && interest.length > 0 && col <= interest[interest.length - 1]) {
        occupied.push({ row: rowNumber, col });
      }
      lastCellEnd = end;
    }
  }

  /** A new value text (a <v> wins over an <is> before it). */
  function startValue(): void {
    value.clear();
    tracking = true;
  }

  /** The value's text decoded: straight from the part's bytes when it is one piece. */
  function textOf(): string {
    return fromXstring(value.decoded(texts));
  }

  /** The value as a non-negative integer of up to 15 digits read from the bytes, or -1 (not one piece, or not such an integer). */
  function pendingInteger(): number {
    const { start, end } = value;
    if (value.pieces !== null || start < 0 || end - start > 15 || end === start) return -1;
    let n = 0;
    for (let i = start; i < end; i++) {
      const c = scanner.code(i) - 48;
      if (c < 0 || c > 9) return -1;
      n = n * 10 + c;
    }
    return n;
  }

  /** A t="s" cell's index into the shared strings. */
  function sharedIndex(): number {
    const i = pendingInteger();
    return i >= 0 ? i : Number(value.raw());
  }

  /** Whether the table has a string at `i` (what `strings[i] !== undefined` says). */
  function isSharedIndex(i: number): boolean {
    return i >= 0 && i < sharedCount && Number.isInteger(i);
  }

  /** Whether cellValue() would be a value (not null), without decoding it. */
  function cellHasValue(): boolean {
    if (cellType === 'inlineStr') return isSeen;
    if (!vSeen) {
      if (hasFormula) formulasWithoutValue++;
      return isSeen;
    }
    if (cellType === 's') return isSharedIndex(sharedIndex());
    if (cellType === 'str' || cellType === 'b' || cellType === 'e' || cellType === 'd') return true;
    return value.start >= 0 || value.raw() !== '';
  }

  function cellValue(): Cell {
    if (cellType === 'inlineStr') return isSeen ? textOf() : null;
    if (!vSeen) {
      if (hasFormula) formulasWithoutValue++;
      return isSeen ? textOf() : null;
    }
    switch (cellType) {
      case 's': {
        const i = sharedIndex();
        if (strings) return strings[i] ?? null;
        if (!isSharedIndex(i)) return null;
        valueIsIndex = true;
        return i;
      }
      case 'str':
        return textOf();
      case 'b': {
        const t = value.raw().trim();
        return t === '1' || t.toLowerCase() === 'true';
      }
      case 'e':
        return texts.keep(value.raw().trim());
      case 'd': {
        const t = value.raw();
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t.trim()}${t.includes('T') ? 'Z' : 'T00:00:00Z'}`);
        return Number.isNaN(d.getTime()) ? t : d;
      }
      default: {
        let n = pendingInteger();
        if (n < 0) {
          const t = value.raw();
          n = Number(t);
          if (t.trim() === '' || !Number.isFinite(n)) return t === '' ? null : textOf();
        }
        return styles.isDate(cellStyle) ? dateFromSerial(n, date1904) ?? n : n;
      }
    }
  }

  try {
    for await (const chunk of stream) {
      scanner.writeBytes(chunk as Buffer);
      value.keep();
      if (stopped) {
        (stream as Readable).destroy?.();
        break;
      }
    }
    if (!stopped) scanner.end();
  } catch (e) {
    throw new SheetReadError((e as Error).message);
  }
  return { rows, lastRow, formulasWithoutValue, layout, positions, occupied, threads: 1 };
}

function textAttrs(attrs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = bytesToText(v);
  return out;
}

/** Worksheet elements outside <sheetData> whose attributes the copy needs. */
const ATTRIBUTES_OUTSIDE_ROWS = new Set(['sheetData', 'dimension', 'cols', 'col', 'autoFilter', 'mergeCell']);

export class SheetReadError extends Error {}
