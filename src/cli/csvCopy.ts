/**
 * The checked copy of a CSV portfolio: the input with the product's output columns filled, and nothing else
 * changed.
 *
 * - Every field the user wrote is carried through as its source text: the same quoting, the same content, the
 *   same separators between fields and the same line break after each line (CRLF, LF or CR, line by line).
 *   Lines above the header (a `sep=;` hint, a title), blank lines, and data lines whose outputs are all empty
 *   (and have no old output to clear) are copied whole.
 * - Encoding. UTF-8 stays UTF-8, with its byte-order mark if it had one and without if not: every user field is
 *   then byte-identical. UTF-16 ("Unicode text" from Excel: UTF-16LE with BOM, tab-separated — the one text
 *   format every Excel opens correctly by double-click) stays UTF-16 in the same byte order, BOM as it was:
 *   byte-identical too. GBK/GB18030 becomes UTF-8 with BOM (Excel decodes a BOM-less file in the ANSI code page,
 *   and Node has no GB18030 encoder): the text of every user field is identical, its bytes are its UTF-8 bytes.
 * - The separator is the input's (comma, semicolon or tab).
 * - Where outputs go: `planOutputColumns` (../workbook/ownership.ts) with no record, since a CSV file has no
 *   place for one: when all ten output headers are there (an earlier check wrote them) those columns are ours
 *   and are rewritten in place; otherwise every output column is added, under a distinct header
 *   (`级别（Launch Tracker）`) beside a user's column of the same name, which is never written to (the plan's
 *   `clashes`, returned for a note on stderr).
 * - Added columns go after the widest line from the header down, not after the header: a data line longer
 *   than the header keeps its extra fields where they are, and the output headers line up with their values.
 *   The header line and every rewritten data line are padded with empty fields up to there; lines that are not
 *   rewritten keep their length.
 * - Output values: numbers as numbers; dates (Excel 1900-system serials) as ISO text `2026-11-21`, date-times
 *   as `2026-11-21 15:30`; texts quoted when they hold the separator, a quote, a line break or edge spaces.
 *   Only output texts are protected against formula injection (OWASP, CWE-1236): one that starts with
 *   = + - @ TAB or CR gets a leading apostrophe. The user's own `-5`, `+8613800000000` or `@张三 跟进` are
 *   theirs and stay as they are, and a number or a date is never turned into text.
 * - Written atomically: a temporary file beside the target, renamed over it (./files.ts `writeAtomically`).
 */
import * as fs from 'node:fs';
import { dayFromExcelSerial, toIso } from '../rules/dates';
import { mapHeaders, OUTPUT_COLUMNS, OutputKey, OutputKind } from '../workbook/columns';
import type { OutputValue } from '../workbook/output';
import { OutputColumnPlan, outputPositions, planOutputColumns } from '../workbook/ownership';
import type { CsvDocument, CsvEncoding } from './csv';
import { encodeCsvText } from './csv';
import { AtomicOptions, writeAtomically } from './files';

/** Where outputs go in this document: no ownership record in a CSV file, so ten output headers or none are ours. */
export function planCsvOutputs(doc: CsvDocument, language: 'zh-CN' | 'en' = mapHeaders(doc.headers).language): OutputColumnPlan {
  return planOutputColumns(doc.headers, null, language);
}

export interface CsvCopyResult {
  /** The user's columns whose header is an output header, kept; ours were added beside them. */
  clashes: OutputColumnPlan['clashes'];
  /** Column (0-based) of each output column in the copy. */
  columns: Record<OutputKey, number>;
  /** The copy's encoding (GB18030 input is written as UTF-8 with BOM). */
  encoding: Exclude<CsvEncoding, 'gb18030'>;
  bom: boolean;
}

/** Output rows: one per data row (`doc.rows`), values in OUTPUT_COLUMNS order; null (or all nulls) for a blank row. */
export type CsvOutputs = readonly (readonly OutputValue[] | null)[];

/** The copy's bytes. */
export function formatCsvCopy(doc: CsvDocument, outputs: CsvOutputs, plan: OutputColumnPlan): { bytes: Buffer; result: CsvCopyResult } {
  if (outputs.length !== doc.rows.length) throw new Error(`writeCsvCopy: ${outputs.length} output rows for ${doc.rows.length} data rows`);
  const { text, records } = doc.source;
  const sep = doc.separator;
  for (const def of OUTPUT_COLUMNS) {
    const at = plan.existing[def.key];
    if (at !== undefined && (at < 0 || at >= doc.headers.length)) throw new Error(`writeCsvCopy: output column ${def.key} at ${at} is outside the header`);
  }
  const columns = outputPositions(plan, doc.width);
  const missing = OUTPUT_COLUMNS.filter((c) => columns[c.key] === undefined);
  if (missing.length) throw new Error(`writeCsvCopy: the plan places no column for ${missing.map((c) => c.key).join(', ')}`);
  // output columns in the order they stand in a line
  const order = OUTPUT_COLUMNS.map((c, k) => ({ k, col: columns[c.key], kind: c.kind as OutputKind })).sort((x, y) => x.col - y.col);
  if (order.some((o, j) => j > 0 && order[j - 1].col === o.col)) throw new Error('writeCsvCopy: the plan puts two output columns in one column');
  const existingCols = Object.values(plan.existing) as number[];

  const { spans, firstField, contentEnd, next } = records;
  const parts: string[] = [];
  const h = doc.headerRecord;
  const n = records.values.length;
  const start = (r: number) => (r === 0 ? 0 : next[r - 1]);

  /** Record `r` with `cells` (column → field text, by ascending column) put in: the rest of the line as it was. */
  const emit = (r: number, cells: readonly { col: number; field: string }[]) => {
    const f0 = firstField[r];
    const count = firstField[r + 1] - f0;
    let pos = start(r);
    let c = 0;
    for (; c < cells.length && cells[c].col < count; c++) {
      const k = f0 + cells[c].col;
      parts.push(text.slice(pos, spans[2 * k]), cells[c].field);
      pos = spans[2 * k + 1];
    }
    parts.push(text.slice(pos, contentEnd[r]));
    let width = count;
    for (; c < cells.length; c++) {
      parts.push(sep.repeat(cells[c].col - width + 1), cells[c].field);
      width = cells[c].col + 1;
    }
    parts.push(text.slice(contentEnd[r], next[r]));
  };

  // everything above the header, whole; the header with ours added after the widest line
  parts.push(text.slice(0, start(h)));
  const addedAt = new Map(plan.added.map((a) => [a.key, outputText(a.header, sep)]));
  emit(
    h,
    order.filter((o) => addedAt.has(OUTPUT_COLUMNS[o.k].key)).map((o) => ({ col: o.col, field: addedAt.get(OUTPUT_COLUMNS[o.k].key)! })),
  );

  const cells = order.map((o) => ({ col: o.col, field: '' }));
  for (let r = h + 1; r < n; r++) {
    const values = outputs[r - h - 1];
    const blank = values === null || values.every((v) => v === null || v === undefined);
    if (blank) {
      const record = records.values[r];
      if (existingCols.every((c) => c >= record.length || record[c] === '')) {
        parts.push(text.slice(start(r), next[r]));
        continue;
      }
    }
    for (let j = 0; j < order.length; j++) cells[j].field = blank ? '' : outputField(values![order[j].k] ?? null, order[j].kind, sep);
    emit(r, cells);
  }

  const encoding = doc.encoding === 'gb18030' ? 'utf-8' : doc.encoding;
  const bom = doc.encoding === 'gb18030' ? true : doc.bom;
  const bytes = encodeCsvText(parts.join(''), encoding, bom);
  return { bytes, result: { clashes: plan.clashes, columns, encoding, bom } };
}

/** Write the copy to `outPath` atomically (temporary file beside it, then rename; nothing half-written on failure). */
export async function writeCsvCopy(doc: CsvDocument, outputs: CsvOutputs, plan: OutputColumnPlan, outPath: string, options: AtomicOptions = {}): Promise<CsvCopyResult> {
  const { bytes, result } = formatCsvCopy(doc, outputs, plan);
  await writeAtomically(outPath, (tmp) => fs.promises.writeFile(tmp, bytes), options);
  return result;
}

// ---- output fields -----------------------------------------------------------------------------

const FORMULA_START = /^[=+\-@\t\r]/;

/** One output value as a CSV field. Numbers and dates are never escaped; texts are (see the module comment). */
export function outputField(value: OutputValue, kind: OutputKind, separator: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (kind === 'date') return isoDate(value) ?? '';
    if (kind === 'datetime') return isoDateTime(value) ?? '';
    return String(value);
  }
  return outputText(value, separator);
}

/** A text of ours: apostrophe before what a spreadsheet would evaluate, quotes when needed. */
export function outputText(s: string, separator: string): string {
  const t = FORMULA_START.test(s) ? `'${s}` : s;
  return t.includes(separator) || /["\r\n]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** Excel 1900-system serial to `YYYY-MM-DD` (the time of day, if any, dropped); null when not a date. */
export function isoDate(serial: number): string | null {
  const day = dayFromExcelSerial(serial);
  return day === null ? null : toIso(day);
}

/** Excel 1900-system serial to `YYYY-MM-DD HH:mm` (seconds dropped); null when not a date. */
export function isoDateTime(serial: number): string | null {
  // to whole minutes first, with a little room for float error (15:30 is 0.6458333…)
  const minutes = Math.floor(serial * 1440 + 1e-6);
  const whole = Math.floor(minutes / 1440);
  const date = isoDate(whole);
  if (date === null) return null;
  const m = minutes - whole * 1440;
  const hh = Math.floor(m / 60);
  const mm = m % 60;
  return `${date} ${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}`;
}
