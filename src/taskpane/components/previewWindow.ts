/**
 * The preview grid's geometry, kept out of the component so it can be tested without a browser.
 * Every row has the same height, so a row's place is its index times ROW_HEIGHT and only the rows
 * and columns in view are rendered (PreviewGrid, @tanstack/react-virtual): 100,000 rows cost what
 * 40 do. Column widths are fixed per column, estimated from the text of the sheet's first rows,
 * because a virtualized grid cannot let the browser size columns from every cell.
 */

/** One worksheet row in CSS pixels (a 20 px line and its 1 px border, rounded up: Excel's default is 20 px). */
export const ROW_HEIGHT = 22;
/** Column widths stay between these (Excel's narrowest default column is about 48 px; 16em at 12 px is 192 px). */
export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 192;
/** A cell's horizontal padding and border together. */
const CELL_CHROME = 10;
/** At fontSizeBase200 (12 px): a wide (CJK) character is about 12 px, any other about 7 px. */
const WIDE_CHARACTER = 12;
const NARROW_CHARACTER = 7;
/** At most this many cells are read to size the columns, whatever the sheet's width. */
const SAMPLE_CELLS = 20_000;
const SAMPLE_ROWS = 200;

/** Fullwidth forms, CJK ideographs and punctuation, kana, Hangul: what takes two columns of text. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** The width a text takes in a cell, in pixels (an estimate: the grid's font is not measured). */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? WIDE_CHARACTER : NARROW_CHARACTER;
  return width;
}

/** A column's width from the texts of its sampled cells: the widest, clamped. */
export function columnWidth(texts: readonly string[]): number {
  const widest = texts.reduce((max, text) => Math.max(max, textWidth(text)), 0);
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest + CELL_CHROME));
}

/** How many of the first rows are read to size the columns: 200, fewer on a very wide sheet. */
export function sampleRowCount(rows: number, columns: number): number {
  return Math.min(rows, SAMPLE_ROWS, Math.max(1, Math.floor(SAMPLE_CELLS / Math.max(1, columns))));
}

/** The row-number column: wide enough for the sheet's last row number. */
export function rowHeaderWidth(rows: number): number {
  return String(Math.max(1, rows)).length * NARROW_CHARACTER + 2 * CELL_CHROME;
}

/**
 * The indexes to render: those in view (with overscan), and the pinned ones wherever they are —
 * the cell with the keyboard focus and the one being edited must stay in the document, or focus
 * and the edit would be lost when the grid scrolls away from them. Sorted, without repeats.
 */
export function withPinned(inView: readonly number[], pinned: readonly (number | null)[], count: number): number[] {
  const all = new Set(inView);
  for (const index of pinned) if (index !== null && index >= 0 && index < count) all.add(index);
  return [...all].sort((a, b) => a - b);
}

/**
 * Whether a body row shows whole between the sticky headers (height `headerHeight`) and the
 * bottom of the scroller, scrolled to `scrollTop`; the body starts below the headers.
 */
export function rowInView(index: number, scrollTop: number, viewportHeight: number, headerHeight: number): boolean {
  const top = headerHeight + index * ROW_HEIGHT;
  return top >= scrollTop + headerHeight && top + ROW_HEIGHT <= scrollTop + viewportHeight;
}
