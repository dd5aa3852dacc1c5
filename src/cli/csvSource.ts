/** The check's view of a CSV portfolio: its table for the rules, the output plan, and the copy. */
import { isKeyHeader, KEY_HEADERS, mapHeaders } from '../workbook/columns';
import type { OutputValue } from '../workbook/output';
import { OutputColumnPlan, planOutputColumns } from '../workbook/ownership';
import type { WorkbookTables } from '../workbook/check';
import { CliError } from './usage';
import { readCsv, writeCsv } from './csv';
import { OUTPUT_COLUMNS } from '../workbook/columns';

export interface CsvSource {
  kind: 'csv';
  tables: WorkbookTables;
  plan: OutputColumnPlan;
  /** Sheet row (1-based, as a spreadsheet shows the file) of the first data row. */
  firstDataRow: number;
  rows: string[][];
  headerAt: number;
}

export function readCsvSource(file: string): CsvSource {
  const { rows } = readCsv(file);
  const headerAt = rows.findIndex((r) => r.some((h) => isKeyHeader(h)));
  if (headerAt < 0) {
    const seen = (rows[0] ?? []).filter((h) => h.trim() !== '').slice(0, 8);
    throw new CliError(`${file}: no ID column — looked for a header ${KEY_HEADERS.map((h) => `"${h}"`).join(', ')}${seen.length ? `; found ${seen.join(', ')}` : ''}`);
  }
  const headers = rows[headerAt];
  const body = rows.slice(headerAt + 1);
  const padded = body.map((r) => headers.map((_, i) => r[i] ?? null));
  // Without a place for a record, an earlier check is recognised by all ten output headers.
  const plan = planOutputColumns(headers, null, mapHeaders(headers).language);
  return { kind: 'csv', tables: { portfolio: { headers, rows: padded } }, plan, firstDataRow: headerAt + 2, rows, headerAt };
}

export async function writeCsvCopySource(source: CsvSource, matrix: OutputValue[][], target: string): Promise<void> {
  const headers = source.rows[source.headerAt];
  const width = Math.max(headers.length, ...source.rows.slice(source.headerAt + 1).map((r) => r.length));
  const at = new Map<number, number>();
  OUTPUT_COLUMNS.forEach((c, k) => {
    const existing = source.plan.existing[c.key];
    if (existing !== undefined) at.set(k, existing);
  });
  source.plan.added.forEach((a, j) => at.set(OUTPUT_COLUMNS.findIndex((c) => c.key === a.key), width + j));
  const out = source.rows.map((r, i) => {
    if (i < source.headerAt) return r;
    const row: (string | number | null)[] = [...r];
    const total = width + source.plan.added.length;
    while (row.length < total) row.push('');
    if (i === source.headerAt) source.plan.added.forEach((a, j) => (row[width + j] = a.header));
    else for (const [k, col] of at) row[col] = csvValue(matrix[i - source.headerAt - 1]?.[k] ?? null, OUTPUT_COLUMNS[k].kind);
    return row;
  });
  writeCsv(target, out);
}

function csvValue(value: OutputValue, kind: 'text' | 'date' | 'datetime'): string | number | null {
  if (value === null || kind === 'text' || typeof value === 'string') return value;
  const ms = Math.round((value - 25_569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return kind === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
