/**
 * Live-stream eligibility (小程序直播), rules.md §4 (seed 004 and the platform docs).
 * All of category, subject, no serious violation in 6 months and a payment in 90 days;
 * and at least one of followers, 7-day DAU or ad spend.
 */
import { ActionClass, RowEval } from './context';
import type { Day } from './dates';
import { addMonths, toIso } from './dates';
import { categoryFacts } from './categories';
import type { LiveCondition, LiveResult } from './types';

export function evaluateLive(ev: RowEval): LiveResult {
  const { row, settings: s, today } = ev;
  // The failed conditions as bits (CONDITION_BIT): most rows fail the same few ways, and
  // each combination's list is built once.
  let mask = 0;
  if (row.category === null || !categoryFacts(ev.ctx, row.category).live) mask |= CONDITION_BIT['LIVE-CATEGORY'];
  if (row.subjectType === null || row.subjectType === 'personal') mask |= CONDITION_BIT['LIVE-SUBJECT'];

  let violationClears: Day | null = null;
  if (typeof row.lastViolation === 'number') {
    // rules.md: "eligibility returns 6 months after it".
    const clears = addMonths(row.lastViolation, s['live.violationMonths']);
    if (today < clears) {
      mask |= CONDITION_BIT['LIVE-VIOLATION-6M'];
      violationClears = clears;
    }
  }
  const paid = row.lastPayment !== null && row.lastPayment <= today && today - row.lastPayment <= s['live.paymentDays'];
  if (!paid) mask |= CONDITION_BIT['LIVE-PAYMENT-90D'];

  // The audience fails only when none of its three conditions holds.
  const followers = row.followers !== null && row.followers > s['live.minFollowers'];
  const dau = row.dau7 !== null && row.dau7 > s['live.minDau'];
  const adSpend = row.adSpend !== null && row.adSpend > s['live.minAdSpend'];
  if (!followers && !dau && !adSpend) mask |= AUDIENCE_BITS;

  const eligible = mask === 0;
  const failed = (FAILED_SETS[mask] ??= conditionsOf(mask));
  // Only a violation's window has a known end; the other conditions depend on the future.
  const onlyViolation = mask === CONDITION_BIT['LIVE-VIOLATION-6M'];
  const eligibleFrom = onlyViolation && violationClears !== null ? toIso(violationClears) : null;

  if (row.wantsLive === true) reportLive(ev, failed, violationClears, eligible);
  if (eligibleFrom !== null) return { eligible, failed, eligibleFrom };
  // Without a date, the answer is one of 128: share it (results are frozen where shared).
  return (SHARED_RESULTS[mask] ??= Object.freeze({ eligible, failed, eligibleFrom: null }));
}

/** Most rows fail the same few ways; share one frozen list per combination (7 conditions → 128). */
const CONDITION_BIT: Record<LiveCondition, number> = {
  'LIVE-CATEGORY': 1,
  'LIVE-SUBJECT': 2,
  'LIVE-VIOLATION-6M': 4,
  'LIVE-PAYMENT-90D': 8,
  'LIVE-FOLLOWERS': 16,
  'LIVE-DAU': 32,
  'LIVE-ADSPEND': 64,
};
const AUDIENCE_BITS = CONDITION_BIT['LIVE-FOLLOWERS'] | CONDITION_BIT['LIVE-DAU'] | CONDITION_BIT['LIVE-ADSPEND'];
/** In the order results list them (the order of the bits). */
const CONDITIONS = Object.keys(CONDITION_BIT) as LiveCondition[];
const FAILED_SETS: (LiveCondition[] | undefined)[] = new Array(128);
const SHARED_RESULTS: (LiveResult | undefined)[] = new Array(128);
function conditionsOf(mask: number): LiveCondition[] {
  return Object.freeze(CONDITIONS.filter((c) => (mask & CONDITION_BIT[c]) !== 0)) as LiveCondition[];
}

function reportLive(ev: RowEval, failed: readonly LiveCondition[], violationClears: Day | null, eligible: boolean): void {
  const { row, settings: s } = ev;
  for (const rule of failed) {
    ev.add(rule, 'warning', 'live', {
      category: row.category,
      lastViolation: row.lastViolation,
      clears: rule === 'LIVE-VIOLATION-6M' ? violationClears : null,
      lastPayment: row.lastPayment,
      days: s['live.paymentDays'],
      months: s['live.violationMonths'],
      followers: row.followers,
      dau7: row.dau7,
      adSpend: row.adSpend,
      minFollowers: s['live.minFollowers'],
      minDau: s['live.minDau'],
      minAdSpend: s['live.minAdSpend'],
    });
  }
  if (!eligible) return;
  if (s['live.paused']) {
    ev.add('LIVE-PAUSED', 'info', 'live');
    return;
  }
  if (row.releaseDate !== null) ev.act('live', 'apply', ActionClass.PostLaunch, null);
}
