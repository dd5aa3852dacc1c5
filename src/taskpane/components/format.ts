/** Small display helpers shared by the components: dates as YYYY-MM-DD, cell addresses. */
import { toIso, type Day } from '../../rules/dates';
import { columnLetters } from '../../workbook/address';
import { chinaTime } from '../../workbook/history';

/** A day as YYYY-MM-DD, or an em dash when there is none. */
export function formatDay(day: Day | null | undefined): string {
  return typeof day === 'number' && Number.isFinite(day) ? toIso(day) : '—';
}

/**
 * A moment (ms since epoch) as "YYYY-MM-DD HH:mm" in China time, as the 检查时间 column shows it,
 * whatever the machine's own time zone.
 */
export function formatMoment(ms: number): string {
  // Past ±8.64e15 ms a Date is invalid (ECMA-262 §21.4.1.1) and chinaTime's toISOString would throw.
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 - 8 * 3_600_000 ? chinaTime(ms) : '—';
}

/** 0 → A, 25 → Z, 26 → AA (Excel column letters). */
export const columnLetter = columnLetters;

/** 0-based row and column → "B3". */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** Enter and Space activate a focused row, as they would a button. */
export function isActivationKey(key: string): boolean {
  return key === 'Enter' || key === ' ' || key === 'Spacebar';
}

/** A text cut into its YYYY-MM-DD dates and the rest, so the dates can be kept on one line. */
export function splitDates(text: string): { text: string; date: boolean }[] {
  const parts: { text: string; date: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(/\d{4}-\d{2}-\d{2}/g)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), date: false });
    parts.push({ text: m[0], date: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), date: false });
  return parts;
}
