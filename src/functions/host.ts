/**
 * The one door to Office's `CustomFunctions` global. Excel defines it (and office.js defines
 * `CustomFunctions.associate` even outside Office); under Jest, tsc, a plain browser or the
 * functions.html harness it may be missing. Everything else in src/functions goes through
 * `FunctionsHost`, so the function logic runs — and never throws — without it, and tests can
 * pass a fake that records errors as plain objects.
 */

/** The Excel errors the functions return (CustomFunctions.ErrorCode names). */
export type ErrorKind = 'notAvailable' | 'invalidValue' | 'invalidNumber';

/** What a function's cell shows: a value, or an Excel error made by the host. */
export type CellResult = string | number | boolean | Error;

/** A streaming call as Excel hands it over (the subset of CustomFunctions.StreamingInvocation used). */
export interface Invocation<T> {
  setResult(value: T | Error): void;
  onCanceled?: () => void;
}

export interface FunctionsHost {
  /** An Excel error (#N/A, #VALUE!, #NUM!) with a message shown in the cell's error tip. */
  error(kind: ErrorKind, message: string): Error;
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

/** The real host: `new CustomFunctions.Error(CustomFunctions.ErrorCode.x, message)`, looked up at each use. */
export const officeHost: FunctionsHost = {
  error(kind, message) {
    const cf = theGlobal();
    try {
      if (cf?.Error) return new cf.Error(cf.ErrorCode?.[kind] ?? ERROR_VALUES[kind], message);
    } catch {
      // an unexpected global: fall through to a plain error
    }
    const error = new Error(message);
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
