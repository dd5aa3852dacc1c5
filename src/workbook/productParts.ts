/**
 * The product's own tables and sheets, which are never a portfolio. When no table or sheet is
 * named as a portfolio, both surfaces take the first one whose header row has an ID column —
 * and these have one: the History table (项目编号 / ID), the state sheet (its row 2 is "id"),
 * the command line's Summary sheet and the pane's Dashboard (their lists of rows start with
 * 项目编号 / ID). One decision, so that the pane (src/excel/read.ts) and the command line
 * (src/cli/xlsx/blocks.ts) skip the same parts.
 */
import { HISTORY_TABLE, isHistoryHeader, STATE_MAGIC } from './history';
import { summaryLabels } from './summary';
import { cellText, type Cell } from './values';

/**
 * The History table: by its name (Excel table names are unique in a workbook and matched
 * case-insensitively), or by its header row under any other name.
 */
export function isProductTable(name: string, headers: readonly Cell[]): boolean {
  return name.toLowerCase() === HISTORY_TABLE.toLowerCase() || isHistoryHeader(headers);
}

const SHEET_MARKS = new Set([STATE_MAGIC, summaryLabels('zh-CN').title, summaryLabels('en').title]);

/**
 * A sheet without a table that the product wrote, by its A1: the state sheet's magic, or the
 * title the Summary sheet and the Dashboard start with (either language). By A1 rather than by
 * name: a user's own sheet called 汇总 or Dashboard is theirs.
 */
export function isProductSheet(topLeft: Cell): boolean {
  const text = cellText(topLeft);
  return text !== null && SHEET_MARKS.has(text.trim());
}
