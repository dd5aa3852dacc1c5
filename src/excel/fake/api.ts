/**
 * A fake of the Excel JavaScript API over an in-memory workbook (model.ts), faithful where
 * the adapter depends on it: calls are queued and run at context.sync(); properties can be
 * read only after load() and sync(); getItem of a missing table fails the whole batch;
 * Excel on the web's 5 MB request/response limit; table change events after a sync.
 * Every sync is recorded with its request and response size, so tests can count them.
 *
 * A sync runs its queued commands in order and stops at the first that fails; its error is
 * what context.sync() rejects with (OfficeExtension.Error, whose traceMessages hold "all trace
 * messages that were executed before the error occurred":
 * https://learn.microsoft.com/javascript/api/office/officeextension.error).
 */
import { payloadBytes } from '../run';
import { recalculate } from './calc';
import type { ExcelApi } from '../run';
import {
  CellData,
  CellValue,
  CustomXmlPartData,
  customXmlNamespace,
  intersects,
  parseAddress,
  Rect,
  rectAddress,
  SheetModel,
  TableChange,
  TableModel,
  TableStructureChange,
  WorkbookModel,
} from './model';

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OfficeExtension.Error';
  }
}

/** What one command adds to a request: Office.js does not document its request format or sizes; an estimate. */
const OP_BYTES = 40;
/**
 * What one navigation step (getCell, getRow, getResizedRange, …) adds to a request when a
 * command uses the range it leads to: Office.js sends each as an object path in the request's
 * JSON beside the actions. Its size is not documented; 120 bytes is an estimate from that
 * format (an id, a type, a name, the parent's id, the arguments).
 */
const PATH_BYTES = 120;

type Op = (changes: TableChange[]) => number | void;

class Context {
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  private queue: { bytes: number; run: Op }[] = [];
  /** Tables added or deleted by this request's commands, raised after it as events. */
  readonly structureChanges: TableStructureChange[] = [];
  /** This request changed cell values (dependent formulas are then recalculated after it, calc.ts). */
  wroteValues = false;
  /** This request holds Application.suspendApiCalculationUntilNextSync(). */
  calculationSuspended = false;

  constructor(readonly model: WorkbookModel) {
    this.workbook = new WorkbookProxy(this);
    this.application = this.workbook.application;
  }

  enqueue(bytes: number, run: Op): void {
    this.queue.push({ bytes, run });
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const requestBytes = ops.reduce((n, op) => n + op.bytes, 0);
    const web = this.model.platform === 'web';
    const limit = this.model.payloadLimit;
    if (web && requestBytes > limit) {
      this.model.syncs.push({ requestBytes, responseBytes: 0 });
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `The request payload size (${requestBytes} bytes) has exceeded the limit.`);
    }
    const changes: TableChange[] = [];
    let responseBytes = 0;
    let told: Promise<void>;
    try {
      for (const op of ops) responseBytes += op.run(changes) ?? 0;
    } finally {
      this.model.syncs.push({ requestBytes, responseBytes });
      this.calculateAfterRequest();
      told = this.afterSync(changes);
    }
    if (web && responseBytes > limit) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `The response payload size (${responseBytes} bytes) has exceeded the limit.`);
    }
    // The request's change events reach the handlers before its sync resolves (model.ts, emitChangesLater).
    await told;
  }

  /** Automatic calculation after a request that changed values, unless the request suspended it (calc.ts). */
  private calculateAfterRequest(): void {
    if (this.wroteValues && !this.calculationSuspended && this.model.calculationMode === 'automatic') recalculate(this.model);
    this.wroteValues = false;
    this.calculationSuspended = false;
  }

  /** The request's events sent; settles once the handlers were told (at once when there are none). */
  private afterSync(changes: TableChange[]): Promise<void> {
    const told: Promise<void>[] = [];
    if (changes.length > 0) told.push(this.model.emitChangesLater(changes));
    if (this.structureChanges.length > 0) told.push(this.model.emitStructureLater(this.structureChanges.splice(0)));
    this.model.notifyView();
    return told.length > 0 ? Promise.all(told).then(() => undefined) : Promise.resolve();
  }
}

/**
 * A property read before load() and sync(): "Before you can read the properties of a proxy object,
 * you must explicitly load the properties … and then call context.sync()"
 * (application-specific-api-model.md, "load()"). The code and text are what Office.js throws; the
 * docs do not list PropertyNotLoaded (application-specific-api-error-handling.md).
 */
function notLoaded(prop: string): never {
  throw new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function loadList(props: unknown): string[] {
  if (props === undefined) return [];
  if (typeof props === 'string') return props.split(',').map((p) => p.trim()).filter(Boolean);
  if (Array.isArray(props)) return props.flatMap((p) => loadList(p));
  if (typeof props === 'object' && props !== null) return Object.keys(props);
  return [];
}

/** A proxy: a way to find its object when the queue runs, and what load() brought back. */
abstract class Proxy<T> {
  protected readonly loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    protected readonly ctx: Context,
    protected readonly resolve: () => T | null,
    protected readonly nullable = false,
  ) {
    if (nullable) ctx.enqueue(0, () => void (this.nullState = this.resolve() === null));
  }

  get context(): Context {
    return this.ctx;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) notLoaded('isNullObject');
    return this.nullState;
  }

  /** The object, or the error Office.js gives for one that does not exist. */
  protected target(): T {
    const t = this.resolve();
    if (t === null) throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\'t exist.');
    return t;
  }

  load(props?: unknown): this {
    const list = loadList(props);
    this.ctx.enqueue(OP_BYTES, () => {
      const t = this.resolve();
      if (t === null) return 0;
      let bytes = 0;
      for (const p of list) {
        const value = this.read(t, p);
        this.loaded.set(p, value);
        bytes += payloadBytes(value ?? null);
      }
      return bytes;
    });
    return this;
  }

  protected loadedValue<V>(prop: string): V {
    if (!this.loaded.has(prop)) notLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  protected abstract read(target: T, prop: string): unknown;
}

// ---- ranges -------------------------------------------------------------------------------

interface RangeRef {
  sheet: SheetModel;
  rect: Rect;
}

const SHEET_ROWS = 1_048_576;
const SHEET_COLUMNS = 16_384;

/**
 * A range relative to another. Outside the grid is an error: getOffsetRange "If the resulting
 * range is forced outside the bounds of the worksheet grid, an error will be thrown"; getCell
 * "can be outside the bounds of its parent range, so long as it stays within the worksheet grid"
 * (excel.range). Which error the reference does not say: the fake gives InvalidArgument, as for
 * an empty range (getResizedRange contracted to nothing, of which the reference says nothing).
 */
function sub(ref: RangeRef, top: number, left: number, rows: number, cols: number): RangeRef {
  const rect = { top: ref.rect.top + top, left: ref.rect.left + left, rows, cols };
  if (rows < 1 || cols < 1 || rect.top < 0 || rect.left < 0 || rect.top + rows > SHEET_ROWS || rect.left + cols > SHEET_COLUMNS) {
    throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
  }
  return { sheet: ref.sheet, rect };
}

function matrix(ref: RangeRef, read: (row: number, col: number) => unknown): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 0; r < ref.rect.rows; r++) {
    const line: unknown[] = [];
    for (let c = 0; c < ref.rect.cols; c++) line.push(read(ref.rect.top + r, ref.rect.left + c));
    out.push(line);
  }
  return out;
}

/**
 * A value for every cell: a 2-D array of the range's size, or one value for all. The array's
 * size must match ("The number of rows or columns in the input array doesn't match the size or
 * dimensions of the range" is Office.js's InvalidArgument text). One value for all: the typings
 * take `any[][]` only; application-specific-api-model.md sets `range.numberFormat = "0.00%"` on a
 * one-cell range, and what one value does to a larger range the docs do not say — the fake
 * gives it to every cell (the adapter relies on this for number formats; Diagnostics checks it).
 */
function forEachCell(ref: RangeRef, value: unknown, apply: (row: number, col: number, v: unknown) => void): void {
  const grid = Array.isArray(value) ? (value as unknown[][]) : null;
  if (grid && (grid.length !== ref.rect.rows || grid.some((line) => !Array.isArray(line) || line.length !== ref.rect.cols))) {
    throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`);
  }
  for (let r = 0; r < ref.rect.rows; r++) {
    for (let c = 0; c < ref.rect.cols; c++) apply(ref.rect.top + r, ref.rect.left + c, grid ? grid[r][c] : value);
  }
}

/**
 * Range.values (excel.range): "If the returned value starts with a plus ("+"), minus ("-"), or equal
 * sign ("="), Excel interprets this value as a formula". The fake stores a text that is a number
 * (-5, +8613800000000) as that text, not as a formula. Not modelled: Excel keeps a value written to
 * a General cell as it would a typed one — the same page says locale-shaped date strings "are
 * stored as text instead of as dates" and to use ISO (YYYY-MM-DD) "to ensure dates are stored as
 * dates", so "2026-11-24" becomes a date serial in Excel and stays text in the fake (that numbers
 * such as "001" become numbers the reference does not say). The adapter formats text ("@") before
 * writing such values (src/excel/history.ts). What happens in a cell formatted as text the
 * reference does not say; the fake keeps the text there, as Excel does for a person typing into
 * such a cell — the Diagnostics run checks it in real Excel (src/excel/diagnostics.ts).
 */
function isFormulaText(v: unknown): boolean {
  if (typeof v !== 'string' || !/^[=+-]/.test(v)) return false;
  return v.startsWith('=') || !Number.isFinite(Number(v.trim()));
}

/**
 * Table change events for a write (TableCollection.onChanged / Table.onChanged: "Occurs when data
 * in cells changes on a specific table", excel.table); `before`: the value of a one-cell range
 * before it (for `details`). changeType RangeEdited, source Local (excel.datachangetype,
 * excel.eventsource).
 */
function changedTables(model: WorkbookModel, ref: RangeRef, changes: TableChange[], before?: CellValue): void {
  const one = ref.rect.rows === 1 && ref.rect.cols === 1 && before !== undefined;
  for (const table of model.tables) {
    if (table.sheet === ref.sheet && intersects(table.rect, ref.rect)) {
      const single = one ? { before: before!, after: ref.sheet.value(ref.rect.top, ref.rect.left) } : undefined;
      changes.push({ table, rect: ref.rect, changeType: 'RangeEdited', source: 'Local', single });
    }
  }
}

/** Excel.RangeValueType (excel.rangevaluetype) of a cell value, as ChangedEventDetail.valueTypeBefore/After give it (excel.changedeventdetail). */
function valueType(v: CellValue): string {
  if (v === '') return 'Empty';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Double';
  return 'String';
}

/**
 * The arguments of a table change event, exactly the documented fields of
 * Excel.TableChangedEventArgs (https://learn.microsoft.com/javascript/api/excel/excel.tablechangedeventargs):
 * address, changeType, details (ExcelApi 1.9, one-cell changes only), source, tableId, type,
 * worksheetId. It has no triggerSource.
 */
function tableChangedArgs(change: TableChange): TableChangedArgs {
  const args: TableChangedArgs = {
    address: rectAddress(change.rect),
    changeType: change.changeType,
    source: change.source,
    tableId: change.table.id,
    worksheetId: change.table.sheet.id,
    type: 'TableChanged',
  };
  if (change.single) {
    const { before, after } = change.single;
    args.details = { valueBefore: before, valueAfter: after, valueTypeBefore: valueType(before), valueTypeAfter: valueType(after) };
  }
  return args;
}

export class RangeProxy extends Proxy<RangeRef> {
  readonly format: RangeFormatProxy;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;
  readonly dataValidation: DataValidationProxy;

  /** `depth`: navigation steps from the workbook to this range, each an object path in the request (PATH_BYTES). */
  constructor(
    ctx: Context,
    resolve: () => RangeRef | null,
    readonly depth = 1,
    nullable = false,
  ) {
    super(ctx, resolve, nullable);
    this.format = new RangeFormatProxy(ctx, () => this.target());
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, () => this.target());
    this.dataValidation = new DataValidationProxy(ctx, () => this.target());
  }

  /**
   * excel.range properties. numberFormat of a cell never formatted is "General" (the reference
   * names no default; Excel's own name for it). address "Specifies the range reference in A1-style.
   * Address value contains the sheet reference (e.g., "Sheet1!A1:B4")"; when Excel quotes a sheet
   * name there ('My sheet'!A1) the reference does not say, and the fake never quotes. formulas: "If
   * a cell has no formula, its value is returned instead."
   */
  protected read(ref: RangeRef, prop: string): unknown {
    switch (prop) {
      case 'values':
        return matrix(ref, (r, c) => ref.sheet.value(r, c));
      case 'numberFormat':
        return matrix(ref, (r, c) => ref.sheet.cell(r, c)?.numberFormat ?? 'General');
      case 'formulas':
        return matrix(ref, (r, c) => ref.sheet.cell(r, c)?.formula ?? ref.sheet.value(r, c));
      case 'address':
        return `${ref.sheet.name}!${rectAddress(ref.rect)}`;
      case 'rowIndex':
        return ref.rect.top;
      case 'columnIndex':
        return ref.rect.left;
      case 'rowCount':
        return ref.rect.rows;
      case 'columnCount':
        return ref.rect.cols;
      default:
        throw new FakeOfficeError('InvalidArgument', `fake: range property ${prop} is not supported`);
    }
  }

  /** The cells this range stands for, resolved now (inside a running queue). */
  ref(): RangeRef {
    return this.target();
  }

  get values(): unknown[][] {
    return this.loadedValue('values');
  }
  set values(value: unknown[][]) {
    this.writeCells(value, (v, cell) => isFormulaText(v) && cell.numberFormat !== '@');
  }
  /** Range.formulas: a text starting with = is a formula (calculated as calc.ts says), anything else a value. */
  set formulas(value: unknown[][]) {
    this.writeCells(value, (v) => typeof v === 'string' && v.startsWith('='));
  }

  /** A write of values or formulas: each cell a formula where `formula` says so, else a value; then the table events. */
  private writeCells(value: unknown[][], formula: (v: unknown, cell: CellData) => boolean): void {
    this.ctx.enqueue(payloadBytes(value) + OP_BYTES + this.depth * PATH_BYTES, (changes) => {
      const ref = this.target();
      const before = ref.sheet.value(ref.rect.top, ref.rect.left);
      forEachCell(ref, value, (r, c, v) => {
        const cell = ref.sheet.ensure(r, c);
        if (formula(v, cell)) {
          cell.formula = v as string;
        } else {
          delete cell.formula;
          cell.value = (v ?? '') as CellValue;
        }
      });
      this.ctx.wroteValues = true;
      changedTables(this.ctx.model, ref, changes, before);
    });
  }
  get formulas(): unknown[][] {
    return this.loadedValue('formulas');
  }
  get numberFormat(): unknown[][] {
    return this.loadedValue('numberFormat');
  }
  set numberFormat(value: unknown[][]) {
    this.ctx.enqueue(payloadBytes(value) + OP_BYTES, () => {
      const ref = this.target();
      forEachCell(ref, value, (r, c, v) => {
        ref.sheet.ensure(r, c).numberFormat = String(v);
      });
    });
  }
  get address(): string {
    return this.loadedValue('address');
  }
  get rowIndex(): number {
    return this.loadedValue('rowIndex');
  }
  get columnIndex(): number {
    return this.loadedValue('columnIndex');
  }
  get rowCount(): number {
    return this.loadedValue('rowCount');
  }
  get columnCount(): number {
    return this.loadedValue('columnCount');
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.target().sheet);
  }

  // getCell, getRow, getColumn, getResizedRange, getOffsetRange (excel.range, ExcelApi 1.1):
  // zero-indexed and relative to the range's top-left cell; outside the grid is an error (sub).
  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.ctx, () => sub(this.target(), row, column, 1, 1), this.depth + 1);
  }
  getRow(row: number): RangeProxy {
    return new RangeProxy(this.ctx, () => sub(this.target(), row, 0, 1, this.target().rect.cols), this.depth + 1);
  }
  getColumn(column: number): RangeProxy {
    return new RangeProxy(this.ctx, () => sub(this.target(), 0, column, this.target().rect.rows, 1), this.depth + 1);
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const t = this.target();
        return sub(t, 0, 0, t.rect.rows + deltaRows, t.rect.cols + deltaColumns);
      },
      this.depth + 1,
    );
  }
  getOffsetRange(rows: number, columns: number): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const t = this.target();
        return sub(t, rows, columns, t.rect.rows, t.rect.cols);
      },
      this.depth + 1,
    );
  }

  /** Range.getLastRow() (ExcelApi 1.1): "Gets the last row within the range." */
  getLastRow(): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const t = this.target();
        return sub(t, t.rect.rows - 1, 0, 1, t.rect.cols);
      },
      this.depth + 1,
    );
  }

  /**
   * Range.delete(shift) (ExcelApi 1.1; excel-add-ins-ranges-clear-delete.md: "removes cells from
   * the worksheet and shifts surrounding cells to fill the gap"). Modelled for shift "Up": the
   * cells below in the range's columns move up (Excel.DeleteShiftDirection: Up, Left; Left is not
   * modelled). The reference is silent on tables: rows of a table's body across its whole width
   * leave the table (it gets shorter, as deleting table rows in Excel's UI does); a delete that
   * would cut a table any other way, or remove all its body rows, is refused with InvalidOperation,
   * as Excel's UI refuses to move part of a table. Both are the fake's reading.
   */
  delete(shift: string): void {
    this.ctx.enqueue(OP_BYTES, (changes) => {
      const ref = this.target();
      if (shift !== 'Up') throw new FakeOfficeError('InvalidArgument', 'fake: only Range.delete("Up") is modelled');
      const { top, left, rows, cols } = ref.rect;
      const model = this.ctx.model;
      const shrinking: TableModel[] = [];
      const moving: TableModel[] = [];
      for (const t of model.tables) {
        if (t.sheet !== ref.sheet || t.left + t.width <= left || t.left >= left + cols) continue;
        const body = t.bodyRect;
        const wholeRows = t.left === left && t.width === cols && top >= body.top && top + rows <= body.top + body.rows;
        if (wholeRows && rows < t.height) shrinking.push(t);
        else if (t.top >= top + rows && t.left >= left && t.left + t.width <= left + cols) moving.push(t);
        else if (t.top + t.height >= top) throw new FakeOfficeError('InvalidOperation', "This operation isn't allowed. It would shift cells in a table on your worksheet.");
      }
      ref.sheet.shiftRows(top + rows, left, cols, -rows);
      for (const t of shrinking) {
        t.height -= rows;
        changes.push({ table: t, rect: ref.rect, changeType: 'RowDeleted', source: 'Local' });
      }
      for (const t of moving) t.top -= rows;
      this.ctx.wroteValues = true;
    });
  }

  /**
   * Range.select(): "Selects the specified range in the Excel UI." Whether a range on a sheet
   * that is not active is refused or its sheet activated the reference does not say; the fake
   * refuses it (InvalidSelection: "The current selection is invalid for this operation",
   * application-specific-api-error-handling.md), so the adapter activates first.
   */
  select(): void {
    this.ctx.enqueue(OP_BYTES, () => {
      const ref = this.target();
      if (this.ctx.model.activeSheet !== ref.sheet) throw new FakeOfficeError('InvalidSelection', 'The current selection is invalid for this operation.');
      this.ctx.model.selection = { sheet: ref.sheet, rect: ref.rect };
    });
  }

  /** Range.clear(applyTo): "Clear range values and formatting, such as fill and border" (excel.range); only applyTo All is modelled. */
  clear(): void {
    this.ctx.enqueue(OP_BYTES, (changes) => {
      const ref = this.target();
      const before = ref.sheet.value(ref.rect.top, ref.rect.left);
      forEachCell(ref, '', (r, c) => ref.sheet.cells.get(r)?.delete(c));
      this.ctx.wroteValues = true;
      changedTables(this.ctx.model, ref, changes, before);
    });
  }
}

/**
 * Range.format (excel.rangeformat, excel.rangefont, excel.rangefill): font.bold, fill.color,
 * columnWidth ("Specifies the width of all columns within the range"; the summary gives no unit,
 * the fake stores what it is given — the adapter gives points), wrapText;
 * horizontalAlignment and autofitColumns() are accepted and not modelled. Reading them needs
 * load() as any property (not modelled: the fake never loads them).
 */
class RangeFormatProxy {
  readonly font: { bold: boolean; color: string };
  readonly fill: { color: string };

  constructor(
    private readonly ctx: Context,
    private readonly ref: () => RangeRef,
  ) {
    const each = (apply: (cell: ReturnType<SheetModel['ensure']>) => void) => (value: unknown) =>
      ctx.enqueue(OP_BYTES, () => {
        const r = ref();
        forEachCell(r, value, (row, col) => apply(r.sheet.ensure(row, col)));
      });
    const setBold = each((cell) => (cell.bold = true));
    const setFill = (color: string) => each((cell) => (cell.fill = color))(color);
    this.font = {
      set bold(v: boolean) {
        if (v) setBold(v);
      },
      get bold() {
        return notLoaded('font.bold');
      },
      set color(_v: string) {
        /* font colour is not modelled */
      },
      get color() {
        return notLoaded('font.color');
      },
    };
    this.fill = {
      set color(v: string) {
        setFill(v);
      },
      get color() {
        return notLoaded('fill.color');
      },
    };
  }

  set columnWidth(points: number) {
    this.ctx.enqueue(OP_BYTES, () => {
      const r = this.ref();
      for (let c = r.rect.left; c < r.rect.left + r.rect.cols; c++) r.sheet.columnWidths.set(c, points);
    });
  }
  set wrapText(wrap: boolean) {
    this.ctx.enqueue(OP_BYTES, () => {
      const r = this.ref();
      forEachCell(r, wrap, (row, col) => (r.sheet.ensure(row, col).wrap = wrap));
    });
  }
  set horizontalAlignment(_v: string) {
    this.ctx.enqueue(OP_BYTES, () => undefined);
  }
  autofitColumns(): void {
    this.ctx.enqueue(OP_BYTES, () => undefined);
  }
}

/** The parts of `a` outside `b` (a and b intersect): up to four rectangles, above, below, left and right of b. */
function outside(a: Rect, b: Rect): Rect[] {
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.top + a.rows, b.top + b.rows);
  const parts: Rect[] = [];
  if (a.top < b.top) parts.push({ top: a.top, left: a.left, rows: b.top - a.top, cols: a.cols });
  if (a.top + a.rows > b.top + b.rows) parts.push({ top: b.top + b.rows, left: a.left, rows: a.top + a.rows - (b.top + b.rows), cols: a.cols });
  if (a.left < b.left) parts.push({ top, left: a.left, rows: bottom - top, cols: b.left - a.left });
  if (a.left + a.cols > b.left + b.cols) parts.push({ top, left: b.left + b.cols, rows: bottom - top, cols: a.left + a.cols - (b.left + b.cols) });
  return parts;
}

class DataValidationProxy {
  private loadedRule: { list: { inCellDropDown: boolean; source: string } } | null | undefined;

  constructor(
    private readonly ctx: Context,
    private readonly ref: () => RangeRef,
  ) {}

  /**
   * load('rule'): "Data validation rule that contains different type of data validation criteria"
   * (excel.datavalidation). The fake gives the list rule of the first validation over the range,
   * an empty rule when none; what Excel gives for a range under several rules the reference does
   * not say. Only list rules are modelled (excel.listdatavalidation: inCellDropDown, source).
   */
  load(_props?: unknown): this {
    this.ctx.enqueue(OP_BYTES, () => {
      const r = this.ref();
      const v = r.sheet.validations.find((x) => intersects(x.rect, r.rect));
      this.loadedRule = v ? { list: { inCellDropDown: true, source: v.list } } : null;
    });
    return this;
  }

  get rule(): { list?: { inCellDropDown: boolean; source: string } } {
    if (this.loadedRule === undefined) notLoaded('rule');
    return this.loadedRule ?? {};
  }

  set rule(rule: { list?: { inCellDropDown: boolean; source: string } }) {
    this.loadedRule = undefined;
    this.ctx.enqueue(payloadBytes(rule) + OP_BYTES, () => {
      const r = this.ref();
      if (!rule.list) throw new FakeOfficeError('InvalidArgument', 'fake: only list validations are modelled');
      r.sheet.validations.push({ rect: r.rect, list: rule.list.source });
    });
  }

  /**
   * DataValidation.clear(): "The range you clear doesn't need to precisely match the range on which
   * you added data validation. If the two ranges aren't an exact match, only overlapping cells are
   * cleared" (excel-add-ins-data-validation.md): the rest of a validation keeps its rule.
   */
  clear(): void {
    this.ctx.enqueue(OP_BYTES, () => {
      const r = this.ref();
      const kept = r.sheet.validations.flatMap((v) => (intersects(v.rect, r.rect) ? outside(v.rect, r.rect).map((rect) => ({ ...v, rect })) : [v]));
      r.sheet.validations.splice(0, r.sheet.validations.length, ...kept);
    });
  }
}

class ClientResult<T> {
  private state: { value: T } | null = null;
  set(value: T): void {
    this.state = { value };
  }
  get value(): T {
    if (!this.state) notLoaded('value');
    return this.state.value;
  }
}

/**
 * Range.conditionalFormats (excel.conditionalformatcollection): add(type) "Adds a new conditional
 * format to the collection at the first/top priority"; getCount() "Returns the number of
 * conditional formats in the workbook" — the fake counts those over the range. Only the
 * textComparison format is modelled (excel.textconditionalformat: format.fill.color, rule).
 */
class ConditionalFormatCollectionProxy {
  constructor(
    private readonly ctx: Context,
    private readonly ref: () => RangeRef,
  ) {}

  add(type: string): ConditionalFormatProxy {
    const record = { rect: { top: 0, left: 0, rows: 0, cols: 0 }, type } as import('./model').ConditionalFormatData;
    this.ctx.enqueue(OP_BYTES, () => {
      const r = this.ref();
      record.rect = r.rect;
      r.sheet.conditionalFormats.push(record);
    });
    return new ConditionalFormatProxy(this.ctx, record);
  }

  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.ctx.enqueue(OP_BYTES, () => {
      const r = this.ref();
      result.set(r.sheet.conditionalFormats.filter((cf) => intersects(cf.rect, r.rect)).length);
    });
    return result;
  }
}

class ConditionalFormatProxy {
  readonly textComparison: { format: { fill: { color: string } }; rule: { operator: string; text: string } };

  constructor(ctx: Context, record: import('./model').ConditionalFormatData) {
    const fill = {
      set color(v: string) {
        ctx.enqueue(OP_BYTES, () => void (record.fill = v));
      },
      get color(): string {
        return notLoaded('color');
      },
    };
    this.textComparison = {
      format: { fill },
      set rule(rule: { operator: string; text: string }) {
        ctx.enqueue(OP_BYTES, () => {
          record.operator = rule.operator;
          record.text = rule.text;
        });
      },
      get rule(): { operator: string; text: string } {
        return notLoaded('rule');
      },
    };
  }
}

// ---- tables -------------------------------------------------------------------------------

export class TableProxy extends Proxy<TableModel> {
  readonly columns: TableColumnCollectionProxy;
  readonly rows: TableRowCollectionProxy;
  readonly onChanged: { add(handler: (args: TableChangedArgs) => Promise<unknown> | void): EventHandlerResult };

  constructor(ctx: Context, resolve: () => TableModel | null, nullable = false) {
    super(ctx, resolve, nullable);
    this.columns = new TableColumnCollectionProxy(ctx, () => this.target());
    this.rows = new TableRowCollectionProxy(ctx, () => this.target());
    this.onChanged = { add: (handler) => this.addChangedHandler(handler) };
  }

  /** excel.table: name, id ("Returns a value that uniquely identifies the table in a given workbook"), style. */
  protected read(t: TableModel, prop: string): unknown {
    if (prop === 'name') return t.name;
    if (prop === 'id') return t.id;
    if (prop === 'style') return t.style;
    throw new FakeOfficeError('InvalidArgument', `fake: table property ${prop} is not supported`);
  }

  get name(): string {
    return this.loadedValue('name');
  }
  /** Table.name: a name another table has is refused; the reference does not say with which error (the fake: InvalidArgument). */
  set name(value: string) {
    this.ctx.enqueue(OP_BYTES, () => {
      const clash = this.ctx.model.table(value);
      const t = this.target();
      if (clash && clash !== t) throw new FakeOfficeError('InvalidArgument', `A table named ${value} exists.`);
      t.name = value;
    });
  }
  get id(): string {
    return this.loadedValue('id');
  }
  set style(value: string) {
    this.ctx.enqueue(OP_BYTES, () => void (this.target().style = value));
  }
  set showBandedRows(_v: boolean) {
    this.ctx.enqueue(OP_BYTES, () => undefined);
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.target().sheet);
  }

  // getHeaderRowRange(), getDataBodyRange(), getRange() (excel.table): the header row, the data
  // body, the whole table. A table has at least one body row (excel-add-ins-tables.md makes one from "A1:D1").
  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: { top: t.top, left: t.left, rows: 1, cols: t.width } };
    }, 2);
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: t.bodyRect };
    }, 2);
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: t.rect };
    }, 2);
  }

  private addChangedHandler(handler: (args: TableChangedArgs) => Promise<unknown> | void): EventHandlerResult {
    return addHandler(this.ctx, () => {
      const table = this.target();
      return this.ctx.model.onTableChange((change) => {
        if (change.table === table) void handler(tableChangedArgs(change));
      });
    });
  }

  /** Table.delete(): "Deletes the table." The table's cells go; TableCollection.onDeleted is raised. */
  delete(): void {
    this.ctx.enqueue(OP_BYTES, () => {
      const t = this.target();
      this.ctx.model.removeTable(t);
      this.ctx.structureChanges.push({ kind: 'deleted', table: t });
    });
  }
}

/**
 * An event handler registered when its request runs, as EventHandlers.add: the handler is
 * in place once the request has been synced, and remove() takes it away.
 */
function addHandler(ctx: Context, register: () => () => void): EventHandlerResult {
  let unsubscribe: (() => void) | null = null;
  ctx.enqueue(OP_BYTES, () => void (unsubscribe = register()));
  return {
    context: ctx,
    remove: () => {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}

export interface TableChangedArgs {
  address: string;
  changeType: string;
  /** Excel.ChangedEventDetail (ExcelApi 1.9): present for a one-cell change only. */
  details?: { valueBefore: unknown; valueAfter: unknown; valueTypeBefore: string; valueTypeAfter: string };
  source: string;
  tableId: string;
  worksheetId: string;
  type: string;
}

/** Excel.TableAddedEventArgs: source, tableId, type, worksheetId (ExcelApi 1.9). */
export interface TableAddedArgs {
  source: string;
  tableId: string;
  type: 'TableAdded';
  worksheetId: string;
}

/** Excel.TableDeletedEventArgs: source, tableId, tableName, type, worksheetId (ExcelApi 1.9). */
export interface TableDeletedArgs {
  source: string;
  tableId: string;
  tableName: string;
  type: 'TableDeleted';
  worksheetId: string;
}

export interface EventHandlerResult {
  context: unknown;
  remove(): void;
}

/** The last column of a worksheet (XFD), 0-based. */
const LAST_COLUMN = 16_383;
/** "The attempted operation affects more than the limit of 33554000 cells" (OperationCellsExceedLimit). */
const OPERATION_CELL_LIMIT = 33_554_000;

/**
 * The errors Excel documents for inserting a table column, in the table's rows, from the column
 * where it goes to the right edge of the sheet (application-specific-api-error-handling.md):
 *
 * - NonBlankCellOffSheet: "Microsoft Excel can't insert new cells because it would push non-empty
 *   cells off the end of the worksheet. These non-empty cells might appear empty but have blank
 *   values, some formatting, or a formula." — a cell with a value or a format in column XFD.
 * - OperationCellsExceedLimit, Excel on the web only: "If the TableColumnCollection.add API
 *   triggers this error, confirm that there is no unintentional data within the worksheet but
 *   outside of the table. In particular, check for data in the right-most columns of the
 *   worksheet … (number of table rows) x (16383 - (number of table columns))". The page gives that
 *   count for data in the right-most column; the fake counts the cells up to the right-most used
 *   one in the table's rows (an empty band to the right moves nothing). That the count stops at
 *   the last used column is the fake's reading: the page does not say.
 */
function checkRoomToTheRight(model: WorkbookModel, t: TableModel, col: number): void {
  let rightmost = -1;
  for (let r = t.top; r <= t.top + t.height; r++) {
    const line = t.sheet.cells.get(r);
    if (!line) continue;
    line.forEach((cell, c) => {
      if (c >= col && c > rightmost && (cell.value !== '' || cell.numberFormat || cell.fill || cell.formula)) rightmost = c;
    });
  }
  if (rightmost === LAST_COLUMN) {
    throw new FakeOfficeError(
      'NonBlankCellOffSheet',
      "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.",
    );
  }
  const moved = (t.height + 1) * (rightmost + 1 - col);
  if (model.platform === 'web' && rightmost >= 0 && moved > OPERATION_CELL_LIMIT) {
    throw new FakeOfficeError('OperationCellsExceedLimit', 'The attempted operation affects more than the limit of 33554000 cells.');
  }
}

class TableColumnCollectionProxy {
  constructor(
    private readonly ctx: Context,
    private readonly table: () => TableModel,
  ) {}

  /**
   * TableColumnCollection.add(index, values, name) (excel.tablecolumncollection): "Adds a new
   * column to the table"; index "Specifies the relative position of the new column. If null or
   * -1, the addition happens at the end." Only the end is modelled, without values. What is right
   * of the table moves right (its errors: checkRoomToTheRight; another table in the way:
   * InsertDeleteConflict, application-specific-api-error-handling.md). A column without a name is
   * named Column<n> as Excel's UI does (the reference does not say).
   */
  add(index?: number, values?: unknown[][], name?: string): { name: string } {
    this.ctx.enqueue(OP_BYTES + payloadBytes(name ?? null), (changes) => {
      const t = this.table();
      if (index !== undefined && index !== null && index !== t.width) throw new FakeOfficeError('InvalidArgument', 'fake: columns are only added at the right');
      const col = t.left + t.width;
      const band = { top: t.top, left: col, rows: t.height + 1, cols: LAST_COLUMN + 1 - col };
      if (this.ctx.model.tables.some((other) => other !== t && other.sheet === t.sheet && intersects(other.rect, band))) {
        throw new FakeOfficeError('InsertDeleteConflict', "This won't work because it would move cells in a table on your worksheet.");
      }
      checkRoomToTheRight(this.ctx.model, t, col);
      t.sheet.shiftRight(t.top, t.height + 1, col, 1);
      const header = name ?? `Column${t.width + 1}`;
      t.sheet.ensure(t.top, col).value = header;
      t.width++;
      if (values) throw new FakeOfficeError('InvalidArgument', 'fake: column values are not modelled');
      changes.push({ table: t, rect: { top: t.top, left: col, rows: t.height + 1, cols: 1 }, changeType: 'ColumnInserted', source: 'Local' });
    });
    return { name: name ?? '' };
  }

  /** TableColumnCollection.getItem(key): "Gets a column object by name or ID"; the fake matches names case-insensitively (not documented) and knows no IDs. */
  getItem(name: string): { getDataBodyRange(): RangeProxy } {
    return {
      getDataBodyRange: () =>
        new RangeProxy(this.ctx, () => {
          const t = this.table();
          const i = t.headers().findIndex((h) => h.toLowerCase() === name.toLowerCase());
          if (i < 0) throw new FakeOfficeError('ItemNotFound', `No column ${name}`);
          return { sheet: t.sheet, rect: { top: t.top + 1, left: t.left + i, rows: t.height, cols: 1 } };
        }),
    };
  }
}

/**
 * TableRowCollection.add(index, values, alwaysInsert) (excel.tablerowcollection; ExcelApi 1.1, several
 * rows at once 1.4, alwaysInsert 1.15): "Adds one or more rows to the table"; index "If null or -1,
 * the addition happens at the end. Any rows below the inserted row are shifted downwards." Only
 * the end is modelled, with alwaysInsert's default ("If true, the new rows will be inserted into
 * the table … Default is true"): the cells below the table, in its columns, move down. Not
 * modelled: the returned TableRow (the fake returns nothing; the adapter does not use it) and
 * values given as one value (the typings allow it). A table made from
 * its header row alone has one empty data row; excel-add-ins-tables.md makes one ("A1:D1") and
 * adds seven rows, and says the table "contains four columns and seven rows of data": the fake
 * reads that as the first added row taking the place of that empty row.
 */
class TableRowCollectionProxy {
  constructor(
    private readonly ctx: Context,
    private readonly table: () => TableModel,
  ) {}

  add(index?: number | null, values?: unknown[][]): void {
    this.ctx.enqueue(OP_BYTES + payloadBytes(values ?? null), (changes) => {
      const t = this.table();
      if (index !== undefined && index !== null && index !== -1) throw new FakeOfficeError('InvalidArgument', 'fake: rows are only added at the end');
      const grid = values ?? [Array.from({ length: t.width }, () => '')];
      if (grid.some((line) => line.length !== t.width)) throw new FakeOfficeError('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      const placeholder = t.height === 1 && t.headers().every((_, c) => t.sheet.value(t.top + 1, t.left + c) === '');
      const first = placeholder ? t.top + 1 : t.top + t.height + 1;
      const inserted = grid.length - (placeholder ? 1 : 0);
      if (inserted > 0) {
        for (const other of this.ctx.model.tables) {
          if (other === t || other.sheet !== t.sheet || other.top < first || other.left + other.width <= t.left || other.left >= t.left + t.width) continue;
          if (other.left < t.left || other.left + other.width > t.left + t.width) throw new FakeOfficeError('InvalidOperation', "This won't work because it would move cells in a table on your worksheet.");
          other.top += inserted;
        }
        t.sheet.shiftRows(t.top + t.height + 1, t.left, t.width, inserted);
        t.height += inserted;
      }
      grid.forEach((line, r) =>
        line.forEach((v, c) => {
          const cell = t.sheet.ensure(first + r, t.left + c);
          if (isFormulaText(v) && cell.numberFormat !== '@') cell.formula = v as string;
          else cell.value = (v ?? '') as CellValue;
        }),
      );
      this.ctx.wroteValues = true;
      changes.push({ table: t, rect: { top: first, left: t.left, rows: grid.length, cols: t.width }, changeType: 'RowInserted', source: 'Local' });
    });
  }
}

class TableCollectionProxy extends Proxy<TableModel[]> {
  /** TableCollection.onChanged (ExcelApi 1.7): "Occurs when data changes on any table in a workbook, or a worksheet." */
  readonly onChanged: { add(handler: (args: TableChangedArgs) => Promise<unknown> | void): EventHandlerResult };
  /** TableCollection.onAdded (ExcelApi 1.9): "Occurs when a new table is added in a workbook." */
  readonly onAdded: { add(handler: (args: TableAddedArgs) => Promise<unknown> | void): EventHandlerResult };
  /** TableCollection.onDeleted (ExcelApi 1.9): "Occurs when the specified table is deleted in a workbook." */
  readonly onDeleted: { add(handler: (args: TableDeletedArgs) => Promise<unknown> | void): EventHandlerResult };

  constructor(
    ctx: Context,
    private readonly scope: () => SheetModel | null,
  ) {
    super(ctx, () => {
      const sheet = scope();
      return ctx.model.tables.filter((t) => sheet === null || t.sheet === sheet);
    });
    const inScope = (t: TableModel) => {
      const sheet = scope();
      return sheet === null || t.sheet === sheet;
    };
    this.onChanged = {
      add: (handler) => addHandler(ctx, () => ctx.model.onTableChange((change) => void (inScope(change.table) && handler(tableChangedArgs(change))))),
    };
    this.onAdded = {
      add: (handler) =>
        addHandler(ctx, () =>
          ctx.model.onTableStructure((c) => {
            if (c.kind === 'added' && inScope(c.table)) void handler({ source: 'Local', tableId: c.table.id, type: 'TableAdded', worksheetId: c.table.sheet.id });
          }),
        ),
    };
    this.onDeleted = {
      add: (handler) =>
        addHandler(ctx, () =>
          ctx.model.onTableStructure((c) => {
            if (c.kind === 'deleted' && inScope(c.table)) {
              void handler({ source: 'Local', tableId: c.table.id, tableName: c.table.name, type: 'TableDeleted', worksheetId: c.table.sheet.id });
            }
          }),
        ),
    };
  }

  /** load('items/name') and load('count') (excel.tablecollection; "Load from a collection", application-specific-api-model.md). */
  protected read(tables: TableModel[], prop: string): unknown {
    if (prop === 'items/name' || prop === 'items') return tables.map((t) => t.name);
    if (prop === 'count') return tables.length;
    throw new FakeOfficeError('InvalidArgument', `fake: table collection property ${prop} is not supported`);
  }

  get items(): { name: string }[] {
    const names = this.loaded.get('items/name') ?? this.loaded.get('items');
    if (!names) notLoaded('items');
    return (names as string[]).map((name) => ({ name }));
  }
  get count(): number {
    return this.loadedValue('count');
  }

  /** TableCollection.getItem(key): "Gets a table by name or ID." */
  getItem(key: string): TableProxy {
    return new TableProxy(this.ctx, () => this.byKey(key));
  }
  /** getItemOrNullObject(key): "If the table doesn't exist, then this method returns an object with its isNullObject property set to true." */
  getItemOrNullObject(key: string): TableProxy {
    return new TableProxy(this.ctx, () => this.byKey(key), true);
  }

  /** By name, case-insensitively (Excel's table names are; the reference does not say), else by ID. */
  private byKey(key: string): TableModel | null {
    const model = this.ctx.model;
    return model.table(key) ?? model.tables.find((t) => t.id === key) ?? null;
  }

  /**
   * TableCollection.add(address, hasHeaders) (excel.tablecollection): "Creates a new table. The range
   * object or source address determines the worksheet under which the table will be added. If the
   * table cannot be added (e.g., because the address is invalid, or the table would overlap with
   * another table), an error will be thrown." Which error the reference does not say (the fake:
   * InvalidOperation). Only hasHeaders true is modelled; the name Table<n> is Excel's UI default
   * (not documented).
   */
  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    let created: TableModel | null = null;
    this.ctx.enqueue(OP_BYTES, () => {
      const { sheet, rect } = this.locate(address);
      if (this.ctx.model.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) {
        throw new FakeOfficeError('InvalidOperation', 'A table can\'t overlap another table.');
      }
      if (!hasHeaders) throw new FakeOfficeError('InvalidArgument', 'fake: tables are made from a range with its header row');
      const model = this.ctx.model;
      let n = model.tables.length + 1;
      while (model.table(`Table${n}`)) n++;
      created = new TableModel(`Table${n}`, model.newId('table'), sheet, rect.top, rect.left, rect.cols, Math.max(1, rect.rows - 1));
      model.tables.push(created);
      this.ctx.structureChanges.push({ kind: 'added', table: created });
    });
    return new TableProxy(this.ctx, () => created);
  }

  private locate(address: string | RangeProxy): { sheet: SheetModel; rect: Rect } {
    if (typeof address !== 'string') return address.ref();
    const bang = address.lastIndexOf('!');
    const sheetName = bang >= 0 ? address.slice(0, bang).replace(/^'|'$/g, '') : null;
    const sheet = sheetName ? this.ctx.model.sheet(sheetName) : this.scope();
    if (!sheet) throw new FakeOfficeError('ItemNotFound', `No sheet for ${address}`);
    return { sheet, rect: parseAddress(address) };
  }
}

// ---- worksheets ---------------------------------------------------------------------------

export class WorksheetProxy extends Proxy<SheetModel> {
  readonly tables: TableCollectionProxy;
  readonly freezePanes: { freezeAt(range: RangeProxy | string): void; freezeRows(count: number): void; getLocationOrNullObject(): RangeProxy };
  readonly charts: { add(type: string, source: RangeProxy, seriesBy?: string): ChartProxy };

  constructor(ctx: Context, resolve: () => SheetModel | null, nullable = false) {
    super(ctx, resolve, nullable);
    this.tables = new TableCollectionProxy(ctx, () => this.target());
    // Worksheet.freezePanes (excel.worksheetfreezepanes): freezeAt(frozenRange) "Sets the frozen
    // cells in the active worksheet view"; freezeRows(count) "Freeze the top row or rows of the worksheet in place".
    this.freezePanes = {
      freezeAt: (range) =>
        ctx.enqueue(OP_BYTES, () => {
          const rect = typeof range === 'string' ? parseAddress(range) : range.ref().rect;
          this.target().frozen = { rows: rect.top + rect.rows, cols: rect.left + rect.cols };
        }),
      freezeRows: (count) => ctx.enqueue(OP_BYTES, () => void (this.target().frozen = { rows: count, cols: 0 })),
      // WorksheetFreezePanes.getLocationOrNullObject (ExcelApi 1.7): "Gets a range that describes the
      // frozen cells in the active worksheet view … If there is no frozen pane, then this method
      // returns an object with its isNullObject property set to true."
      getLocationOrNullObject: () =>
        new RangeProxy(
          ctx,
          () => {
            const sheet = this.target();
            const { rows, cols } = sheet.frozen;
            if (rows === 0 && cols === 0) return null;
            return { sheet, rect: { top: 0, left: 0, rows: Math.max(rows, 1), cols: cols === 0 ? 16_384 : cols } };
          },
          3,
          true,
        ),
    };
    // ChartCollection.add(type, sourceData, seriesBy) (excel.chartcollection): "Creates a new chart";
    // only the type, source and title are kept.
    this.charts = {
      add: (type, source) => {
        const record = { type, source: { top: 0, left: 0, rows: 0, cols: 0 }, title: '' };
        ctx.enqueue(OP_BYTES, () => {
          record.source = source.ref().rect;
          this.target().charts.push(record);
        });
        return new ChartProxy(ctx, record);
      },
    };
  }

  /** excel.worksheet: name, id, position ("The zero-based position of the worksheet within the workbook"), visibility. */
  protected read(sheet: SheetModel, prop: string): unknown {
    if (prop === 'name') return sheet.name;
    if (prop === 'id') return sheet.id;
    if (prop === 'position') return this.ctx.model.sheets.indexOf(sheet);
    if (prop === 'visibility') return sheet.visibility;
    throw new FakeOfficeError('InvalidArgument', `fake: worksheet property ${prop} is not supported`);
  }

  get name(): string {
    return this.loadedValue('name');
  }
  /** Worksheet.name: a name another sheet has is refused; the reference does not say with which error (the fake: InvalidArgument). */
  set name(value: string) {
    this.ctx.enqueue(OP_BYTES, () => {
      if (this.ctx.model.sheet(value)) throw new FakeOfficeError('InvalidArgument', `A sheet named ${value} exists.`);
      this.target().name = value;
    });
  }
  get id(): string {
    return this.loadedValue('id');
  }
  get visibility(): string {
    return this.loadedValue('visibility');
  }
  /**
   * Worksheet.visibility (excel.worksheet: "The visibility of the worksheet", ExcelApi 1.1 to read,
   * 1.2 to set; Excel.SheetVisibility Visible, Hidden, VeryHidden). The reference is silent on
   * hiding the last visible sheet: that a workbook keeps at least one visible sheet is Excel's UI
   * rule, and the fake refuses it with InvalidOperation (its reading). That hiding the active sheet
   * activates another the reference does not say either; the fake activates the first visible one.
   */
  set visibility(value: string) {
    this.ctx.enqueue(OP_BYTES, () => {
      const sheet = this.target();
      if (value !== 'Visible' && value !== 'Hidden' && value !== 'VeryHidden') throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      if (value !== 'Visible' && !this.ctx.model.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
        throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      sheet.visibility = value;
      if (value !== 'Visible' && this.ctx.model.activeSheet === sheet) {
        this.ctx.model.activeSheet = this.ctx.model.sheets.find((s) => s.visibility === 'Visible') ?? null;
        this.ctx.model.selection = null;
      }
    });
  }

  /** Worksheet.getRange(address): "If not specified, the entire worksheet range is returned"; getRangeByIndexes(startRow, startColumn, rowCount, columnCount), zero-indexed (excel.worksheet). */
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.target(), rect: address ? parseAddress(address) : { top: 0, left: 0, rows: 1_048_576, cols: 16_384 } }), 2);
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.target(), rect: { top: row, left: column, rows, cols: columns } }), 2);
  }
  /**
   * Worksheet.getUsedRangeOrNullObject(valuesOnly) (ExcelApi 1.4, excel.worksheet): "The used range
   * is the smallest range that encompasses any cells that have a value or formatting assigned to
   * them. If the entire worksheet is blank, then this method returns an object with its
   * isNullObject property set to true"; valuesOnly "Considers only cells with values as used
   * cells" (SheetModel.usedRange).
   */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const sheet = this.target();
        const rect = sheet.usedRange(valuesOnly === true);
        return rect ? { sheet, rect } : null;
      },
      2,
      true,
    );
  }

  /** Worksheet.activate(): "Activate the worksheet in the Excel UI." The selection on another sheet is dropped (the fake's reading). */
  activate(): void {
    this.ctx.enqueue(OP_BYTES, () => {
      const sheet = this.target();
      if (this.ctx.model.activeSheet !== sheet) this.ctx.model.selection = null;
      this.ctx.model.activeSheet = sheet;
    });
  }

  /**
   * Worksheet.delete() (excel.worksheet): "if the worksheet's visibility is set to "VeryHidden",
   * the delete operation will fail with an InvalidOperation exception. You should first change its
   * visibility to hidden or visible before deleting it" (also excel-add-ins-worksheets.md).
   */
  delete(): void {
    this.ctx.enqueue(OP_BYTES, () => {
      const sheet = this.target();
      if (sheet.visibility === 'VeryHidden') throw new FakeOfficeError('InvalidOperation', "This operation isn't allowed: the worksheet is very hidden.");
      this.ctx.model.deleteSheet(sheet);
    });
  }
}

class ChartProxy {
  readonly title: { text: string };
  constructor(ctx: Context, record: { title: string }) {
    this.title = {
      set text(v: string) {
        ctx.enqueue(OP_BYTES, () => void (record.title = v));
      },
      get text(): string {
        return notLoaded('title');
      },
    };
  }
  setPosition(_start: string, _end?: string): void {
    /* placement is not modelled */
  }
  set name(_v: string) {
    /* not modelled */
  }
}

class WorksheetCollectionProxy extends Proxy<SheetModel[]> {
  constructor(ctx: Context) {
    super(ctx, () => ctx.model.sheets);
  }

  protected read(sheets: SheetModel[], prop: string): unknown {
    if (prop === 'items/name' || prop === 'items') return sheets.map((s) => s.name);
    throw new FakeOfficeError('InvalidArgument', `fake: worksheet collection property ${prop} is not supported`);
  }

  get items(): { name: string }[] {
    const names = this.loaded.get('items/name') ?? this.loaded.get('items');
    if (!names) notLoaded('items');
    return (names as string[]).map((name) => ({ name }));
  }

  /**
   * WorksheetCollection.add(name) (excel.worksheetcollection): "Adds a new worksheet to the
   * workbook. The worksheet will be added at the end of existing worksheets." A name in use fails
   * with ItemAlreadyExists ("The resource being created already exists",
   * application-specific-api-error-handling.md); without a name, Sheet<n> as Excel's UI does (not documented).
   */
  add(name?: string): WorksheetProxy {
    let created: SheetModel | null = null;
    this.ctx.enqueue(OP_BYTES, () => {
      let sheetName = name;
      if (!sheetName) {
        let n = this.ctx.model.sheets.length + 1;
        while (this.ctx.model.sheet(`Sheet${n}`)) n++;
        sheetName = `Sheet${n}`;
      }
      if (this.ctx.model.sheet(sheetName)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${sheetName} exists.`);
      created = this.ctx.model.addSheet(sheetName);
    });
    return new WorksheetProxy(this.ctx, () => created);
  }
  /**
   * getItem(key): "Gets a worksheet object using its name or ID" — a missing one fails the batch
   * with ItemNotFound (application-specific-api-model.md, "*OrNullObject methods"); the fake knows
   * names only, matched case-insensitively as Excel's sheet names are (not documented). A very
   * hidden sheet is found like any other (diagnostics checks it in Excel).
   */
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.model.sheet(name) ?? null);
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.model.sheet(name) ?? null, true);
  }
  /** getActiveWorksheet(): "Gets the currently active worksheet in the workbook." */
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.model.activeSheet);
  }
}

// ---- custom XML parts (ExcelApi 1.5) -------------------------------------------------------
//
// Modelled on Microsoft's reference pages (learn.microsoft.com/javascript/api/excel/…):
//   excel.customxmlpartcollection, excel.customxmlpartscopedcollection, excel.customxmlpart,
// the *OrNullObject section of docs/develop/application-specific-api-model.md, and the custom
// XML section of docs/develop/persisting-add-in-state-and-settings.md (office-js-docs-pr).
// Where those pages are silent the comment says so, and what the fake does instead.
// Events: none. The three reference pages list properties and methods only (no Events section, no
// on… member), so nothing tells an add-in of a part added, changed or deleted, and the fake raises nothing.

const ITEM_NOT_FOUND = "The requested resource doesn't exist.";

function invalidXml(): FakeOfficeError {
  return new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
}

/**
 * A part proxy that finds its part once, where its call stands in the queue (as Office.js
 * resolves an object's path when the batch reaches it), and then stays with that part: a part
 * deleted afterwards is gone (ItemNotFound), another one added afterwards is not it.
 */
function partProxy(ctx: Context, find: () => CustomXmlPartData | null, nullable = false, loaded?: Map<string, unknown>): CustomXmlPartProxy {
  let part: CustomXmlPartData | null = null;
  ctx.enqueue(0, () => void (part = find()));
  return new CustomXmlPartProxy(ctx, () => (part !== null && ctx.model.customXmlParts.includes(part) ? part : null), nullable, loaded);
}

export class CustomXmlPartProxy extends Proxy<CustomXmlPartData> {
  constructor(ctx: Context, resolve: () => CustomXmlPartData | null, nullable = false, loaded?: Map<string, unknown>) {
    super(ctx, resolve, nullable);
    for (const [k, v] of loaded ?? []) this.loaded.set(k, v);
  }

  protected read(part: CustomXmlPartData, prop: string): unknown {
    // excel.customxmlpart: id and namespaceUri, both read-only.
    if (prop === 'id') return part.id;
    if (prop === 'namespaceUri') return part.namespaceUri;
    throw new FakeOfficeError('InvalidArgument', `fake: custom XML part property ${prop} is not supported`);
  }

  /**
   * The part, or null for a null object. A part that is not there fails the batch with
   * ItemNotFound (application-specific-api-model.md: "the getItem() method throws an
   * ItemNotFound exception"); a null object's methods do nothing — the docs do not say what
   * they do, only that the object "is never null" and has isNullObject set.
   */
  private part(): CustomXmlPartData | null {
    const part = this.resolve();
    if (part === null && !this.nullable) throw new FakeOfficeError('ItemNotFound', ITEM_NOT_FOUND);
    return part;
  }

  override load(props?: unknown): this {
    // A missing part fails the batch on load too (a null object's load brings nothing back).
    if (!this.nullable) this.ctx.enqueue(0, () => void this.part());
    return super.load(props);
  }

  get id(): string {
    return this.loadedValue('id');
  }
  get namespaceUri(): string {
    return this.loadedValue('namespaceUri');
  }

  /**
   * excel.customxmlpart getXml(): "Gets the custom XML part's full XML content", a
   * ClientResult<string> whose value can be read only after context.sync()
   * (application-specific-api-model.md, "ClientResult"). The fake gives back the text exactly as
   * stored; whether Excel re-serialises it (declaration, quotes, whitespace) is not documented,
   * so callers must parse it rather than compare strings. On a null object the value is null
   * (not documented).
   */
  getXml(): ClientResult<string> {
    const result = new ClientResult<string>();
    this.ctx.enqueue(OP_BYTES, () => {
      const part = this.part();
      result.set(part === null ? (null as unknown as string) : part.xml);
      return part === null ? 0 : payloadBytes(part.xml);
    });
    return result;
  }

  /**
   * excel.customxmlpart setXml(xml): "Sets the custom XML part's full XML content" — "a
   * whole-for-whole replacement of the entire XML" (the getItem example), and a getXml() later in
   * the same batch sees the new text (the same example). The reference asks nothing of the XML
   * here; the fake refuses text that is not well-formed as add() does (InvalidArgument, not
   * documented), and files the part under the new root's namespace (not documented either:
   * namespaceUri is only said to be read-only).
   */
  setXml(xml: string): void {
    this.ctx.enqueue(OP_BYTES + payloadBytes(xml), () => {
      const part = this.part();
      if (part === null) return;
      const namespaceUri = customXmlNamespace(xml);
      if (namespaceUri === null) throw invalidXml();
      part.xml = xml;
      part.namespaceUri = namespaceUri;
    });
  }

  /**
   * excel.customxmlpart delete(): "Deletes the custom XML part." The delete example then asks
   * getItemOrNullObject(id) for it and expects a null object. Commands on the deleted part later
   * in the batch fail with ItemNotFound (not documented).
   */
  delete(): void {
    this.ctx.enqueue(OP_BYTES, () => {
      const part = this.part();
      if (part === null) return;
      const parts = this.ctx.model.customXmlParts;
      parts.splice(parts.indexOf(part), 1);
    });
  }
}

/** What the two part collections share: count, items, getItem(OrNullObject) by ID. */
abstract class CustomXmlPartListProxy extends Proxy<CustomXmlPartData[]> {
  constructor(ctx: Context, parts: () => CustomXmlPartData[]) {
    super(ctx, parts);
  }

  protected read(parts: CustomXmlPartData[], prop: string): unknown {
    // load('items') or load() loads the items' scalar properties. load('id') loads every item's id,
    // as load('items/id') does: "use load on the collection to load properties for every object in
    // the collection. Use load exactly as you would for an individual object in that collection" …
    // "All the items are loaded if you load any item properties" (application-specific-api-model.md,
    // "Load from a collection"; the typings' CustomXmlPartCollectionLoadOptions say of id and
    // namespaceUri "For EACH ITEM in the collection").
    const name = prop.startsWith('items/') ? prop.slice('items/'.length) : prop;
    const item = prop === 'items' || prop === '' ? ['id', 'namespaceUri'] : [name];
    if (item.some((p) => p !== 'id' && p !== 'namespaceUri')) {
      throw new FakeOfficeError('InvalidArgument', `fake: custom XML part collection property ${prop} is not supported`);
    }
    return parts.map((part) => ({ part, props: item.map((p) => [p, p === 'id' ? part.id : part.namespaceUri] as const) }));
  }

  override load(props?: unknown): this {
    return super.load(props === undefined ? 'items' : props);
  }

  /** "Gets the loaded child items in this collection": proxies of the parts as they were at the load. */
  get items(): CustomXmlPartProxy[] {
    // Every load of the collection ('items', 'items/id' or 'id') loaded the items.
    const lists = [...this.loaded.entries()];
    if (lists.length === 0) notLoaded('items');
    const byPart = new Map<CustomXmlPartData, Map<string, unknown>>();
    for (const [, list] of lists) {
      for (const { part, props } of list as { part: CustomXmlPartData; props: (readonly [string, unknown])[] }[]) {
        const loaded = byPart.get(part) ?? new Map<string, unknown>();
        for (const [k, v] of props) loaded.set(k, v);
        byPart.set(part, loaded);
      }
    }
    const ctx = this.ctx;
    return [...byPart].map(([part, loaded]) => new CustomXmlPartProxy(ctx, () => (ctx.model.customXmlParts.includes(part) ? part : null), false, loaded));
  }

  /** getCount(): "Gets the number of custom XML parts in the collection", a ClientResult<number>. */
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.ctx.enqueue(OP_BYTES, () => void result.set(this.target().length));
    return result;
  }

  /**
   * getItem(id): "Gets a custom XML part based on its ID". What it does for an ID that is not there
   * the reference does not say; application-specific-api-model.md ("*OrNullObject methods and
   * properties") says only that "some accessor methods and properties throw an exception when the
   * desired object doesn't exist", with a worksheet's getItem() throwing ItemNotFound as its
   * example. The fake assumes the same of custom XML parts: the batch fails with ItemNotFound. The
   * reference does not say whether IDs compare case-sensitively either; the fake compares them exactly.
   */
  getItem(id: string): CustomXmlPartProxy {
    return partProxy(this.ctx, () => this.target().find((p) => p.id === id) ?? null);
  }

  /** getItemOrNullObject(id): "If the CustomXmlPart does not exist … an object with its isNullObject property set to true". */
  getItemOrNullObject(id: string): CustomXmlPartProxy {
    return partProxy(this.ctx, () => this.target().find((p) => p.id === id) ?? null, true);
  }
}

/**
 * Excel.CustomXmlPartScopedCollection: "the result of some operation (e.g., filtering by
 * namespace)"; "cannot be scoped any further" (no getByNamespace here). Its members are the
 * parts in the namespace when each command runs.
 */
export class CustomXmlPartScopedCollectionProxy extends CustomXmlPartListProxy {
  /**
   * getOnlyItem(): "If the collection contains exactly one item, this method returns it.
   * Otherwise, this method produces an error." Which error is not documented: the fake fails the
   * batch with ItemNotFound, for none and for several alike.
   */
  getOnlyItem(): CustomXmlPartProxy {
    return partProxy(this.ctx, () => {
      const parts = this.target();
      if (parts.length !== 1) throw new FakeOfficeError('ItemNotFound', `fake: ${parts.length} custom XML parts in the collection, not exactly one`);
      return parts[0];
    });
  }

  /**
   * getOnlyItemOrNullObject(): "If the collection contains exactly one item, this method returns
   * it. Otherwise, this method returns null" — that is, a null object: *OrNullObject methods "do
   * not ever return the JavaScript value null … the isNullObject property of the object is set
   * to true", and isNullObject is loaded by context.sync() without a load()
   * (application-specific-api-model.md). So none and two or more parts look the same here; ask
   * getCount() to tell them apart.
   */
  getOnlyItemOrNullObject(): CustomXmlPartProxy {
    return partProxy(
      this.ctx,
      () => {
        const parts = this.target();
        return parts.length === 1 ? parts[0] : null;
      },
      true,
    );
  }
}

/** Excel.CustomXmlPartCollection (Workbook.customXmlParts): every part in the workbook. */
export class CustomXmlPartCollectionProxy extends CustomXmlPartListProxy {
  constructor(ctx: Context) {
    super(ctx, () => ctx.model.customXmlParts);
  }

  /**
   * add(xml): "Adds a new custom XML part to the workbook"; xml: "XML content. Must be a valid
   * XML fragment." What Excel does with XML that is not well-formed is not documented: the fake
   * fails the batch with InvalidArgument. The part's namespaceUri is its root element's namespace
   * ("only populated if the top-level custom XML element contains the xmlns attribute").
   */
  add(xml: string): CustomXmlPartProxy {
    let created: CustomXmlPartData | null = null;
    this.ctx.enqueue(OP_BYTES + payloadBytes(xml), () => {
      if (customXmlNamespace(xml) === null) throw invalidXml();
      created = this.ctx.model.addCustomXmlPart(xml);
    });
    const ctx = this.ctx;
    return new CustomXmlPartProxy(ctx, () => (created !== null && ctx.model.customXmlParts.includes(created) ? created : null));
  }

  /**
   * getByNamespace(namespaceUri): "Gets a new scoped collection of custom XML parts whose
   * namespaces match the given namespace" ("a fully qualified schema URI"). "Match" is taken as
   * the same string: the reference does not say more.
   */
  getByNamespace(namespaceUri: string): CustomXmlPartScopedCollectionProxy {
    const ctx = this.ctx;
    return new CustomXmlPartScopedCollectionProxy(ctx, () => ctx.model.customXmlParts.filter((p) => p.namespaceUri === namespaceUri));
  }
}

class ApplicationProxy {
  constructor(private readonly ctx: Context) {}
  /** Application.suspendApiCalculationUntilNextSync() (ExcelApi 1.6): no recalculation after this request (calc.ts). */
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue(OP_BYTES, () => void (this.ctx.calculationSuspended = true));
  }
  /** Application.calculate(calculationType) (ExcelApi 1.1): "Recalculate all currently opened workbooks in Excel." */
  calculate(_calculationType: string): void {
    this.ctx.enqueue(OP_BYTES, () => recalculate(this.ctx.model));
  }
}

class WorkbookProxy {
  readonly tables: TableCollectionProxy;
  readonly worksheets: WorksheetCollectionProxy;
  readonly application: ApplicationProxy;
  /** Workbook.customXmlParts: "Represents the collection of custom XML parts contained by this workbook" (ExcelApi 1.5). */
  readonly customXmlParts: CustomXmlPartCollectionProxy;

  constructor(ctx: Context) {
    this.tables = new TableCollectionProxy(ctx, () => null);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.application = new ApplicationProxy(ctx);
    this.customXmlParts = new CustomXmlPartCollectionProxy(ctx);
  }
}

/** Excel.run and Excel.run(context, …) over the model, as the adapter expects them. */
export function fakeExcel(model: WorkbookModel): ExcelApi {
  return {
    run: (batch) => batch(new Context(model) as unknown as Excel.RequestContext),
    runIn: (context, batch) => batch(context as unknown as Excel.RequestContext),
  };
}

