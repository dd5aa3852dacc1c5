/**
 * ICP filing (小程序备案), rules.md §3 (seed 001 and the platform's filing docs).
 *
 * Stages: platform review (1–2 working days) → MIIT SMS verification within 24 hours →
 * provincial administration review (1–20 working days) → filing number.
 */
import { ActionClass, RowEval } from './context';
import { dateMissing } from './dataQuality';
import type { Day } from './dates';
import { canStart, edgeState, effectiveState, IN_REVIEW_OR_LATER, incomingEdges, isAbsent } from './flow';
import type { IcpStatus } from './types';

const NOT_SUBMITTED: ReadonlySet<IcpStatus> = new Set(['unfiled', 'preparing']);

/** The whole filing from submission: platform review, the SMS day, the administration review. */
export function filingEnd(ev: RowEval, start: Day): Day {
  const s = ev.settings;
  return ev.workdays(ev.workdays(start, ev.duration('duration.icp.platform')) + s['duration.icp.sms'], ev.duration('duration.icp.authority'));
}

/** The latest day filing can start and still be filed by `target`, counted backwards. */
export function latestFilingStart(ev: RowEval, target: Day): Day {
  const s = ev.settings;
  return ev.workdays(ev.workdays(target, -ev.duration('duration.icp.authority')) - s['duration.icp.sms'], -ev.duration('duration.icp.platform'));
}

export function checkIcp(ev: RowEval): void {
  // Without an ICP status column the filing is the user's business: no ICP finding (none
  // may say it is not done), no ICP action; the ETA still counts it unless it is inferred filed.
  if (isAbsent(ev.row, 'icp')) return;
  const { status, date } = ev.row.icp;
  if (status === 'unknown') return; // DATA-STATUS said so; nothing is inferred
  if (date !== null && date > ev.today) ev.add('DATA-DATE-FUTURE', 'warning', 'icp', { date });
  checkReleasedUnfiled(ev, status);
  checkOrderOfSteps(ev, status);
  checkRequiredBeforeRelease(ev, status);
  checkStage(ev, status, date);
  checkStartBy(ev, status);
}

/** ICP-LEGACY-DEADLINE and ICP-RELEASED-UNFILED: released programs without a filing. */
function checkReleasedUnfiled(ev: RowEval, status: IcpStatus): void {
  const released = ev.row.releaseDate;
  if (released === null || status === 'filed') return;
  const s = ev.settings;
  if (released < s['icp.requiredFrom']) {
    const deadline = s['icp.legacyDeadline'];
    ev.add('ICP-LEGACY-DEADLINE', 'critical', 'icp', { released, deadline, passed: ev.today > deadline, offlineFrom: deadline + 1 });
    ev.due(deadline, 'icp', 'deadline');
    setIcpDeadline(ev, deadline);
  } else {
    ev.add('ICP-RELEASED-UNFILED', 'critical', 'icp', { released, requiredFrom: s['icp.requiredFrom'] });
  }
}

/**
 * ICP-VERIFY-FIRST for a non-personal subject filed before verification; FLOW-PREREQ when
 * the name or category was not set. Only statuses that claim a submission are checked.
 */
function checkOrderOfSteps(ev: RowEval, status: IcpStatus): void {
  if (!IN_REVIEW_OR_LATER.has(status)) return;
  const subject = ev.row.subjectType;
  const verify = effectiveState(ev.row, 'verify').status;
  // A verification the table has no status column for needs no guard: a filing past
  // preparing shows it approved for a non-personal subject (inferAbsent, verify → icp).
  if (subject !== null && subject !== 'personal' && verify !== 'approved' && verify !== 'unknown' && status !== 'filed') {
    ev.add('ICP-VERIFY-FIRST', 'error', 'icp', { verifyStatus: verify });
  }
  for (const edge of incomingEdges(ev.flow, 'icp')) {
    if (edge.from !== 'verify' && edgeState(ev.row, edge) === 'unmet') {
      ev.add('FLOW-PREREQ', 'error', 'icp', { before: edge.from, need: edge.need, special: false });
    }
  }
}

/**
 * ICP-REQUIRED: filing must be done before release. It is raised when it is what holds the
 * launch back — the version is in review or approved and filing has not been submitted —
 * rather than on every early-stage row, where it would only be noise.
 */
function checkRequiredBeforeRelease(ev: RowEval, status: IcpStatus): void {
  if (ev.row.releaseDate !== null || !NOT_SUBMITTED.has(status)) return;
  const version = effectiveState(ev.row, 'version').status;
  if (version === 'submitted' || version === 'approved') {
    ev.add('ICP-REQUIRED', 'error', 'icp', { versionStatus: version });
  }
}

function checkStage(ev: RowEval, status: IcpStatus, date: Day | null): void {
  const s = ev.settings;
  const critical = ev.hasCritical('icp');
  switch (status) {
    case 'unfiled':
    case 'preparing':
      if (canStart(ev.row, ev.flow, 'icp')) ev.act('icp', 'submit', critical ? ActionClass.ClearsCritical : ActionClass.CriticalPath, 'icp');
      return;
    case 'platform_review':
      return awaitReview(ev, date, date === null ? null : ev.workdays(date, ev.duration('duration.icp.platform')), 'platform');
    case 'authority_review':
      return awaitReview(ev, date, date === null ? null : ev.workdays(date, ev.duration('duration.icp.authority')), 'authority');
    case 'sms_pending':
      return smsPending(ev, date);
    case 'platform_rejected':
    case 'authority_rejected':
      ev.add('ICP-REJECTED', 'warning', 'icp', { by: status === 'platform_rejected' ? 'platform' : 'authority', date });
      if (date === null) dateMissing(ev, 'icp', 'icp', 'rejected');
      ev.act('icp', 'resubmit', critical ? ActionClass.ClearsCritical : ActionClass.Resubmit, 'icp');
      return;
    default:
      return;
  }
}

function awaitReview(ev: RowEval, date: Day | null, due: Day | null, stage: 'platform' | 'authority'): void {
  if (date === null || due === null) {
    dateMissing(ev, 'icp', 'icp', 'submitted');
    ev.act('icp', 'await', ActionClass.Await, 'icp');
    return;
  }
  ev.due(due, 'icp', 'review');
  setIcpDeadline(ev, due);
  ev.act('icp', 'await', ActionClass.Await, 'icp', due).detail = stage;
  if (ev.today > due) ev.add('ICP-SLA', 'warning', 'icp', { stage, since: date, due, late: ev.today - due });
}

/** ICP-SMS-PENDING: the MIIT SMS must be answered within 24 hours, i.e. by the next day. */
function smsPending(ev: RowEval, date: Day | null): void {
  if (date === null) {
    dateMissing(ev, 'icp', 'icp', 'sms_pending');
    ev.add('ICP-SMS-PENDING', 'critical', 'icp', { due: null, missed: false });
    ev.act('icp', 'verify_sms', ActionClass.ClearsCritical, 'icp');
    return;
  }
  const due = date + ev.settings['duration.icp.sms'];
  const missed = ev.today > due;
  const critical = ev.today >= due || ev.hasCritical('icp');
  ev.add('ICP-SMS-PENDING', critical ? 'critical' : 'warning', 'icp', { sms: date, due, missed });
  ev.due(due, 'icp', 'sms');
  setIcpDeadline(ev, due);
  ev.act('icp', 'verify_sms', critical ? ActionClass.ClearsCritical : ActionClass.CriticalPath, 'icp', due);
}

/**
 * ICP-START-BY: with a target launch and no filing submitted, the latest safe start
 * (rules.md §9): info while that day is still ahead, naming it; a warning from that day on,
 * saying how many days late (0 on the day itself) and when filing started today would end.
 * The latest safe start is an ICP date for the due date either way.
 */
function checkStartBy(ev: RowEval, status: IcpStatus): void {
  const target = ev.row.targetLaunch;
  if (target === null || ev.row.releaseDate !== null || !NOT_SUBMITTED.has(status)) return;
  const startBy = latestFilingStart(ev, target);
  if (ev.today < startBy) {
    ev.add('ICP-START-BY', 'info', 'icp', { target, startBy, daysPast: null, projectedEnd: null, lateVsTarget: 0 });
  } else {
    const projectedEnd = filingEnd(ev, ev.today);
    ev.add('ICP-START-BY', 'warning', 'icp', { target, startBy, daysPast: ev.today - startBy, projectedEnd, lateVsTarget: Math.max(0, projectedEnd - target) });
  }
  ev.due(startBy, 'icp', 'startBy');
  setIcpDeadline(ev, startBy);
}

function setIcpDeadline(ev: RowEval, day: Day): void {
  if (ev.icpDeadline === null || day < ev.icpDeadline) ev.icpDeadline = day;
}
