/**
 * An in-memory workbook: sheets of cells, tables, formats, validations, conditional
 * formats, charts, selection, document settings and custom XML parts. The fake Excel API
 * (api.ts) acts on it exactly as Office.js acts on a real workbook; preview mode shows it,
 * and tests inspect it.
 */
import { SaxesParser } from 'saxes';
import { recalculate } from './calc';

export type CellValue = string | number | boolean;

export interface CellData {
  /** For a formula cell: its last calculated value (what Range.values reads). */
  value: CellValue;
  /** A user's formula (=COUNTIF(…)); see calc.ts for what the fake evaluates. */
  formula?: string;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  wrap?: boolean;
}

import type { Rect } from '../../workbook/address';

export type { Rect };

export interface ConditionalFormatData {
  rect: Rect;
  type: string;
  text?: string;
  operator?: string;
  fill?: string;
}

export interface ValidationData {
  rect: Rect;
  list: string;
}

export interface ChartData {
  type: string;
  source: Rect;
  title: string;
}

export class SheetModel {
  readonly cells = new Map<number, Map<number, CellData>>();
  readonly columnWidths = new Map<number, number>();
  readonly conditionalFormats: ConditionalFormatData[] = [];
  readonly validations: ValidationData[] = [];
  readonly charts: ChartData[] = [];
  frozen: { rows: number; cols: number } = { rows: 0, cols: 0 };
  /**
   * Worksheet.visibility (Excel.SheetVisibility: Visible, Hidden, VeryHidden; ExcelApi 1.1 to read,
   * 1.2 to set). A very hidden sheet is shown by no menu (Unhide does not list it): preview mode
   * shows no tab for a hidden sheet either.
   */
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';

  constructor(
    public name: string,
    readonly id: string,
  ) {}

  cell(row: number, col: number): CellData | undefined {
    return this.cells.get(row)?.get(col);
  }

  value(row: number, col: number): CellValue {
    return this.cell(row, col)?.value ?? '';
  }

  /** The cell record, created when missing (for writes). */
  ensure(row: number, col: number): CellData {
    let line = this.cells.get(row);
    if (!line) this.cells.set(row, (line = new Map()));
    let cell = line.get(col);
    if (!cell) line.set(col, (cell = { value: '' }));
    return cell;
  }

  /** Bottom-right of what holds a value or fill, or null when empty: preview mode's grid size (not Office.js; the API's used range is usedRange). */
  usedExtent(): { rows: number; cols: number } | null {
    // Walked at every preview redraw (5 million cells at 100,000 rows): forEach, no entry arrays.
    let rows = 0;
    let cols = 0;
    this.cells.forEach((line, r) => {
      let used = false;
      line.forEach((cell, c) => {
        if (cell.value === '' && !cell.fill) return;
        used = true;
        if (c >= cols) cols = c + 1;
      });
      if (used && r >= rows) rows = r + 1;
    });
    return rows === 0 ? null : { rows, cols };
  }

  /**
   * Worksheet.getUsedRange(valuesOnly): "the smallest range that encompasses any cells that have
   * a value or formatting assigned to them"; valuesOnly: "considers only cells with values as used
   * cells (ignoring formatting)" (learn.microsoft.com/javascript/api/excel/excel.worksheet). It
   * starts at the first used row and column, not at A1. A formula counts as a value; the
   * formatting the fake keeps is a number format, fill, bold and wrap. Null when nothing is used.
   */
  usedRange(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    this.cells.forEach((line, r) => {
      line.forEach((cell, c) => {
        const hasValue = cell.value !== '' || cell.formula !== undefined;
        const formatted = cell.numberFormat !== undefined || !!cell.fill || !!cell.bold || cell.wrap !== undefined;
        if (!hasValue && (valuesOnly || !formatted)) return;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      });
    });
    return bottom < 0 ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  /**
   * Move the cells of columns [left, left+cols) from row `from` on by `by` rows (down when
   * positive); with `by` negative the rows [from+by, from) are overwritten (deleted).
   */
  shiftRows(from: number, left: number, cols: number, by: number): void {
    const rows = [...this.cells.keys()].filter((r) => r >= (by < 0 ? from + by : from)).sort((a, b) => (by > 0 ? b - a : a - b));
    for (const r of rows) {
      const line = this.cells.get(r)!;
      for (let c = left; c < left + cols; c++) {
        const cell = line.get(c);
        line.delete(c);
        if (cell && r >= from) {
          let target = this.cells.get(r + by);
          if (!target) this.cells.set(r + by, (target = new Map()));
          target.set(c, cell);
        }
      }
    }
  }

  /** Move the cells of rows [top, top+rows) from column `from` on, `by` columns to the right. */
  shiftRight(top: number, rows: number, from: number, by: number): void {
    for (let r = top; r < top + rows; r++) {
      const line = this.cells.get(r);
      // Most rows have nothing right of a table that grows (a check adds its ten columns one by
      // one to every row): no arrays made for them.
      if (!line || !hasColumnFrom(line, from)) continue;
      const moved = [...line.entries()].filter(([c]) => c >= from).sort((a, b) => b[0] - a[0]);
      for (const [c, cell] of moved) {
        line.delete(c);
        line.set(c + by, cell);
      }
    }
  }
}

function hasColumnFrom(line: Map<number, unknown>, from: number): boolean {
  for (const c of line.keys()) if (c >= from) return true;
  return false;
}

export class TableModel {
  constructor(
    public name: string,
    readonly id: string,
    public sheet: SheetModel,
    /** 0-based worksheet row of the header. */
    public top: number,
    public left: number,
    public width: number,
    /** Data rows (at least 1, as in Excel). */
    public height: number,
    public style = 'TableStyleMedium2',
  ) {}

  headers(): string[] {
    const out: string[] = [];
    for (let c = 0; c < this.width; c++) out.push(String(this.sheet.value(this.top, this.left + c)));
    return out;
  }

  get rect(): Rect {
    return { top: this.top, left: this.left, rows: this.height + 1, cols: this.width };
  }

  get bodyRect(): Rect {
    return { top: this.top + 1, left: this.left, rows: this.height, cols: this.width };
  }
}

export interface TableChange {
  table: TableModel;
  rect: Rect;
  changeType: 'RangeEdited' | 'RowInserted' | 'RowDeleted' | 'ColumnInserted';
  source: 'Local' | 'Remote';
  /**
   * A change of one cell: its value before and after. Excel.TableChangedEventArgs.details
   * (ExcelApi 1.9): "This property can be retrieved when the changed event is triggered on a
   * single cell. If the changed event is triggered on multiple cells, this property cannot be
   * retrieved." Nothing in a table change says who made it: the event has no triggerSource
   * (only Excel.WorksheetChangedEventArgs has one, ExcelApi 1.14), so neither has the fake.
   */
  single?: { before: CellValue; after: CellValue };
}

/** A table added to or deleted from the workbook (Excel.TableCollection.onAdded / onDeleted, ExcelApi 1.9). */
export type TableStructureChange = { kind: 'added'; table: TableModel } | { kind: 'deleted'; table: TableModel };

export type Platform = 'desktop' | 'web';

/**
 * A custom XML part (Office.js Excel.CustomXmlPart, ExcelApi 1.5): the part's ID, its whole
 * XML text, and the namespace it is filed under.
 */
export interface CustomXmlPartData {
  readonly id: string;
  xml: string;
  /**
   * The namespace of the root element, or '' when it has none. Documented: "CustomXMLPart.namespaceUri
   * is only populated if the top-level custom XML element contains the xmlns attribute"
   * (office-js-docs-pr, docs/develop/persisting-add-in-state-and-settings.md, "Custom XML data in
   * Excel and Word"). The docs speak of the xmlns attribute only; a prefixed root
   * (<a:root xmlns:a="…">) is taken here to be in its prefix's namespace, as XML has it.
   */
  namespaceUri: string;
}

/**
 * The root element's namespace of a custom XML part, or null when the text is not well-formed
 * XML (with namespaces: an unbound prefix is an error too). Excel's reference says add()'s xml
 * "Must be a valid XML fragment" (Excel.CustomXmlPartCollection.add); what Excel does otherwise is
 * not documented, and the fake refuses it (see api.ts).
 */
export function customXmlNamespace(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let root: string | null = null;
  parser.on('opentag', (tag) => {
    if (root === null) root = tag.uri ?? '';
  });
  try {
    parser.write(xml).close();
  } catch {
    return null;
  }
  return root;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
}

/** Excel on the web refuses requests and responses over 5 MB. */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly settings = new Map<string, unknown>();
  /** Workbook.customXmlParts, in the order they were added. */
  readonly customXmlParts: CustomXmlPartData[] = [];
  activeSheet: SheetModel | null = null;
  selection: { sheet: SheetModel; rect: Rect } | null = null;
  readonly syncs: SyncRecord[] = [];
  /** Excel.CalculationMode: automatic recalculates after each request that changed cells (calc.ts). */
  calculationMode: 'automatic' | 'manual' = 'automatic';
  /**
   * Excel on the web's request and response limit: "a payload size limit for requests and
   * responses of 5MB" (resource-limits-and-performance-optimization.md, "Excel add-ins"). Tests
   * lower it to stand for a request whose envelope Excel counts larger than the adapter guessed.
   */
  payloadLimit = WEB_PAYLOAD_LIMIT;
  /** Custom functions the fake's formulas can call, by upper-case name (LAUNCH.ADDINVERSION): see calc.ts. */
  readonly customFunctions = new Map<string, (args: CellValue[]) => CellValue | Promise<CellValue>>();
  /** How many times the formulas were recalculated (tests, the benchmark). */
  recalculations = 0;
  private nextId = 1;
  private readonly changeListeners = new Set<(change: TableChange) => void>();
  private readonly structureListeners = new Set<(change: TableStructureChange) => void>();
  private readonly viewListeners = new Set<() => void>();

  constructor(readonly platform: Platform = 'desktop') {}

  newId(prefix: string): string {
    return `{${prefix}-${this.nextId++}}`;
  }

  addSheet(name: string): SheetModel {
    if (this.sheet(name)) throw new Error(`a sheet named ${name} exists`);
    const sheet = new SheetModel(name, this.newId('sheet'));
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  /**
   * A custom XML part, as a file opened in Excel holds it (tests and examples put records in
   * place this way); throws when the XML is not well-formed. IDs look like GUIDs, numbered so that
   * tests read the same every run. That IDs are GUIDs is said of the Common API, not of
   * Excel.CustomXmlPart (whose id is only "The custom XML part's ID"): "the ID is a GUID that is
   * generated when the XML part is created" is in persisting-add-in-state-and-settings.md, "How to
   * save custom XML to the document", on Office.CustomXmlParts.getByIdAsync. That section also says
   * "there must be an xmlns attribute in the XML string" (addAsync); Excel's
   * CustomXmlPartCollection.add asks only that the xml "Must be a valid XML fragment", and the fake
   * takes a part without a namespace (namespaceUri '').
   */
  addCustomXmlPart(xml: string): CustomXmlPartData {
    const namespaceUri = customXmlNamespace(xml);
    if (namespaceUri === null) throw new Error('not well-formed XML');
    const n = this.nextId++;
    const part = { id: `{00000000-0000-4000-8000-${n.toString(16).toUpperCase().padStart(12, '0')}}`, xml, namespaceUri };
    this.customXmlParts.push(part);
    return part;
  }

  sheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  table(name: string): TableModel | undefined {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower);
  }

  tableAt(sheet: SheetModel, row: number, col: number): TableModel | undefined {
    return this.tables.find((t) => t.sheet === sheet && row >= t.top && row <= t.top + t.height && col >= t.left && col < t.left + t.width);
  }

  /** A sheet gone with its tables (Worksheet.delete(), excel.worksheet); which sheet is active next the reference does not say (the fake: the first). */
  deleteSheet(sheet: SheetModel): void {
    const i = this.sheets.indexOf(sheet);
    if (i < 0) return;
    this.sheets.splice(i, 1);
    for (let k = this.tables.length - 1; k >= 0; k--) if (this.tables[k].sheet === sheet) this.tables.splice(k, 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0] ?? null;
    if (this.selection?.sheet === sheet) this.selection = null;
  }

  // ---- events -------------------------------------------------------------------------------

  onTableChange(listener: (change: TableChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Tell table listeners now. */
  emitChange(change: TableChange): void {
    for (const listener of [...this.changeListeners]) listener(change);
  }

  /**
   * Tell the listeners registered now, in a task after the request that caused the changes;
   * the promise settles once they were told. Excel raises events for an add-in's own changes
   * too: "Events within an Excel workbook can be triggered by: … Office Add-in (JavaScript) code
   * that changes the workbook" (excel-add-ins-events.md, "Event triggers"), and only to handlers
   * that existed when the change happened. When they reach the handlers, relative to the
   * context.sync() that made the change resolving, the docs do not say: the fake's sync waits
   * for them (api.ts), so an add-in always hears of its own change before the code after its
   * sync runs — the earliest Excel could tell it, the same on a fast machine and a slow one.
   */
  emitChangesLater(changes: readonly TableChange[]): Promise<void> {
    const listeners = [...this.changeListeners];
    return later(() => changes.forEach((change) => listeners.forEach((listener) => listener(change))));
  }

  onTableStructure(listener: (change: TableStructureChange) => void): () => void {
    this.structureListeners.add(listener);
    return () => this.structureListeners.delete(listener);
  }

  /** Tell the structure listeners registered now, after the request (as emitChangesLater). */
  emitStructureLater(changes: readonly TableStructureChange[]): Promise<void> {
    const listeners = [...this.structureListeners];
    return later(() => changes.forEach((change) => listeners.forEach((listener) => listener(change))));
  }

  /** Preview mode redraws on every change. */
  onView(listener: () => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  notifyView(): void {
    for (const listener of [...this.viewListeners]) listener();
  }

  // ---- what a person does ------------------------------------------------------------------

  /** A person types into a cell: a number stays a number, anything else is text. */
  userEdit(sheet: SheetModel, row: number, col: number, text: string): void {
    const trimmed = text.trim();
    const asNumber = trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null;
    const before = sheet.value(row, col);
    const after = asNumber ?? text;
    const cell = sheet.ensure(row, col);
    cell.value = after;
    delete cell.formula;
    if (this.calculationMode === 'automatic') recalculate(this);
    const table = this.tableAt(sheet, row, col);
    if (table) this.emitChange({ table, rect: { top: row, left: col, rows: 1, cols: 1 }, changeType: 'RangeEdited', source: 'Local', single: { before, after } });
    this.notifyView();
  }

  /** A person types a formula; it is calculated at once (in automatic mode). */
  userFormula(sheet: SheetModel, row: number, col: number, formula: string): void {
    sheet.ensure(row, col).formula = formula;
    if (this.calculationMode === 'automatic') recalculate(this);
    this.notifyView();
  }

  /** A person makes a table of a range (Insert › Table), header row first. */
  userAddTable(sheet: SheetModel, name: string, rect: Rect): TableModel {
    if (this.table(name)) throw new Error(`a table named ${name} exists`);
    const table = new TableModel(name, this.newId('table'), sheet, rect.top, rect.left, rect.cols, Math.max(1, rect.rows - 1));
    this.tables.push(table);
    this.emitStructureLater([{ kind: 'added', table }]);
    this.notifyView();
    return table;
  }

  /**
   * A person deletes a table (its cells go with it, as Table.delete() does). Deleting its whole
   * sheet also deletes the table; whether Excel raises TableCollection.onDeleted then, the
   * reference does not say — deleteSheet raises nothing.
   */
  userDeleteTable(table: TableModel): void {
    if (!this.removeTable(table)) return;
    this.emitStructureLater([{ kind: 'deleted', table }]);
    this.notifyView();
  }

  /** The table and its cells gone (Table.delete(), or a person deleting it); false when it was not there. */
  removeTable(table: TableModel): boolean {
    const i = this.tables.indexOf(table);
    if (i < 0) return false;
    this.tables.splice(i, 1);
    for (let r = table.top; r <= table.top + table.height; r++) for (let c = table.left; c < table.left + table.width; c++) table.sheet.cells.get(r)?.delete(c);
    return true;
  }
}

/** `tell` in a task of its own; the promise settles after it. */
function later(tell: () => void): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(() => {
      try {
        tell();
      } finally {
        resolve();
      }
    }, 0),
  );
}

export { columnLetters, columnIndex, intersects, parseAddress, rectAddress } from '../../workbook/address';
