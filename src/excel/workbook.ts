/**
 * The smaller conversations with Excel: document settings, API requirement sets, selecting a
 * table row, and table change events (errors: errors.ts).
 */
import { WorkbookError } from './errors';
import { ExcelApi, officeErrorCode } from './run';

// ---- document settings (remembered in the workbook) ---------------------------------------

/**
 * Office.context.document.settings: get/set/remove act on an in-memory copy, saveAsync writes it
 * into the document, refreshAsync reads back what the document holds
 * (https://learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings).
 */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  save(): Promise<void>;
  /** Read the settings the document holds again (refreshAsync). */
  reload(): Promise<void>;
}

export function officeDocumentSettings(): DocumentSettings {
  const settings = Office.context.document.settings;
  const done = (resolve: () => void, reject: (e: unknown) => void) => (result: Office.AsyncResult<unknown>) =>
    result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(result.error);
  return {
    get: (name) => settings.get(name),
    set: (name, value) => settings.set(name, value),
    remove: (name) => settings.remove(name),
    save: () => new Promise((resolve, reject) => settings.saveAsync(done(resolve, reject))),
    reload: () => new Promise((resolve, reject) => settings.refreshAsync(done(resolve, reject))),
  };
}

/** Settings kept in a map (preview mode, tests): the map is both the copy and the document. */
export function memoryDocumentSettings(store: Map<string, unknown>): DocumentSettings {
  return {
    get: (name) => store.get(name),
    set: (name, value) => void store.set(name, value),
    remove: (name) => void store.delete(name),
    save: async () => undefined,
    reload: async () => undefined,
  };
}

export const SETTING = {
  keepUpToDate: 'launchTracker.keepUpToDate',
  severityFormats: 'launchTracker.severityFormats',
} as const;

// ---- requirement sets ----------------------------------------------------------------------

/**
 * ExcelApi 1.8: data validation (the template's drop-downs); 1.7 table change events and
 * frozen panes; 1.6 conditional formats; 1.5 custom XML parts (the
 * ownership record, src/excel/ownership.ts); 1.4 *OrNullObject.
 */
export const REQUIRED_EXCEL_API = '1.8';

export function checkExcelApi(isSetSupported: (name: string, version: string) => boolean): void {
  if (!isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) throw new WorkbookError('host-too-old', { missing: `ExcelApi ${REQUIRED_EXCEL_API}` });
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
  /** The table's id (Excel.Table.id): the workbook-level event names the table only by it. */
  tableId: string;
  /** Worksheet-relative address, e.g. "C5:D7". */
  address: string;
  changeType: string;
  /**
   * A one-cell change: the value after it (ChangedEventDetail.valueAfter, ExcelApi 1.9; "can be
   * retrieved when the changed event is triggered on a single cell"). Undefined otherwise. No
   * table event says who made a change — Excel.TableChangedEventArgs has no triggerSource (only
   * WorksheetChangedEventArgs has one, ExcelApi 1.14) — so the store tells its own writes by
   * their cells and values (PortfolioStore.expectOwnWrites), and holds events during its other
   * writes until it knows what they wrote (PortfolioStore.ownWrite).
   */
  valueAfter?: unknown;
}

export interface TableStructureChange {
  kind: 'added' | 'deleted';
  tableId: string;
}

export interface TableWatch {
  changed(change: TableChange): void;
  /** A table was added or deleted (ExcelApi 1.9: not raised by hosts without it). */
  structure(change: TableStructureChange): void;
}

/**
 * Listen to every table of the workbook, tables added later included: one handler on
 * workbook.tables.onChanged (ExcelApi 1.7: "Occurs when data changes on any table in a
 * workbook, or a worksheet"), and on onAdded / onDeleted (ExcelApi 1.9) where the host has them.
 * The returned function stops listening.
 */
export async function watchTables(excel: ExcelApi, watch: TableWatch): Promise<() => Promise<void>> {
  const handles: OfficeExtension.EventHandlerResult<unknown>[] = [];
  handles.push(
    await excel.run(async (ctx) => {
      const result = ctx.workbook.tables.onChanged.add(async (args: Excel.TableChangedEventArgs) => {
        watch.changed({ tableId: args.tableId, address: args.address, changeType: args.changeType, valueAfter: oneCellValue(args) });
      });
      await ctx.sync();
      return result as OfficeExtension.EventHandlerResult<unknown>;
    }),
  );
  try {
    handles.push(
      ...(await excel.run(async (ctx) => {
        const tables = ctx.workbook.tables;
        const added = tables.onAdded.add(async (args: Excel.TableAddedEventArgs) => watch.structure({ kind: 'added', tableId: args.tableId }));
        const deleted = tables.onDeleted.add(async (args: Excel.TableDeletedEventArgs) => watch.structure({ kind: 'deleted', tableId: args.tableId }));
        await ctx.sync();
        return [added, deleted] as OfficeExtension.EventHandlerResult<unknown>[];
      })),
    );
  } catch (error) {
    // A host before ExcelApi 1.9: a new table is then noticed at its first edit (the store looks its name up).
    console.info('Launch Tracker: table added/deleted events are not available', officeErrorCode(error));
  }
  return async () => {
    for (const handle of handles) {
      await excel.runIn(handle.context, async (ctx) => {
        handle.remove();
        await ctx.sync();
      });
    }
  };
}

/** The value a one-cell change left, from the event's details (absent before ExcelApi 1.9 and for larger changes). */
function oneCellValue(args: Excel.TableChangedEventArgs): unknown {
  try {
    return args.details ? args.details.valueAfter : undefined;
  } catch {
    return undefined;
  }
}

/** A table's name from its id (null when it is gone). */
export async function tableNameById(excel: ExcelApi, tableId: string): Promise<string | null> {
  return excel.run(async (ctx) => {
    const table = ctx.workbook.tables.getItemOrNullObject(tableId).load('name');
    await ctx.sync();
    return table.isNullObject ? null : table.name;
  });
}
