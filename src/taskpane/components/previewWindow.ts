/**
 * Which worksheet rows the preview grid renders. A full table element per row is slow past a few
 * hundred rows, so at most MAX_PREVIEW_ROWS are rendered: the first ones, or, when the selection
 * (e.g. after selectRow) lies further down, a window around it — always with row 0, the header.
 */
export const MAX_PREVIEW_ROWS = 200;
/** Wide sheets are cut too; the portfolio has about 50 columns. */
export const MAX_PREVIEW_COLUMNS = 80;

export function previewRows(total: number, selectedRow: number | null, max: number = MAX_PREVIEW_ROWS): number[] {
  if (total <= 0) return [];
  let start = 0;
  if (selectedRow !== null && selectedRow >= max) {
    start = Math.max(1, Math.min(selectedRow - Math.floor(max / 4), total - (max - 1)));
  }
  const rows: number[] = start > 0 ? [0] : [];
  for (let r = start; r < total && rows.length < max; r++) rows.push(r);
  return rows;
}
