/** The xlsx side of the command line: open a package, find a table, read its cells. */
import type { Cell as WorkbookCell } from '../../workbook/values';
import { isKeyHeader } from '../../workbook/columns';
import { findBlock, findBlockByHeader, readBlock } from './blocks';
import { WorkbookPackage } from './package';

export type Cell = Exclude<WorkbookCell, undefined>;

export interface TableContent {
  sheetName: string;
  /** Excel table name, or null for a plain range. */
  tableName: string | null;
  /** 1-based sheet row of the header. */
  headerRow: number;
  headers: string[];
  rows: Cell[][];
}

/**
 * The first table (or sheet) named one of `names` — else, when `byHeader`, the first whose header
 * has an ID column — read whole. For tests, the benchmark and tools; the check reads as it goes.
 */
export async function readTable(file: string, names: string[], byHeader = false): Promise<TableContent | null> {
  const pkg = await WorkbookPackage.open(file);
  try {
    const block = (await findBlock(pkg, names, isKeyHeader)) ?? (byHeader ? await findBlockByHeader(pkg, isKeyHeader) : null);
    if (!block) return null;
    const data = await readBlock(pkg, block);
    return { sheetName: block.sheet.name, tableName: block.table?.name ?? null, headerRow: block.headerRow, headers: data.headers, rows: data.rows as Cell[][] };
  } finally {
    pkg.close();
  }
}

/** Sheet names in workbook order. */
export async function sheetNames(file: string): Promise<string[]> {
  const pkg = await WorkbookPackage.open(file);
  try {
    return pkg.sheets.map((s) => s.name);
  } finally {
    pkg.close();
  }
}
