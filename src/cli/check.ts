/** `launch-tracker check`: read a workbook or CSV, check every row, write a copy, print a summary. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEVERITY_RANK, Severity } from '../rules/types';
import { checkWorkbook, CheckOutcome, problemText, WorkbookTables } from '../workbook/check';
import { isKeyHeader, KEY_HEADERS, OUTPUT_COLUMNS, outputColumnFor } from '../workbook/columns';
import { OUTPUT_KEYS, outputValues, OutputValue, SEVERITY_FILL } from '../workbook/output';
import { PortfolioSummary, summarize } from '../workbook/summary';
import type { TableData } from '../workbook/tables';
import type { Io } from './main';
import { formatSummary, summarySheetRows } from './report';
import { CliError, parseAsOf, parseFailOn, parseLanguage } from './usage';
import { readCsv, writeCsv } from './csv';
import { findSheetByHeader, findTable, loadXlsx, LoadedWorkbook, NotAWorkbookError, OutputAreaNotEmptyError, replaceSheet, saveXlsx, TableBlock, writeOutputs } from './xlsx';

/** Tables are found by their Excel name first, then by sheet name (Chinese or English). */
const TABLE_LOOKUP = {
  portfolio: ['Portfolio', '项目', '项目表', '项目清单'],
  settings: ['Settings', '设置'],
  holidays: ['Holidays', '节假日', '假期'],
  materials: ['Materials', '材料', '资质材料'],
};

const LARGE_ROWS = 5000;

interface Source {
  kind: 'xlsx' | 'csv';
  tables: WorkbookTables;
  workbook?: LoadedWorkbook;
  block?: TableBlock;
  csvRows?: string[][];
  csvPreamble?: string[][];
}

export async function runCheck(file: string, opts: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const language = parseLanguage(opts.lang);
  const today = parseAsOf(opts['as-of']);
  const failOn = parseFailOn(opts['fail-on']);
  const json = opts.json === true;
  const out = typeof opts.out === 'string' ? opts.out : json ? null : defaultOutPath(file);
  if (out !== null && path.resolve(out) === path.resolve(file)) throw new CliError(`--out must not be the input file itself: ${file}`);

  const source = await readSource(file, io);
  const rowCount = source.tables.portfolio.rows.length;
  const progress = rowCount >= LARGE_ROWS ? progressReporter(io, rowCount) : undefined;
  const outcome = checkWorkbook(source.tables, { today, language, onProgress: progress });
  if (progress) io.stderr(io.stderrIsTty ? '\n' : '');

  const summary = summarize(outcome.results, outcome.rows, outcome.today, outcome.settings['summary.dueWithinDays']);
  if (out !== null) await writeCopy(source, outcome, summary, out, io);
  if (json) io.stdout(`${JSON.stringify(outcome.results.filter((r) => r !== null), null, 2)}\n`);
  else io.stdout(formatSummary(summary, outcome, out));
  for (const problem of outcome.problems) io.stderr(`${problemText(problem, outcome.language)}\n`);
  return failOn !== undefined && hasFindingAtOrAbove(outcome, failOn) ? 1 : 0;
}

function defaultOutPath(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.checked${ext.toLowerCase() === '.csv' ? '.csv' : '.xlsx'}`);
}

function hasFindingAtOrAbove(outcome: CheckOutcome, level: Severity): boolean {
  return outcome.results.some((r) => r !== null && SEVERITY_RANK[r.severity] >= SEVERITY_RANK[level]);
}

function progressReporter(io: Io, total: number): (done: number, all: number) => void {
  let lastQuarter = 0;
  return (done) => {
    if (io.stderrIsTty) {
      io.stderr(`\rchecked ${done} of ${total} rows`);
      return;
    }
    const quarter = Math.floor((done / total) * 4);
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      io.stderr(`checked ${done} of ${total} rows\n`);
    }
  };
}

// ---- reading -----------------------------------------------------------------------------

async function readSource(file: string, io: Io): Promise<Source> {
  if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
  if (fs.statSync(file).isDirectory()) throw new CliError(`${file} is a folder, not a workbook`);
  if (path.extname(file).toLowerCase() === '.csv') return readCsvSource(file);
  const size = fs.statSync(file).size;
  if (size > 2_000_000) io.stderr(`reading ${file} (${(size / 1e6).toFixed(1)} MB)…\n`);
  let workbook: LoadedWorkbook;
  try {
    workbook = await loadXlsx(file);
  } catch (e) {
    if (e instanceof NotAWorkbookError) throw new CliError(e.message);
    throw e;
  }
  for (const warning of workbook.warnings) io.stderr(`note: the copy will not contain ${warning}\n`);
  const block = findTable(workbook, TABLE_LOOKUP.portfolio, isKeyHeader) ?? findSheetByHeader(workbook, isKeyHeader);
  if (!block || !block.headers.some(isKeyHeader)) throw noKeyColumn(file, block?.headers ?? []);
  const side = (names: string[]): TableData | null => {
    const b = findTable(workbook, names);
    return b && b !== block && !(b.sheetName === block.sheetName && b.tableName === block.tableName) ? { headers: b.headers, rows: b.rows } : null;
  };
  const tables: WorkbookTables = {
    portfolio: { headers: block.headers, rows: block.rows },
    settings: side(TABLE_LOOKUP.settings),
    holidays: side(TABLE_LOOKUP.holidays),
    materials: side(TABLE_LOOKUP.materials),
  };
  return { kind: 'xlsx', tables, workbook, block };
}

function readCsvSource(file: string): Source {
  const { rows } = readCsv(file);
  const headerAt = rows.findIndex((r) => r.some((h) => isKeyHeader(h)));
  if (headerAt < 0) throw noKeyColumn(file, rows[0] ?? []);
  const headers = rows[headerAt];
  // Blank lines stay in place (the check gives them no result); lines above the header are kept too.
  const body = rows.slice(headerAt + 1);
  const padded = body.map((r) => headers.map((_, i) => r[i] ?? null));
  return { kind: 'csv', tables: { portfolio: { headers, rows: padded } }, csvRows: [headers, ...body], csvPreamble: rows.slice(0, headerAt) };
}

function noKeyColumn(file: string, headers: readonly unknown[]): CliError {
  const seen = headers.filter((h) => h !== null && String(h).trim() !== '').slice(0, 8).map(String);
  return new CliError(
    `${file}: no ID column — looked for a header ${KEY_HEADERS.map((h) => `"${h}"`).join(', ')}${seen.length ? `; found ${seen.join(', ')}` : ''}`,
  );
}

// ---- writing -----------------------------------------------------------------------------

async function writeCopy(source: Source, outcome: CheckOutcome, summary: PortfolioSummary, out: string, io: Io): Promise<void> {
  const checkedAt = io.now();
  const matrix = outcome.results.map((r) => {
    const v = outputValues(r, outcome.language, checkedAt);
    return OUTPUT_KEYS.map((k) => v[k]);
  });
  const headerLanguage = outcome.headerMap.language;
  const headers = OUTPUT_COLUMNS.map((c) => (headerLanguage === 'en' ? c.en : c.zh));
  if (source.kind === 'csv') return writeCsvCopy(source, matrix, headers, out);

  const workbook = source.workbook as LoadedWorkbook;
  const block = source.block as TableBlock;
  const severityAt = OUTPUT_KEYS.indexOf('severity');
  const fills = outcome.results.map((r) => OUTPUT_KEYS.map((_, i) => (i === severityAt && r !== null ? SEVERITY_FILL[r.severity] : null)));
  const columns = OUTPUT_COLUMNS.map((c, i) => ({ header: headers[i], kind: c.kind, width: c.width }));
  try {
    writeOutputs(workbook, block, columns, matrix, fills, (existing, _wanted, index) => outputColumnFor(existing)?.key === OUTPUT_COLUMNS[index].key);
  } catch (e) {
    if (e instanceof OutputAreaNotEmptyError) throw new CliError(`${e.message}: move that content, or add the output columns to the table yourself`);
    throw e;
  }
  const sheet = summarySheetRows(summary, outcome.language, outcome.settings['summary.dueWithinDays']);
  replaceSheet(workbook, outcome.language === 'en' ? 'Summary' : '汇总', sheet.rows, { columnWidths: sheet.widths, dateColumns: sheet.dateColumns, boldFirstRow: true });
  await saveXlsx(workbook, out);
}

function writeCsvCopy(source: Source, matrix: OutputValue[][], headers: string[], out: string): void {
  const [inputHeaders, ...body] = source.csvRows as string[][];
  // Existing output columns are replaced in place; missing ones go on the right.
  const at = OUTPUT_COLUMNS.map((c) => inputHeaders.findIndex((h) => outputColumnFor(h)?.key === c.key));
  const width = inputHeaders.length + at.filter((i) => i < 0).length;
  const extraAt: number[] = [];
  let next = inputHeaders.length;
  for (const i of at) extraAt.push(i >= 0 ? i : next++);
  const headerRow: (string | number | null)[] = [...inputHeaders, ...new Array(width - inputHeaders.length).fill(null)];
  OUTPUT_COLUMNS.forEach((_, k) => (headerRow[extraAt[k]] = headers[k]));
  const rows = body.map((cells, r) => {
    const row: (string | number | null)[] = [...cells, ...new Array(Math.max(0, width - cells.length)).fill(null)];
    OUTPUT_COLUMNS.forEach((c, k) => (row[extraAt[k]] = csvValue(matrix[r][k], c.kind)));
    return row;
  });
  writeCsv(out, [...(source.csvPreamble ?? []), headerRow, ...rows]);
}

function csvValue(value: OutputValue, kind: 'text' | 'date' | 'datetime'): string | number | null {
  if (value === null || kind === 'text' || typeof value === 'string') return value;
  const ms = Math.round((value - 25_569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return kind === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
