/** Types of boot.js (plain ES5, inlined at the top of taskpane.html; see there). */

/** What the page saw before office.js and the bundles loaded. */
export interface BootState {
  /** Where the page saw that Office hosts it (e.g. "_host_Info query: Excel$Win32$16.01$en-US$$$$0"), or null. */
  hostSignal: string | null;
  inHost: boolean;
  /** Internet Explorer 11 or Microsoft Edge Legacy: the pane shows the #old-webview paragraph instead. */
  oldWebview: boolean;
  /** 'pending' until afterOfficeJs ran; then 'loaded', 'local copy' (CDN unreachable, plain browser) or 'failed'. */
  officeJs: 'pending' | 'loaded' | 'local copy' | 'failed';
}

/** window.LaunchTrackerBoot, set by the inline copy of boot.js. */
export interface Boot {
  state: BootState;
  afterOfficeJs(localCopy: string | null, cdnTagId?: string): void;
}

/** The window as boot.js reads it: any of these may be missing. */
export interface BootWindow {
  external?: unknown;
  location?: { search?: string; hash?: string };
  name?: string;
  sessionStorage?: { getItem(key: string): string | null } | null;
  chrome?: { webview?: unknown };
  navigator?: { userAgent?: string };
  document?: unknown;
  Office?: unknown;
  LaunchTrackerBoot?: Boot;
}

export function hostSignal(win: BootWindow | null | undefined): string | null;
export function isOldWebview(userAgent: string | null | undefined): boolean;
export function observe(win: BootWindow): BootState;
export function afterOfficeJs(win: BootWindow, state: BootState, localCopy: string | null, cdnTagId?: string): void;
export function install(win: BootWindow): Boot;
