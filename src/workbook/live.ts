/**
 * A portfolio kept checked in memory as its rows change: the task pane's "keep up to date"
 * and the custom functions both ask it what changed after an edit, and re-evaluate only
 * the rows that need it — the edited ones, and those whose cross-row findings (duplicate
 * keys, registration limits) moved because of the edit.
 */
import { createContext, evaluateRow } from '../rules/evaluate';
import type { EvalContext } from '../rules/context';
import type { Day } from '../rules/dates';
import { normalizeKey } from '../rules/keys';
import { portfolioFindings } from '../rules/portfolio';
import type { RawFinding, Row, RowResult } from '../rules/types';
import { measuredForRules, ReviewTimes } from './durations';
import { CheckOptions, CheckOutcome, CheckSetup, measureHistory, portfolioProblems, PortfolioRows, PreparedPortfolio, setUpCheck, WorkbookTables } from './check';
import type { HeaderMap } from './columns';
import { bindColumns, isBlankRow, readRow } from './readRows';
import { NO_SLICES, Slices } from './slices';
import type { Cell } from './values';

type Bound = ReturnType<typeof bindColumns>;

export class LivePortfolio {
  private readonly setup: CheckSetup;
  private readonly headerMap: HeaderMap;
  private readonly bound: Bound;
  private ctx: EvalContext;
  /** Per table row: the parsed row (null when blank) and its result. */
  private readonly rowAt: (Row | null)[];
  private readonly resultAt: (RowResult | null)[];
  private cross: RawFinding[][];
  private keyIndex: Map<string, number[]> | null = null;
  readonly problems;

  /**
   * Read and check every row of the tables, in slices that give the event loop back (the pane's
   * thread is the custom functions' and the pane's rendering too): the same rows and results as
   * in one go. `onProgress` gets the fraction of rows checked.
   */
  static async check(tables: WorkbookTables, options: CheckOptions = {}, slices: Slices = NO_SLICES, onProgress?: (fraction: number) => void): Promise<LivePortfolio> {
    if (slices.due()) await slices.next();
    const setup = setUpCheck(tables, options);
    const reader = new PortfolioRows(tables.portfolio.headers, setup.settings['dates.usOrder']);
    for (const cells of tables.portfolio.rows) {
      reader.add(cells);
      if (slices.due()) await slices.next();
    }
    const prepared = reader.done();
    // Measuring History is one piece of work (100,000 records: about 0.2 s): it starts a slice of its own.
    if (options.history && options.history.length > 0) await slices.next();
    const live = new LivePortfolio(tables, setup, prepared, measureHistory(options.history, setup, prepared.rows));
    await live.evaluateAll(prepared.rows, slices, onProgress);
    return live;
  }

  private constructor(
    private readonly tables: WorkbookTables,
    setup: CheckSetup,
    prepared: PreparedPortfolio,
    /** Measured once per full check: History grows only when a check writes it. */
    readonly reviewTimes: ReviewTimes | null,
  ) {
    this.setup = setup;
    this.headerMap = prepared.headerMap;
    this.bound = bindColumns(this.headerMap, tables.portfolio.headers);
    this.problems = [...this.setup.problems, ...portfolioProblems(this.setup, prepared)];
    this.ctx = this.newContext(this.setup.today);
    this.rowAt = Array.from(prepared.positions, (p) => (p < 0 ? null : prepared.rows[p]));
    this.cross = portfolioFindings(prepared.rows, this.setup.settings);
    this.resultAt = new Array(this.rowAt.length).fill(null);
  }

  /** The first check of every row (`rows`: the prepared rows, in the order of this.cross). */
  private async evaluateAll(rows: readonly Row[], slices: Slices, onProgress?: (fraction: number) => void): Promise<void> {
    for (let i = 0; i < rows.length; i++) {
      this.resultAt[rows[i].index] = evaluateRow(rows[i], this.ctx, this.cross[i]);
      if (slices.due()) {
        onProgress?.((i + 1) / rows.length);
        await slices.next();
      }
    }
    onProgress?.(1);
  }

  private get usOrder(): boolean {
    return this.setup.settings['dates.usOrder'];
  }

  private newContext(today: Day): EvalContext {
    const { settings, calendar, language, materials } = this.setup;
    return createContext({ settings, calendar, language, materials, today, measured: measuredForRules(this.reviewTimes) });
  }

  get today(): Day {
    return this.ctx.today;
  }

  get language() {
    return this.setup.language;
  }

  get settings() {
    return this.setup.settings;
  }

  get calendar() {
    return this.setup.calendar;
  }

  /** The table's data rows, as cells (what the last read and the updates say). */
  get cells(): readonly Cell[][] {
    return this.tables.portfolio.rows;
  }

  get headers(): readonly Cell[] {
    return this.tables.portfolio.headers;
  }

  /** Output columns were added at the right: the table's headers and rows grow by blanks. */
  appendColumns(headers: readonly string[]): void {
    const portfolio = this.tables.portfolio;
    portfolio.headers.push(...headers);
    for (const row of portfolio.rows) row.push(...headers.map(() => null));
  }

  /** The same shape as checkWorkbook's answer, for summaries and write-back. */
  outcome(): CheckOutcome {
    const { settings, calendar, language } = this.setup;
    return {
      results: this.resultAt,
      rows: this.rows(),
      headerMap: this.headerMap,
      settings,
      calendar,
      language,
      today: this.ctx.today,
      problems: this.problems,
      reviewTimes: this.reviewTimes,
    };
  }

  result(tableRow: number): RowResult | null {
    return this.resultAt[tableRow] ?? null;
  }

  /** Table rows whose key is `id` (compared as Excel compares: case- and width-insensitively). */
  rowsForKey(id: string): readonly number[] {
    if (!this.keyIndex) {
      this.keyIndex = new Map();
      this.rowAt.forEach((row, i) => {
        if (row?.id == null) return;
        const key = normalizeKey(row.id);
        const list = this.keyIndex!.get(key);
        if (list) list.push(i);
        else this.keyIndex!.set(key, [i]);
      });
    }
    return this.keyIndex.get(normalizeKey(id)) ?? [];
  }

  private rows(): Row[] {
    const out: Row[] = [];
    for (const row of this.rowAt) if (row) out.push(row);
    return out;
  }

  /**
   * New cells for some table rows (same table shape). Returns the table rows whose result
   * changed: the edited rows, and rows whose cross-row findings changed with them.
   */
  updateRows(updates: ReadonlyMap<number, readonly Cell[]>): number[] {
    const previous = this.crossByRow();
    for (const [i, cells] of updates) {
      this.tables.portfolio.rows[i] = [...cells];
      this.rowAt[i] = isBlankRow(cells, this.bound) ? null : readRow(cells, this.bound, i, { usOrder: this.usOrder });
    }
    this.keyIndex = null;
    const rows = this.rows();
    this.cross = portfolioFindings(rows, this.setup.settings);
    const current = this.crossByRow();
    const toEvaluate = new Set<number>(updates.keys());
    // Rows whose cross-row findings moved with the edit (a duplicate key resolved, a limit reached).
    for (const [i, findings] of current) if (!sameFindings(previous.get(i), findings)) toEvaluate.add(i);
    return this.evaluate(toEvaluate, current);
  }

  /** "Today" moved (midnight in China, or a new asOf): re-evaluate every row. */
  setToday(today: Day): number[] {
    if (today === this.ctx.today) return [];
    this.ctx = this.newContext(today);
    return this.evaluate(new Set(this.rowAt.keys()), this.crossByRow());
  }

  private crossByRow(): Map<number, RawFinding[]> {
    const out = new Map<number, RawFinding[]>();
    let k = 0;
    for (const row of this.rowAt) if (row) out.set(row.index, this.cross[k++] ?? []);
    return out;
  }

  private evaluate(tableRows: Set<number>, cross: Map<number, RawFinding[]>): number[] {
    const changed: number[] = [];
    for (const i of [...tableRows].sort((a, b) => a - b)) {
      const row = this.rowAt[i];
      const next = row ? evaluateRow(row, this.ctx, cross.get(i) ?? []) : null;
      if (JSON.stringify(next) !== JSON.stringify(this.resultAt[i])) changed.push(i);
      this.resultAt[i] = next;
    }
    return changed;
  }
}

function sameFindings(a: readonly RawFinding[] | undefined, b: readonly RawFinding[] | undefined): boolean {
  if ((a?.length ?? 0) === 0 && (b?.length ?? 0) === 0) return true;
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

