/**
 * What each LAUNCH.* function shows, from the rules layer's result for a row (RowResult) or
 * from the working-day calendar, and the messages of its errors — in the display language.
 * Pure: no Office, no store. Texts and dates are the ones the pane writes into the output
 * columns (src/workbook/output.ts), so a formula and the written column always agree.
 */
import type { Calendar } from '../rules/calendar';
import { Day, dayFromExcelSerial, EXCEL_MAX_SERIAL, excelSerialFromDay } from '../rules/dates';
import { catalogFor } from '../rules/i18n';
import type { Language, RowResult } from '../rules/types';
import { findingLine, serialFromIso } from '../workbook/output';
import { readDate } from '../workbook/values';

/** The row functions, by the RowResult field they show. */
export const ROW_FIELDS = ['nextStep', 'stage', 'dueDate', 'dueFor', 'eta', 'severity', 'findings', 'live', 'expedite', 'icpDeadline'] as const;
export type RowField = (typeof ROW_FIELDS)[number];

export type Value = string | number | boolean;

/** A blank-looking cell: what a row without that date or text shows (as the output columns do). */
export const BLANK = '';

/** One row function's value for a row's result. */
export function rowValue(field: RowField, result: RowResult, language: Language): Value {
  switch (field) {
    case 'nextStep':
      return result.nextStep.text;
    case 'stage':
      return result.stage.text;
    case 'dueDate':
      return serialFromIso(result.dueDate) ?? BLANK;
    case 'dueFor':
      return result.dueFor === null ? BLANK : catalogFor(language).topic[result.dueFor];
    case 'eta':
      return serialFromIso(result.eta) ?? BLANK;
    case 'severity':
      return catalogFor(language).severity[result.severity];
    case 'findings':
      return result.findings.map((f) => findingLine(f, language)).join('\n');
    case 'live':
      return result.live.eligible;
    case 'expedite':
      return result.expedite?.eligible ? result.expedite.remaining : 0;
    case 'icpDeadline':
      return serialFromIso(result.icpDeadline) ?? BLANK;
  }
}

// ---- arguments ---------------------------------------------------------------------------

/** A failed argument: the message for #VALUE!. */
export class ArgumentProblem {
  constructor(readonly message: (language: Language) => string) {}
}

/** The row key as the store compares it (cellText: a number 17 is "17"); the display form is kept for messages. */
export function keyArgument(id: unknown): string | ArgumentProblem {
  if (typeof id === 'number') {
    return Number.isFinite(id) ? String(id) : new ArgumentProblem(MESSAGES.badKey);
  }
  if (typeof id === 'string') {
    const text = id.trim();
    return text === '' ? new ArgumentProblem(MESSAGES.emptyKey) : text;
  }
  if (id === null || id === undefined) return new ArgumentProblem(MESSAGES.emptyKey);
  if (Array.isArray(id)) return new ArgumentProblem(MESSAGES.rangeKey);
  return new ArgumentProblem(MESSAGES.badKey);
}

type ArgName = 'start' | 'end' | 'date' | 'days';

const ARG_NAMES: Record<Language, Record<ArgName, string>> = {
  'zh-CN': { start: '开始日期', end: '结束日期', date: '日期', days: '天数' },
  en: { start: 'start', end: 'end', date: 'date', days: 'days' },
};

function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * A date argument: an Excel serial (a real date in a cell; the fraction, a time, is dropped as
 * WORKDAY does) or date text in the forms the workbook accepts (2026-11-21, 2026年11月21日 …).
 */
export function dateArgument(value: unknown, name: ArgName): Day | ArgumentProblem {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return new ArgumentProblem((l) => MESSAGES.missing(l, ARG_NAMES[l][name]));
  }
  if (typeof value === 'number') {
    const day = dayFromExcelSerial(value);
    if (day !== null) return day;
  } else if (typeof value === 'string') {
    const read = readDate(value);
    if (read.ok && read.day !== null) return read.day;
  }
  return new ArgumentProblem((l) => MESSAGES.notDate(l, ARG_NAMES[l][name], shown(value)));
}

/** A whole number of days (truncated toward zero, as WORKDAY does). */
export function daysArgument(value: unknown): number | ArgumentProblem {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return new ArgumentProblem((l) => MESSAGES.missing(l, ARG_NAMES[l].days));
  }
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n)) return new ArgumentProblem((l) => MESSAGES.notNumber(l, ARG_NAMES[l].days, shown(value)));
  return Math.trunc(n);
}

// ---- the helpers -------------------------------------------------------------------------

/**
 * A helper's answer: a value, a bad argument (#VALUE!, with a message) or a result outside Excel's
 * dates (#NUM!, without one: Excel shows no message with #NUM!, and its own WORKDAY gives a bare #NUM! there).
 */
export type HelperAnswer = Value | ArgumentProblem | 'out-of-range';

function serialOrRange(day: Day): number | 'out-of-range' {
  const serial = excelSerialFromDay(day);
  return serial < 1 || serial > EXCEL_MAX_SERIAL ? 'out-of-range' : serial;
}

export function workday(calendar: Calendar, start: unknown, days: unknown): HelperAnswer {
  const d = dateArgument(start, 'start');
  if (d instanceof ArgumentProblem) return d;
  const n = daysArgument(days);
  if (n instanceof ArgumentProblem) return n;
  // Every working day is at least one calendar day: past this the answer cannot be a date,
  // and the walk must not run on for a billion days.
  if (Math.abs(n) > EXCEL_MAX_SERIAL) return 'out-of-range';
  return serialOrRange(calendar.addWorkdays(d, n));
}

export function networkDays(calendar: Calendar, start: unknown, end: unknown): HelperAnswer {
  const a = dateArgument(start, 'start');
  if (a instanceof ArgumentProblem) return a;
  const b = dateArgument(end, 'end');
  if (b instanceof ArgumentProblem) return b;
  return calendar.networkDays(a, b);
}

export function isWorkday(calendar: Calendar, date: unknown): HelperAnswer {
  const d = dateArgument(date, 'date');
  if (d instanceof ArgumentProblem) return d;
  return calendar.isWorkday(d);
}

// ---- messages ----------------------------------------------------------------------------

const zh = (l: Language) => l !== 'en';

/**
 * Error messages (shown in the cell's error indicator, with #N/A and #VALUE! only: see host.ts),
 * Chinese by default, English by setting.
 */
export const MESSAGES = {
  notFound: (l: Language, id: string) => (zh(l) ? `未找到项目 ${id}` : `Project ${id} not found`),
  noPortfolio: (l: Language) =>
    zh(l)
      ? '工作簿中没有项目表：在“上线追踪”任务窗格中点击“创建项目表”，或把项目列表设为名为 Portfolio、含“项目编号”列的表格。'
      : 'This workbook has no portfolio table: in the Launch Tracker pane choose Create portfolio, or make your list a table named Portfolio with an ID (项目编号) column.',
  noKeyColumn: (l: Language, table: string) =>
    zh(l) ? `项目表 ${table} 缺少“项目编号”（ID）列：请添加或改名一列。` : `The portfolio table ${table} has no ID (项目编号) column: add or rename one.`,
  readFailed: (l: Language, detail: string) => (zh(l) ? `无法读取项目表：${detail}` : `Could not read the portfolio: ${detail}`),
  failed: (l: Language, detail: string) => (zh(l) ? `计算出错：${detail}` : `Could not compute: ${detail}`),
  emptyKey: (l: Language) => (zh(l) ? '缺少项目编号：请引用该行的项目编号单元格，如 A2。' : "No ID given: refer to the cell holding the row's ID, e.g. A2."),
  badKey: (l: Language) => (zh(l) ? '项目编号应为文本或数字。' : 'An ID is text or a number.'),
  rangeKey: (l: Language) => (zh(l) ? '请只引用一个单元格的项目编号。' : 'Refer to one cell holding an ID, not a range.'),
  missing: (l: Language, name: string) => (zh(l) ? `缺少${name}。` : `The ${name} is missing.`),
  notDate: (l: Language, name: string, value: string) => (zh(l) ? `${name}不是日期：${value}` : `The ${name} is not a date: ${value}`),
  notNumber: (l: Language, name: string, value: string) => (zh(l) ? `${name}不是数字：${value}` : `The ${name} is not a number: ${value}`),
};
