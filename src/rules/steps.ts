/**
 * Per-step checks of the mini-game and mini-program flows (rules.md §1, §2, §5, §7):
 * review due dates and FLOW-SLA / VERIFY-SLA, FLOW-PREREQ, rejected and withdrawn steps
 * (FLOW-REJECTED, FLOW-WITHDRAWN, REV-RESUBMIT-WINDOW), the name paths
 * (FLOW-NAME-PROTECTED, FLOW-NAME-COMPLAINT), DATA-DATE-MISSING and DATA-DATE-FUTURE,
 * and the action each step offers now.
 */
import { ActionClass, RowEval } from './context';
import { dateMissing } from './dataQuality';
import type { Day } from './dates';
import { canStart, claimsProgress, edgeState, effectiveState, incomingEdges, isAbsent, NodeId } from './flow';
import type { StepId, Topic, Verb } from './types';

/** Steps that take effect as soon as they are done (no platform review to wait for). */
export const START_VERB: Record<StepId, Verb> = {
  register: 'start',
  name: 'start',
  category: 'start',
  verify: 'submit',
  qualification: 'submit',
  version: 'submit',
  realname: 'start',
  payment: 'start',
};

/** The mini-program's payment column is WeChat Pay, not the mini-game's virtual payment. */
export function stepTopic(ev: RowEval, step: StepId): Topic {
  return step === 'payment' && ev.row.kind === 'miniprogram' ? 'wxpay' : step;
}

/**
 * When a step submitted (or started) on `date` is due, using the upper bound of its
 * duration; null for steps without a time limit (register, payment).
 */
export function reviewDue(ev: RowEval, step: StepId, date: Day): Day | null {
  switch (step) {
    case 'register':
    case 'payment':
      return null;
    case 'category':
      return date; // seed 000 第三步: 设置后直接生效
    case 'name':
      return nameDue(ev, date);
    case 'verify':
      return ev.workdays(date, ev.duration('duration.verify'));
    case 'qualification':
      return date + ev.duration('duration.qualification');
    case 'version':
      return ev.row.kind === 'minigame' ? date + ev.duration('duration.version.minigame') : ev.workdays(date, ev.duration('duration.version.miniprogram'));
    case 'realname':
      return ev.workdays(date, ev.duration('duration.realname'));
  }
}

/** seed 000 第二步 办结时限: immediate; protected word 1–3 working days; occupied 7 working days + 7 days. */
function nameDue(ev: RowEval, date: Day): Day {
  const s = ev.settings;
  switch (ev.row.namePath) {
    case 'protected':
      return ev.workdays(date, ev.duration('duration.name.protected'));
    case 'occupied':
      return ev.workdays(date, s['duration.name.complaint']) + s['duration.name.releaseDays'];
    default:
      return date;
  }
}

function isInPlay(ev: RowEval, step: StepId): boolean {
  return ev.flow.required.has(step) || ev.row.steps[step].status !== 'not_started';
}

export function checkSteps(ev: RowEval): void {
  for (const node of ev.flow.nodes) {
    if (node === 'icp' || node === 'release') continue;
    if (isAbsent(ev.row, node)) {
      // No status column: nothing is said about the step, and nothing offered for it. The
      // name case, when the table has it, is still what the user typed about the name.
      if (node === 'name' && ev.row.steps.name.status !== 'approved') checkNamePath(ev, node, 'not_started');
      continue;
    }
    if (!isInPlay(ev, node)) continue;
    checkStep(ev, node);
  }
  checkSpecialCategory(ev);
}

/**
 * FLOW-SPECIAL-CATEGORY (seed 000 注意事项二): for 棋牌-牌类, 休闲-捕鱼 and 文化互动 the
 * version waits for the qualification's approval. Said ahead, while the version is still
 * to be submitted; submitting anyway is FLOW-PREREQ. It states the condition without saying
 * the qualification is not approved, so it stands when the table does not track the
 * qualification (and the version is offered anyway).
 */
function checkSpecialCategory(ev: RowEval): void {
  if (!ev.flow.special) return;
  const qualification = effectiveState(ev.row, 'qualification').status;
  const version = effectiveState(ev.row, 'version').status;
  if (qualification !== 'approved' && (version === 'not_started' || version === 'in_progress')) {
    ev.add('FLOW-SPECIAL-CATEGORY', 'info', 'version', { category: ev.row.category });
  }
}

function checkStep(ev: RowEval, step: StepId): void {
  const raw = ev.row.steps[step];
  const state = effectiveState(ev.row, step);
  const topic = stepTopic(ev, step);
  if (raw.date !== null && raw.date > ev.today) ev.add('DATA-DATE-FUTURE', 'warning', topic, { date: raw.date });
  if (claimsProgress(raw)) checkPrerequisites(ev, step, topic);
  checkNamePath(ev, step, state.status);

  switch (state.status) {
    case 'submitted':
      onSubmitted(ev, step, topic, state.date);
      break;
    case 'rejected':
      onRejected(ev, step, topic, state.date);
      break;
    case 'withdrawn':
      ev.add('FLOW-WITHDRAWN', 'info', topic);
      ev.act(topic, 'resubmit', ActionClass.Resubmit, step);
      break;
    case 'not_started':
    case 'in_progress':
      // PAY-SUBJECT: a subject that cannot have payment is not offered it.
      if (step === 'payment' && ev.has('PAY-SUBJECT')) break;
      if (canStart(ev.row, ev.flow, step)) ev.act(topic, START_VERB[step], startClass(ev, step), step);
      break;
    default:
      // approved / not applicable: done. unknown: DATA-STATUS already said so; infer nothing.
      break;
  }
}

/** Class of a startable step; the critical-path rank is filled in by the scheduler. */
function startClass(ev: RowEval, step: StepId): ActionClass {
  if (step === 'payment') return ActionClass.PostLaunch;
  return ev.row.releaseDate === null && ev.flow.required.has(step) && step !== 'realname' ? ActionClass.CriticalPath : ActionClass.OtherStart;
}

function checkPrerequisites(ev: RowEval, step: NodeId, topic: Topic): void {
  for (const edge of incomingEdges(ev.flow, step)) {
    if (edge.order || edgeState(ev.row, edge) !== 'unmet') continue;
    const before = edge.from === 'payment' ? stepTopic(ev, 'payment') : edge.from;
    ev.add('FLOW-PREREQ', 'error', topic, { before, need: edge.need, special: ev.flow.special && edge.need === 'approved' && step === 'version' });
  }
}

function onSubmitted(ev: RowEval, step: StepId, topic: Topic, date: Day | null): void {
  if (date === null) {
    if (reviewDue(ev, step, ev.today) !== null) dateMissing(ev, step, topic, 'submitted');
    ev.act(topic, 'await', ActionClass.Await, step);
    return;
  }
  const due = reviewDue(ev, step, date);
  ev.act(topic, 'await', ActionClass.Await, step, due);
  if (due === null) return;
  ev.due(due, topic, 'review');
  if (ev.today > due) {
    ev.add(step === 'verify' ? 'VERIFY-SLA' : 'FLOW-SLA', 'warning', topic, { since: date, due, late: ev.today - due });
  }
}

function onRejected(ev: RowEval, step: StepId, topic: Topic, date: Day | null): void {
  if (date === null) dateMissing(ev, step, topic, 'rejected');
  if (ev.row.kind === 'miniprogram' && step === 'version') {
    // seed 003: 被驳回后可在7天内修改并重新提交，超过期限需重新走流程
    if (date !== null) {
      const deadline = date + ev.settings['window.resubmit.miniprogram'];
      const expired = ev.today > deadline;
      ev.add('REV-RESUBMIT-WINDOW', expired ? 'error' : 'warning', topic, { rejected: date, deadline, expired });
      if (!expired) ev.due(deadline, topic, 'resubmit');
      ev.act(topic, 'resubmit', ActionClass.Resubmit, step, expired ? null : deadline);
      return;
    }
  }
  ev.add('FLOW-REJECTED', 'warning', topic, { rejected: date });
  ev.act(topic, 'resubmit', ActionClass.Resubmit, step);
}

/** FLOW-NAME-PROTECTED / FLOW-NAME-COMPLAINT: the slow name paths, while the name is not set. */
function checkNamePath(ev: RowEval, step: StepId, status: string): void {
  if (step !== 'name' || status === 'approved' || status === 'not_applicable' || status === 'unknown') return;
  const path = ev.row.namePath;
  if (path !== 'protected' && path !== 'occupied') return;
  const date = ev.row.steps.name.date;
  const submitted = status === 'submitted' && date !== null;
  const due = submitted ? nameDue(ev, date) : null;
  if (path === 'protected') ev.add('FLOW-NAME-PROTECTED', 'info', 'name', { due });
  else ev.add('FLOW-NAME-COMPLAINT', 'info', 'name', { due, complaintDays: ev.settings['duration.name.complaint'], releaseDays: ev.settings['duration.name.releaseDays'] });
}

