/**
 * The adapter's own errors: what went wrong with the workbook or with Excel, by a code every
 * surface can explain (the pane as a message bar, the custom functions as #N/A with a message).
 * Office.js errors become these at the adapter's edge (toWorkbookError); nothing outside
 * src/excel needs to know Office.js's error codes.
 */
import { officeErrorCode } from './run';

export type WorkbookErrorCode =
  /** No table named Portfolio (and no sheet with an ID column). */
  | 'no-portfolio'
  /** A portfolio table without its key column: details name the headers looked for and found. */
  | 'no-key-column'
  /** The table cannot take the output columns (e.g. a cell to its right is in the way). */
  | 'wrong-shape'
  /** Adding the output columns would push cells off the sheet's right edge (NonBlankCellOffSheet). */
  | 'off-sheet'
  /** Excel on the web would move more than 33,554,000 cells to add the columns (OperationCellsExceedLimit). */
  | 'too-many-cells'
  /** Excel is in cell-edit mode, or another user's edit blocks the write: try again. */
  | 'busy'
  /** The Excel version lacks the API requirement set the product needs. */
  | 'host-too-old'
  /** Anything else, with its message. */
  | 'unexpected';

export class WorkbookError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    /** Facts for the message: e.g. { looked: ['项目编号', 'ID'], found: ['客户'] } or { address: 'Sheet1!BX2' }. */
    readonly details: Record<string, unknown> = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'WorkbookError';
  }
}

/** By name as well as by class: a WorkbookError from another bundle's copy of this module is one too. */
export function asWorkbookError(error: unknown): WorkbookError | null {
  if (error instanceof WorkbookError) return error;
  return error instanceof Error && error.name === 'WorkbookError' && typeof (error as WorkbookError).code === 'string' ? (error as WorkbookError) : null;
}

const BUSY: Record<string, string> = {
  InvalidOperationInCellEditMode: 'cell-edit',
  Conflict: 'conflict',
  EditConflict: 'conflict',
  AccessDenied: 'read-only',
  ActivityLimitReached: 'throttled',
  RequestAborted: 'throttled',
  ServiceNotAvailable: 'throttled',
};

/** An Office.js error as a WorkbookError; WorkbookErrors pass through. */
export function toWorkbookError(error: unknown): WorkbookError {
  const known = asWorkbookError(error);
  if (known) return known;
  const code = officeErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (BUSY[code]) return new WorkbookError('busy', { reason: BUSY[code], code });
  if (code === 'NonBlankCellOffSheet') return new WorkbookError('off-sheet', { code });
  if (code === 'OperationCellsExceedLimit') return new WorkbookError('too-many-cells', { code });
  if (code === 'InsertDeleteConflict' || code === 'InvalidOperation') return new WorkbookError('wrong-shape', { code, message });
  return new WorkbookError('unexpected', { code }, message);
}
