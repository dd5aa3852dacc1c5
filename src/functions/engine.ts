/**
 * The LAUNCH.* functions' live side: every formula is a streaming invocation subscribed to the
 * shared runtime's PortfolioStore (one per page, shared with the task pane), answered from the
 * checked portfolio in memory.
 *
 * - One read: the first formula starts store.load(); formulas arriving while it runs wait for
 *   the same read, and every one after it is answered from memory at once. Once the portfolio
 *   is loaded the store follows the tables' edits (store.watch()), whether or not the pane's
 *   "keep up to date" is on.
 * - Cost proportional to what changed: formulas are indexed by key (normalised as the store
 *   does) and by the table row that answers them. A StoreUpdate naming rows recomputes only the
 *   formulas answered by those rows, plus those whose key one of the rows now holds (a key
 *   typed, changed or duplicated). A reload, a Settings/Holidays change or a new table shape
 *   ('all') recomputes every formula. The midnight re-check arrives as a row list like an edit.
 * - Silence: a formula calls setResult only when its value (or error) differs from the last one.
 * - Duplicate keys answer from the first row with that key, as Excel's lookups do; that row's
 *   LAUNCH.SEVERITY / LAUNCH.FINDINGS carry the DATA-ID-DUPLICATE error.
 * - Read only: nothing here writes to the workbook.
 * - Nothing throws out of here: every failure becomes an Excel error value in the cell. What the
 *   user needs to read goes with #N/A (nothing to answer from: no such key, no portfolio, a failed
 *   read) or #VALUE! (a bad argument); a helper's date outside Excel's range is #NUM! with no
 *   message, as Excel's own WORKDAY gives, because Excel shows messages with #VALUE! and #N/A only
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors; host.ts).
 */
import { Calendar } from '../rules/calendar';
import { normalizeKey } from '../rules/keys';
import type { Language } from '../rules/types';
import type { Runtime } from '../excel/runtime';
import type { StoreUpdate } from '../excel/store';
import { asWorkbookError } from '../excel/errors';
import type { LivePortfolio } from '../workbook/live';
import type { CellResult, FunctionsHost, Invocation } from './host';
import { ArgumentProblem, HelperAnswer, keyArgument, MESSAGES, RowField, rowValue } from './values';

interface RowSub {
  kind: 'row';
  field: RowField;
  /** The key as typed (for messages) and normalised (for lookups). */
  id: string;
  key: string;
  /** The table row answering it, or -1 when no row has the key. */
  row: number;
  invocation: Invocation<never>;
  last: CellResult | undefined;
  active: boolean;
}

interface CalendarSub {
  kind: 'calendar';
  compute: (calendar: Calendar) => HelperAnswer;
  invocation: Invocation<never>;
  last: CellResult | undefined;
  active: boolean;
}

type Sub = RowSub | CalendarSub;

/** Counters for tests and the benchmark. */
export interface EngineStats {
  /** Formulas currently subscribed. */
  subscriptions: number;
  /** How many times a formula's value was computed. */
  computed: number;
  /** How many times setResult was called. */
  emitted: number;
}

export interface EngineOptions {
  /** First wait before reading again after a failed read (Excel busy …); doubles up to a minute. */
  retryMs?: number;
}

const RETRY_MS = 5_000;
const RETRY_MAX_MS = 60_000;

let shippedCalendar: Calendar | null = null;
/** The shipped official calendar alone: for the helpers when the workbook has no portfolio to read. */
function shipped(): Calendar {
  return (shippedCalendar ??= Calendar.create());
}

export class FunctionsEngine {
  private readonly byKey = new Map<string, Set<RowSub>>();
  private readonly byRow = new Map<number, Set<RowSub>>();
  private readonly calendarSubs = new Set<CalendarSub>();
  /** Formulas that arrived before the portfolio was in memory. */
  private readonly waiting = new Set<Sub>();
  private unsubscribe: (() => void) | null = null;
  private loading: Promise<void> | null = null;
  private watchStarted = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  readonly stats: EngineStats = { subscriptions: 0, computed: 0, emitted: 0 };

  constructor(
    private readonly runtime: Runtime,
    private readonly host: FunctionsHost,
    private readonly options: EngineOptions = {},
  ) {
    this.retryDelay = options.retryMs ?? RETRY_MS;
  }

  private get store() {
    return this.runtime.store;
  }

  private language(): Language {
    return this.store.portfolio?.language ?? this.runtime.language;
  }

  // ---- formulas in -------------------------------------------------------------------------

  /** A row function (=LAUNCH.NEXTSTEP(A2) …): streams the field of the row whose key is `id`. */
  row(field: RowField, id: unknown, invocation: Invocation<never>): void {
    const key = keyArgument(id);
    if (key instanceof ArgumentProblem) {
      invocation.onCanceled = () => undefined;
      this.set(invocation, this.host.error('invalidValue', key.message(this.language())));
      return;
    }
    const sub: RowSub = { kind: 'row', field, id: key, key: normalizeKey(key), row: -1, invocation, last: undefined, active: true };
    addTo(this.byKey, sub.key, sub);
    this.subscribe(sub);
  }

  /** A calendar helper (=LAUNCH.WORKDAY.CN(…) …): recomputed when the workbook's Holidays change. */
  calendar(compute: (calendar: Calendar) => HelperAnswer, invocation: Invocation<never>): void {
    const sub: CalendarSub = { kind: 'calendar', compute, invocation, last: undefined, active: true };
    this.calendarSubs.add(sub);
    this.subscribe(sub);
  }

  private subscribe(sub: Sub): void {
    this.stats.subscriptions++;
    sub.invocation.onCanceled = () => this.cancel(sub);
    this.start();
    const live = this.store.portfolio;
    if (live) {
      this.answer(sub, live);
      this.follow();
    } else {
      this.waiting.add(sub);
      this.load();
    }
  }

  private cancel(sub: Sub): void {
    if (!sub.active) return;
    sub.active = false;
    this.stats.subscriptions--;
    this.waiting.delete(sub);
    if (sub.kind === 'calendar') {
      this.calendarSubs.delete(sub);
      return;
    }
    removeFrom(this.byKey, sub.key, sub);
    if (sub.row >= 0) removeFrom(this.byRow, sub.row, sub);
  }

  // ---- the store ---------------------------------------------------------------------------

  private start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.store.subscribe((update) => this.onUpdate(update));
  }

  /** Read the workbook once; formulas arriving meanwhile wait for the same read. */
  private load(): void {
    if (this.loading) return;
    this.loading = (async () => {
      try {
        await this.host.ready();
        await this.store.load();
        this.retryDelay = this.options.retryMs ?? RETRY_MS;
        // The store's 'all' update has answered them; any it could not reach are answered here.
        const live = this.store.portfolio;
        if (live) for (const sub of [...this.waiting]) this.answer(sub, live);
        this.follow();
      } catch (error) {
        this.answerFailure(error);
        this.scheduleRetry(error);
      } finally {
        this.loading = null;
      }
    })();
  }

  /**
   * A read that failed for a passing reason (Excel busy, a sync refused) is tried again later, so
   * the cells do not keep the error; a workbook without a portfolio is not polled (the pane's
   * check, or entering the formula again, reads it).
   */
  private scheduleRetry(error: unknown): void {
    if (this.retry || isNoPortfolio(error)) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(delay * 2, RETRY_MAX_MS);
    const timer = setTimeout(() => {
      this.retry = null;
      if (!this.store.portfolio && this.stats.subscriptions > 0) this.load();
    }, delay);
    (timer as { unref?: () => void }).unref?.();
    this.retry = timer;
  }

  /** Follow the tables' edits from now on (the store watches once, for the pane and the functions). */
  private follow(): void {
    if (this.watchStarted) return;
    this.watchStarted = true;
    this.store.watch().catch((error) => {
      this.watchStarted = false;
      console.warn('Launch Tracker: cannot follow the tables’ edits', error);
    });
  }

  private onUpdate(update: StoreUpdate): void {
    try {
      const live = this.store.portfolio;
      if (!live) return;
      if (update.rows === 'all') {
        this.answerAll(live);
        this.follow();
        return;
      }
      const touched = new Set<RowSub>();
      for (const r of update.rows) {
        const answered = this.byRow.get(r);
        if (answered) for (const sub of answered) touched.add(sub);
        // A key typed into (or moved to) this row: the formulas asking for it may now find it.
        const id = live.result(r)?.id;
        const asking = id == null ? undefined : this.byKey.get(normalizeKey(id));
        if (asking) for (const sub of asking) touched.add(sub);
      }
      for (const sub of touched) this.answer(sub, live);
    } catch (error) {
      console.error('Launch Tracker: updating the LAUNCH functions failed', error);
    }
  }

  private answerAll(live: LivePortfolio): void {
    for (const subs of this.byKey.values()) for (const sub of subs) this.answer(sub, live);
    for (const sub of this.calendarSubs) this.answer(sub, live);
  }

  private answerFailure(error: unknown): void {
    const language = this.language();
    const message = failureMessage(error, language);
    for (const sub of [...this.waiting]) {
      if (sub.kind === 'calendar') {
        // The helpers still answer, from the shipped calendar.
        this.answer(sub, null);
      } else {
        this.waiting.delete(sub);
        this.emit(sub, this.host.error('notAvailable', message));
      }
    }
  }

  // ---- answers -----------------------------------------------------------------------------

  private answer(sub: Sub, live: LivePortfolio | null): void {
    if (!sub.active) return;
    this.waiting.delete(sub);
    this.stats.computed++;
    let value: CellResult;
    try {
      value = sub.kind === 'row' ? this.rowAnswer(sub, live!) : this.helperAnswer(sub, live ? live.calendar : shipped());
    } catch (error) {
      value = this.host.error('notAvailable', MESSAGES.failed(this.language(), messageOf(error)));
    }
    this.emit(sub, value);
  }

  private rowAnswer(sub: RowSub, live: LivePortfolio): CellResult {
    const rows = live.rowsForKey(sub.key);
    const row = rows.length > 0 ? rows[0] : -1;
    if (row !== sub.row) {
      if (sub.row >= 0) removeFrom(this.byRow, sub.row, sub);
      if (row >= 0) addTo(this.byRow, row, sub);
      sub.row = row;
    }
    const result = row >= 0 ? live.result(row) : null;
    if (!result) return this.host.error('notAvailable', MESSAGES.notFound(live.language, sub.id));
    return rowValue(sub.field, result, live.language);
  }

  private helperAnswer(sub: CalendarSub, calendar: Calendar): CellResult {
    const answer = sub.compute(calendar);
    if (answer instanceof ArgumentProblem) return this.host.error('invalidValue', answer.message(this.language()));
    // #NUM! shows no message in Excel (see the header): none is given.
    if (answer === 'out-of-range') return this.host.error('invalidNumber');
    return answer;
  }

  private emit(sub: Sub, value: CellResult): void {
    if (sub.last !== undefined && sameResult(sub.last, value)) return;
    sub.last = value;
    this.stats.emitted++;
    this.set(sub.invocation, value);
  }

  private set(invocation: Invocation<never>, value: CellResult): void {
    try {
      invocation.setResult(value as never);
    } catch (error) {
      console.error('Launch Tracker: Excel refused a result', error);
    }
  }

  /** Stop listening (tests; a page never needs it). */
  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }
}

// ---- helpers -------------------------------------------------------------------------------

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

function sameResult(a: CellResult, b: CellResult): boolean {
  if (a instanceof Error || b instanceof Error) {
    if (!(a instanceof Error && b instanceof Error)) return false;
    return errorCode(a) === errorCode(b) && a.message === b.message;
  }
  return a === b;
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** No portfolio table, or one without a key column: the workbook has to change first. */
function isNoPortfolio(error: unknown): boolean {
  const code = asWorkbookError(error)?.code;
  return code === 'no-portfolio' || code === 'no-key-column';
}

/** Why there is no portfolio to answer from, in the display language. */
export function failureMessage(error: unknown, language: Language): string {
  const pane = asWorkbookError(error);
  if (pane?.code === 'no-portfolio') return MESSAGES.noPortfolio(language);
  if (pane?.code === 'no-key-column') return MESSAGES.noKeyColumn(language, String(pane.details?.table ?? 'Portfolio'));
  return MESSAGES.readFailed(language, messageOf(error));
}
