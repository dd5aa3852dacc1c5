/** The check's view of a CSV portfolio: its table for the rules, where the outputs go, and the copy. */
import * as fs from 'node:fs';
import type { WorkbookTables } from '../workbook/check';
import type { OutputValue } from '../workbook/output';
import type { OutputColumnPlan } from '../workbook/ownership';
import { CsvDocument, readCsvDocument } from './csv';
import { formatCsvCopy, planCsvOutputs } from './csvCopy';

export interface CsvSource {
  kind: 'csv';
  tables: WorkbookTables;
  plan: OutputColumnPlan;
  /** Row (1-based, as a spreadsheet shows the file) of the first data row. */
  firstDataRow: number;
  doc: CsvDocument;
}

export function readCsvSource(file: string): CsvSource {
  const doc = readCsvDocument(file);
  // Without a place for a record, an earlier check is recognised by all ten output headers.
  const plan = planCsvOutputs(doc);
  return { kind: 'csv', tables: { portfolio: { headers: doc.headers, rows: doc.rows } }, plan, firstDataRow: doc.firstDataRow, doc };
}

/** The copy's bytes into `target` (a temporary file the caller renames). */
export async function writeCsvCopySource(source: CsvSource, matrix: OutputValue[][], target: string): Promise<void> {
  const { bytes } = formatCsvCopy(source.doc, matrix, source.plan);
  await fs.promises.writeFile(target, bytes);
}
