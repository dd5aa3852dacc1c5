/**
 * A fake of Office's CustomFunctions runtime, for tests and the benchmark: the global's Error
 * class and ErrorCode table (what host.ts uses), and streaming invocations that record every
 * setResult and can be cancelled as Excel cancels a formula that is deleted or edited.
 *
 * Error messages follow "Handle and return errors from your custom function"
 * (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors: "The #VALUE! and
 * #N/A errors also support custom error messages") and the CustomFunctions.ErrorCode reference
 * (https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions.errorcode:
 * for #NUM!, #DIV/0!, #NULL!, #NAME? and #REF! "A custom error message can't be used"). Neither page
 * says what Excel does with a message given all the same (it is not shown; whether Excel ignores
 * it or refuses the error is not documented): the fake drops it, as the user would see it, and
 * keeps it aside in `droppedMessage` so a test catches code that counts on a message no one sees.
 * #NAME? and #REF! are input errors only (same page); the functions never return them.
 */

/** Excel's error values by CustomFunctions.ErrorCode name. */
export const FAKE_ERROR_CODES = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

/** The error values whose custom message Excel shows (see above). */
export const FAKE_MESSAGE_CODES: ReadonlySet<string> = new Set([FAKE_ERROR_CODES.invalidValue, FAKE_ERROR_CODES.notAvailable]);

export class FakeCustomFunctionsError extends Error {
  /** A message given with an error that shows none (#NUM! …): Excel drops it, so `message` is empty. */
  readonly droppedMessage: string | undefined;

  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(FAKE_MESSAGE_CODES.has(code) ? (message ?? '') : '');
    this.name = 'CustomFunctions.Error';
    this.droppedMessage = !FAKE_MESSAGE_CODES.has(code) && message ? message : undefined;
  }
}

type Global = { CustomFunctions?: unknown };

/** Put a fake CustomFunctions global in place; the returned function restores what was there. */
export function installFakeCustomFunctions(): () => void {
  const g = globalThis as Global;
  const had = Object.prototype.hasOwnProperty.call(g, 'CustomFunctions');
  const before = g.CustomFunctions;
  const associated = new Map<string, unknown>();
  g.CustomFunctions = {
    Error: FakeCustomFunctionsError,
    ErrorCode: { ...FAKE_ERROR_CODES },
    associate: (id: string, fn: unknown) => void associated.set(id, fn),
    associated,
  };
  return () => {
    if (had) g.CustomFunctions = before;
    else delete g.CustomFunctions;
  };
}

export interface FakeInvocation<T> {
  setResult(value: T | Error): void;
  onCanceled: () => void;
  /** Every value set, in order. */
  readonly results: (T | Error)[];
  /** The last value set (undefined before the first). */
  readonly value: T | Error | undefined;
  /** What Excel does when the formula goes away. */
  cancel(): void;
}

export function fakeInvocation<T>(): FakeInvocation<T> {
  const results: (T | Error)[] = [];
  return {
    results,
    setResult(value) {
      results.push(value);
    },
    onCanceled: () => undefined,
    get value() {
      return results[results.length - 1];
    },
    cancel() {
      this.onCanceled();
    },
  };
}
