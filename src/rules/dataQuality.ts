/** Row-level data-quality rules that need no other row (rules.md §7). */
import type { RowEval } from './context';
import { isDateAbsent } from './flow';
import type { StepId, Topic } from './types';

const APPID = /^wx[0-9a-f]{16}$/i;

/** DATA-APPID: `wx` followed by 16 hex digits. */
export function checkAppId(ev: RowEval): void {
  const appId = ev.row.appId;
  if (appId !== null && !APPID.test(appId)) ev.add('DATA-APPID', 'warning', 'row', { appId });
}

/**
 * DATA-DATE-MISSING: a step (or the filing) whose status needs a date to count from has none,
 * unless the table has no date column for it at all (then a missing date is no finding).
 */
export function dateMissing(ev: RowEval, node: StepId | 'icp', topic: Topic, status: 'submitted' | 'rejected' | 'sms_pending'): void {
  if (!isDateAbsent(ev.row, node)) ev.add('DATA-DATE-MISSING', 'warning', topic, { status });
}
