/**
 * A fake of Office's CustomFunctions runtime, for tests and the benchmark: the global's Error
 * class and ErrorCode table (what host.ts uses), and streaming invocations that record every
 * setResult and can be cancelled as Excel cancels a formula that is deleted or edited.
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

export class FakeCustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? '');
    this.name = 'CustomFunctions.Error';
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
