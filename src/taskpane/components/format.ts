/** Small display helpers shared by the components: dates as YYYY-MM-DD, cell addresses. */
import { toIso, type Day } from '../../rules/dates';

/** A day as YYYY-MM-DD, or an em dash when there is none. */
export function formatDay(day: Day | null | undefined): string {
  return typeof day === 'number' && Number.isFinite(day) ? toIso(day) : '—';
}

/** A moment (ms since epoch) as local "YYYY-MM-DD HH:mm": when the outputs were written, on this machine's clock. */
export function formatMoment(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** 0 → A, 25 → Z, 26 → AA (Excel column letters). */
export function columnLetter(column: number): string {
  let n = column + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 0-based row and column → "B3". */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** Enter and Space activate a focused row, as they would a button. */
export function isActivationKey(key: string): boolean {
  return key === 'Enter' || key === ' ' || key === 'Spacebar';
}
