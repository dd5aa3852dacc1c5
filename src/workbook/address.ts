/** A1-style addresses, shared by the command line, the Office adapter and its fake. */

/** 0-based column index → letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Letters → 0-based column index: A → 0, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export function rectAddress(rect: Rect): string {
  const first = `${columnLetters(rect.left)}${rect.top + 1}`;
  if (rect.rows === 1 && rect.cols === 1) return first;
  return `${first}:${columnLetters(rect.left + rect.cols - 1)}${rect.top + rect.rows}`;
}

const LAST_ROW = 1_048_576;

/** "A1", "B2:D9", "Sheet!A1:B2" (the sheet part is ignored), "$A$1", whole columns "A:C". */
export function parseAddress(address: string): Rect {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const whole = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(local.trim());
  if (whole) {
    const [a, b] = [columnIndex(whole[1]), columnIndex(whole[2])];
    return { top: 0, left: Math.min(a, b), rows: LAST_ROW, cols: Math.abs(b - a) + 1 };
  }
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(local.trim());
  if (!m) throw new Error(`bad address ${address}`);
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? columnIndex(m[3]) : left;
  return { top: Math.min(top, bottom), left: Math.min(left, right), rows: Math.abs(bottom - top) + 1, cols: Math.abs(right - left) + 1 };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.cols && b.left < a.left + a.cols && a.top < b.top + b.rows && b.top < a.top + a.rows;
}
