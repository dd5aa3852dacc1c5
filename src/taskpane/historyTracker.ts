/**
 * The pane's history: after each check that writes (the pane's check, keep-up-to-date), compare
 * the rows with the state the previous check recorded, append what changed to the History table
 * and replace the state — with the functions the command line uses (src/workbook/history.ts),
 * so that a workbook checked by both has one history.
 *
 * A full check compares every row with the state read from the workbook in the check's own read.
 * Keep-up-to-date compares only the rows it re-read: the other rows keep their recorded state
 * (a row not re-read is never taken for removed), and the state it compares with is the one the
 * pane wrote last.
 */
import { excelSerialFromInstant } from '../rules/dates';
import { normalizeKey } from '../rules/keys';
import type { Row } from '../rules/types';
import type { CheckOutcome } from '../workbook/check';
import {
  collectStates,
  CollectedStates,
  diffStates,
  encodeState,
  historyRows,
  HistorySource,
  nextState,
  PortfolioState,
  recordsToDrop,
  SINCE_KINDS,
  sinceLastCheck,
  STATE_SHEET,
} from '../workbook/history';
import { HistoryBlock, HistoryRead, HistoryWriteStats, writeHistory } from '../excel/history';
import type { ExcelRun } from '../excel/run';
import type { SinceEntry, SinceView } from './service';

export class HistoryTracker {
  /** What the workbook holds as the pane last read or wrote it. */
  private held: HistoryRead | null = null;
  /** Table row → the key its state is recorded under (to notice an ID changed by an edit). */
  private keyByRow = new Map<number, string>();
  /** The last write's figures (tests, the benchmark). */
  lastWrite: HistoryWriteStats | null = null;
  /** One write at a time: a check and an edit's re-check must not interleave their requests. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly run: ExcelRun) {}

  /** After a check of every row: `read` is what the check's read found in the workbook. */
  afterCheck(read: HistoryRead | null, outcome: CheckOutcome, source: HistorySource, now: number): Promise<SinceView | null> {
    return this.serial(async () => {
      if (read === null) return null;
      this.held = read;
      if (read.blocked) return blockedView(read.blocked);
      const collected = collectStates(outcome.rows, outcome.results);
      this.keyByRow = keysByRow(outcome.rows);
      return this.record(read.state, collected, outcome, source, now);
    });
  }

  /** After keep-up-to-date re-read and re-checked some rows: only they are compared. */
  afterEdits(rows: readonly number[], outcome: CheckOutcome, source: HistorySource, now: number): Promise<SinceView | null> {
    return this.serial(async () => {
      const held = this.held;
      if (held === null || held.blocked || held.state === null) return null;
      const collected = this.editedStates(held.state, rows, outcome);
      // An edit History does not follow (a client's name): nothing to record, the state stays.
      return this.record(held.state, collected, outcome, source, now, { skipWhenNothing: true });
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * The recorded state with the re-read rows' states in place: a row whose ID was changed or
   * erased leaves its old key (it is recorded as removed, unless another row has that ID); an ID
   * another row also has is a duplicate (not compared, as a full check would say).
   */
  private editedStates(previous: PortfolioState, rows: readonly number[], outcome: CheckOutcome): CollectedStates {
    const byIndex = new Map(outcome.rows.map((r) => [r.index, r]));
    const picked = [...new Set(rows)].filter((i) => byIndex.has(i));
    const edited = collectStates(
      picked.map((i) => byIndex.get(i)!),
      picked.map((i) => outcome.results[i]),
    );
    const count = new Map<string, number>();
    for (const row of outcome.rows) if (row.id !== null && row.id.trim() !== '') count.set(normalizeKey(row.id), (count.get(normalizeKey(row.id)) ?? 0) + 1);
    const merged = new Map(previous.rows);
    for (const i of picked) {
      const old = this.keyByRow.get(i);
      const row = byIndex.get(i)!;
      const now = row.id === null || row.id.trim() === '' ? null : normalizeKey(row.id);
      if (old !== undefined && old !== now && !count.has(old)) merged.delete(old);
      if (now === null) this.keyByRow.delete(i);
      else this.keyByRow.set(i, now);
    }
    const duplicates = new Set(edited.duplicates);
    for (const [key, state] of edited.rows) {
      if ((count.get(key) ?? 0) > 1) duplicates.add(key);
      else merged.set(key, state);
    }
    for (const key of duplicates) merged.delete(key);
    return { rows: merged, withoutId: edited.withoutId, duplicates };
  }

  private async record(
    previous: PortfolioState | null,
    collected: CollectedStates,
    outcome: CheckOutcome,
    source: HistorySource,
    now: number,
    options: { skipWhenNothing?: boolean } = {},
  ): Promise<SinceView> {
    const held = this.held!;
    const diff = diffStates(previous, collected);
    const next = nextState(previous, collected, { checkedAt: now, today: outcome.today, source });
    const when = excelSerialFromInstant(now);
    const records = historyRows(diff, previous, next, { when, source, language: outcome.language });
    if (options.skipWhenNothing && records.length === 0) return sinceView(sinceLastCheck(diff, previous, next, 0, Infinity), outcome);
    const whens = held.table?.whens ?? [];
    const drop = recordsToDrop(whens, when, records.length);
    const stateRows = encodeState(next);
    const written = await writeHistory(this.run, { read: held, stateRows, drop, records, headerLanguage: outcome.headerMap.language });
    this.lastWrite = written;
    const kept = held.table && drop < held.table.bodyRows ? whens.slice(drop) : [];
    this.held = {
      stateSheet: { rows: written.stateCells.length, columns: written.stateCells[0]?.length ?? 0, cells: written.stateCells },
      state: next,
      stateProblem: null,
      table: written.tableId !== null ? { id: written.tableId, sheetName: written.sheetName, bodyRows: kept.length + records.length, whens: [...kept, ...records.map(() => when)] } : null,
      blocked: null,
      sheetNames: [...new Set([...held.sheetNames, STATE_SHEET.toLowerCase(), written.sheetName.toLowerCase()])],
    };
    return sinceView(sinceLastCheck(diff, previous, next, records.length, Infinity), outcome);
  }
}

function keysByRow(rows: readonly Row[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const row of rows) if (row.id !== null && row.id.trim() !== '') out.set(row.index, normalizeKey(row.id));
  return out;
}

function blockedView(blocked: HistoryBlock): SinceView {
  return { previous: null, records: 0, items: [], blocked };
}

/** The since-last-check items with the table row each is about (null for a removed row) and its owner. */
function sinceView(since: ReturnType<typeof sinceLastCheck>, outcome: CheckOutcome): SinceView {
  const rowByKey = new Map<string, Row>();
  for (const row of outcome.rows) if (row.id !== null && row.id.trim() !== '') rowByKey.set(normalizeKey(row.id), row);
  const items: SinceEntry[] = [];
  for (const kind of SINCE_KINDS) {
    for (const item of since.items[kind]) {
      const row = kind === 'removed' ? undefined : rowByKey.get(normalizeKey(item.id));
      items.push({ kind, id: item.id, detail: item.detail, row: row?.index ?? null, owner: row?.owner ?? null });
    }
  }
  return { previous: since.previous, records: since.records, items, blocked: null };
}
