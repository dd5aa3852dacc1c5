/**
 * The smaller conversations with Excel: document settings, API requirement sets, errors the
 * user can act on, selecting a table row, and table change events.
 */
import { PaneError } from '../taskpane/service';
import { ExcelApi, officeErrorCode } from './run';

// ---- document settings (remembered in the workbook) ---------------------------------------

export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  save(): Promise<void>;
}

export function officeDocumentSettings(): DocumentSettings {
  const settings = Office.context.document.settings;
  return {
    get: (name) => settings.get(name),
    set: (name, value) => settings.set(name, value),
    save: () =>
      new Promise((resolve, reject) =>
        settings.saveAsync((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(result.error))),
      ),
  };
}

export function memoryDocumentSettings(store: Map<string, unknown>): DocumentSettings {
  return { get: (name) => store.get(name), set: (name, value) => void store.set(name, value), save: async () => undefined };
}

export const SETTING = {
  keepUpToDate: 'launchTracker.keepUpToDate',
  severityFormats: 'launchTracker.severityFormats',
} as const;

// ---- requirement sets ----------------------------------------------------------------------

/**
 * ExcelApi 1.8: data validation (the template's drop-downs); 1.7 table change events and
 * frozen panes; 1.6 conditional formats and suspended calculation; 1.5 custom XML parts (the
 * ownership record, src/excel/ownership.ts); 1.4 *OrNullObject.
 */
export const REQUIRED_EXCEL_API = '1.8';

export function checkExcelApi(isSetSupported: (name: string, version: string) => boolean): void {
  if (!isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) throw new PaneError('host-too-old', { missing: `ExcelApi ${REQUIRED_EXCEL_API}` });
}

// ---- errors --------------------------------------------------------------------------------

const BUSY: Record<string, string> = {
  InvalidOperationInCellEditMode: 'cell-edit',
  Conflict: 'conflict',
  EditConflict: 'conflict',
  AccessDenied: 'read-only',
  ActivityLimitReached: 'throttled',
  RequestAborted: 'throttled',
  ServiceNotAvailable: 'throttled',
};

/** An Office.js error as a PaneError the pane can explain; PaneErrors pass through. */
export function toPaneError(error: unknown): PaneError {
  if (error instanceof PaneError) return error;
  const code = officeErrorCode(error);
  if (BUSY[code]) return new PaneError('busy', { reason: BUSY[code], code });
  if (code === 'InsertDeleteConflict' || code === 'InvalidOperation') {
    return new PaneError('wrong-shape', { code, message: error instanceof Error ? error.message : String(error) });
  }
  return new PaneError('unexpected', { code }, error instanceof Error ? error.message : String(error));
}

// ---- selection -----------------------------------------------------------------------------

/** Select a data row of a table (and show its sheet). */
export async function selectTableRow(excel: ExcelApi, tableName: string, row: number): Promise<void> {
  await excel.run(async (ctx) => {
    const table = ctx.workbook.tables.getItem(tableName);
    table.worksheet.activate();
    table.getDataBodyRange().getRow(row).select();
    await ctx.sync();
  });
}

// ---- change events -------------------------------------------------------------------------

export interface TableChange {
  /** Worksheet-relative address, e.g. "C5:D7". */
  address: string;
  changeType: string;
  /** 'ThisLocalAddin' when the add-in's own write caused it (ExcelApi 1.14); undefined before. */
  triggerSource?: string;
}

/** Listen to a table's edits; the returned function stops listening. */
export async function watchTable(excel: ExcelApi, tableName: string, onChange: (change: TableChange) => void): Promise<() => Promise<void>> {
  const handle = await excel.run(async (ctx) => {
    const result = ctx.workbook.tables.getItem(tableName).onChanged.add(async (args: Excel.TableChangedEventArgs) => {
      onChange({ address: args.address, changeType: args.changeType, triggerSource: (args as { triggerSource?: string }).triggerSource });
    });
    await ctx.sync();
    return result;
  });
  return async () => {
    await excel.runIn(handle.context, async (ctx) => {
      handle.remove();
      await ctx.sync();
    });
  };
}
