/**
 * The types of Office's CustomFunctions runtime used by functions.ts (@types/office-js does not
 * carry them; @types/custom-functions-runtime would, as a further dependency). Types only: at
 * run time the global is reached through host.ts, never by name. custom-functions-metadata reads
 * `CustomFunctions.StreamingInvocation<T>` in a signature as "streaming, result of type T".
 */
declare namespace CustomFunctions {
  /** A streaming call: setResult as often as the value changes; onCanceled when the formula goes away. */
  interface StreamingInvocation<ResultType> {
    setResult(value: ResultType | Error): void;
    onCanceled: () => void;
    /** The calling cell's address, when the function asks for it (@requiresAddress). */
    address?: string;
  }
}
