/**
 * The whole check, shared by every surface (command line, task pane, custom functions):
 * tables as plain values in, one result per table row out, plus what was wrong with the
 * workbook itself.
 */
import { Calendar } from '../rules/calendar';
import type { Day } from '../rules/dates';
import { todayInShanghai } from '../rules/dates';
import { EvaluateOptions, evaluatePortfolio, PortfolioEvaluation } from '../rules/evaluate';
import { catalogFor } from '../rules/i18n';
import { normalizeKey } from '../rules/keys';
import type { Settings } from '../rules/settings';
import type { Language, Row, RowResult } from '../rules/types';
import { HeaderMap, mapHeaders } from './columns';
import { bindColumns, isBlankRow, readRow } from './readRows';
import { Problem, readHolidays, readMaterials, readSettings, TableData } from './tables';
import type { Cell } from './values';
import type { Material } from '../rules/materials';
import { measureReviewTimes, measuredForRules, ReviewTimes } from './durations';

export interface WorkbookTables {
  portfolio: TableData;
  settings?: TableData | null;
  holidays?: TableData | null;
  materials?: TableData | null;
}

export interface CheckOptions {
  /** Overrides the Settings' asOf; defaults to today in China. */
  today?: Day;
  /** Overrides the Settings' language (the command line's --lang). */
  language?: Language;
  /** The language when the Settings table does not set one (the task pane's display language). */
  defaultLanguage?: Language;
  /** The clock (ms since the epoch) for "today" when neither `today` nor the Settings' asOf fix it. */
  now?: number;
  /** Called every `progressEvery` rows with (done, total). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /**
   * The History table's data rows (src/workbook/history.ts), oldest first: their reviews are
   * measured (src/workbook/durations.ts) for the Review times table, and used for due dates and
   * the ETA when the Settings say `durations.source` = measured. Absent: nothing measured.
   */
  history?: readonly (readonly Cell[])[] | null;
}

export interface CheckOutcome {
  /** One entry per table data row: null for blank rows. */
  results: (RowResult | null)[];
  /** The rows that were evaluated, in table order. */
  rows: Row[];
  headerMap: HeaderMap;
  settings: Settings;
  calendar: Calendar;
  language: Language;
  today: Day;
  problems: Problem[];
  /** Review times measured in History; null when the check was given no History. */
  reviewTimes: ReviewTimes | null;
}

export interface PreparedPortfolio {
  rows: Row[];
  /** Table row index → position in `rows`, or -1 for blank rows. */
  positions: Int32Array;
  headerMap: HeaderMap;
}

/**
 * The portfolio's rows read one at a time, as a reader streams them: each table row becomes a
 * rules-layer row at once (blank rows are skipped but keep their place), so a surface need not
 * hold every cell of a large table while it reads.
 */
export class PortfolioRows {
  readonly headerMap: HeaderMap;
  private readonly bound: ReturnType<typeof bindColumns>;
  private readonly rows: Row[] = [];
  private next = 0;
  private count = 0;

  constructor(
    headers: readonly Cell[],
    private readonly usOrder: boolean,
  ) {
    this.headerMap = mapHeaders(headers);
    this.bound = bindColumns(this.headerMap, headers);
  }

  /** The table columns (0-based) the rules read: the others' cells need not be read at all. */
  readColumns(): number[] {
    return this.bound.map((b) => b.col);
  }

  /** The next table row's cells, in table column order. */
  add(cells: readonly Cell[]): void {
    this.addAt(this.next, cells);
  }

  /** The cells of table row `index` (0-based); rows may come in any order, rows never given are blank. The row read, or null for a blank one. */
  addAt(index: number, cells: readonly Cell[]): Row | null {
    this.next = index + 1;
    this.count = Math.max(this.count, index + 1);
    if (isBlankRow(cells, this.bound)) return null;
    const row = readRow(cells, this.bound, index, { usOrder: this.usOrder });
    this.rows.push(row);
    return row;
  }

  done(): PreparedPortfolio {
    this.rows.sort((a, b) => a.index - b.index);
    const positions = new Int32Array(this.count).fill(-1);
    this.rows.forEach((row, i) => (positions[row.index] = i));
    return { rows: this.rows, positions, headerMap: this.headerMap };
  }
}

/** Read the portfolio table into rows (blank rows skipped), reporting duplicate headers. */
export function preparePortfolio(table: TableData, usOrder: boolean): PreparedPortfolio {
  const reader = new PortfolioRows(table.headers, usOrder);
  for (const cells of table.rows) reader.add(cells);
  return reader.done();
}

/** Everything a check needs besides the portfolio rows: settings, calendar, materials, today. */
export interface CheckSetup {
  settings: Settings;
  language: Language;
  calendar: Calendar;
  today: Day;
  materials: Material[] | null;
  problems: Problem[];
}

export function setUpCheck(tables: WorkbookTables, options: CheckOptions = {}): CheckSetup {
  const { settings, problems, explicit } = readSettings(tables.settings ?? null);
  const language = options.language ?? (explicit.has('language') ? settings.language : options.defaultLanguage ?? settings.language);
  const usOrder = settings['dates.usOrder'];
  const holidays = readHolidays(tables.holidays ?? null, { usOrder });
  const materials = readMaterials(tables.materials ?? null);
  problems.push(...holidays.problems, ...(materials?.problems ?? []));
  return {
    settings,
    language,
    calendar: Calendar.create(holidays.overrides, language),
    today: options.today ?? settings.asOf ?? todayInShanghai(options.now),
    materials: materials?.materials ?? null,
    problems,
  };
}

/** Problems found in the portfolio table itself: repeated headers, materials for unknown IDs. */
export function portfolioProblems(setup: CheckSetup, prepared: PreparedPortfolio): Problem[] {
  const problems: Problem[] = prepared.headerMap.duplicates.map((header) => ({ code: 'header-duplicate', table: 'Portfolio', args: { header } }));
  if (setup.materials) reportUnknownMaterialIds(setup.materials, prepared.rows, problems);
  return problems;
}

export function checkWorkbook(tables: WorkbookTables, options: CheckOptions = {}): CheckOutcome {
  const setup = setUpCheck(tables, options);
  return checkPrepared(preparePortfolio(tables.portfolio, setup.settings['dates.usOrder']), setup, options);
}

/** What the rules are given besides the rows: the check's settings, calendar, day, language and materials. */
export function evaluationOptions(setup: CheckSetup): EvaluateOptions {
  return { settings: setup.settings, calendar: setup.calendar, today: setup.today, language: setup.language, materials: setup.materials };
}

/** The check of rows already read (PortfolioRows), with the settings they were read under. */
export function checkPrepared(prepared: PreparedPortfolio, setup: CheckSetup, options: CheckOptions = {}): CheckOutcome {
  const reviewTimes = measureHistory(options.history, setup, prepared.rows);
  const evaluated = evaluatePortfolio(prepared.rows, {
    ...evaluationOptions(setup),
    measured: measuredForRules(reviewTimes),
    onProgress: options.onProgress,
    progressEvery: options.progressEvery,
  });
  return outcome(prepared, setup, evaluated, reviewTimes);
}

/**
 * The check of rows evaluated as they were read (`evaluation` given each row PortfolioRows
 * read, with evaluationOptions(setup)): the same outcome checkPrepared gives without History.
 */
export function checkEvaluated(prepared: PreparedPortfolio, setup: CheckSetup, evaluation: PortfolioEvaluation): CheckOutcome {
  const { rows, results } = evaluation.finish();
  if (rows.length !== prepared.rows.length || rows.some((r, i) => r !== prepared.rows[i])) throw new Error('the rows evaluated are not the rows read');
  return outcome(prepared, setup, results, null);
}

function outcome(prepared: PreparedPortfolio, setup: CheckSetup, evaluated: readonly RowResult[], reviewTimes: ReviewTimes | null): CheckOutcome {
  const problems = [...setup.problems, ...portfolioProblems(setup, prepared)];
  const results = Array.from(prepared.positions, (p) => (p < 0 ? null : evaluated[p]));
  const { settings, calendar, language, today } = setup;
  return { results, rows: prepared.rows, headerMap: prepared.headerMap, settings, calendar, language, today, problems, reviewTimes };
}

/** Review times of the History records, on the check's calendar, version reviews by the kind of each ID's row. */
export function measureHistory(history: CheckOptions['history'], setup: CheckSetup, rows: readonly Row[]): ReviewTimes | null {
  if (!history) return null;
  const kinds = new Map<string, Row['kind']>();
  for (const r of rows) if (r.id !== null) kinds.set(normalizeKey(r.id), r.kind);
  return measureReviewTimes(history, { calendar: setup.calendar, kindOf: (key) => kinds.get(key) ?? null });
}

function reportUnknownMaterialIds(materials: readonly { id: string; line: number }[], rows: readonly Row[], problems: Problem[]): void {
  const ids = new Set(rows.map((r) => (r.id === null ? '' : normalizeKey(r.id))));
  for (const m of materials) {
    if (!ids.has(normalizeKey(m.id))) problems.push({ code: 'material-id', table: 'Materials', args: { line: m.line, id: m.id } });
  }
}

export function problemText(problem: Problem, language: Language): string {
  return catalogFor(language).problem[problem.code](problem.args);
}
