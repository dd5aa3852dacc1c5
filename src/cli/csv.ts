/**
 * CSV as Excel (and WPS, LibreOffice, Numbers) reads and writes it.
 *
 * Encodings. A UTF-16 byte-order mark (FF FE / FE FF) means UTF-16, as Excel's "Unicode text" saves it
 * (UTF-16LE with BOM, tab-separated); UTF-16 without a mark is recognised by its zero bytes. Otherwise UTF-8
 * (with or without BOM) is tried with a fatal decoder, and anything that is not valid UTF-8 is decoded as GB18030
 * (a superset of GBK, which is what "CSV (逗号分隔)" is on Chinese Windows).
 *
 * Separators. Comma, semicolon or tab. Excel's hint line `sep=;` (the whole first line) decides when present;
 * otherwise the separator is the one that, outside quotes, splits a line into fields one of which is an ID header
 * (项目编号, ID, 编号…: `isKeyHeader`) — the earliest such line wins, then the separator that gives that line the
 * most fields, then the comma. A file where no separator yields an ID header within the first lines is refused
 * with one line naming the headers looked for and the fields found on its first line, split the way that gives
 * the most fields (never "found 项目编号;客户;注册状态").
 *
 * Fields. RFC 4180 quoting (separators, doubled quotes and line breaks inside quotes); a quote opens a quoted
 * section only at the start of a field, and text after the closing quote, or a stray quote in an unquoted field,
 * is kept literally, as Excel does. CRLF / LF / CR line ends; a final line break does not make an empty record.
 *
 * `readCsvDocument` keeps, besides the values, the source text and where every record and field starts and ends,
 * so that the copy (./csvCopy.ts) can carry every field the user wrote through byte for byte.
 *
 * `readCsv`, `parseCsvBuffer` and `parseCsv` read a whole table as rows, for tests and tools; the check's copy is
 * written by ./csvCopy.ts.
 */
import * as fs from 'node:fs';
import { isKeyHeader, KEY_HEADERS } from '../workbook/columns';
import { CliError } from './usage';

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
export type CsvSeparator = ',' | ';' | '\t';

export const CSV_SEPARATORS: readonly CsvSeparator[] = [',', ';', '\t'];

/** How many records from the top are searched for the header line. */
export const HEADER_SEARCH_RECORDS = 1000;

// ---- decoding ------------------------------------------------------------------------------

export interface DecodedText {
  /** The text, without its byte-order mark. */
  text: string;
  encoding: CsvEncoding;
  /** The input started with a byte-order mark. */
  bom: boolean;
}

/**
 * Bytes to text. UTF-8 and UTF-16 decode losslessly (encoding the text again in the same encoding gives the same
 * bytes: UTF-16 goes through Buffer, which keeps unpaired surrogates); GB18030 gives the text Excel shows.
 */
export function decodeCsvBytes(buf: Uint8Array): DecodedText {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { text: utf16le(b.subarray(2)), encoding: 'utf-16le', bom: true };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { text: utf16le(swap16(b.subarray(2))), encoding: 'utf-16be', bom: true };
  const bare = utf16WithoutBom(b);
  if (bare === 'le') return { text: utf16le(b), encoding: 'utf-16le', bom: false };
  if (bare === 'be') return { text: utf16le(swap16(b)), encoding: 'utf-16be', bom: false };
  const bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? b.subarray(3) : b), encoding: 'utf-8', bom };
  } catch {
    return { text: new TextDecoder('gb18030').decode(b), encoding: 'gb18030', bom: false };
  }
}

/** Text to bytes in `encoding`, with a byte-order mark when `bom`. GB18030 cannot be written: callers pick UTF-8. */
export function encodeCsvText(text: string, encoding: Exclude<CsvEncoding, 'gb18030'>, bom: boolean): Buffer {
  if (encoding === 'utf-8') return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) : Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16le') return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : le;
  const be = swap16(le);
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), be]) : be;
}

function utf16le(b: Buffer): string {
  return b.toString('utf16le');
}

/** A copy with the bytes of every 16-bit unit swapped (an odd last byte is dropped). */
function swap16(b: Buffer): Buffer {
  const even = b.subarray(0, b.length - (b.length % 2));
  return Buffer.from(even).swap16();
}

/** UTF-16 without a BOM: text in it is mostly ASCII, so one byte of most units is zero. */
function utf16WithoutBom(b: Buffer): 'le' | 'be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const units = n / 2;
  if (oddZero >= units * 0.3 && evenZero <= units * 0.05) return 'le';
  if (evenZero >= units * 0.3 && oddZero <= units * 0.05) return 'be';
  return null;
}

// ---- parsing with positions ------------------------------------------------------------------

/** Records of a text, with their positions: field `k` of the text is `text.slice(spans[2k], spans[2k + 1])`. */
export interface CsvRecords {
  /** Parsed values (quotes removed, doubled quotes undone) of each record. */
  values: string[][];
  /** Where each field's source text starts and ends, [start, end] pairs, every record's fields in turn. */
  spans: Int32Array;
  /** Index (in fields) of each record's first field in `spans`; one entry more than there are records. */
  firstField: Int32Array;
  /** Where each record's content ends (before its line break). */
  contentEnd: Int32Array;
  /** Where the next record starts (after the line break; the text's length for a last line without one). */
  next: Int32Array;
  /** Offset after the last record parsed (less than the text's length when `limit` stopped the parse). */
  end: number;
}

const CR = 13;
const LF = 10;
const QUOTE = 34;

/** Parse up to `limit` records. Every field is followed by the separator, a line break, or the end of the text. */
export function parseCsvRecords(text: string, separator: string, limit = Infinity): CsvRecords {
  const sep = separator.charCodeAt(0);
  const values: string[][] = [];
  let spans = new Int32Array(1024);
  let fields = 0;
  const firstField: number[] = [];
  const contentEnd: number[] = [];
  const next: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && values.length < limit) {
    const record: string[] = [];
    firstField.push(fields);
    for (;;) {
      const start = i;
      let value = '';
      if (text.charCodeAt(i) === QUOTE) {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            // unterminated: the rest of the text is the field
            value += text.slice(i);
            i = n;
            break;
          }
          value += text.slice(i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
      }
      // unquoted text, or text after a closing quote: up to the separator or the line end
      let j = i;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === sep || c === CR || c === LF) break;
      }
      if (j > i) value = value === '' ? text.slice(i, j) : value + text.slice(i, j);
      i = j;
      record.push(value);
      if (2 * fields + 2 > spans.length) {
        const grown = new Int32Array(spans.length * 2);
        grown.set(spans);
        spans = grown;
      }
      spans[2 * fields] = start;
      spans[2 * fields + 1] = i;
      fields++;
      if (i < n && text.charCodeAt(i) === sep) {
        i++;
        continue;
      }
      break;
    }
    values.push(record);
    contentEnd.push(i);
    if (i < n) i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    next.push(i);
  }
  firstField.push(fields);
  return {
    values,
    spans: spans.subarray(0, 2 * fields),
    firstField: Int32Array.from(firstField),
    contentEnd: Int32Array.from(contentEnd),
    next: Int32Array.from(next),
    end: i,
  };
}

// ---- the document ----------------------------------------------------------------------------

export interface CsvDocument {
  file: string;
  /** The portfolio's header row, as parsed. */
  headers: string[];
  /** The data rows below the header, padded with null (or cut) to the header's width: what the check reads. */
  rows: (string | null)[][];
  encoding: CsvEncoding;
  /** The input started with a byte-order mark. */
  bom: boolean;
  separator: CsvSeparator;
  /** The first line is Excel's `sep=` hint (kept in the copy). */
  sepLine: boolean;
  /** Record index (0-based) of the header: the lines above it are kept as they are. */
  headerRecord: number;
  /** Spreadsheet row (1-based) of the first data row, as Excel shows the file (a `sep=` line is not shown). */
  firstDataRow: number;
  /** Fields of the widest record from the header down (data rows may be longer than the header). */
  width: number;
  /** The line break most lines end with (informational: every line keeps its own). */
  lineEnding: '\r\n' | '\n' | '\r';
  /** The decoded source and its record positions, for the copy. */
  source: { text: string; records: CsvRecords };
}

const SEPARATOR_NAMES: Record<CsvSeparator, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

/** Read a CSV portfolio. A file without an ID header is refused with a CliError (one line). */
export function readCsvDocument(file: string): CsvDocument {
  return parseCsvDocument(fs.readFileSync(file), file);
}

export function parseCsvDocument(buf: Uint8Array, file = 'input'): CsvDocument {
  const { text, encoding, bom } = decodeCsvBytes(buf);
  const hint = /^"?sep=([,;\t])"?(?:\r\n|\n|\r|$)/i.exec(text);
  const candidates: CsvSeparator[] = hint ? [hint[1] as CsvSeparator] : [...CSV_SEPARATORS];

  let best: { separator: CsvSeparator; at: number; fields: number; head: CsvRecords } | null = null;
  const heads: { separator: CsvSeparator; head: CsvRecords }[] = [];
  for (const separator of candidates) {
    const head = parseCsvRecords(text, separator, HEADER_SEARCH_RECORDS);
    heads.push({ separator, head });
    const at = head.values.findIndex((r) => r.some((h) => isKeyHeader(h)));
    if (at < 0) continue;
    const fields = head.values[at].length;
    if (best === null || at < best.at || (at === best.at && fields > best.fields)) best = { separator, at, fields, head };
  }
  if (best === null) throw noKeyColumn(file, heads, hint !== null);

  const { separator, at: headerRecord } = best;
  const records = best.head.end >= text.length ? best.head : parseCsvRecords(text, separator);
  const headers = records.values[headerRecord];
  const body = records.values.slice(headerRecord + 1);
  const rows = body.map((r) => headers.map((_, i) => r[i] ?? null));
  let width = headers.length;
  for (const r of body) if (r.length > width) width = r.length;
  return {
    file,
    headers,
    rows,
    encoding,
    bom,
    separator,
    sepLine: hint !== null,
    headerRecord,
    firstDataRow: headerRecord + 2 - (hint !== null ? 1 : 0),
    width,
    lineEnding: dominantLineEnding(text),
    source: { text, records },
  };
}

function dominantLineEnding(text: string): '\r\n' | '\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  const n = Math.min(text.length, 1 << 20);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === LF) lf++;
  }
  return lf > crlf && lf >= cr ? '\n' : cr > crlf && cr > lf ? '\r' : '\r\n';
}

function noKeyColumn(file: string, heads: { separator: CsvSeparator; head: CsvRecords }[], hinted: boolean): CliError {
  // the first line with something on it, split the way that gives it the most fields
  let found: { separator: CsvSeparator; line: number; fields: string[] } | null = null;
  for (const { separator, head } of heads) {
    const line = head.values.findIndex((r) => r.some((v) => v.trim() !== '') && !(hinted && r === head.values[0]));
    if (line < 0) continue;
    const fields = head.values[line];
    if (found === null || line < found.line || (line === found.line && fields.length > found.fields.length)) found = { separator, line, fields };
  }
  const looked = `looked for a header ${KEY_HEADERS.map((h) => `"${h}"`).join(', ')}`;
  if (found === null) return new CliError(`${file}: no ID column — ${looked}; the file is empty`);
  const seen = found.fields.filter((h) => h.trim() !== '').slice(0, 8).map((h) => h.trim());
  const how = found.fields.length > 1 ? `separated by ${SEPARATOR_NAMES[found.separator]}` : `no comma, semicolon or tab separates it`;
  return new CliError(`${file}: no ID column — ${looked}; found ${seen.join(', ')} (line ${found.line + 1}, ${how})`);
}

// ---- whole-table reading (tests and tools; the check reads a CsvDocument) --------------------

export interface CsvData {
  rows: string[][];
  encoding: CsvEncoding;
}

export function readCsv(filePath: string): CsvData {
  return parseCsvBuffer(fs.readFileSync(filePath));
}

/** Rows of a comma-separated file, as parsed (not padded). */
export function parseCsvBuffer(buf: Uint8Array): CsvData {
  const { text, encoding } = decodeCsvBytes(buf);
  return { rows: parseCsv(text), encoding };
}

export function parseCsv(text: string, separator: string = ','): string[][] {
  return parseCsvRecords(text, separator).values;
}
