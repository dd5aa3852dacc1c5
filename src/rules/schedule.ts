/**
 * ETA and the critical path (rules.md §8).
 *
 * Forward pass: every remaining step starts as soon as its prerequisites allow (today at
 * the earliest) and takes the upper bound of its duration on the working-day calendar;
 * overdue reviews are assumed to end today. The projected release is when both the
 * version and the filing are done.
 *
 * Backward pass: for each step, the longest remaining path from its start to release, so
 * the startable step that holds the launch back most comes first.
 */
import { ActionClass, RowEval } from './context';
import type { Day } from './dates';
import { effectiveState, NodeId } from './flow';
import { filingEnd } from './icp';
import { reviewDue } from './steps';

const DONE = Number.NEGATIVE_INFINITY;

/** Per node position in the row's flow: when it starts, is (or was) submitted, and ends. */
export interface Schedule {
  start: number[];
  end: number[];
  /** Projected release, or null once released. */
  eta: Day | null;
}

export function scheduleRow(ev: RowEval): Schedule {
  const { nodes, incoming } = ev.flow;
  const n = nodes.length;
  const start: number[] = new Array(n);
  const end: number[] = new Array(n);
  const submitAt: number[] = new Array(n);
  const position = ev.flow.position;

  for (let i = 0; i < n; i++) {
    let earliest = ev.today;
    for (const e of incoming[i]) {
      const t = e.need === 'submitted' ? submitAt[e.fromAt] : end[e.fromAt];
      if (t > earliest) earliest = t;
    }
    const node = nodes[i];
    if (node === 'release') {
      start[i] = submitAt[i] = end[i] = earliest;
    } else if (node === 'icp') {
      scheduleIcp(ev, earliest, i, start, submitAt, end);
    } else {
      scheduleStep(ev, node, earliest, i, start, submitAt, end);
    }
  }
  const eta = ev.row.releaseDate === null ? end[position.get('release') as number] : null;
  return { start, end, eta };
}

function scheduleStep(ev: RowEval, step: Exclude<NodeId, 'icp' | 'release'>, earliest: Day, i: number, start: number[], submitAt: number[], end: number[]): void {
  const state = effectiveState(ev.row, step);
  switch (state.status) {
    case 'approved':
    case 'not_applicable':
      start[i] = submitAt[i] = end[i] = DONE;
      return;
    case 'submitted': {
      const since = state.date ?? ev.today;
      const due = reviewDue(ev, step, since) ?? since;
      start[i] = submitAt[i] = since;
      end[i] = Math.max(ev.today, due);
      return;
    }
    default:
      start[i] = submitAt[i] = earliest;
      end[i] = reviewDue(ev, step, earliest) ?? earliest;
  }
}

function scheduleIcp(ev: RowEval, earliest: Day, i: number, start: number[], submitAt: number[], end: number[]): void {
  const { status, date } = ev.row.icp;
  const s = ev.settings;
  const today = ev.today;
  const since = date ?? today;
  start[i] = submitAt[i] = since;
  switch (status) {
    case 'filed':
      start[i] = submitAt[i] = end[i] = DONE;
      return;
    case 'platform_review': {
      const platformEnd = Math.max(today, ev.workdays(since, ev.duration('duration.icp.platform')));
      end[i] = ev.workdays(platformEnd + s['duration.icp.sms'], ev.duration('duration.icp.authority'));
      return;
    }
    case 'sms_pending':
      end[i] = ev.workdays(Math.max(today, since + s['duration.icp.sms']), ev.duration('duration.icp.authority'));
      return;
    case 'authority_review':
      end[i] = Math.max(today, ev.workdays(since, ev.duration('duration.icp.authority')));
      return;
    default:
      start[i] = submitAt[i] = earliest;
      end[i] = filingEnd(ev, earliest);
  }
}

/**
 * Longest remaining path, in days, from each node's start to release (per node position).
 * A start-to-start link (version after qualification *submitted*) passes on the
 * successor's path without the predecessor's own duration.
 */
export function remainingPaths(ev: RowEval, sched: Schedule): number[] {
  const { nodes, outgoing } = ev.flow;
  const tail: number[] = new Array(nodes.length).fill(Number.NEGATIVE_INFINITY);
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (nodes[i] === 'release') {
      tail[i] = 0;
      continue;
    }
    const s = sched.start[i];
    const duration = s === DONE ? 0 : Math.max(0, sched.end[i] - Math.max(s, ev.today));
    let best = Number.NEGATIVE_INFINITY;
    for (const e of outgoing[i]) {
      const next = tail[e.toAt];
      if (next === Number.NEGATIVE_INFINITY) continue;
      const via = e.need === 'submitted' ? next : duration + next;
      if (via > best) best = via;
    }
    tail[i] = best;
  }
  return tail;
}

/** Rank startable actions by remaining path, and waits by how far their path reaches. */
export function rankActions(ev: RowEval, sched: Schedule): void {
  const tail = remainingPaths(ev, sched);
  const { position, ancestors } = ev.flow;
  for (const action of ev.actions) {
    if (action.node === null) continue;
    const i = position.get(action.node);
    if (i === undefined) continue;
    const path = tail[i] === Number.NEGATIVE_INFINITY ? 0 : tail[i];
    if (action.cls === ActionClass.CriticalPath || action.cls === ActionClass.ClearsCritical || action.cls === ActionClass.Resubmit || action.cls === ActionClass.Untracked) {
      action.rank = path;
    } else if (action.cls === ActionClass.Await) {
      // "the open review that ends last on the critical path": on-path reviews first, then the longest.
      action.rank = (ancestors.has(action.node) ? 1e9 : 0) + path * 1000 + (sched.end[i] - ev.today);
    }
  }
}
