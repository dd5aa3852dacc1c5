/**
 * Where the pane runs, decided in one place: inside Excel, or in a plain browser (preview mode).
 *
 * The decision comes from what Office puts on the page (boot.js, which runs inline before office.js:
 * `_host_Info`, window.external, window.name, …), never from a timeout:
 *
 * - Inside an Office host the pane waits for Office.onReady however long it takes (the spinner
 *   shows, and after STILL_WAITING_MS a line that it is still waiting for Excel). It never falls
 *   into preview mode there: a user on a slow start would otherwise work on the example workbook.
 *   If office.js did not load at all (Microsoft's CDN unreachable from the user's network), the pane
 *   says so (StartupProblem 'office-js-missing').
 * - In a plain browser, office.js (Microsoft's CDN, or the local copy that taskpane.html writes in
 *   its place when the CDN is unreachable) resolves Office.onReady with host null at once: "once
 *   Office.js determines that it is running outside of an Office application, it will call the
 *   callback and resolve the promise with "null" for both the application and platform"
 *   (Office.onReady, https://learn.microsoft.com/javascript/api/office#office-office-onready-function(1);
 *   office-js-docs-pr pull request #3348 fixed the initialization article to say the same:
 *   https://learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in).
 *   If office.js nevertheless answers "Excel", the page was in a host after all and Excel wins.
 *   Only here, with no sign of a host, does a time limit apply (PLAIN_BROWSER_READY_MS): a plain
 *   browser whose office.js cannot finish (its own Excel and locale scripts unreachable) still gets
 *   preview mode.
 */
import { observe, type Boot, type BootState } from './boot';

export type Host = { kind: 'excel'; displayLanguage: string } | { kind: 'browser' };

export type StartupProblemCode = 'office-js-missing' | 'not-excel';

/** Why the pane cannot start inside an Office host (never "use preview mode instead"). */
export class StartupProblem extends Error {
  override readonly name = 'StartupProblem';
  constructor(
    readonly code: StartupProblemCode,
    /** Where the page saw the host (boot.js), for the developer tools. */
    readonly hostSignal: string | null,
    message: string = code,
  ) {
    super(message);
  }
}

/** StartupProblem by shape too (one from another copy of this module fails instanceof). */
export function startupProblemCode(thrown: unknown): StartupProblemCode | null {
  if (thrown instanceof StartupProblem) return thrown.code;
  if (typeof thrown === 'object' && thrown !== null) {
    const { name, code } = thrown as { name?: unknown; code?: unknown };
    if (name === 'StartupProblem' && (code === 'office-js-missing' || code === 'not-excel')) return code;
  }
  return null;
}

/** Inside a host: after this long without Office.onReady the spinner adds "still waiting for Excel". */
export const STILL_WAITING_MS = 8000;
/** Outside a host only (no sign of Office): how long office.js may take to say "no host". */
export const PLAIN_BROWSER_READY_MS = 5000;

interface OfficeLike {
  onReady(): Promise<{ host?: unknown } | null | undefined>;
  context?: { displayLanguage?: string };
}

export interface HostEnvironment {
  /** What boot.js saw before office.js loaded. */
  boot: BootState;
  /** The Office global, if office.js loaded. */
  office: OfficeLike | undefined;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DetectOptions {
  /** Called once, inside a host, when Office.onReady has taken STILL_WAITING_MS. */
  onStillWaiting?: () => void;
  env?: HostEnvironment;
}

/** This page: the state the inline boot.js recorded (or, on a page without it, what boot.js sees now). */
export function currentEnvironment(): HostEnvironment {
  const win = globalThis as unknown as { LaunchTrackerBoot?: Boot; Office?: unknown };
  const boot = win.LaunchTrackerBoot?.state ?? observe(globalThis as never);
  const office = win.Office as OfficeLike | undefined;
  return {
    boot,
    office: office && typeof office.onReady === 'function' ? office : undefined,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

export async function detectHost(options: DetectOptions = {}): Promise<Host> {
  const env = options.env ?? currentEnvironment();
  const { boot, office } = env;

  if (boot.inHost) {
    if (!office) {
      throw new StartupProblem('office-js-missing', boot.hostSignal, `office.js did not load (Office host seen: ${boot.hostSignal})`);
    }
    const waiting = env.setTimeout(() => options.onStillWaiting?.(), STILL_WAITING_MS);
    let info: { host?: unknown } | null | undefined;
    try {
      info = await office.onReady();
    } finally {
      env.clearTimeout(waiting);
    }
    if (info && String(info.host) === 'Excel') return { kind: 'excel', displayLanguage: office.context?.displayLanguage ?? '' };
    throw new StartupProblem('not-excel', boot.hostSignal, `Office reports host ${String(info?.host)}, not Excel`);
  }

  if (!office) return { kind: 'browser' };
  let timer: unknown;
  const timeout = new Promise<null>((resolve) => {
    timer = env.setTimeout(() => resolve(null), PLAIN_BROWSER_READY_MS);
  });
  try {
    const info = await Promise.race([office.onReady(), timeout]);
    if (info && String(info.host) === 'Excel') return { kind: 'excel', displayLanguage: office.context?.displayLanguage ?? '' };
  } finally {
    env.clearTimeout(timer);
  }
  return { kind: 'browser' };
}
