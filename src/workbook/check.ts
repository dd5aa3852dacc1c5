/**
 * The whole check, shared by every surface (command line, task pane, custom functions):
 * tables as plain values in, one result per table row out, plus what was wrong with the
 * workbook itself.
 */
import { Calendar } from '../rules/calendar';
import type { Day } from '../rules/dates';
import { todayInShanghai } from '../rules/dates';
import { evaluatePortfolio } from '../rules/evaluate';
import { catalogFor } from '../rules/i18n';
import { normalizeKey } from '../rules/keys';
import type { Settings } from '../rules/settings';
import type { Language, Row, RowResult } from '../rules/types';
import { HeaderMap, mapHeaders } from './columns';
import { bindColumns, isBlankRow, readRow } from './readRows';
import { Problem, readHolidays, readMaterials, readSettings, TableData } from './tables';

export interface WorkbookTables {
  portfolio: TableData;
  settings?: TableData | null;
  holidays?: TableData | null;
  materials?: TableData | null;
}

export interface CheckOptions {
  /** Overrides the Settings' asOf; defaults to today in China. */
  today?: Day;
  /** Overrides the Settings' language. */
  language?: Language;
  /** Called every `progressEvery` rows with (done, total). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
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
}

export interface PreparedPortfolio {
  rows: Row[];
  /** Table row index → position in `rows`, or -1 for blank rows. */
  positions: Int32Array;
  headerMap: HeaderMap;
}

/** Read the portfolio table into rows (blank rows skipped), reporting duplicate headers. */
export function preparePortfolio(table: TableData, usOrder: boolean): PreparedPortfolio {
  const headerMap = mapHeaders(table.headers);
  const bound = bindColumns(headerMap, table.headers);
  const rows: Row[] = [];
  const positions = new Int32Array(table.rows.length).fill(-1);
  table.rows.forEach((cells, i) => {
    if (isBlankRow(cells, bound)) return;
    positions[i] = rows.length;
    rows.push(readRow(cells, bound, i, { usOrder }));
  });
  return { rows, positions, headerMap };
}

export function checkWorkbook(tables: WorkbookTables, options: CheckOptions = {}): CheckOutcome {
  const { settings, problems } = readSettings(tables.settings ?? null);
  const language = options.language ?? settings.language;
  const usOrder = settings['dates.usOrder'];
  const holidays = readHolidays(tables.holidays ?? null, { usOrder });
  const materials = readMaterials(tables.materials ?? null);
  problems.push(...holidays.problems, ...(materials?.problems ?? []));

  const calendar = Calendar.create(holidays.overrides, language);
  const today = options.today ?? settings.asOf ?? todayInShanghai();
  const prepared = preparePortfolio(tables.portfolio, usOrder);
  for (const header of prepared.headerMap.duplicates) problems.push({ code: 'header-duplicate', table: 'Portfolio', args: { header } });
  if (materials) reportUnknownMaterialIds(materials.materials, prepared.rows, problems);

  const evaluated = evaluatePortfolio(prepared.rows, {
    settings,
    calendar,
    today,
    language,
    materials: materials?.materials ?? null,
    onProgress: options.onProgress,
    progressEvery: options.progressEvery,
  });
  const results = Array.from(prepared.positions, (p) => (p < 0 ? null : evaluated[p]));
  return { results, rows: prepared.rows, headerMap: prepared.headerMap, settings, calendar, language, today, problems };
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
