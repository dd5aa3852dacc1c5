/**
 * Excel custom functions, namespace LAUNCH (manifest.xml: Functions.Namespace). docs/functions.md
 * describes them for users.
 *
 * This file is the metadata source: custom-functions-metadata-plugin reads the JSDoc tags below
 * and writes dist/functions.json (English); webpack.config.js then writes dist/functions-zh-cn.json
 * from it with the Chinese texts of descriptions.zh-CN.json (the manifest's zh-CN override). Each
 * function is a top-level declaration with a `@customfunction ID` tag, its parameter and result
 * types come from the TypeScript signature, and the plugin appends
 * `CustomFunctions.associate("ID", name);` for each one to this module when webpack bundles it.
 *
 * The functions are thin: the row functions and the calendar helpers stream from the shared
 * runtime's portfolio through src/functions/launch.ts (engine.ts has the design).
 *
 * Ids (= names, in every language) avoid Excel's built-in function names: "Avoid an `id` or
 * `name` that matches a built-in Excel function in any language" (Custom functions naming and
 * localization, https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-naming#localize-function-names).
 * So the China-calendar WORKDAY and NETWORKDAYS are WORKDAY.CN and NETWORKDAYS.CN, after Excel's own
 * WORKDAY.INTL / NETWORKDAYS.INTL; test/functions/builtinNames.ts keeps the list the tests check
 * every id against.
 */
/// <reference path="./customFunctionsRuntime.d.ts" />
import type { Calendar } from '../rules/calendar';
import { associate } from './host';
import { streamHelper, streamRow } from './launch';
import { HelperAnswer, isWorkday as isWorkdayOn, networkDays as networkDaysOn, RowField, workday as workdayOn } from './values';

/**
 * The target of the appended `CustomFunctions.associate(...)` lines: this module-level name
 * shadows Office's global for them, so they register through host.ts, which does nothing (and
 * throws nothing) where the global is missing — a plain browser, the functions.html harness.
 * Type references such as `CustomFunctions.StreamingInvocation` still name the type-only namespace
 * of customFunctionsRuntime.d.ts (a const has no namespace meaning).
 */
const CustomFunctions = { associate };
void CustomFunctions;

/** Replaced by webpack's DefinePlugin with package.json's version; absent under Jest/tsc. */
declare const __LAUNCH_TRACKER_VERSION__: string | undefined;

type Stream<T> = CustomFunctions.StreamingInvocation<T>;

function row<T>(field: RowField, id: unknown, invocation: Stream<T>): void {
  streamRow(field, id, invocation as unknown as Parameters<typeof streamRow>[2]);
}

function helper<T>(compute: (calendar: Calendar) => HelperAnswer, invocation: Stream<T>): void {
  streamHelper(compute, invocation as unknown as Parameters<typeof streamHelper>[1]);
}

// ---- row functions -------------------------------------------------------------------------

/**
 * The next step for the portfolio row with this ID, e.g. "Submit the ICP filing". Updates when the row changes.
 * @customfunction NEXTSTEP
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function nextStep(id: string | number, invocation: CustomFunctions.StreamingInvocation<string>): void {
  row('nextStep', id, invocation);
}

/**
 * The current stage of the portfolio row with this ID, e.g. "In review". Updates when the row changes.
 * @customfunction STAGE
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function stage(id: string | number, invocation: CustomFunctions.StreamingInvocation<string>): void {
  row('stage', id, invocation);
}

/**
 * The nearest due date of the row with this ID, as a date serial (format the cell as a date); empty when nothing is due.
 * @customfunction DUEDATE
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function dueDate(id: string | number, invocation: CustomFunctions.StreamingInvocation<number | string>): void {
  row('dueDate', id, invocation);
}

/**
 * What the row's nearest due date is for, e.g. "version review"; empty when nothing is due.
 * @customfunction DUEFOR
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function dueFor(id: string | number, invocation: CustomFunctions.StreamingInvocation<string>): void {
  row('dueFor', id, invocation);
}

/**
 * The projected release date of the row with this ID, as a date serial; empty once released.
 * @customfunction ETA
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function eta(id: string | number, invocation: CustomFunctions.StreamingInvocation<number | string>): void {
  row('eta', id, invocation);
}

/**
 * The row's severity: critical, error, warning, info or ok (in the display language).
 * @customfunction SEVERITY
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function severity(id: string | number, invocation: CustomFunctions.StreamingInvocation<string>): void {
  row('severity', id, invocation);
}

/**
 * The row's findings, one per line with its rule ID; empty when there are none.
 * @customfunction FINDINGS
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function findings(id: string | number, invocation: CustomFunctions.StreamingInvocation<string>): void {
  row('findings', id, invocation);
}

/**
 * TRUE when the row's mini-program is eligible for live streaming (小程序直播), else FALSE.
 * @customfunction LIVE
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function live(id: string | number, invocation: CustomFunctions.StreamingInvocation<boolean>): void {
  row('live', id, invocation);
}

/**
 * Expedited version reviews left this quarter for the row; 0 when it is not eligible for one.
 * @customfunction EXPEDITE
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function expedite(id: string | number, invocation: CustomFunctions.StreamingInvocation<number>): void {
  row('expedite', id, invocation);
}

/**
 * The ICP filing date that matters next for the row (deadline, SMS deadline, review due or latest safe start), as a date serial; empty when none.
 * @customfunction ICPDEADLINE
 * @streaming
 * @param id The row's ID (项目编号), e.g. A2.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function icpDeadline(id: string | number, invocation: CustomFunctions.StreamingInvocation<number | string>): void {
  row('icpDeadline', id, invocation);
}

// ---- calendar helpers ----------------------------------------------------------------------

/**
 * The date a number of China working days after (or before) a start date, like WORKDAY, with official holidays, make-up working days and the workbook's Holidays table.
 * @customfunction WORKDAY.CN
 * @streaming
 * @param start The start date (not counted).
 * @param days Working days to add; negative counts backwards.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function workdayCn(start: number | string, days: number, invocation: CustomFunctions.StreamingInvocation<number>): void {
  helper((calendar) => workdayOn(calendar, start, days), invocation);
}

/**
 * The number of China working days from a start date to an end date, both counted, like NETWORKDAYS; negative when the end is earlier.
 * @customfunction NETWORKDAYS.CN
 * @streaming
 * @param start The first date.
 * @param end The last date.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function networkDaysCn(start: number | string, end: number | string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  helper((calendar) => networkDaysOn(calendar, start, end), invocation);
}

/**
 * TRUE when the date is a China working day (a make-up working day counts, a public holiday does not), else FALSE.
 * @customfunction ISWORKDAY
 * @streaming
 * @param date The date to check.
 * @param invocation Streaming invocation (supplied by Excel).
 */
export function isWorkday(date: number | string, invocation: CustomFunctions.StreamingInvocation<boolean>): void {
  helper((calendar) => isWorkdayOn(calendar, date), invocation);
}

// ---- about the add-in ----------------------------------------------------------------------

/**
 * The version of the Launch Tracker add-in: shows that the LAUNCH functions are loaded.
 * @customfunction ADDINVERSION
 * @returns The add-in version, e.g. "0.1.0".
 */
export function addinVersion(): string {
  return typeof __LAUNCH_TRACKER_VERSION__ === 'string' ? __LAUNCH_TRACKER_VERSION__ : 'dev';
}
