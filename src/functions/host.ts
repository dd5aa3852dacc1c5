/**
 * The one door to Office's `CustomFunctions` global. Excel defines it (and office.js defines
 * `CustomFunctions.associate` even outside Office); under Jest, tsc, a plain browser or the
 * functions.html harness it may be missing. Everything else in src/functions goes through
 * `FunctionsHost`, so the function logic runs — and never throws — without it, and tests can
 * pass a fake that records errors as plain objects.
 */

/**
 * The Excel errors the functions return (CustomFunctions.ErrorCode names), and the ones whose
 * message Excel shows. "Handle and return errors from your custom function"
 * (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors): "The #VALUE! and
 * #N/A errors also support custom error messages" — "You can only return a custom error message
 * with the #VALUE! and #N/A errors"; the CustomFunctions.ErrorCode reference
 * (https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions.errorcode)
 * says of #NUM! (and #DIV/0!, #NULL!, #NAME?, #REF!) "A custom error message can't be used".
 * So a message the user needs goes with #VALUE! or #N/A, and #NUM! goes without one.
 */
export type MessageErrorKind = 'notAvailable' | 'invalidValue';
export type ErrorKind = MessageErrorKind | 'invalidNumber';

/** Whether Excel shows a message with this error (see ErrorKind). */
export function showsMessage(kind: ErrorKind): kind is MessageErrorKind {
  return kind === 'notAvailable' || kind === 'invalidValue';
}

/** What a function's cell shows: a value, or an Excel error made by the host. */
export type CellResult = string | number | boolean | Error;

/** A streaming call as Excel hands it over (the subset of CustomFunctions.StreamingInvocation used). */
export interface Invocation<T> {
  setResult(value: T | Error): void;
  onCanceled?: () => void;
}

export interface FunctionsHost {
  /** #N/A or #VALUE!, with a message shown in the cell's error indicator. */
  error(kind: MessageErrorKind, message: string): Error;
  /** #NUM!: Excel shows no message with it (see ErrorKind), so none can be given. */
  error(kind: 'invalidNumber'): Error;
  /** Resolves when Excel.run may be called (Office.onReady); at once outside Office. */
  ready(): Promise<void>;
}

/** The shape of the global, as far as it is used here (nothing of it is required). */
interface CustomFunctionsGlobal {
  Error?: new (code: string, message?: string) => Error;
  ErrorCode?: Record<string, string>;
  associate?: (id: string, fn: (...args: never[]) => unknown) => void;
}

function theGlobal(): CustomFunctionsGlobal | undefined {
  const g = (globalThis as { CustomFunctions?: CustomFunctionsGlobal }).CustomFunctions;
  return g && typeof g === 'object' ? g : undefined;
}

/** Excel's error values, for when the global has no ErrorCode table. */
const ERROR_VALUES: Record<ErrorKind, string> = { notAvailable: '#N/A', invalidValue: '#VALUE!', invalidNumber: '#NUM!' };

/**
 * The real host: `new CustomFunctions.Error(CustomFunctions.ErrorCode.x, message)`, looked up at
 * each use. A message is passed only with the errors that show one (#VALUE!, #N/A); for #NUM! the
 * types allow none, and one passed all the same is left out here rather than handed to Excel.
 */
export const officeHost: FunctionsHost = {
  error(kind: ErrorKind, message?: string): Error {
    const shown = showsMessage(kind) ? message : undefined;
    const cf = theGlobal();
    try {
      if (cf?.Error) {
        const code = cf.ErrorCode?.[kind] ?? ERROR_VALUES[kind];
        return shown === undefined ? new cf.Error(code) : new cf.Error(code, shown);
      }
    } catch {
      // an unexpected global: fall through to a plain error
    }
    const error = new Error(shown ?? '');
    error.name = ERROR_VALUES[kind];
    return error;
  },
  async ready() {
    // Excel calculates the workbook's formulas as soon as the functions are registered, which
    // can be before office.js has initialised; Excel.run must wait for it.
    const office = (globalThis as { Office?: { onReady?: () => Promise<unknown> } }).Office;
    if (typeof office?.onReady === 'function') await office.onReady();
  },
};

/**
 * `CustomFunctions.associate` when Excel (or office.js) provides it, else nothing: the calls that
 * custom-functions-metadata-plugin appends to functions.ts go through this (see functions.ts).
 */
export function associate(id: string, fn: (...args: never[]) => unknown): void {
  try {
    theGlobal()?.associate?.(id, fn);
  } catch (error) {
    console.error(`Launch Tracker: could not register ${id}`, error);
  }
}
