/** `launch-tracker check`: read a workbook or CSV, check every row, write a copy (or FILE itself), print a summary. */
import * as fs from 'node:fs';
import { machineResult } from '../rules/result';
import { SEVERITY_RANK, Severity } from '../rules/types';
import { checkEvaluated, checkPrepared, CheckOptions, CheckOutcome, CheckSetup, checkWorkbook, evaluationOptions, measureHistory, PortfolioRows, PreparedPortfolio, problemText, setUpCheck, WorkbookTables } from '../workbook/check';
import { PortfolioEvaluation } from '../rules/evaluate';
import { isKeyHeader, KEY_HEADERS, mapHeaders } from '../workbook/columns';
import { OUTPUT_KEYS, outputValues, OutputValue, SEVERITY_FILL } from '../workbook/output';
import { OutputColumnPlan, planOutputColumns, recordedColumnsFor } from '../workbook/ownership';
import { PortfolioSummary, summarize, summaryLabels } from '../workbook/summary';
import type { TableData } from '../workbook/tables';
import type { Io } from './main';
import { formatSummary, summarySheetRows } from './report';
import { CliError, parseAsOf, parseFailOn, parseLanguage } from './usage';
import { checkInput, checkOut, decideOut, FileKind, kindOf, writeAtomically } from './files';
import { CsvSource, readCsvSource, writeCsvCopySource } from './csvSource';
import { Block, BlockData, findBlock, findBlockByHeader, readBlock } from './xlsx/blocks';
import { OutputAreaNotEmptyError, outputGeometry, OutputGeometry, writeCheckedCopy } from './xlsx/copy';
import { NotAWorkbookError, WorkbookPackage } from './xlsx/package';
import { prestartSheetWorker, readMode, releaseSpareWorker } from './xlsx/sheetThread';
import type { Language } from '../rules/types';
import { excelSerialFromInstant } from '../rules/dates';
import { normalizeKey } from '../rules/keys';
import {
  collectStates,
  CollectedStates,
  diffStates,
  HISTORY_HEADERS,
  HISTORY_SHEET,
  historyRows,
  nextState,
  PortfolioState,
  recordsToDrop,
  recordTime,
  SinceLastCheck,
  sinceLastCheck,
  StateDiff,
  stateCells,
} from '../workbook/history';
import type { Cell } from '../workbook/values';
import { reviewTimeTable } from '../workbook/durations';
import { HistoryInput, readHistoryInput, stateSheetPieces } from './xlsx/history';
import type { HistoryWrite } from './xlsx/copy';

/** Tables are found by their Excel name first, then by sheet name (Chinese or English). */
const TABLE_LOOKUP = {
  portfolio: ['Portfolio', '项目', '项目表', '项目清单'],
  settings: ['Settings', '设置'],
  holidays: ['Holidays', '节假日', '假期'],
  materials: ['Materials', '材料', '资质材料'],
};

const LARGE_ROWS = 5000;
const LARGE_FILE_BYTES = 2_000_000;

export interface XlsxSource {
  kind: 'xlsx' | 'xlsm';
  pkg: WorkbookPackage;
  block: Block;
  data: BlockData;
  plan: OutputColumnPlan;
  geometry: OutputGeometry;
  /** The portfolio's rows, read into rules-layer rows as the sheet streamed by. */
  prepared: PreparedPortfolio;
  setup: CheckSetup;
  /** The rows evaluated as they were read (a worker thread reading the sheet meanwhile); null: evaluated after the read. */
  evaluation: PortfolioEvaluation | null;
}

type Source = XlsxSource | CsvSource;

export async function runCheck(file: string, opts: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const language = parseLanguage(opts.lang);
  const today = parseAsOf(opts['as-of']);
  const failOn = parseFailOn(opts['fail-on']);
  const json = opts.json === true;
  const inPlace = opts['in-place'] === true;
  const stat = checkInput(file);
  const kind = kindOf(file) ?? 'xlsx';
  const out = decideOut(file, kind, { out: typeof opts.out === 'string' ? opts.out : undefined, inPlace, json });
  if (out !== null) checkOut(file, out, inPlace);

  const phase = phaseTimer(io);
  const source = kind === 'csv' ? readCsvSource(file) : await readXlsxSource(file, kind, stat.size, { today, language }, io, true);
  phase(source.kind === 'csv' ? 'read' : source.evaluation ? 'read_and_check' : source.data.read.threads === 1 ? 'read' : 'read_2_threads');
  try {
    // Measured review times move due dates: History is then read before the check. Otherwise it is
    // read after it, when the rows read are let go (the 100,000-row memory target).
    const early = source.kind !== 'csv' && source.setup.settings['durations.source'] === 'measured' ? await readHistoryInput(source.pkg, source.block.sheet) : null;
    const historyInput = early;
    const rowCount = source.kind === 'csv' ? source.tables.portfolio.rows.length : source.data.rowCount;
    const progress = rowCount >= LARGE_ROWS && (source.kind === 'csv' || !source.evaluation) ? progressReporter(io, rowCount) : undefined;
    const outcome =
      source.kind === 'csv'
        ? checkWorkbook(source.tables, { today, language, onProgress: progress })
        : source.evaluation
          ? checkEvaluated(source.prepared, source.setup, source.evaluation)
          : checkPrepared(source.prepared, source.setup, { onProgress: progress, history: historyInput?.records ?? null });
    if (progress && io.stderrIsTty) io.stderr('\n');
    phase('check');

    const summary = summarize(outcome.results, outcome.rows, outcome.today, outcome.settings['summary.dueWithinDays']);
    const checkedAt = io.now();
    const { input: readHistory, history } = source.kind === 'csv' ? { input: null, history: null } : await readAndTrackHistory(source, outcome, checkedAt, phase, early);
    releaseCells(outcome);
    for (const note of ownershipNotes(source.plan, outcome.language)) io.stderr(`${note}\n`);
    for (const note of historyNotes(source, readHistory, history, out !== null)) io.stderr(`${note}\n`);
    if (out !== null) {
      if (rowCount >= LARGE_ROWS) io.stderr(`writing ${out}…\n`);
      await writeAtomically(out, (tmp) => writeCopy(source, outcome, summary, history, checkedAt, tmp), { backup: inPlace && opts['no-backup'] !== true });
      phase('write');
    }
    // Since the last check means something only when this check is recorded (a copy written).
    const since = out !== null ? (history?.since ?? null) : null;
    if (json) io.stdout(`${JSON.stringify(jsonResults(outcome, source, history), null, 2)}\n`);
    else io.stdout(formatSummary(summary, outcome, out, since));
    for (const problem of outcome.problems) io.stderr(`${problemText(problem, outcome.language)}\n`);
    return failOn !== undefined && hasFindingAtOrAbove(outcome, failOn) ? 1 : 0;
  } finally {
    if (source.kind !== 'csv') source.pkg.close();
  }
}

/** The cells and rows read are not needed once checked: the copy needs only positions and results. */
function releaseCells(outcome: CheckOutcome): void {
  outcome.rows.length = 0;
}

/**
 * `row` is the row as the sheet shows it (1-based, header included); `index` the 0-based data
 * row; `changes` what changed since the previous check (null when there is nothing to compare
 * with: a first check, a CSV file, a row without an ID or whose ID is on several rows).
 */
function jsonResults(outcome: CheckOutcome, source: Source, history: HistoryTracking | null): object[] {
  const firstDataRow = source.kind === 'csv' ? source.firstDataRow : source.block.dataTop;
  return outcome.results.filter((r) => r !== null).map((r) => {
    const { id, row, ...rest } = machineResult(r!);
    const changes = history === null || history.diff.baseline || id === null ? null : (history.diff.byKey.get(normalizeKey(id)) ?? null);
    return { id, row: firstDataRow + row, index: row, ...rest, changes };
  });
}

// ---- history -------------------------------------------------------------------------------

interface HistoryTracking {
  diff: StateDiff;
  since: SinceLastCheck;
  /** What the copy writes, or null when a sheet or table of the user's has the product's name. */
  write: Omit<HistoryWrite, 'sheetName' | 'headers'> | null;
  dropped: number;
  withoutId: number;
  duplicates: number;
}

/**
 * The history is read after the check: the state of a row that did not change is then the one
 * just collected, not decoded again; and the rows read are let go before it is read.
 */
async function readAndTrackHistory(source: XlsxSource, outcome: CheckOutcome, checkedAt: number, phase: (name: string) => void, early: HistoryInput | null): Promise<{ input: HistoryInput; history: HistoryTracking }> {
  const collected = collectStates(outcome.rows, outcome.results);
  // What review times need of the rows (each ID's kind), kept before the rows are let go.
  const kinds = outcome.reviewTimes === null ? outcome.rows.map((r) => ({ id: r.id, kind: r.kind })) : [];
  releaseCells(outcome);
  phase('collect_states');
  const input = early ?? (await readHistoryInput(source.pkg, source.block.sheet, collected.rows));
  phase('read_history');
  // Review times for the Summary sheet, from the History just read (the check measured them itself when it read History first).
  outcome.reviewTimes ??= measureHistory(input.records, source.setup, kinds as CheckOutcome['rows']);
  const history = trackHistory(input, collected, outcome, checkedAt);
  phase('history');
  return { input, history };
}

/** The check compared with the state the input recorded: the changes, the new state, the History table's records. */
function trackHistory(input: HistoryInput, collected: CollectedStates, outcome: CheckOutcome, checkedAt: number): HistoryTracking {
  const previous = input.state;
  const diff = diffStates(previous, collected);
  const next = nextState(previous, collected, { checkedAt, today: outcome.today, source: 'cli' });
  const when = excelSerialFromInstant(checkedAt);
  const added = historyRows(diff, previous, next, { when, source: 'cli', language: outcome.language });
  const dropped = recordsToDrop(input.records.map((r) => recordTime(r[0])), when, added.length);
  const records: Cell[][] = [...input.records.slice(dropped), ...added];
  const since = sinceLastCheck(diff, previous, next, added.length);
  // The previous state is compared with and done: it is not kept beside the new one while the copy is written.
  input.state = null;
  input.records = [];
  // The state sheet's XML is made now (20 MB for 100,000 rows, outside the JavaScript heap), so
  // that the rows' states (50 MB of objects) are let go before the copy is written.
  const write = input.blocked === null ? { input, stateXml: [...stateSheetPieces(stateCells(next))], records } : null;
  return { diff, since, write, dropped, withoutId: collected.withoutId, duplicates: collected.duplicates.size };
}

function historyNotes(source: Source, input: HistoryInput | null, history: HistoryTracking | null, writes: boolean): string[] {
  if (source.kind === 'csv') return writes ? ['note: History and "since last check" need an .xlsx or .xlsm workbook: a CSV file has no place for the state they compare with'] : [];
  const notes: string[] = [];
  if (input?.blocked) notes.push(`note: no History written: the workbook has ${input.blocked}; rename it to let Launch Tracker keep its history`);
  if (input?.stateProblem) notes.push(`note: the state of the previous check (sheet LaunchTrackerState) could not be read (${input.stateProblem}): this check records a new baseline`);
  if (writes && history && history.dropped > 0) notes.push(`note: History: ${history.dropped} oldest record(s) removed (records are kept 400 days, at most 100,000)`);
  return notes;
}

/** With LAUNCH_TRACKER_TIMING=1, each phase's wall time on stderr (the benchmark reads it). */
function phaseTimer(io: Io): (name: string) => void {
  if (!process.env.LAUNCH_TRACKER_TIMING) return () => undefined;
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    const m = process.memoryUsage();
    io.stderr(`timing ${name} ${(now - last).toFixed(0)} ms (heap ${(m.heapUsed / 1e6).toFixed(0)} MB, rss ${(m.rss / 1e6).toFixed(0)} MB)\n`);
    last = now;
  };
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

/** Rows checked while they are read, every 5,000 (a table's row count is known; a sheet range's is not). */
function readProgress(io: Io, block: Block): (checked: number) => void {
  const total = Number.isFinite(block.dataBottom) ? block.dataBottom - block.dataTop + 1 : null;
  return (checked) => {
    if (checked % LARGE_ROWS !== 0) return;
    const text = total === null ? `checked ${checked} rows` : `checked ${checked} of ${total} rows`;
    io.stderr(io.stderrIsTty ? `\r${text}` : `${text}\n`);
  };
}

function ownershipNotes(plan: OutputColumnPlan, language: Language): string[] {
  return plan.clashes.map((c) =>
    language === 'en'
      ? `note: the column "${c.userHeader}" is yours (Launch Tracker did not write it): it is left as it is, and the check writes into a new column "${c.header}"`
      : `提示：「${c.userHeader}」列是你自己的列（不是 Launch Tracker 写的），保持原样；检查结果写入新列「${c.header}」`,
  );
}

// ---- reading -----------------------------------------------------------------------------

/**
 * The portfolio of an .xlsx/.xlsm file and its side tables, read for a check (also `calendar`'s
 * reader). `evaluate`: the rows may be evaluated as they are read (`evaluation`), for a caller
 * that checks them with checkEvaluated.
 */
export async function readXlsxSource(file: string, kind: FileKind, size: number, options: CheckOptions, io: Io, evaluate = false): Promise<XlsxSource> {
  if (size > LARGE_FILE_BYTES) io.stderr(`reading ${file} (${(size / 1e6).toFixed(1)} MB)…\n`);
  // A workbook of some thousands of rows is likely to have its sheet read by a worker (readBlock's busy).
  if (evaluate) prestartSheetWorker(size);
  try {
    return await readXlsxPackage(file, kind, size, options, io, evaluate);
  } finally {
    releaseSpareWorker();
  }
}

async function readXlsxPackage(file: string, kind: FileKind, size: number, options: CheckOptions, io: Io, evaluate: boolean): Promise<XlsxSource> {
  let pkg: WorkbookPackage;
  try {
    pkg = await WorkbookPackage.open(file);
  } catch (e) {
    if (e instanceof NotAWorkbookError) throw new CliError(e.message);
    throw e;
  }
  try {
    const ours: string[] = [];
    const sideNames = [...TABLE_LOOKUP.settings, ...TABLE_LOOKUP.holidays, ...TABLE_LOOKUP.materials];
    const block = (await findBlock(pkg, TABLE_LOOKUP.portfolio, isKeyHeader)) ?? (await findBlockByHeader(pkg, isKeyHeader, sideNames, ours));
    if (!block || !block.headers.some(isKeyHeader)) throw noKeyColumn(file, block?.headers ?? [], ours);
    const recorded = recordedColumnsFor(pkg.ownership?.record ?? null, block.table?.name ?? null, block.sheet.name);
    const plan = planOutputColumns(block.headers, recorded, mapHeaders(block.headers).language);
    const geometry = outputGeometry(block, plan);
    // The side tables first: the Settings say how the portfolio's dates are read.
    const side = async (names: string[]): Promise<TableData | null> => {
      const b = await findBlock(pkg, names);
      if (!b || (b.sheet === block.sheet && b.table === block.table)) return null;
      const d = await readBlock(pkg, b);
      return { headers: d.headers, rows: d.rows };
    };
    const tables: WorkbookTables = {
      portfolio: { headers: block.headers, rows: [] },
      settings: await side(TABLE_LOOKUP.settings),
      holidays: await side(TABLE_LOOKUP.holidays),
      materials: await side(TABLE_LOOKUP.materials),
    };
    const setup = setUpCheck(tables, options);
    const rows = new PortfolioRows(block.headers, setup.settings['dates.usOrder']);
    // A mid-sized sheet is read by a worker thread while this one evaluates each row read
    // (readMode 'whole') — unless review times measured in History move due dates (History is
    // read after the portfolio). A large sheet is read by both threads, and evaluated after.
    const whole = evaluate && setup.settings['durations.source'] !== 'measured' && readMode(pkg, block.sheet.part!, true) === 'whole';
    const evaluation = whole ? new PortfolioEvaluation(evaluationOptions(setup)) : null;
    const progress = evaluation ? readProgress(io, block) : null;
    const onRow = (index: number, cells: Cell[]) => {
      const row = rows.addAt(index, cells);
      if (row === null || evaluation === null) return;
      evaluation.add(row);
      progress?.(evaluation.count);
    };
    const data = await readBlock(pkg, block, geometry.interest, onRow, rows.readColumns(), evaluation !== null);
    if (evaluation && io.stderrIsTty && evaluation.count >= LARGE_ROWS) io.stderr('\n');
    if (size > LARGE_FILE_BYTES) io.stderr(`read ${evaluation ? 'and checked ' : ''}${data.rowCount} rows\n`);
    if (data.read.formulasWithoutValue > 0) {
      io.stderr(
        `note: ${data.read.formulasWithoutValue} formula cell(s) in ${file} have no saved value and were read as blank — the file was saved by a program that does not calculate formulas; open and save it in Excel, WPS or LibreOffice first to check their values\n`,
      );
    }
    return { kind: kind === 'xlsm' ? 'xlsm' : 'xlsx', pkg, block, data, plan, geometry, prepared: rows.done(), setup, evaluation };
  } catch (e) {
    pkg.close();
    if (e instanceof CliError) throw e;
    throw new CliError(new NotAWorkbookError(file, 'unreadable', (e as Error).message).message);
  }
}

/** `ours`: the product's own parts that have an ID column, said not to be a portfolio (else a user wonders why History was not taken). */
function noKeyColumn(file: string, headers: readonly unknown[], ours: readonly string[] = []): CliError {
  const seen = headers.filter((h) => h !== null && String(h).trim() !== '').slice(0, 8).map(String);
  const own = ours.length ? `; the ${ours.length > 1 ? 'ones' : 'one'} with an ID column ${ours.length > 1 ? 'are' : 'is'} Launch Tracker's own, not a portfolio: ${ours.join(', ')}` : '';
  return new CliError(
    `${file}: no ID column — looked for a header ${KEY_HEADERS.map((h) => `"${h}"`).join(', ')}${seen.length ? `; found ${seen.join(', ')}` : ''}${own}`,
  );
}

// ---- writing -----------------------------------------------------------------------------

/** One row's output cells, in OUTPUT_COLUMNS order. */
function outputRow(outcome: CheckOutcome, index: number, checkedAt: number): OutputValue[] {
  const v = outputValues(outcome.results[index], outcome.language, checkedAt);
  return OUTPUT_KEYS.map((k) => v[k]);
}

async function writeCopy(source: Source, outcome: CheckOutcome, summary: PortfolioSummary, history: HistoryTracking | null, checkedAt: number, target: string): Promise<void> {
  if (source.kind === 'csv') return writeCsvCopySource(source, outcome.results.map((_, i) => outputRow(outcome, i, checkedAt)), target);
  const sheet = summarySheetRows(summary, outcome.language, outcome.settings['summary.dueWithinDays'], history?.since ?? null, reviewTimeTable(outcome.reviewTimes, outcome.settings, outcome.language));
  const en = outcome.language === 'en';
  const headerLanguage = outcome.headerMap.language;
  const { results } = outcome;
  const stream = fs.createWriteStream(target);
  try {
    await writeCheckedCopy(
      {
        pkg: source.pkg,
        block: source.block,
        data: source.data,
        plan: source.plan,
        geometry: source.geometry,
        rowCount: results.length,
        outputsAt: (i) => outputRow(outcome, i, checkedAt),
        fillAt: (i) => (results[i] === null ? null : SEVERITY_FILL[results[i]!.severity]),
        summary: {
          defaultName: en ? 'Summary' : '汇总',
          otherNames: en ? ['汇总'] : ['Summary'],
          title: [summaryLabels('zh-CN').title, summaryLabels('en').title],
          rows: sheet.rows,
          widths: sheet.widths,
        },
        // The sheet and its headers follow the table's headers, as the output columns' do; the texts, the check's language.
        history: history?.write ? { ...history.write, sheetName: HISTORY_SHEET[headerLanguage], headers: HISTORY_HEADERS[headerLanguage] } : null,
      },
      stream,
    );
  } catch (e) {
    stream.destroy();
    if (e instanceof OutputAreaNotEmptyError) throw new CliError(`${e.message}: move that content, or add the output columns to the table yourself`);
    throw e;
  }
}
