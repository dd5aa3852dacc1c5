/**
 * Formulas in the in-memory workbook, enough for the tests of what the product's writes do to
 * a user's own formulas over the output columns (a count of 严重 rows beside the table, a cell
 * that repeats a next step). Excel's calculation model as the fake follows it:
 *
 * - In automatic mode, the formulas depending on cells a request changed are recalculated after
 *   that request (Excel.CalculationMode.automatic: "The default recalculation behavior where
 *   Excel calculates new formula results every time the relevant data is changed",
 *   https://learn.microsoft.com/javascript/api/excel/excel.calculationmode). In manual mode
 *   only Application.calculate does.
 * - A request with Application.suspendApiCalculationUntilNextSync() is not followed by a
 *   recalculation: "Suspends calculation until the next context.sync() is called. Once set, it
 *   is the developer's responsibility to re-calc the workbook, to ensure that any dependencies
 *   are propagated" (https://learn.microsoft.com/javascript/api/excel/excel.application). Whether
 *   Excel still knows those cells are dirty afterwards the reference does not say; the fake
 *   takes the cautious reading: a later request does not catch them up, only calculate() does.
 *
 * The fake recalculates every formula at once (its workbooks are small); the formulas it reads
 * are a cell reference (=B2, ='项目'!B2), COUNTIF(range, criteria) with * and ? wildcards,
 * COUNTA(range) and SUM(range), where a range is A1:B9, a whole column (Q:Q), a sheet's
 * ('项目'!Q:Q) or a table column (Portfolio[级别]); and the custom functions registered on the
 * model (model.customFunctions, e.g. LAUNCH.ADDINVERSION), given their arguments' values. Excel
 * calls custom functions asynchronously (a cell shows #BUSY! meanwhile); the fake answers at
 * once. Anything else evaluates to #NAME?, as a function Excel does not know does.
 */
import { parseAddress, Rect } from '../../workbook/address';
import type { CellValue, SheetModel, WorkbookModel } from './model';

/** Evaluate every formula of the workbook (a full recalculation), in sheet order. */
export function recalculate(model: WorkbookModel): void {
  for (const sheet of model.sheets) {
    for (const [row, line] of sheet.cells) {
      for (const [col, cell] of line) {
        const formula = cell.formula;
        if (formula === undefined) continue;
        const value = evaluate(model, sheet, formula, row, col);
        if (!(value instanceof Promise)) {
          cell.value = value;
          continue;
        }
        // A custom function answering later: #BUSY! until it does (and only if the formula is still there).
        cell.value = '#BUSY!';
        void value.then(
          (answer) => {
            if (cell.formula === formula) cell.value = answer;
            model.notifyView();
          },
          () => {
            if (cell.formula === formula) cell.value = '#VALUE!';
          },
        );
      }
    }
  }
  model.recalculations++;
}

function evaluate(model: WorkbookModel, sheet: SheetModel, formula: string, row: number, col: number): CellValue | Promise<CellValue> {
  const body = formula.replace(/^=/, '').trim();
  const call = /^([A-Z][A-Z0-9.]*)\((.*)\)$/i.exec(body);
  try {
    if (!call) return single(model, sheet, body, row, col);
    const [, fn, args] = call;
    const parts = args.trim() === '' ? [] : splitArgs(args);
    const custom = model.customFunctions.get(fn.toUpperCase());
    if (custom) return custom(parts.map((p) => argument(model, sheet, p, row, col)));
    const values = () => cellsOf(model, sheet, parts[0]);
    switch (fn.toUpperCase()) {
      case 'COUNTIF': {
        const test = criterion(parts[1] ?? '');
        return values().filter(test).length;
      }
      case 'COUNTA':
        return values().filter((v) => v !== '').length;
      case 'SUM':
        return values().reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);
      default:
        return '#NAME?';
    }
  } catch {
    return '#REF!';
  }
}

/** One cell's value (a formula that is just a reference). */
function single(model: WorkbookModel, sheet: SheetModel, ref: string, row: number, col: number): CellValue {
  const { sheet: target, rect } = resolve(model, sheet, ref);
  if (target === sheet && rect.top === row && rect.left === col) return '#REF!';
  return target.value(rect.top, rect.left);
}

function cellsOf(model: WorkbookModel, sheet: SheetModel, ref: string): CellValue[] {
  const { sheet: target, rect } = resolve(model, sheet, ref);
  const out: CellValue[] = [];
  const lastRow = Math.min(rect.top + rect.rows, Math.max(0, ...target.cells.keys()) + 1);
  for (let r = rect.top; r < lastRow; r++) for (let c = rect.left; c < rect.left + rect.cols; c++) out.push(target.value(r, c));
  return out;
}

/** A range reference: Table[Column], 'Sheet'!A1:B2, Sheet!Q:Q or A1. */
function resolve(model: WorkbookModel, sheet: SheetModel, ref: string): { sheet: SheetModel; rect: Rect } {
  const structured = /^([^[\]!]+)\[([^\]]+)\]$/.exec(ref.trim());
  if (structured) {
    const table = model.table(structured[1]);
    if (!table) throw new Error('no table');
    const i = table.headers().findIndex((h) => h.toLowerCase() === structured[2].toLowerCase());
    if (i < 0) throw new Error('no column');
    return { sheet: table.sheet, rect: { top: table.top + 1, left: table.left + i, rows: table.height, cols: 1 } };
  }
  const bang = ref.lastIndexOf('!');
  const target = bang < 0 ? sheet : model.sheet(ref.slice(0, bang).replace(/^'|'$/g, ''));
  if (!target) throw new Error('no sheet');
  return { sheet: target, rect: parseAddress(ref.slice(bang + 1)) };
}

/** A custom function's argument: a quoted text, a number, TRUE/FALSE, or a cell's value. */
function argument(model: WorkbookModel, sheet: SheetModel, arg: string, row: number, col: number): CellValue {
  const text = /^"(.*)"$/.exec(arg)?.[1];
  if (text !== undefined) return text.replace(/""/g, '"');
  if (/^(TRUE|FALSE)$/i.test(arg)) return arg.toUpperCase() === 'TRUE';
  if (arg !== '' && Number.isFinite(Number(arg))) return Number(arg);
  return single(model, sheet, arg, row, col);
}

function splitArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of args) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === ',') {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

/** COUNTIF's criteria: a quoted text (with * and ? wildcards, case-insensitive) or a number. */
function criterion(arg: string): (v: CellValue) => boolean {
  const text = /^"(.*)"$/.exec(arg)?.[1].replace(/""/g, '"');
  if (text === undefined) {
    const n = Number(arg);
    return (v) => v === n;
  }
  const pattern = new RegExp(`^${text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return (v) => pattern.test(String(v));
}
