/**
 * The task pane's controller: PaneService over the Office adapter (src/excel). The same class
 * drives real Excel and, in a plain browser, the in-memory example workbook (preview mode):
 * only the ExcelApi and the document settings differ.
 */
import { excelSerialFromDay, toIso } from '../rules/dates';
import { catalogFor } from '../rules/i18n';
import type { Language } from '../rules/types';
import { HeaderMap, inputColumnFor, mapHeaders } from '../workbook/columns';
import { OUTPUT_KEYS, OutputValue, outputValues, SEVERITY_FILL } from '../workbook/output';
import { CheckOutcome } from '../workbook/check';
import { Slices, yieldToEventLoop } from '../workbook/slices';
import { dayOrder, summarize } from '../workbook/summary';
import { Cell, isBlank } from '../workbook/values';
import { buildDashboard as writeDashboard, dashboardLayout } from '../excel/dashboard';
import { reviewTimeTable } from '../workbook/durations';
import type { Runtime } from '../excel/runtime';
import type { StoreUpdate } from '../excel/store';
import { createTemplate } from '../excel/template';
import { checkExcelApi, DocumentSettings, selectTableRow, SETTING } from '../excel/workbook';
import { toWorkbookError } from '../excel/errors';
import { writeOutputs, WriteStats } from '../excel/write';
import { DiagnosticReport, runDiagnostics } from '../excel/diagnostics';
import type { LivePortfolio } from '../workbook/live';
import { PaneError } from './service';
import { HistoryTracker } from './historyTracker';
import type { HistorySource } from '../workbook/history';
import type { CalendarFile, CheckSummary, ColumnClash, SinceView, CreateOutcome, DiagnosticsListener, PaneService, PreviewWorkbook, Progress } from './service';
import { rememberCalendar, rememberedCalendar } from './calendarMemory';
import { ADDIN_VERSION } from './version';
import type { TableRead } from '../excel/read';
import { columnLetters, parseAddress } from '../workbook/address';

export interface PaneDeps {
  /** The shared runtime's Excel and store; its language follows the pane's. */
  runtime: Runtime;
  settings: DocumentSettings;
  isSetSupported: (name: string, version: string) => boolean;
  officeLanguage: Language;
  previewWorkbook?: PreviewWorkbook;
  now?: () => number;
  /** Office.context.platform as text ('OfficeOnline', 'PC', 'Mac' …): the Diagnostics report names it. */
  platform?: string;
  /** The add-in's version (what =LAUNCH.ADDINVERSION() answers). */
  version?: string;
  /** Which workbook this is, for what the pane remembers per workbook (Office.context.document.url). */
  documentUrl?: string | null;
}

/** Excel on Mac and iPad runs add-ins in WKWebView, which does not download files from them (OfficeDev/office-js#2700, "by design"). */
export function hostCanDownload(platform: string | undefined): boolean {
  return platform !== 'Mac' && platform !== 'iOS';
}

/** Severity texts of both languages get a fill, so switching language keeps the colours. */
function severityFormatSpec(language: Language) {
  const texts = catalogFor(language).severity;
  const fills = Object.fromEntries(Object.entries(SEVERITY_FILL).map(([level, argb]) => [level, `#${(argb as string).slice(2)}`]));
  return { texts, fills };
}

export class ExcelPaneService implements PaneService {
  readonly preview: boolean;
  readonly previewWorkbook?: PreviewWorkbook;
  readonly officeLanguage: Language;
  private lastSummary: CheckSummary | null = null;
  private readonly listeners = new Set<(summary: CheckSummary) => void>();
  private unsubscribe: (() => void) | null = null;
  /** While the pane's own check runs, its reload is not an edit to follow: it writes every row itself. */
  private checking = false;
  /** The last write's figures (for the benchmark). */
  lastWrite: WriteStats | null = null;
  /** History and the state sheet (src/taskpane/historyTracker.ts); its lastWrite for tests and the benchmark. */
  readonly history: HistoryTracker;
  /** What the last recording of history found since the check before it (the pane keeps showing it). */
  private since: SinceView | null = null;

  constructor(private readonly deps: PaneDeps) {
    this.history = new HistoryTracker((batch) => deps.runtime.excel.run(batch));
    this.preview = deps.previewWorkbook !== undefined;
    this.previewWorkbook = deps.previewWorkbook;
    this.officeLanguage = deps.officeLanguage;
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  private get store() {
    return this.deps.runtime.store;
  }

  private get excel() {
    return this.deps.runtime.excel;
  }

  /** Texts are written in the pane's language unless the workbook's Settings choose one. */
  private set language(language: Language) {
    this.deps.runtime.language = language;
  }

  private get language(): Language {
    return this.deps.runtime.language;
  }

  /** The language texts are written in when the workbook's Settings do not set one. */
  get displayLanguage(): Language {
    return this.language;
  }

  checkRequirements(): void {
    try {
      checkExcelApi(this.deps.isSetSupported);
    } catch (error) {
      throw toPaneError(error);
    }
  }

  async createPortfolio(language: Language): Promise<CreateOutcome> {
    this.language = language;
    try {
      const addFormats = this.deps.settings.get(SETTING.severityFormats) !== true;
      const outcome = await createTemplate(this.excel, language, (range) => {
        if (addFormats) addSeverityFormats(range);
      });
      if (addFormats) await this.rememberSeverityFormats();
      this.store.noteOwnership(outcome.ownership);
      // Formulas waiting for a portfolio (#N/A "no portfolio") answer as soon as it exists.
      if (outcome.created || outcome.addedColumns.length > 0 || outcome.addedTables.length > 0) {
        this.store.reload().catch((e) => console.warn('Launch Tracker: cannot read the new portfolio', e));
      }
      const { created, addedColumns, addedTables, clashes } = outcome;
      return clashes.length > 0 ? { created, addedColumns, addedTables, clashes: clashes.map(toClash) } : { created, addedColumns, addedTables };
    } catch (error) {
      throw toPaneError(error);
    }
  }

  async checkPortfolio(language: Language, onProgress?: (p: Progress) => void): Promise<CheckSummary> {
    this.language = language;
    this.checking = true;
    try {
      onProgress?.({ phase: 'read', fraction: 0 });
      // The pane renders its progress bar before the read (the in-memory Excel reads in this task).
      await yieldToEventLoop();
      const live = await this.store.reload([], (fraction) => onProgress?.({ phase: 'check', fraction }));
      onProgress?.({ phase: 'write', fraction: 0 });
      const clashes = await this.writeRows(live, undefined, (fraction) => onProgress?.({ phase: 'write', fraction }));
      const checkedAt = this.now();
      await this.recordHistory(() => this.history.afterCheck(this.store.history, live.outcome(), 'pane', checkedAt));
      // The summary is a slice of its own (at 50,000 rows it takes a tenth of a second).
      await yieldToEventLoop();
      return this.publish(live, false, clashes, checkedAt);
    } catch (error) {
      throw toPaneError(error);
    } finally {
      this.checking = false;
    }
  }

  /**
   * Write the output columns of some rows (all when `rows` is undefined), into the columns the
   * workbook records as the product's. Returns the user's columns it found in the way and left
   * alone (when it added the product's beside them).
   */
  private async writeRows(live: LivePortfolio, rows: readonly number[] | undefined, onProgress?: (fraction: number) => void): Promise<ColumnClash[]> {
    const outcome = live.outcome();
    const values = await outputRows(outcome, rows, this.now());
    const table = this.store.portfolioTable;
    if (!table) return [];
    const addFormats = this.deps.settings.get(SETTING.severityFormats) !== true;
    const headerLanguage = outcome.headerMap.language;
    const write = {
      tableName: table.name,
      sheetName: table.sheetName,
      headers: live.headers,
      ownership: this.store.ownership,
      values,
      rows,
      headerLanguage,
      severityFormats: addFormats ? addSeverityFormats : undefined,
    };
    try {
      // The store learns of the columns added before it hears their change events (ownWrite).
      this.lastWrite = await this.store.ownWrite(async () => {
        const stats = await writeOutputs(this.excel.run, write, onProgress);
        this.store.noteWrite(stats);
        return stats;
      });
    } catch (error) {
      const adding = this.store.outputPlan(headerLanguage)?.added.length ?? OUTPUT_KEYS.length;
      throw whereOutputsGo(toPaneError(error), table, live.headers.length, adding, outcome.results.length);
    }
    if (addFormats) await this.rememberSeverityFormats();
    return this.lastWrite.clashes.map(toClash);
  }

  /**
   * Compare with the previous check's state and append to History. The outputs are written
   * already: a history that cannot be written is said in the console, and the check stands.
   */
  private async recordHistory(work: () => Promise<SinceView | null>): Promise<void> {
    try {
      // The store learns which table History is before it hears the table's events (ownWrite).
      const since = await this.store.ownWrite(async () => {
        const found = await work();
        const tableId = this.history.lastWrite?.tableId;
        if (tableId) this.store.noteProductTable(tableId);
        return found;
      });
      if (since !== null) this.since = since;
    } catch (error) {
      console.warn('Launch Tracker: History could not be written', error);
    }
  }

  private async rememberSeverityFormats(): Promise<void> {
    this.deps.settings.set(SETTING.severityFormats, true);
    await this.deps.settings.save();
  }

  /** The pane's view of a checked portfolio; tells listeners when it came from an edit. */
  /** `checkedAt`: when the outputs were last written (now, unless this publish wrote nothing). */
  private publish(live: LivePortfolio, notify: boolean, clashes: ColumnClash[] = [], checkedAt = this.now()): CheckSummary {
    const outcome = live.outcome();
    const week = summarize(outcome.results, outcome.rows, outcome.today, 7);
    const summary: CheckSummary = {
      today: outcome.today,
      total: week.total,
      bySeverity: week.bySeverity,
      byStage: week.byStage,
      overdue: week.overdue.length,
      dueWithin7: week.dueSoon.length,
      rows: dayOrder(week.items, outcome.today),
      owners: week.byOwner.map((o) => o.owner).filter((o) => o !== '').sort((a, b) => a.localeCompare(b, 'zh-CN')),
      problems: outcome.problems,
      checkedAt,
    };
    if (clashes.length > 0) summary.clashes = clashes;
    if (this.since) summary.since = this.since;
    this.lastSummary = summary;
    if (notify) this.emit(summary);
    return summary;
  }

  private emit(summary: CheckSummary): void {
    for (const listener of [...this.listeners]) listener(summary);
  }

  async selectRow(row: number): Promise<void> {
    const table = this.store.portfolioTable;
    if (!table) return;
    try {
      await selectTableRow(this.excel, table.name, row);
    } catch (error) {
      throw toPaneError(error);
    }
  }

  async buildDashboard(language: Language): Promise<void> {
    try {
      // No check yet (or in another language): check first, and show its counts in the pane too.
      if (!this.lastSummary || language !== this.language) this.emit(await this.checkPortfolio(language));
      const live = await this.store.load();
      const outcome = live.outcome();
      const withinDays = outcome.settings['summary.dueWithinDays'];
      const summary = summarize(outcome.results, outcome.rows, outcome.today, withinDays);
      const times = reviewTimeTable(outcome.reviewTimes, outcome.settings, language);
      await writeDashboard(this.excel, dashboardLayout(summary, language, withinDays, times));
    } catch (error) {
      throw toPaneError(error);
    }
  }

  // ---- calendar ----------------------------------------------------------------------------

  get canDownload(): boolean {
    return hostCanDownload(this.deps.platform);
  }

  async exportCalendar(language: Language, owner: string | null): Promise<CalendarFile> {
    // The iCalendar writer is only needed here: it stays out of the bundle Excel loads first.
    const { buildCalendar, calendarText, readCalendarText } = await import(/* webpackChunkName: "calendar" */ '../workbook/calendar');
    let outcome;
    try {
      outcome = (this.store.portfolio ?? (await this.store.load())).outcome();
    } catch (error) {
      throw toPaneError(error);
    }
    const workbook = this.deps.documentUrl ?? '';
    const previous = readCalendarText(rememberedCalendar(owner, workbook) ?? '')?.events ?? [];
    const now = this.now();
    const build = buildCalendar(outcome.results, outcome.rows, { language, owner, previous, now, today: outcome.today });
    const text = calendarText(build.events, { language, owner, now });
    rememberCalendar(owner, workbook, text);
    return {
      fileName: `launch-tracker${owner ? `-${owner}` : ''}-${toIso(outcome.today)}.ics`,
      text,
      open: build.counts.open,
      cancelled: build.counts.cancelled,
      withoutId: build.withoutId,
    };
  }

  // ---- diagnostics -------------------------------------------------------------------------

  /**
   * The self-test of every Excel call the product makes (src/excel/diagnostics.ts). In preview
   * mode the "type into a cell" step is done by the pane itself, as a person would in Excel.
   */
  async runDiagnostics(listener: DiagnosticsListener): Promise<DiagnosticReport> {
    const preview = this.deps.previewWorkbook;
    const askForEdit = preview
      ? (sheet: string, address: string) => {
          const { top: row, left: column } = parseAddress(address);
          setTimeout(() => preview.edit(sheet, row, column, '诊断'), 50);
        }
      : listener.onAskForEdit;
    return runDiagnostics({
      excel: this.excel,
      settings: this.deps.settings,
      isSetSupported: this.deps.isSetSupported,
      platform: this.deps.platform ?? (preview ? 'Preview' : 'unknown'),
      version: this.deps.version ?? ADDIN_VERSION,
      askForEdit,
      onResult: listener.onResult,
    });
  }

  // ---- keep up to date ---------------------------------------------------------------------

  keepUpToDate(): boolean {
    return this.deps.settings.get(SETTING.keepUpToDate) === true;
  }

  async setKeepUpToDate(on: boolean, language: Language): Promise<void> {
    this.language = language;
    try {
      this.deps.settings.set(SETTING.keepUpToDate, on);
      await this.deps.settings.save();
      await this.follow(on);
    } catch (error) {
      throw toPaneError(error);
    }
  }

  /** Start (or stop) answering edits; called at start-up when the workbook remembers "on". */
  async follow(on: boolean): Promise<void> {
    if (on && !this.unsubscribe) {
      await this.store.watch();
      this.unsubscribe = this.store.subscribe((update) => void this.onStoreUpdate(update));
    } else if (!on && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = null;
    }
  }

  onUpdate(listener: (summary: CheckSummary) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After an edit: date the status change, write the re-checked rows, refresh the pane. */
  private async onStoreUpdate(update: StoreUpdate): Promise<void> {
    const live = this.store.portfolio;
    if (!live || !this.keepUpToDate()) return;
    if (this.checking && update.rows === 'all' && update.edits.length === 0) return;
    try {
      let rows = update.rows;
      const dated = await this.dateStatusChanges(live, update.edits);
      // The dates just written are part of the rows' data before they are checked and written:
      // one write per edit, and never an output computed without its date.
      if (dated.size > 0) {
        const changed = this.store.patchRows(dated);
        if (rows !== 'all') rows = [...new Set([...rows, ...changed])];
      }
      const source: HistorySource = 'keepUpToDate';
      // What History follows of a row (its steps, its release) can change without its result.
      const compared = rows === 'all' ? 'all' : [...new Set([...rows, ...update.edits.map((e) => e.row)])];
      const record = () =>
        this.recordHistory(() =>
          compared === 'all'
            ? this.history.afterCheck(this.store.history, live.outcome(), source, this.now())
            : this.history.afterEdits(compared, live.outcome(), source, this.now()),
        );
      if (rows === 'all' || rows.length > 0) {
        const clashes = await this.writeRows(live, rows === 'all' ? undefined : rows);
        await record();
        this.publish(live, true, clashes);
      } else if (update.edits.length > 0) {
        // An edit that changes no result (a client's name, an owner): nothing to write, but what
        // the pane shows of the row (ID, client, owner) is the row's again.
        await record();
        this.publish(live, true, [], this.lastSummary?.checkedAt);
      }
    } catch (error) {
      console.warn('Launch Tracker: keeping the portfolio up to date failed', error);
    }
  }

  /**
   * A step's status typed where its date is empty: the date becomes today (China time).
   * This is the one write into the user's own columns, and only into empty cells.
   */
  private async dateStatusChanges(live: LivePortfolio, edits: StoreUpdate['edits']): Promise<Map<number, Cell[]>> {
    const headerMap = mapHeaders(live.headers);
    const fills: { row: number; column: number }[] = [];
    for (const { row, column } of edits) {
      const dateColumn = dateColumnFor(headerMap, live.headers[column]);
      const cells = live.cells[row];
      if (dateColumn === undefined || !cells || isBlank(cells[column]) || !isBlank(cells[dateColumn])) continue;
      if (!fills.some((f) => f.row === row && f.column === dateColumn)) fills.push({ row, column: dateColumn });
    }
    const table = this.store.portfolioTable;
    const patched = new Map<number, Cell[]>();
    if (fills.length === 0 || !table) return patched;
    const serial = excelSerialFromDay(live.today);
    // Excel's table events do not say who changed a cell: the store is told which are these.
    this.store.expectOwnWrites(fills.map(({ row, column }) => ({ row, column, value: serial })));
    await this.excel.run(async (ctx) => {
      const body = ctx.workbook.tables.getItem(table.name).getDataBodyRange();
      for (const { row, column } of fills) {
        const cell = body.getCell(row, column);
        cell.numberFormat = [['yyyy-mm-dd']];
        cell.values = [[serial]];
      }
      await ctx.sync();
    });
    for (const { row, column } of fills) {
      const cells = patched.get(row) ?? [...live.cells[row]];
      cells[column] = serial;
      patched.set(row, cells);
    }
    return patched;
  }
}

/**
 * The output values of some rows (all when `rows` is undefined; [] for the others), in slices
 * (src/workbook/slices.ts): 50,000 rows' texts and dates take a few hundred milliseconds.
 */
async function outputRows(outcome: CheckOutcome, rows: readonly number[] | undefined, checkedAt: number): Promise<OutputValue[][]> {
  const wanted = rows ? new Set(rows) : null;
  const slices = new Slices();
  const values: OutputValue[][] = [];
  for (let i = 0; i < outcome.results.length; i++) {
    if (wanted && !wanted.has(i)) {
      values.push([]);
      continue;
    }
    const v = outputValues(outcome.results[i], outcome.language, checkedAt);
    values.push(OUTPUT_KEYS.map((k) => v[k]));
    if (slices.due()) await slices.next();
  }
  return values;
}

/** What the adapter or Office.js threw, as the pane's error (the same code and facts). */
function toPaneError(error: unknown): PaneError {
  if (error instanceof PaneError) return error;
  const e = toWorkbookError(error);
  return new PaneError(e.code, e.details, e.message);
}

/** The adapter's account of a user's column left alone, in the pane's terms. */
function toClash(clash: { userHeader: string; header: string }): ColumnClash {
  return { userHeader: clash.userHeader, header: clash.header };
}

/**
 * A table that cannot grow: name the cells right of it, where the `adding` output columns would
 * go (wrong-shape), or the table's rows from its right edge to the sheet's (off-sheet, too-many-cells).
 */
function whereOutputsGo(error: PaneError, table: TableRead, width: number, adding: number, rows: number): PaneError {
  const top = table.headerRow + 1;
  const left = columnLetters(table.firstColumn + width);
  if (error.code === 'off-sheet' || error.code === 'too-many-cells') {
    return new PaneError(error.code, { ...error.details, address: `${table.sheetName}!${left}${top}:XFD${top + rows}` }, error.message);
  }
  if (error.code !== 'wrong-shape') return error;
  const right = columnLetters(table.firstColumn + width + Math.max(1, adding) - 1);
  const address = `${table.sheetName}!${left}${top}:${right}${top + rows}`;
  return new PaneError('wrong-shape', { ...error.details, address }, error.message);
}

/** The date column that goes with a status column (注册状态 → 注册日期, 备案状态 → 备案日期). */
function dateColumnFor(headerMap: HeaderMap, header: unknown): number | undefined {
  if (typeof header !== 'string') return undefined;
  const def = inputColumnFor(header);
  if (!def || (def.type !== 'status' && def.type !== 'icpStatus')) return undefined;
  const dateKey = def.key === 'icpStatus' ? 'icpDate' : (def.key.replace(/Status$/, 'Date') as keyof HeaderMap['input']);
  return headerMap.input[dateKey];
}

/** Severity colours on the severity column, for both languages' texts. */
function addSeverityFormats(range: Excel.Range): void {
  for (const language of ['zh-CN', 'en'] as const) {
    const { texts, fills } = severityFormatSpec(language);
    for (const level of ['critical', 'error', 'warning', 'info', 'ok'] as const) {
      const cf = range.conditionalFormats.add('ContainsText');
      cf.textComparison.format.fill.color = fills[level];
      cf.textComparison.rule = { operator: 'Contains', text: texts[level] };
    }
  }
}

