/**
 * History: what changed in each row since the previous check, shared by every surface that
 * writes (the pane's check and keep-up-to-date, the command line's copy). Pure: cells in,
 * cells out; the surfaces only move them (src/cli/xlsx/history.ts, and the add-in's adapter).
 *
 * Two things live in the workbook, so that the history travels with the file (copied, mailed,
 * opened on another machine, checked by the command line at night and in the pane by day):
 *
 * - **The state sheet** `LaunchTrackerState` (veryHidden where the surface can, else hidden):
 *   what each row looked like at the last check, as plain text cells (see encodeState). Every
 *   check compares the rows it reads with it — whoever edited them in between (a colleague in
 *   WPS or LibreOffice, a script) — and then replaces it.
 * - **The History table** (an Excel table named `History` on a sheet 变更记录 / Change history): one
 *   record per change — when (China time), ID, what, from, to, source. Only changes are
 *   recorded; a first check (no state yet) writes one baseline record, not one per row.
 *
 * Row keys are IDs as the product matches them (normalizeKey: case, width, spaces). A row
 * without an ID is not followed (nothing would find it again). An ID on more than one row
 * (DATA-ID-DUPLICATE) is not compared either: its last recorded state is kept as it was, so
 * once the ID is unique again the next check shows what changed since — as the calendar
 * export treats it.
 */
import { excelSerialFromDay, fromIso, toIso, type Day } from '../rules/dates';
import { actionText, catalogFor } from '../rules/i18n';
import { normalizeKey } from '../rules/keys';
import {
  STEP_IDS,
  SEVERITY_RANK,
  type Action,
  type IcpStatus,
  type Language,
  type Row,
  type RowResult,
  type RowSeverity,
  type StepId,
  type StepStatus,
  type Topic,
} from '../rules/types';
import { INPUT_COLUMNS, OUTPUT_COLUMNS } from './columns';
import { DISPLAY } from './vocab';
import { cellText, type Cell } from './values';

// ---- names ----------------------------------------------------------------------------------

export const STATE_SHEET = 'LaunchTrackerState';
/** A1 of the state sheet: a sheet of that name without it is not ours and is left alone. */
export const STATE_MAGIC = 'launch-tracker-state';
export const STATE_VERSION = 3;
export const HISTORY_TABLE = 'History';
/**
 * The sheet the History table is on. Not "History" in English: Excel reserves that sheet name
 * (its change-tracking log) and refuses to give it to a sheet, so the pane could not create it.
 */
export const HISTORY_SHEET: Record<Language, string> = { 'zh-CN': '变更记录', en: 'Change history' };
export const HISTORY_HEADERS: Record<Language, readonly string[]> = {
  'zh-CN': ['时间', '项目编号', '变更项', '原值', '新值', '来源'],
  en: ['When', 'ID', 'What', 'From', 'To', 'Source'],
};
/** Column widths of the History sheet, in characters. */
export const HISTORY_WIDTHS = [17, 12, 16, 28, 28, 12];

/**
 * The compaction rule: records older than HISTORY_KEEP_DAYS days are dropped at the next
 * check, and then the oldest beyond HISTORY_MAX_RECORDS. A year of daily checks of 10,000 rows
 * with 1% of them changing stays under both (npm run bench measures it).
 */
export const HISTORY_KEEP_DAYS = 400;
export const HISTORY_MAX_RECORDS = 100_000;

export type HistorySource = 'pane' | 'keepUpToDate' | 'cli';
export const SOURCE_TEXT: Record<Language, Record<HistorySource, string>> = {
  'zh-CN': { pane: '任务窗格', keepUpToDate: '自动更新', cli: '命令行' },
  en: { pane: 'pane', keepUpToDate: 'keep up to date', cli: 'command line' },
};

// ---- the state of a row --------------------------------------------------------------------

export interface StepSnapshot {
  status: StepStatus;
  date: string | null;
}

/** What a row looked like at a check: language-free codes and ISO dates. */
export interface RowState {
  /** The ID as the row wrote it (the key is its normalizeKey). */
  id: string;
  severity: RowSeverity;
  /** The next step's code, with its day and detail when it names them (so its text can be rendered again). */
  nextStep: { code: string; due: string | null; detail: 'platform' | 'authority' | null };
  due: string | null;
  dueFor: Topic | null;
  release: string | null;
  icp: IcpStatus;
  /** The date of the ICP status (备案日期), ISO: what measures the filing's reviews by their own days. */
  icpDate: string | null;
  /** Only steps with a status other than not started, or a date. */
  steps: Partial<Record<StepId, StepSnapshot>>;
  /** Rule IDs of the row's findings, sorted, each once. */
  findings: string[];
}

export interface PortfolioState {
  version: number;
  /** When the check that wrote it ran (ms since the epoch). */
  checkedAt: number;
  /** The check's "today". */
  today: string;
  source: HistorySource;
  rows: Map<string, RowState>;
}

const STATUS_COLUMNS = STEP_IDS.map((step) => `${step}Status` as const);

/**
 * The parts of a state that repeat across rows — a step's status and day, a next step, no
 * steps or findings at all — as one frozen object each: 100,000 states then hold a few
 * thousand of these instead of half a million. States are never changed in place.
 */
class SharedParts {
  private readonly snapshots = new Map<string, Map<string | null, StepSnapshot>>();
  private readonly nextSteps = new Map<string, Map<string | null, RowState['nextStep'][]>>();
  readonly noSteps: Partial<Record<StepId, StepSnapshot>> = Object.freeze({});
  readonly noFindings: string[] = Object.freeze([]) as unknown as string[];
  private size = 0;

  snapshot(status: StepStatus, date: string | null): StepSnapshot {
    let byDate = this.snapshots.get(status);
    if (byDate === undefined) this.snapshots.set(status, (byDate = new Map()));
    let kept = byDate.get(date);
    if (kept === undefined) byDate.set(date, (kept = this.made(Object.freeze({ status, date }))));
    return kept;
  }

  nextStep(code: string, due: string | null, detail: 'platform' | 'authority' | null): RowState['nextStep'] {
    let byDue = this.nextSteps.get(code);
    if (byDue === undefined) this.nextSteps.set(code, (byDue = new Map()));
    let byDetail = byDue.get(due);
    if (byDetail === undefined) byDue.set(due, (byDetail = []));
    const at = detail === null ? 0 : detail === 'platform' ? 1 : 2;
    return byDetail[at] ?? (byDetail[at] = this.made(Object.freeze({ code, due, detail })));
  }

  /** A long-lived pane checks many times: past a bound, the shared parts start again. */
  private made<T>(part: T): T {
    if (++this.size > 100_000) {
      this.snapshots.clear();
      this.nextSteps.clear();
      this.size = 0;
    }
    return part;
  }
}

const shared = new SharedParts();

export function rowState(row: Row, result: RowResult): RowState {
  let steps: Partial<Record<StepId, StepSnapshot>> | null = null;
  for (let i = 0; i < STEP_IDS.length; i++) {
    const step = STEP_IDS[i];
    const s = row.steps[step];
    // A column the table does not have is left out (it reads as unknown every time); an unreadable status is kept.
    if (s.date === null && row.absent.size > 0 && row.absent.has(STATUS_COLUMNS[i])) continue;
    if (s.status !== 'not_started' || s.date !== null) (steps ??= {})[step] = shared.snapshot(s.status, s.date === null ? null : toIso(s.date));
  }
  const a = result.nextStep;
  return {
    id: row.id!.trim(),
    severity: result.severity,
    nextStep: shared.nextStep(a.code, a.due === undefined ? null : toIso(a.due), a.detail ?? null),
    due: result.dueDate,
    dueFor: result.dueFor,
    release: row.releaseDate === null ? null : toIso(row.releaseDate),
    icp: row.icp.status,
    icpDate: row.icp.date === null ? null : toIso(row.icp.date),
    steps: steps ?? shared.noSteps,
    findings: ruleIds(result),
  };
}

/** The rules of a row's findings, sorted, each once. */
function ruleIds(result: RowResult): string[] {
  const f = result.findings;
  if (f.length === 0) return shared.noFindings;
  if (f.length === 1) return [f[0].rule];
  return [...new Set(f.map((x) => x.rule))].sort();
}

export interface CollectedStates {
  rows: Map<string, RowState>;
  /** Rows without an ID: not followed. */
  withoutId: number;
  /** Keys on more than one row: not compared, their last state kept. */
  duplicates: Set<string>;
}

/** The state of every row a check evaluated (`results` per table row, `rows` as checkWorkbook gives them). */
export function collectStates(rows: readonly Row[], results: readonly (RowResult | null)[]): CollectedStates {
  const out = new Map<string, RowState>();
  const duplicates = new Set<string>();
  let withoutId = 0;
  const byIndex: Row[] = [];
  for (const r of rows) byIndex[r.index] = r;
  for (const result of results) {
    if (result === null) continue;
    const row = byIndex[result.row];
    if (!row || row.id === null || row.id.trim() === '') {
      withoutId++;
      continue;
    }
    const key = normalizeKey(row.id);
    if (out.has(key) || duplicates.has(key)) {
      out.delete(key);
      duplicates.add(key);
      continue;
    }
    out.set(key, rowState(row, result));
  }
  return { rows: out, withoutId, duplicates };
}

/** The state a check leaves: its rows, and for a duplicated key the state it had before. */
export function nextState(previous: PortfolioState | null, collected: CollectedStates, meta: { checkedAt: number; today: Day; source: HistorySource }): PortfolioState {
  const rows = new Map(collected.rows);
  for (const key of collected.duplicates) {
    const kept = previous?.rows.get(key);
    if (kept) rows.set(key, kept);
  }
  return { version: STATE_VERSION, checkedAt: meta.checkedAt, today: toIso(meta.today), source: meta.source, rows };
}

// ---- the state sheet's cells ---------------------------------------------------------------

/**
 * The state sheet, every cell text (the adapter formats the range as text, "@", before writing,
 * so Excel does not turn "001" into 1). Format version 3, two cells a row — one cell per row
 * for its state keeps a 100,000-row sheet at about 20 MB of XML and 2 MB of the file (version
 * 1's eight cells a row made 50 MB and 4.9 MB, and as much again to read back):
 *
 *   row 1: launch-tracker-state | 3 (version) | checked at (ISO instant, UTC) | today (ISO) | source | row count
 *   row 2: id | state
 *   row 3…: one row per ID, its state as severity|nextStep|due|release|icp|steps|findings, e.g.
 *     G-017 | warning|version.await@2026-11-24|version@2026-11-24||unfiled|a2026-10-01,,,,,s2026-11-17|FLOW-SLA ICP-REQUIRED
 *     P-203 | ok|icp.await_sms||||sms_pending@2026-11-20|a2026-09-01,a2026-09-03|
 *
 * `nextStep` is code[@day][#detail]; `due` is [topic]@day; `release` a day; `icp` the ICP status
 * code[@day] (the day its 备案日期; version 2, without it, is still read, as states without ICP
 * dates); `steps` one entry per step in STEP_IDS order (register, name, category, verify,
 * qualification, version, realname, payment), comma-separated, trailing empty entries left
 * out: empty for a step not started without a date, else its status letter (STATUS_LETTERS:
 * n not started, i in progress, s submitted, a approved, r rejected, w withdrawn, x not
 * applicable, ? unknown) and its day; `findings` the rule IDs, space-separated. Days are ISO.
 *
 * Version 1 (eight cells a row: id, severity, nextStep, due, release, icp, steps as
 * step=status[@day];…, findings) is still read, so a workbook checked by an earlier build keeps
 * its history.
 */
export const STATE_COLUMNS = ['id', 'state'] as const;

export const STATUS_LETTERS: Record<StepStatus, string> = {
  not_started: 'n',
  in_progress: 'i',
  submitted: 's',
  approved: 'a',
  rejected: 'r',
  withdrawn: 'w',
  not_applicable: 'x',
  unknown: '?',
};
const STATUS_OF_LETTER = new Map(Object.entries(STATUS_LETTERS).map(([status, letter]) => [letter, status as StepStatus]));

export function encodeState(state: PortfolioState): string[][] {
  return [...stateCells(state)];
}

/** encodeState's rows one at a time, for a surface that streams them out (the command line's copy). */
export function* stateCells(state: PortfolioState): Generator<string[]> {
  yield [STATE_MAGIC, String(state.version), new Date(state.checkedAt).toISOString(), state.today, state.source, String(state.rows.size)];
  yield [...STATE_COLUMNS];
  for (const r of state.rows.values()) yield [r.id, encodeRow(r)];
}

function encodeRow(r: RowState): string {
  const a = r.nextStep;
  const next = `${a.code}${a.due !== null ? `@${a.due}` : ''}${a.detail !== null ? `#${a.detail}` : ''}`;
  // The due topic before its day, as the next step's code before its: no ">" to escape in the XML.
  const due = r.due === null ? '' : `${r.dueFor ?? ''}@${r.due}`;
  const steps = STEP_IDS.map((s) => {
    const step = r.steps[s];
    return step === undefined ? '' : `${STATUS_LETTERS[step.status] ?? step.status}${step.date ?? ''}`;
  });
  while (steps.length > 0 && steps[steps.length - 1] === '') steps.pop();
  const icp = r.icpDate === null ? r.icp : `${r.icp}@${r.icpDate}`;
  return `${r.severity}|${next}|${due}|${r.release ?? ''}|${icp}|${steps.join(',')}|${r.findings.join(' ')}`;
}

export type StateReadProblem = 'not-ours' | 'newer-version' | 'damaged';

/** A state sheet read row by row: its header first (stateReader), then each row after the column names. */
export interface StateReader {
  /** One row of cells from row 3 on. */
  add(cells: readonly Cell[]): void;
  state(): PortfolioState;
}

/** The state in a state sheet's cells (as any surface reads them: text, or numbers and dates a tool made of them). */
export function decodeState(cells: readonly (readonly Cell[])[]): { state: PortfolioState } | { problem: StateReadProblem } {
  const reader = stateReader(cells[0] ?? []);
  if ('problem' in reader) return reader;
  for (let i = 2; i < cells.length; i++) reader.add(cells[i]);
  return { state: reader.state() };
}

/**
 * The reader for a state sheet whose row 1 is `head`, or why it cannot be read. With `current`
 * (the states this check collected, by key), a row whose text is what the current state of its
 * key encodes to is that state, not decoded again: most rows do not change between two checks,
 * and the previous state then costs neither the decoding nor the memory of a second copy.
 */
export function stateReader(head: readonly Cell[], current?: ReadonlyMap<string, RowState>): StateReader | { problem: StateReadProblem } {
  if (cellText(head[0]) !== STATE_MAGIC) return { problem: 'not-ours' };
  const version = Number(cellText(head[1]));
  if (!Number.isInteger(version) || version < 1) return { problem: 'damaged' };
  if (version > STATE_VERSION) return { problem: 'newer-version' };
  const checkedAt = Date.parse(cellText(head[2]) ?? '');
  const today = isoOf(head[3]);
  const source = cellText(head[4]) as HistorySource;
  if (!Number.isFinite(checkedAt) || today === null || !(source in SOURCE_TEXT.en)) return { problem: 'damaged' };
  const rows = new Map<string, RowState>();
  const codes = new Interner();
  // Versions 2 and 3 differ only in the ICP entry's optional @day, which decodeRow reads.
  const decode = version === 1 ? decodeRowV1 : decodeRow;
  const unchanged = (cells: readonly Cell[]): boolean => {
    const id = cellText(cells[0]);
    const now = id === null ? undefined : current?.get(normalizeKey(id));
    if (now === undefined || now.id !== id || encodeRow(now) !== cellText(cells[1])) return false;
    rows.set(normalizeKey(id!), now);
    return true;
  };
  return {
    add(cells) {
      if (version === STATE_VERSION && current !== undefined && unchanged(cells)) return;
      const row = decode(cells, codes);
      if (row) rows.set(normalizeKey(row.id), row);
    },
    state: () => ({ version, checkedAt, today, source, rows }),
  };
}

/**
 * One string for each code, rule ID and day read: they repeat across rows, and a substring of
 * a row's text would keep the whole text alive for as long as the state is.
 */
class Interner {
  private readonly seen = new Map<string, string>();
  of(s: string): string {
    let kept = this.seen.get(s);
    if (kept === undefined) {
      kept = (' ' + s).slice(1);
      this.seen.set(kept, kept);
    }
    return kept;
  }
}

const SEVERITIES = new Set<string>(Object.keys(SEVERITY_RANK));
const STEP_SET = new Set<string>(STEP_IDS);
const NEXT_STEP = /^([^@#]*)(?:@([^#]*))?(?:#(.*))?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A steps entry: its status letter, then its day when it has one (the last ten characters). */
function stepEntry(entry: string): { code: string; day: string | null } {
  const at = entry.length - 10;
  if (at >= 0 && ISO_DAY.test(entry.slice(at))) return { code: entry.slice(0, at), day: entry.slice(at) };
  return { code: entry, day: null };
}

function decodeRow(cells: readonly Cell[], codes: Interner): RowState | null {
  const id = cellText(cells[0]);
  const parts = (cellText(cells[1]) ?? '').split('|');
  if (id === null || parts.length !== 7 || !SEVERITIES.has(parts[0])) return null;
  const [severity, nextStep, due, release, icp, stepList, findings] = parts;
  const steps: Partial<Record<StepId, StepSnapshot>> = {};
  const entries = stepList === '' ? [] : stepList.split(',');
  for (let i = 0; i < entries.length && i < STEP_IDS.length; i++) {
    if (entries[i] === '') continue;
    const { code, day } = stepEntry(entries[i]);
    steps[STEP_IDS[i]] = shared.snapshot(STATUS_OF_LETTER.get(code) ?? (codes.of(code) as StepStatus), day === null ? null : codes.of(day));
  }
  const at = due.indexOf('@');
  // rowOf takes the due date as version 1 wrote it: day>topic.
  const dueV1 = at < 0 ? '' : `${due.slice(at + 1)}${at > 0 ? `>${due.slice(0, at)}` : ''}`;
  // The ICP entry is code[@day] (format 3; format 2 wrote the code alone).
  const [icpCode, icpDay = null] = icp.split('@');
  return rowOf(id, severity, nextStep, dueV1, isoOf(release), icpCode, icpDay === null ? null : isoOf(icpDay), steps, findings, codes);
}

/** Version 1: id, severity, nextStep, due, release, icp, steps (step=status[@day];…), findings. */
function decodeRowV1(cells: readonly Cell[], codes: Interner): RowState | null {
  const id = cellText(cells[0]);
  const severity = cellText(cells[1]);
  if (id === null || severity === null || !SEVERITIES.has(severity)) return null;
  const steps: Partial<Record<StepId, StepSnapshot>> = {};
  for (const part of (cellText(cells[6]) ?? '').split(';')) {
    const m = /^(\w+)=(\w+)(?:@(.+))?$/.exec(part.trim());
    if (m && STEP_SET.has(m[1])) steps[m[1] as StepId] = { status: codes.of(m[2]) as StepStatus, date: m[3] === undefined ? null : codes.of(m[3]) };
  }
  const due = cellText(cells[3]) ?? '';
  // A due day a tool turned into a date has no topic left.
  const dueText = due.includes('>') ? due : (isoOf(cells[3]) ?? '');
  return rowOf(id, severity, cellText(cells[2]) ?? '', dueText, isoOf(cells[4]), cellText(cells[5]) ?? 'unfiled', null, steps, cellText(cells[7]) ?? '', codes);
}

function rowOf(
  id: string,
  severity: string,
  nextStep: string,
  due: string,
  release: string | null,
  icp: string,
  icpDate: string | null,
  steps: Partial<Record<StepId, StepSnapshot>>,
  findings: string,
  codes: Interner,
): RowState {
  const [, code = 'none', at = null, detail = null] = NEXT_STEP.exec(nextStep) ?? [];
  const [dueDay, dueFor] = due.split('>');
  return {
    id,
    severity: codes.of(severity) as RowSeverity,
    nextStep: shared.nextStep(codes.of(code), at === null ? null : codes.of(at), detail === 'platform' || detail === 'authority' ? detail : null),
    due: dueDay && isoOf(dueDay) !== null ? codes.of(isoOf(dueDay)!) : null,
    dueFor: dueFor ? (codes.of(dueFor) as Topic) : null,
    release: release === null ? null : codes.of(release),
    icp: codes.of(icp || 'unfiled') as IcpStatus,
    icpDate: icpDate === null ? null : codes.of(icpDate),
    steps,
    findings: findings === '' ? shared.noFindings : findings.split(' ').filter((f) => f !== '').map((f) => codes.of(f)),
  };
}

/** An ISO day from a cell that holds one as text, or a date a tool turned it into. */
function isoOf(cell: Cell): string | null {
  if (cell instanceof Date) return cellText(cell);
  const text = cellText(cell);
  if (text === null) return null;
  return fromIso(text.slice(0, 10)) === null ? null : text.slice(0, 10);
}

// ---- changes ---------------------------------------------------------------------------------

/**
 * One change of one row, language-free: `field` is `<step>.status`, `<step>.date`,
 * `icp.status`, `icp.date`, `release`, `severity`, `nextStep`, `due` (from/to ISO days), `finding` (a rule
 * ID raised: from null; cleared: to null) or `row` (added: from null, to the ID; removed: to null).
 */
export interface Change {
  field: string;
  from: string | null;
  to: string | null;
}

export interface RowChanges {
  key: string;
  id: string;
  changes: Change[];
}

export interface StateDiff {
  /** True when there was no state to compare with: the check records a baseline. */
  baseline: boolean;
  /** Rows with a change, in the new check's order, then removed rows. */
  rows: RowChanges[];
  /** Changes by key, for --json. */
  byKey: Map<string, Change[]>;
}

export function diffStates(previous: PortfolioState | null, collected: CollectedStates): StateDiff {
  const rows: RowChanges[] = [];
  const byKey = new Map<string, Change[]>();
  if (previous === null) return { baseline: true, rows, byKey };
  const icpDates = previous.version >= 3;
  for (const [key, now] of collected.rows) {
    const before = previous.rows.get(key);
    const changes = before === undefined ? [{ field: 'row', from: null, to: now.id }] : rowChanges(before, now, icpDates);
    byKey.set(key, changes);
    if (changes.length > 0) rows.push({ key, id: now.id, changes });
  }
  for (const [key, before] of previous.rows) {
    if (!collected.rows.has(key) && !collected.duplicates.has(key)) rows.push({ key, id: before.id, changes: [{ field: 'row', from: before.id, to: null }] });
  }
  return { baseline: false, rows, byKey };
}

const NOT_STARTED: StepSnapshot = { status: 'not_started', date: null };

/** `icpDates`: whether the earlier state recorded ICP dates (format 3 on); before, a date is not a change. */
function rowChanges(a: RowState, b: RowState, icpDates: boolean): Change[] {
  // Most rows do not change between two checks: they are told apart without allocating.
  if (sameRow(a, b, icpDates)) return [];
  const out: Change[] = [];
  const add = (field: string, from: string | null, to: string | null) => {
    if (from !== to) out.push({ field, from, to });
  };
  for (const step of STEP_IDS) {
    const x = a.steps[step] ?? NOT_STARTED;
    const y = b.steps[step] ?? NOT_STARTED;
    add(`${step}.status`, x.status, y.status);
    add(`${step}.date`, x.date, y.date);
  }
  add('icp.status', a.icp, b.icp);
  if (icpDates) add('icp.date', a.icpDate, b.icpDate);
  add('release', a.release, b.release);
  add('severity', a.severity, b.severity);
  add('nextStep', a.nextStep.code, b.nextStep.code);
  add('due', a.due, b.due);
  const before = new Set(a.findings);
  const after = new Set(b.findings);
  for (const f of b.findings) if (!before.has(f)) out.push({ field: 'finding', from: null, to: f });
  for (const f of a.findings) if (!after.has(f)) out.push({ field: 'finding', from: f, to: null });
  return out;
}

/** True when rowChanges would find nothing: every compared field equal, the findings the same list. */
function sameRow(a: RowState, b: RowState, icpDates: boolean): boolean {
  if (a.icp !== b.icp || (icpDates && a.icpDate !== b.icpDate) || a.release !== b.release || a.severity !== b.severity || a.nextStep.code !== b.nextStep.code || a.due !== b.due) return false;
  for (const step of STEP_IDS) {
    const x = a.steps[step] ?? NOT_STARTED;
    const y = b.steps[step] ?? NOT_STARTED;
    if (x.status !== y.status || x.date !== y.date) return false;
  }
  if (a.findings.length !== b.findings.length) return false;
  for (let i = 0; i < a.findings.length; i++) if (a.findings[i] !== b.findings[i]) return false;
  return true;
}

// ---- the History table's rows --------------------------------------------------------------

const STATUS_CODES: readonly StepStatus[] = ['not_started', 'in_progress', 'submitted', 'approved', 'rejected', 'withdrawn', 'not_applicable'];
const ICP_CODES: readonly IcpStatus[] = ['unfiled', 'preparing', 'platform_review', 'platform_rejected', 'sms_pending', 'authority_review', 'authority_rejected', 'filed'];

function header(key: string, language: Language): string {
  const def = [...INPUT_COLUMNS, ...OUTPUT_COLUMNS].find((c) => c.key === key)!;
  return language === 'en' ? def.en : def.zh;
}

/** What changed, as the History table's 变更项 / What column names it: the column's header. */
export function fieldText(field: string, language: Language): string {
  const en = language === 'en';
  const m = /^(\w+)\.(status|date)$/.exec(field);
  if (m && m[1] !== 'icp') return header(`${m[1]}${m[2] === 'status' ? 'Status' : 'Date'}`, language);
  switch (field) {
    case 'icp.status':
      return header('icpStatus', language);
    case 'icp.date':
      return header('icpDate', language);
    case 'release':
      return header('releaseDate', language);
    case 'severity':
      return header('severity', language);
    case 'nextStep':
      return header('nextStep', language);
    case 'due':
      return header('dueDate', language);
    case 'finding':
      return header('findings', language);
    case 'row':
      return en ? 'Row' : '项目';
    default:
      return field;
  }
}

function statusText(code: string | null, language: Language, icp: boolean): string {
  if (code === null) return '';
  const codes: readonly string[] = icp ? ICP_CODES : STATUS_CODES;
  const at = codes.indexOf(code);
  if (at >= 0) return DISPLAY[language][icp ? 'icpStatus' : 'status'][at];
  return code === 'unknown' ? (language === 'en' ? '(unknown)' : '（未知）') : code;
}

/** A change's from or to value as the History table shows it: statuses and severities in words, days as ISO text. */
function valueText(field: string, value: string | null, language: Language, state: RowState | undefined): string {
  if (value === null) return '';
  if (field.endsWith('.status')) return statusText(value, language, field === 'icp.status');
  if (field === 'severity') return catalogFor(language).severity[value as RowSeverity] ?? value;
  if (field === 'nextStep') {
    const a = state?.nextStep;
    const action: Action = { code: value, text: '', due: a && a.code === value && a.due !== null ? (fromIso(a.due) ?? undefined) : undefined, detail: a && a.code === value ? (a.detail ?? undefined) : undefined };
    return actionText(action, language);
  }
  if (field === 'due' && state && state.due === value && state.dueFor !== null) {
    const topic = catalogFor(language).topic[state.dueFor];
    return language === 'en' ? `${value} (${topic})` : `${value}（${topic}）`;
  }
  return value;
}

/**
 * The History table's new rows for one check: [when, ID, what, from, to, source]. `when` is an
 * Excel serial in China time (the surfaces give the column a date-time format); the other cells
 * are text. A baseline is one row saying how many rows it records.
 */
export function historyRows(
  diff: StateDiff,
  previous: PortfolioState | null,
  next: PortfolioState,
  meta: { when: number; source: HistorySource; language: Language },
): Cell[][] {
  const { when, language } = meta;
  const source = SOURCE_TEXT[language][meta.source];
  const en = language === 'en';
  if (diff.baseline) return [[when, null, en ? 'Baseline' : '基线', null, en ? `${next.rows.size} rows` : `${next.rows.size} 个项目`, source]];
  const out: Cell[][] = [];
  for (const r of diff.rows) {
    const before = previous?.rows.get(r.key);
    const after = next.rows.get(r.key);
    for (const c of r.changes) {
      let from = valueText(c.field, c.from, language, before);
      let to = valueText(c.field, c.to, language, after);
      if (c.field === 'row') [from, to] = c.to === null ? ['', en ? 'removed' : '已删除'] : ['', en ? 'added' : '新增'];
      out.push([when, r.id, fieldText(c.field, language), from || null, to || null, source]);
    }
  }
  return out;
}

/** Is this header row the History table's (either language)? */
export function isHistoryHeader(cells: readonly Cell[]): boolean {
  const texts = cells.slice(0, 6).map((c) => cellText(c) ?? '');
  return (Object.values(HISTORY_HEADERS) as string[][]).some((h) => h.every((t, i) => texts[i] === t));
}

/**
 * A record's time (the History table's first column) as an Excel serial, China time, or null:
 * the one reading of it for every surface. A number is Excel's serial (what Office.js gives for a
 * date-time cell, and the .xlsx reader for an unformatted one); a Date is a cell the .xlsx reader
 * read as a date (China time written as UTC, as excelSerialFromInstant computes it, so a time read
 * back is written back to the same digits); text is another tool's "yyyy-mm-dd hh:mm".
 */
export function recordTime(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.getTime() / 86_400_000 + EXCEL_EPOCH_OFFSET;
  const text = cellText(cell ?? null);
  const day = text === null ? null : fromIso(text.slice(0, 10));
  if (day === null) return null;
  const time = /(\d{1,2}):(\d{2})/.exec(text!.slice(10));
  return excelSerialFromDay(day) + (time ? (Number(time[1]) * 60 + Number(time[2])) / 1440 : 0);
}

/** Excel's serial of 1970-01-01 (the 1900 system, past its phantom leap day). */
const EXCEL_EPOCH_OFFSET = 25_569;

/**
 * How many of the oldest records to drop (records are kept in the order they were written, the
 * oldest first): those older than HISTORY_KEEP_DAYS days before `now`, then the oldest beyond
 * HISTORY_MAX_RECORDS once `adding` more are appended. `whens` are the records' Excel serials
 * (a record whose time cannot be read counts as old as its neighbour before it).
 */
export function recordsToDrop(whens: readonly (number | null)[], now: number, adding: number, limits = { keepDays: HISTORY_KEEP_DAYS, maxRecords: HISTORY_MAX_RECORDS }): number {
  const cutoff = now - limits.keepDays;
  let drop = 0;
  while (drop < whens.length && (whens[drop] === null || (whens[drop] as number) < cutoff)) drop++;
  const over = whens.length - drop + adding - limits.maxRecords;
  return Math.min(whens.length, drop + Math.max(0, over));
}

// ---- since last check ---------------------------------------------------------------------

export type SinceKind = 'overdue' | 'approved' | 'rejected' | 'severityUp' | 'severityDown' | 'released' | 'findingsRaised' | 'findingsCleared' | 'added' | 'removed';
export const SINCE_KINDS: readonly SinceKind[] = ['overdue', 'approved', 'rejected', 'severityUp', 'severityDown', 'released', 'findingsCleared', 'findingsRaised', 'added', 'removed'];

export interface SinceItem {
  id: string;
  /** What it is about: a step, a severity "warning → error", a rule ID. */
  detail: string | null;
}

export interface SinceLastCheck {
  /** Null for a first check (a baseline). */
  previous: { checkedAt: number; source: HistorySource } | null;
  /** Records appended to History. */
  records: number;
  counts: Record<SinceKind, number>;
  /** The first items of each kind (up to SINCE_ITEMS). */
  items: Record<SinceKind, SinceItem[]>;
}

export const SINCE_ITEMS = 5;

const APPROVED = new Set(['approved', 'filed']);
const REJECTED = new Set(['rejected', 'platform_rejected', 'authority_rejected']);

/** `maxItems`: how many items of each kind to keep (the pane keeps them all, to filter them by owner). */
export function sinceLastCheck(diff: StateDiff, previous: PortfolioState | null, next: PortfolioState, records: number, maxItems = SINCE_ITEMS): SinceLastCheck {
  const counts = Object.fromEntries(SINCE_KINDS.map((k) => [k, 0])) as Record<SinceKind, number>;
  const items = Object.fromEntries(SINCE_KINDS.map((k) => [k, []])) as unknown as Record<SinceKind, SinceItem[]>;
  const note = (kind: SinceKind, id: string, detail: string | null) => {
    counts[kind]++;
    if (items[kind].length < maxItems) items[kind].push({ id, detail });
  };
  if (previous === null) return { previous: null, records, counts, items };
  for (const r of diff.rows) {
    for (const c of r.changes) {
      const topic = c.field.endsWith('.status') ? c.field.slice(0, -'.status'.length) : null;
      if (topic !== null && c.to !== null && APPROVED.has(c.to)) note('approved', r.id, topic);
      if (topic !== null && c.to !== null && REJECTED.has(c.to)) note('rejected', r.id, topic);
      if (c.field === 'severity') note(SEVERITY_RANK[c.to as RowSeverity] > SEVERITY_RANK[c.from as RowSeverity] ? 'severityUp' : 'severityDown', r.id, `${c.from}>${c.to}`);
      if (c.field === 'release' && c.from === null) note('released', r.id, c.to);
      if (c.field === 'finding') note(c.to === null ? 'findingsCleared' : 'findingsRaised', r.id, c.to ?? c.from);
      if (c.field === 'row') note(c.to === null ? 'removed' : 'added', r.id, null);
    }
  }
  // Overdue is a matter of time as much as of edits: a due date passed since the last check's day.
  for (const [key, now] of next.rows) {
    if (now.due === null || now.due >= next.today) continue;
    const before = previous.rows.get(key);
    const wasOverdue = before !== undefined && before.due !== null && before.due < previous.today;
    if (!wasOverdue) note('overdue', now.id, now.due);
  }
  return { previous: { checkedAt: previous.checkedAt, source: previous.source }, records, counts, items };
}

/** China time of an instant, as `2026-11-21 15:30`. */
export function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** What each kind of change since the last check is called: the CLI's summary and the pane's section alike. */
export const SINCE_LABELS: Record<Language, Record<SinceKind, string>> = {
  'zh-CN': {
    overdue: '新超期',
    approved: '审核通过',
    rejected: '被驳回',
    severityUp: '级别升高',
    severityDown: '级别降低',
    released: '已上线',
    findingsCleared: '提醒解除',
    findingsRaised: '新提醒',
    added: '新增项目',
    removed: '删除项目',
  },
  en: {
    overdue: 'Newly overdue',
    approved: 'Approved',
    rejected: 'Rejected',
    severityUp: 'Severity rose',
    severityDown: 'Severity fell',
    released: 'Released',
    findingsCleared: 'Findings cleared',
    findingsRaised: 'Findings raised',
    added: 'Rows added',
    removed: 'Rows removed',
  },
};

function itemText(kind: SinceKind, item: SinceItem, language: Language): string {
  const cat = catalogFor(language);
  if (item.detail === null) return item.id;
  let detail = item.detail;
  if (kind === 'approved' || kind === 'rejected') detail = cat.topic[item.detail as Topic] ?? item.detail;
  if (kind === 'severityUp' || kind === 'severityDown') detail = item.detail.split('>').map((s) => cat.severity[s as RowSeverity] ?? s).join('→');
  return language === 'en' ? `${item.id} (${detail})` : `${item.id}（${detail}）`;
}

/** The summary's title line, then one line per kind that happened: its count and its first items. */
export function sinceLastCheckLines(since: SinceLastCheck, language: Language): { title: string; lines: [string, number, string][] } {
  const en = language === 'en';
  if (since.previous === null) {
    return { title: en ? 'Since last check: first check — history starts here (baseline)' : '自上次检查以来：首次检查，变更记录从此开始（基线）', lines: [] };
  }
  const when = `${chinaTime(since.previous.checkedAt)}, ${SOURCE_TEXT[language][since.previous.source]}`;
  const title = en ? `Since last check (${when}): ${since.records} changes recorded` : `自上次检查以来（${when.replace(', ', '，')}）：记录 ${since.records} 项变更`;
  const lines: [string, number, string][] = [];
  for (const kind of SINCE_KINDS) {
    const n = since.counts[kind];
    if (n === 0) continue;
    const shown = since.items[kind].map((i) => itemText(kind, i, language)).join(en ? ', ' : '、');
    lines.push([SINCE_LABELS[language][kind], n, n > since.items[kind].length ? `${shown}${en ? ', …' : '…'}` : shown]);
  }
  return { title, lines };
}
