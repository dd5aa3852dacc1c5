/**
 * What the pane's list shows: the checked rows narrowed by the filters the person set (owner,
 * a severity or due tile, a search), and the counts the tiles show. Pure, so the components stay
 * presentational and the rules of the view are tested without a browser.
 *
 * With no tile and no search, the list is the day's list (the rows needing action now); a tile or
 * a search looks at every row, so "Info 412" lists the 412 info rows, and a search finds a row
 * that needs nothing today.
 */
import type { Day } from '../rules/dates';
import type { RowSeverity } from '../rules/types';
import { needsAction, TODAY_LIST_DAYS, type AttentionItem } from '../workbook/summary';

export type DueFilter = 'overdue' | 'due7';
export type Tile = RowSeverity | DueFilter;

export interface ViewFilters {
  /** Whose rows (负责人 / Owner); null: everyone's. */
  owner: string | null;
  /** A severity tile pressed, or null. */
  severity: RowSeverity | null;
  /** The overdue or due-within-7-days tile pressed, or null. */
  due: DueFilter | null;
  /** Text looked for in ID, client and name (case and full-width insensitive). */
  search: string;
}

export const NO_FILTERS: ViewFilters = { owner: null, severity: null, due: null, search: '' };

/** Does a filter other than the owner narrow the list (the list is then no longer the day's list)? */
export function looksBeyondToday(filters: ViewFilters): boolean {
  return filters.severity !== null || filters.due !== null || normalized(filters.search) !== '';
}

export function isFiltered(filters: ViewFilters): boolean {
  return filters.owner !== null || looksBeyondToday(filters);
}

/** Pressing a tile: press it, or release it when it was pressed (a severity and a due tile combine). */
export function toggleTile(filters: ViewFilters, tile: Tile): ViewFilters {
  if (tile === 'overdue' || tile === 'due7') return { ...filters, due: filters.due === tile ? null : tile };
  return { ...filters, severity: filters.severity === tile ? null : tile };
}

export function isPressed(filters: ViewFilters, tile: Tile): boolean {
  return tile === filters.due || tile === filters.severity;
}

/** NFKC folds full-width letters and digits (ｇ－０１８ typed with a Chinese IME) into ASCII. */
function normalized(text: string): string {
  return text.normalize('NFKC').trim().toLocaleLowerCase();
}

export function isOverdue(item: AttentionItem, today: Day): boolean {
  return item.due !== null && item.due < today;
}

export function isDueWithin7(item: AttentionItem, today: Day): boolean {
  return item.due !== null && item.due >= today && item.due < today + TODAY_LIST_DAYS;
}

/** Search keys are computed once per row and kept: a keystroke on 100,000 rows only compares strings. */
const searchKeys = new WeakMap<AttentionItem, string>();

function searchKey(item: AttentionItem): string {
  let key = searchKeys.get(item);
  if (key === undefined) {
    key = normalized([item.id, item.client, item.name].filter((t) => t !== null).join('\u0000'));
    searchKeys.set(item, key);
  }
  return key;
}

function matches(item: AttentionItem, filters: ViewFilters, query: string, today: Day): boolean {
  if (filters.severity !== null && item.severity !== filters.severity) return false;
  if (filters.due === 'overdue' && !isOverdue(item, today)) return false;
  if (filters.due === 'due7' && !isDueWithin7(item, today)) return false;
  return query === '' || searchKey(item).includes(query);
}

/** The owner's rows (all rows for null), in the order given. */
export function ownerRows(rows: readonly AttentionItem[], owner: string | null): readonly AttentionItem[] {
  return owner === null ? rows : rows.filter((r) => r.owner === owner);
}

/** The rows the list shows, in the order given (the day's order). `rows`: ownerRows already. */
export function visibleRows(rows: readonly AttentionItem[], filters: ViewFilters, today: Day): AttentionItem[] {
  if (!looksBeyondToday(filters)) return rows.filter((r) => needsAction(r, today));
  const query = normalized(filters.search);
  return rows.filter((r) => matches(r, filters, query, today));
}

export interface ViewCounts {
  total: number;
  bySeverity: Record<RowSeverity, number>;
  overdue: number;
  dueWithin7: number;
  /** Rows that need nothing now (not on the day's list). */
  fine: number;
}

/** What the tiles count: the owner's rows (the tiles narrow what the owner filter shows). */
export function viewCounts(rows: readonly AttentionItem[], today: Day): ViewCounts {
  const counts: ViewCounts = { total: rows.length, bySeverity: { critical: 0, error: 0, warning: 0, info: 0, ok: 0 }, overdue: 0, dueWithin7: 0, fine: 0 };
  for (const r of rows) {
    counts.bySeverity[r.severity]++;
    if (isOverdue(r, today)) counts.overdue++;
    else if (isDueWithin7(r, today)) counts.dueWithin7++;
    if (!needsAction(r, today)) counts.fine++;
  }
  return counts;
}
