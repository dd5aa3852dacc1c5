/**
 * WeChat verification over time, rules.md §5: valid for a year (300 yuan a year, seed 002);
 * reminders before expiry; after expiry, capabilities are lost in stages.
 */
import { ActionClass, RowEval } from './context';
import type { Day } from './dates';
import { addMonths } from './dates';

export type LossStage = 'search_release' | 'sharing' | 'users_payments';

export function verificationExpiry(ev: RowEval): Day | null {
  const { row, settings: s } = ev;
  if (row.verifyExpiry !== null) return row.verifyExpiry;
  const verify = row.steps.verify;
  if (verify.status !== 'approved' || verify.date === null) return null;
  return addMonths(verify.date, s['verify.validMonths']);
}

/** Secondary sources: at expiry search and new releases; after 30 days sharing; after 60 new users and payments. */
export function lossStage(daysExpired: number): LossStage {
  if (daysExpired >= 60) return 'users_payments';
  if (daysExpired >= 30) return 'sharing';
  return 'search_release';
}

export function checkVerificationExpiry(ev: RowEval): void {
  const status = ev.row.steps.verify.status;
  if (status !== 'approved' && !(ev.row.verifyExpiry !== null && status !== 'unknown' && status !== 'not_applicable')) return;
  const expiry = verificationExpiry(ev);
  if (expiry === null) return;
  const s = ev.settings;
  const left = expiry - ev.today;
  if (left < 0) {
    ev.add('VERIFY-EXPIRY', 'critical', 'verify', { expiry, expired: -left, stage: lossStage(-left) });
    ev.due(expiry, 'verify', 'expiry');
    ev.act('verify', 'renew', ActionClass.ClearsCritical, null, expiry);
  } else if (left <= s['verify.infoDays']) {
    // The 60- and 7-day reminders change the text, not the severity (rules.md §9).
    const reminder = left <= 7 ? 7 : left <= s['verify.warnDays'] ? 30 : left <= 60 ? 60 : 90;
    ev.add('VERIFY-EXPIRY', left <= s['verify.warnDays'] ? 'warning' : 'info', 'verify', { expiry, left, reminder });
    ev.due(expiry, 'verify', 'expiry');
    ev.act('verify', 'renew', ActionClass.OtherStart, null, expiry);
  }
}
