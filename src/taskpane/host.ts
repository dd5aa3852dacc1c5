/**
 * Where the pane runs, decided in one place (as Script Lab does): inside Excel, or in a plain
 * browser — where office.js still loads (from the local copy) and Office.onReady resolves with
 * no host, or where office.js did not load at all.
 */
export type Host = { kind: 'excel'; displayLanguage: string } | { kind: 'browser' };

const READY_TIMEOUT_MS = 5000;

export async function detectHost(): Promise<Host> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return { kind: 'browser' };
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), READY_TIMEOUT_MS));
  const info = await Promise.race([Office.onReady(), timeout]);
  if (info && String(info.host) === 'Excel') return { kind: 'excel', displayLanguage: Office.context.displayLanguage };
  return { kind: 'browser' };
}
