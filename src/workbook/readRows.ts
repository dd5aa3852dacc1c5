/**
 * Table rows → rules-layer rows. Every value the vocabularies or date forms do not know
 * becomes a DATA-STATUS or DATA-DATE finding on its row; nothing throws, nothing is guessed.
 */
import type { Day } from '../rules/dates';
import { emptyRow, markAbsent, NOTHING_ABSENT, TRACKED_COLUMNS } from '../rules/row';
import { STEP_IDS } from '../rules/types';
import type { RawFinding, Row, StepId, Topic, TrackedColumn } from '../rules/types';
import { ColumnDef, HeaderMap, INPUT_COLUMNS, InputKey } from './columns';
import { Cell, cellText, DateOptions, isBlank, readDate, readNumber, readYesNo, vocabKey } from './values';
import { icpStatusVocab, kindVocab, namePathVocab, NO_VIOLATION_WORDS, stepStatusVocab, subjectVocab } from './vocab';

export interface ReadOptions extends DateOptions {}

interface Bound {
  def: ColumnDef<InputKey>;
  col: number;
  header: string;
}

/** The input columns present in a table, with their position and the header as typed. */
export function bindColumns(map: HeaderMap, headers: readonly Cell[]): Bound[] {
  const bound: Bound[] = [];
  for (const def of INPUT_COLUMNS as readonly ColumnDef<InputKey>[]) {
    const col = map.input[def.key];
    if (col !== undefined) bound.push({ def, col, header: String(headers[col] ?? def.zh) });
  }
  return bound;
}

const ABSENT = new WeakMap<readonly Bound[], ReadonlySet<TrackedColumn>>();

/**
 * The status and date columns a table does not have (one set per binding, shared by its
 * rows): a missing optional column means "unknown", which the rules tell from a blank cell.
 */
export function absentColumns(bound: readonly Bound[]): ReadonlySet<TrackedColumn> {
  let absent = ABSENT.get(bound);
  if (absent === undefined) {
    const present = new Set<string>(bound.map((b) => b.def.key));
    const missing = TRACKED_COLUMNS.filter((c) => !present.has(c));
    absent = missing.length === 0 ? NOTHING_ABSENT : new Set(missing);
    ABSENT.set(bound, absent);
  }
  return absent;
}

const NO_VIOLATION = new Set(NO_VIOLATION_WORDS.map(vocabKey));
const LIST_SEPARATORS = /[,;，；、\n\r]+/;

class RowReader {
  readonly row: Row;
  constructor(
    index: number,
    private readonly options: ReadOptions,
    absent: ReadonlySet<TrackedColumn>,
  ) {
    this.row = markAbsent(emptyRow(index), absent);
  }

  private problem(rule: 'DATA-STATUS' | 'DATA-DATE', b: Bound, value: Cell, extra: Record<string, unknown> = {}): void {
    const topic: Topic = b.def.step ?? 'row';
    const finding: RawFinding = { rule, severity: 'warning', topic, args: { header: b.header, value: displayValue(value), ...extra } };
    this.row.readFindings.push(finding);
  }

  date(b: Bound, cell: Cell): Day | null {
    const read = readDate(cell, this.options);
    if (read.ok) return read.day;
    this.problem('DATA-DATE', b, cell, { reason: read.reason });
    return null;
  }

  /** A vocabulary value; unknown words are reported and give `fallback`. */
  vocab<T>(b: Bound, cell: Cell, lookup: (text: string) => T | undefined, fallback: T): T {
    const text = cellText(cell);
    if (text === null) return fallback;
    const value = lookup(text);
    if (value !== undefined) return value;
    this.problem('DATA-STATUS', b, cell);
    return fallback;
  }

  yesNo(b: Bound, cell: Cell): boolean | null {
    const value = readYesNo(cell);
    if (value !== undefined) return value;
    this.problem('DATA-STATUS', b, cell);
    return null;
  }

  number(b: Bound, cell: Cell): number | null {
    const value = readNumber(cell);
    if (value !== undefined) return value;
    this.problem('DATA-STATUS', b, cell);
    return null;
  }

  dateList(b: Bound, cell: Cell): Day[] {
    if (typeof cell !== 'string') {
      const one = this.date(b, cell);
      return one === null ? [] : [one];
    }
    const out: Day[] = [];
    for (const part of cell.split(LIST_SEPARATORS)) {
      if (part.trim() === '') continue;
      const d = this.date(b, part);
      if (d !== null) out.push(d);
    }
    return out;
  }

  violation(b: Bound, cell: Cell): Day | 'none' | null {
    const text = typeof cell === 'string' ? cell.trim() : null;
    if (text !== null && NO_VIOLATION.has(vocabKey(text))) return 'none';
    if (typeof cell === 'boolean') return cell ? null : 'none';
    return this.date(b, cell);
  }
}

function displayValue(cell: Cell): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'Invalid Date' : cell.toISOString().slice(0, 10);
  return String(cell);
}

const unknownStep = (text: string) => stepStatusVocab.get(text);

/**
 * One table row → Row. `cells` are the row's values in table column order. The status and
 * date columns missing from `bound` are marked absent on the row (unknown, not blank).
 */
export function readRow(cells: readonly Cell[], bound: readonly Bound[], index: number, options: ReadOptions = {}): Row {
  const r = new RowReader(index, options, absentColumns(bound));
  const row = r.row;
  let hasData = false;
  for (const b of bound) {
    const cell = cells[b.col];
    if (isBlank(cell)) continue;
    if (b.def.key !== 'id') hasData = true;
    assign(r, row, b, cell);
  }
  row.hasData = hasData;
  return row;
}

function assign(r: RowReader, row: Row, b: Bound, cell: Cell): void {
  const key = b.def.key;
  switch (b.def.type) {
    case 'id':
    case 'text':
      if (key === 'icpNumber') row.icp.number = cellText(cell);
      else (row as unknown as Record<string, unknown>)[key] = cellText(cell);
      return;
    case 'kind':
      row.kind = r.vocab(b, cell, (t) => kindVocab.get(t), 'minigame');
      return;
    case 'subject':
      row.subjectType = r.vocab(b, cell, (t) => subjectVocab.get(t), null);
      return;
    case 'namePath':
      row.namePath = r.vocab(b, cell, (t) => namePathVocab.get(t), null);
      return;
    case 'status':
      row.steps[b.def.step as StepId].status = r.vocab(b, cell, unknownStep, 'unknown');
      return;
    case 'icpStatus':
      row.icp.status = r.vocab(b, cell, (t) => icpStatusVocab.get(t), 'unknown');
      return;
    case 'bool':
      (row as unknown as Record<string, unknown>)[key] = r.yesNo(b, cell);
      return;
    case 'number':
      (row as unknown as Record<string, unknown>)[key] = r.number(b, cell);
      return;
    case 'dateList':
      row.expediteDates = r.dateList(b, cell);
      return;
    case 'violation':
      row.lastViolation = r.violation(b, cell);
      return;
    case 'date':
      assignDate(row, key, r.date(b, cell));
      return;
  }
}

/** The step each step date column belongs to (`versionDate` → version), looked up, not sliced, per cell. */
const STEP_OF_DATE = new Map<string, StepId>(STEP_IDS.map((s) => [`${s}Date`, s]));

function assignDate(row: Row, key: InputKey, day: Day | null): void {
  const step = STEP_OF_DATE.get(key);
  if (step !== undefined) row.steps[step].date = day;
  else if (key === 'icpDate') row.icp.date = day;
  else (row as unknown as Record<string, unknown>)[key] = day;
}

/** Is a table row empty in every input column (and so not a portfolio row at all)? */
export function isBlankRow(cells: readonly Cell[], bound: readonly Bound[]): boolean {
  for (const b of bound) if (!isBlank(cells[b.col])) return false;
  return true;
}
