/**
 * CSV as Excel reads and writes it.
 *
 * Reading: UTF-8 (with or without BOM) is tried first with a fatal decoder; anything that is not valid UTF-8 is
 * decoded as GB18030 (a superset of GBK, which is what "CSV (逗号分隔)" is on Chinese Windows). RFC 4180 quoting
 * (commas, doubled quotes and line breaks inside quotes), CRLF / LF / CR line ends. Rows are returned as parsed
 * (not padded); a final line break does not produce an empty row.
 *
 * Writing: UTF-8 with BOM (without it Excel decodes the file in the ANSI code page and garbles Chinese), CRLF,
 * fields quoted only when needed. Text that starts with = + - @ TAB or CR gets a leading apostrophe so that a
 * spreadsheet opening the file shows it as text instead of evaluating it (CSV / formula injection; the OWASP and
 * CWE-1236 recommendation). Only strings are escaped: numbers, including negative ones, are written as numbers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cell } from './xlsx';

export interface CsvData {
  rows: string[][];
  encoding: 'utf-8' | 'gb18030';
}

export function readCsv(filePath: string): CsvData {
  return parseCsvBuffer(fs.readFileSync(filePath));
}

export function parseCsvBuffer(buf: Uint8Array): CsvData {
  let text: string;
  let encoding: CsvData['encoding'];
  try {
    // TextDecoder strips a UTF-8 BOM by default
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    encoding = 'utf-8';
  } catch {
    text = new TextDecoder('gb18030').decode(buf);
    encoding = 'gb18030';
  }
  return { rows: parseCsv(text), encoding };
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted section
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // includes a stray quote in an unquoted field, and text after a closing quote: kept literally, as Excel does
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0 || quoted) endRow();
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function formatCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(formatField).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
}

/** Written to a temporary file next to `filePath`, then renamed over it. */
export function writeCsv(filePath: string, rows: readonly (readonly Cell[])[]): void {
  const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(formatCsv(rows), 'utf8')]);
  const tmp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, data);
  try {
    fs.renameSync(tmp, filePath);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function formatField(v: Cell): string {
  let s: string;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) s = formatDate(v);
  else {
    s = v;
    if (FORMULA_START.test(s)) s = `'${s}`;
  }
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A Date's UTC fields are the wall-clock values (the convention used for Excel dates throughout). */
function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  const time = iso.slice(11, 16);
  return time === '00:00' && iso.slice(17, 23) === '00.000' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}
