/**
 * What functions.ts calls: the engine of this page's shared runtime (one per runtime, made on
 * the first formula), behind a guard that turns any failure into an Excel error value.
 */
import type { Calendar } from '../rules/calendar';
import type { Language } from '../rules/types';
import { Runtime, sharedRuntime } from '../excel/runtime';
import { FunctionsEngine } from './engine';
import { FunctionsHost, Invocation, officeHost } from './host';
import { HelperAnswer, MESSAGES, RowField } from './values';

const engines = new WeakMap<Runtime, FunctionsEngine>();
const host: FunctionsHost = officeHost;

/** The engine of a runtime (this page's shared runtime unless given): one per runtime, made on first use. */
export function engineFor(runtime: Runtime = sharedRuntime()): FunctionsEngine {
  let engine = engines.get(runtime);
  if (!engine) {
    engine = new FunctionsEngine(runtime, host);
    engines.set(runtime, engine);
  }
  return engine;
}

function safeLanguage(): Language {
  try {
    return sharedRuntime().language;
  } catch {
    return 'zh-CN';
  }
}

function guarded(invocation: Invocation<never>, run: (engine: FunctionsEngine) => void): void {
  try {
    run(engineFor());
  } catch (error) {
    try {
      const message = MESSAGES.failed(safeLanguage(), error instanceof Error ? error.message : String(error));
      invocation.setResult(host.error('notAvailable', message) as never);
    } catch {
      // nothing more can be done for this cell
    }
  }
}

export function streamRow(field: RowField, id: unknown, invocation: Invocation<never>): void {
  guarded(invocation, (engine) => engine.row(field, id, invocation));
}

export function streamHelper(compute: (calendar: Calendar) => HelperAnswer, invocation: Invocation<never>): void {
  guarded(invocation, (engine) => engine.calendar(compute, invocation));
}
