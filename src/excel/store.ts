/**
 * The portfolio in memory, shared by the task pane and the custom functions (they run in one
 * shared runtime): read once, checked once, indexed by key, and kept fresh from the tables'
 * change events — an edit re-reads only the edited rows and re-checks only the rows whose
 * answer can change. At midnight China time, when "today" moves, every row is re-checked.
 */
import { todayInShanghai } from '../rules/dates';
import type { Language } from '../rules/types';
import { parseAddress } from '../workbook/address';
import { LivePortfolio } from '../workbook/live';
import { Slices } from '../workbook/slices';
import type { OutputColumnPlan } from '../workbook/ownership';
import type { Cell } from '../workbook/values';
import { NO_OWNERSHIP, ownedColumns, planFor, WorkbookOwnership } from './ownership';
import type { HistoryRead } from './history';
import { readWorkbook, ReadStats, roleOf, TableRead, TableRole, TABLES, WorkbookRead } from './read';
import { asWorkbookError } from './errors';
import type { ExcelApi } from './run';
import { TableChange, tableNameById, TableStructureChange, watchTables } from './workbook';
import { rowRuns } from './write';

export interface StoreUpdate {
  /** Table rows whose result changed, or 'all' after a full reload or a new day. */
  rows: number[] | 'all';
  /** Cells a person edited (table row, table column), when known. */
  edits: { row: number; column: number }[];
}

export interface StoreOptions {
  /** The language of texts when the Settings table sets none. */
  defaultLanguage: () => Language;
  now?: () => number;
  /** How long to wait for more edits before re-checking (ms). */
  debounceMs?: number;
}

const MS_PER_DAY = 86_400_000;
/** How long a write of the add-in's own waits for the change event it causes. */
const OWN_WRITE_MS = 10_000;

/** A cell the add-in wrote into the user's columns (a status's date), until its change event arrives. */
interface OwnWrite {
  row: number;
  column: number;
  value: Cell;
  at: number;
}
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export class PortfolioStore {
  private live: LivePortfolio | null = null;
  private read: WorkbookRead | null = null;
  /** The ownership record as last read or saved. */
  private owner: WorkbookOwnership = NO_OWNERSHIP;
  /**
   * Portfolio table columns that are the product's (by the record, not by their headers): those
   * of the plan for the table and record as the store knows them, kept by replan() alone.
   */
  private owned = new Set<number>();
  private tableNames: string[] | undefined;
  private loading: Promise<LivePortfolio> | null = null;
  private readonly listeners = new Set<(update: StoreUpdate) => void>();
  private unwatch: (() => Promise<void>)[] = [];
  /** The tables read, by Excel.Table.id: what a change event's tableId is. */
  private roleById = new Map<string, TableRole>();
  /** Tables seen in events that are none of ours (looked up once). */
  private unrelated = new Set<string>();
  /** Tables the product writes that no check reads (History): their events are its own writes. */
  private written = new Set<string>();
  private ownWrites: OwnWrite[] = [];
  /** Writes of the product's own under way (ownWrite), and the events that arrived meanwhile. */
  private writesUnderWay = 0;
  private held: (() => void)[] = [];
  /** The one start of watching under way or done: the pane and the functions may both ask. */
  private watchStart: Promise<void> | null = null;
  private pending: { rows: Set<number>; edits: { row: number; column: number }[]; reload: boolean } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private midnight: ReturnType<typeof setTimeout> | null = null;
  /** How many reads of the workbook have been made (for tests and the benchmark). */
  reads = 0;
  lastReadStats: ReadStats | null = null;
  /** The state sheet and History table as the last full read found them (src/excel/history.ts). */
  history: HistoryRead | null = null;

  constructor(
    private readonly excel: ExcelApi,
    private readonly options: StoreOptions,
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** The checked portfolio, reading the workbook once (concurrent callers share the read). */
  async load(): Promise<LivePortfolio> {
    if (this.live) return this.live;
    return this.reload();
  }

  /**
   * Read and check again (the pane's "Check portfolio" always does). The rows are checked in
   * slices that give the event loop back (src/workbook/slices.ts), and the store takes the new
   * read and portfolio together once the check is done: until then load() and the custom
   * functions answer from the previous one, and a change event sees one picture, not half of each.
   * `onCheck` gets the fraction of rows checked.
   */
  async reload(edits: StoreUpdate['edits'] = [], onCheck?: (fraction: number) => void): Promise<LivePortfolio> {
    if (this.loading) return this.loading;
    this.loading = (async () => {
      try {
        // Started before the read: the in-memory Excel answers a sync in the same task (real Excel
        // in a later one), so a long read is a slice that has run its time.
        const slices = new Slices();
        const { read, stats, ownership, history, historyRecords } = await readWorkbook(this.excel.run, this.tableNames, { history: true });
        this.reads++;
        this.lastReadStats = stats;
        this.tableNames = stats.tableNames;
        // The check measures the History its read found (the Dashboard's review times; due dates
        // and the ETA when durations.source = measured), as the command line does: what this
        // check records counts from the next one. The records are not kept after it.
        const live = await LivePortfolio.check(tablesOf(read), { defaultLanguage: this.options.defaultLanguage(), now: this.now(), history: historyRecords }, slices, onCheck);
        this.read = read;
        this.history = history;
        this.roleById = new Map((Object.keys(TABLES) as TableRole[]).filter((r) => read[r]).map((r) => [read[r]!.id, r]));
        this.unrelated.clear();
        this.owner = ownership;
        this.live = live;
        this.replan();
        this.scheduleMidnight();
        return this.live;
      } finally {
        this.loading = null;
      }
    })();
    const live = await this.loading;
    this.notify({ rows: 'all', edits });
    return live;
  }

  get portfolio(): LivePortfolio | null {
    return this.live;
  }

  get portfolioTable(): TableRead | null {
    return this.read?.portfolio ?? null;
  }

  /**
   * Cells the pane itself wrote (a status's date): the rows' data follows at once, without a
   * read and without telling listeners. Returns the rows whose result changed.
   */
  patchRows(rows: ReadonlyMap<number, readonly Cell[]>): number[] {
    if (!this.live || !this.read?.portfolio) return [];
    for (const [row, cells] of rows) this.read.portfolio.rows[row] = [...cells];
    return this.live.updateRows(rows);
  }

  /** The ownership record as last read or saved. */
  get ownership(): WorkbookOwnership {
    return this.owner;
  }

  /** Where the output columns go in the portfolio as the store knows it (null before a read). */
  outputPlan(language: 'zh-CN' | 'en'): OutputColumnPlan | null {
    const table = this.read?.portfolio;
    if (!table || !this.live) return null;
    return planFor(this.owner, { tableName: table.name, sheetName: table.sheetName }, this.live.headers, language);
  }

  /**
   * The product's columns, from the plan for the record and headers the store holds now. Which
   * columns exist does not depend on the language of those still to add, so any language does.
   */
  private replan(): void {
    const plan = this.outputPlan('zh-CN');
    this.owned = plan ? ownedColumns(plan) : new Set();
  }

  /** A table the product writes and never reads (History, by its Excel.Table.id): its events are not edits to follow. */
  noteProductTable(tableId: string): void {
    this.written.add(tableId);
  }

  /** The record was saved by another command ("Create portfolio"): the store follows. */
  noteOwnership(ownership: WorkbookOwnership): void {
    this.owner = ownership;
    this.replan();
  }

  /**
   * The pane wrote the output columns: the columns it added at the right and the record it saved
   * (which names every output column by its header). The store's picture of the table follows,
   * and its plan with it: every output column is then one the record finds, where the write put it.
   */
  noteWrite(write: { addedColumns: readonly string[]; ownership: WorkbookOwnership }): void {
    const table = this.read?.portfolio;
    if (!table || !this.live) return;
    if (write.addedColumns.length > 0) {
      table.headers.push(...write.addedColumns);
      this.live.appendColumns(write.addedColumns);
    }
    this.owner = write.ownership;
    this.replan();
  }

  subscribe(listener: (update: StoreUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(update: StoreUpdate): void {
    for (const listener of [...this.listeners]) listener(update);
  }

  // ---- keeping fresh -----------------------------------------------------------------------

  /** Listen to the tables' edits (once: concurrent and later calls share the first). */
  watch(): Promise<void> {
    this.watchStart ??= this.startWatching().catch((error) => {
      this.watchStart = null;
      throw error;
    });
    return this.watchStart;
  }

  private async startWatching(): Promise<void> {
    await this.load();
    this.unwatch.push(
      await watchTables(this.excel, {
        changed: (change) => this.afterOwnWrites(() => this.onChange(change)),
        structure: (change) => this.afterOwnWrites(() => this.onStructure(change)),
      }),
    );
  }

  async stopWatching(): Promise<void> {
    await this.watchStart?.catch(() => undefined);
    const stops = this.unwatch;
    this.unwatch = [];
    this.watchStart = null;
    // Events held during a write are not followed once the store has stopped listening.
    this.held = [];
    await Promise.all(stops.map((stop) => stop()));
  }

  get watching(): boolean {
    return this.watchStart !== null;
  }

  /**
   * A write of the product's own (the outputs, History) and what `work` tells the store of it
   * (noteWrite, noteProductTable). Excel raises change events for an add-in's own writes too, at
   * a time its docs do not give (excel-add-ins-events.md, "Event triggers"; neither
   * Excel.TableChangedEventArgs nor TableAddedEventArgs says who made a change): one may arrive
   * while `work` still awaits a later request, before the store knows the columns it added or the
   * table it made are the product's. Events are therefore held until every such write is done,
   * and judged then, whatever the machine's speed.
   */
  async ownWrite<T>(work: () => Promise<T>): Promise<T> {
    this.writesUnderWay++;
    try {
      return await work();
    } finally {
      if (--this.writesUnderWay === 0) this.releaseHeld();
    }
  }

  private afterOwnWrites(handle: () => void): void {
    if (this.writesUnderWay > 0) this.held.push(handle);
    else handle();
  }

  private releaseHeld(): void {
    const held = this.held;
    this.held = [];
    for (const handle of held) handle();
  }

  /**
   * Cells the add-in is about to write into the user's own columns (a status's date): the change
   * event each causes is the add-in's own, not an edit to follow. Call before the write's sync.
   */
  expectOwnWrites(cells: readonly { row: number; column: number; value: Cell }[]): void {
    const at = this.now();
    this.ownWrites = this.ownWrites.filter((w) => at - w.at < OWN_WRITE_MS);
    for (const cell of cells) this.ownWrites.push({ ...cell, at });
  }

  /** Is this change the echo of an own write (same cell; same value, where the event gives it)? The write is then forgotten. */
  private isOwnWrite(change: TableChange, row: number, column: number, cols: number, rows: number): boolean {
    if (rows !== 1 || cols !== 1 || change.changeType !== 'RangeEdited') return false;
    const now = this.now();
    const i = this.ownWrites.findIndex(
      (w) => w.row === row && w.column === column && now - w.at < OWN_WRITE_MS && (change.valueAfter === undefined || change.valueAfter === w.value),
    );
    if (i < 0) return false;
    this.ownWrites.splice(i, 1);
    return true;
  }

  private onChange(change: TableChange): void {
    const role = this.roleById.get(change.tableId);
    if (role === undefined) return void this.noticeTable(change.tableId);
    const table = this.read?.[role];
    if (!table || !this.live) return;
    const rect = parseAddress(change.address);
    const firstRow = rect.top - (table.headerRow + 1);
    if (role === 'portfolio') {
      const columns = Array.from({ length: rect.cols }, (_, k) => rect.left - table.firstColumn + k);
      // The product's own columns — written or added by the pane — change nothing it reads. They
      // are the ones the record names: a user's own column headed 级别 is the user's input.
      const inputs = columns.filter((c) => !this.owned.has(c));
      if (inputs.length === 0) return;
      // A date the add-in wrote: the store has its value already (patchRows).
      if (this.isOwnWrite(change, firstRow, columns[0], rect.cols, rect.rows)) return;
      const pending = this.pendingChanges();
      if (change.changeType !== 'RangeEdited' || firstRow < 0 || firstRow + rect.rows > table.rows.length) pending.reload = true;
      for (let r = Math.max(0, firstRow); r < Math.min(firstRow + rect.rows, table.rows.length); r++) {
        pending.rows.add(r);
        for (const c of inputs) pending.edits.push({ row: r, column: c });
      }
    } else {
      // Settings, holidays, materials: every row may change.
      this.pendingChanges().reload = true;
    }
    this.schedule();
  }

  /** A table was added or deleted: one of ours deleted, or one with one of our names added, means reading again. */
  private onStructure(change: TableStructureChange): void {
    if (change.kind === 'deleted') {
      if (!this.roleById.has(change.tableId)) return;
      this.tablesMoved();
      return;
    }
    void this.noticeTable(change.tableId);
  }

  /**
   * A table the store does not know (added since the last read): when its name is one of ours
   * (a Settings table made by hand, a Portfolio re-created) everything is read again; any other
   * table is remembered as not ours, until the next read (a table renamed to Settings later is
   * found by the next check, not at once).
   */
  private async noticeTable(tableId: string): Promise<void> {
    if (this.unrelated.has(tableId) || this.roleById.has(tableId) || this.written.has(tableId)) return;
    this.unrelated.add(tableId);
    const name = await tableNameById(this.excel, tableId).catch(() => null);
    if (name !== null && (roleOf(name) !== null || !this.live)) {
      this.unrelated.delete(tableId);
      this.tablesMoved();
    }
  }

  /** The workbook's tables are not those last read: find them again at the next read. */
  private tablesMoved(): void {
    this.tableNames = undefined;
    this.pendingChanges().reload = true;
    this.schedule();
  }

  private pendingChanges(): NonNullable<PortfolioStore['pending']> {
    return (this.pending ??= { rows: new Set(), edits: [], reload: false });
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.applyPending().catch((error) => {
        // No portfolio (deleted, to be made again) is a state, not a failure: the pane's next check says so.
        if (asWorkbookError(error)?.code !== 'no-portfolio') console.warn('Launch Tracker: cannot follow the edits', error);
      });
    }, this.options.debounceMs ?? 300);
  }

  /** Re-read the edited rows (one sync) and re-check what they affect. */
  async applyPending(): Promise<StoreUpdate | null> {
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (!pending) return null;
    if (pending.reload) {
      // Rows added or removed, a side table changed, or tables added or deleted: read and check everything again.
      try {
        await this.reload(pending.edits);
      } catch (error) {
        // The portfolio is gone (deleted, not yet re-created): nothing answers from the old one.
        if (asWorkbookError(error)?.code === 'no-portfolio') this.forget();
        throw error;
      }
      return { rows: 'all', edits: pending.edits };
    }
    if (!this.live || !this.read?.portfolio) return null;
    const cells = await readRows(this.excel, this.read.portfolio, [...pending.rows]);
    this.reads++;
    for (const [row, values] of cells) this.read.portfolio.rows[row] = values;
    const update: StoreUpdate = { rows: this.live.updateRows(cells), edits: pending.edits };
    this.notify(update);
    return update;
  }

  /** No portfolio any more: the next load() reads the workbook (and fails until there is one again). */
  private forget(): void {
    this.live = null;
    this.read = null;
    this.roleById.clear();
    this.notify({ rows: 'all', edits: [] });
  }

  // ---- a new day ---------------------------------------------------------------------------

  private scheduleMidnight(): void {
    if (this.midnight) clearTimeout(this.midnight);
    this.midnight = null;
    if (!this.live || this.live.settings.asOf !== null) return;
    const now = this.now();
    const nextMidnight = (Math.floor((now + SHANGHAI_OFFSET_MS) / MS_PER_DAY) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS;
    this.midnight = setTimeout(() => this.newDay(), Math.max(1000, nextMidnight - now + 1000));
    // In Node (tests, tools) a day-long timer must not keep the process alive.
    (this.midnight as { unref?: () => void }).unref?.();
  }

  /** Re-check every row for today's date (called at midnight China time). */
  newDay(): void {
    if (!this.live) return;
    const rows = this.live.setToday(todayInShanghai(this.now()));
    this.scheduleMidnight();
    if (rows.length > 0) this.notify({ rows, edits: [] });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.midnight) clearTimeout(this.midnight);
    void this.stopWatching();
  }
}

function tablesOf(read: WorkbookRead) {
  const data = (t: TableRead | null) => (t ? { headers: t.headers, rows: t.rows } : null);
  return {
    portfolio: { headers: [...read.portfolio!.headers], rows: read.portfolio!.rows.map((r) => [...r]) },
    settings: data(read.settings),
    holidays: data(read.holidays),
    materials: data(read.materials),
  };
}

/** The values of some table rows, each run of adjacent rows one range, all in one sync. */
async function readRows(excel: ExcelApi, table: TableRead, rows: number[]): Promise<Map<number, Cell[]>> {
  const runs = rowRuns(rows);
  return excel.run(async (ctx) => {
    const body = ctx.workbook.tables.getItem(table.name).getDataBodyRange();
    const ranges = runs.map(([first, count]) => ({ first, range: body.getRow(first).getResizedRange(count - 1, 0).load('values') }));
    await ctx.sync();
    const out = new Map<number, Cell[]>();
    for (const { first, range } of ranges) {
      range.values.forEach((values, k) => out.set(first + k, values.map((v) => (v === '' ? null : (v as Cell)))));
    }
    return out;
  });
}
