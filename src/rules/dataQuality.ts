/** Row-level data-quality rules that need no other row (rules.md §7). */
import type { RowEval } from './context';

const APPID = /^wx[0-9a-f]{16}$/i;

/** DATA-APPID: `wx` followed by 16 hex digits. */
export function checkAppId(ev: RowEval): void {
  const appId = ev.row.appId;
  if (appId !== null && !APPID.test(appId)) ev.add('DATA-APPID', 'warning', 'row', { appId });
}
