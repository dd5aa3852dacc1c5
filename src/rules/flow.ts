/**
 * The launch flows as one small dependency graph per row (rules.md §1, §2).
 *
 * The same edges answer three questions, so they are written once:
 * may a step start (and was it started too early: FLOW-PREREQ), when will everything be
 * done (ETA), and which startable step lies on the longest remaining path (next step).
 */
import type { CategoryFacts } from './context';
import type { Settings } from './settings';
import { STEP_IDS } from './types';
import type { IcpStatus, Row, StepId, StepState, TrackedColumn } from './types';
import { categoryFacts, categoryMatchesAny } from './categories';

export type NodeId = StepId | 'icp' | 'release';

/**
 * What the later node needs of the earlier one. `submitted` is a start-to-start link: the
 * mini-game version review may be submitted once the qualification review has been.
 */
export type Need = 'done' | 'approved' | 'submitted' | 'filed';

export interface Edge {
  from: NodeId;
  to: NodeId;
  need: Need;
  /**
   * An order, not a prerequisite (rules.md §9, the mini-program's filing before its code
   * review): it schedules the ETA and ranks the next step, but doing the later step first
   * is no FLOW-PREREQ, and the later step says nothing about the earlier one.
   */
  order?: true;
  /** Positions of `from` and `to` in the flow's nodes, for the per-row walks (schedule.ts). */
  fromAt: number;
  toAt: number;
}

export interface FlowModel {
  /** Nodes in the flow's own order (ties break by it); also a topological order. */
  nodes: NodeId[];
  edges: Edge[];
  /** Nodes the row must get through before release (their absence of status means "to do"). */
  required: ReadonlySet<NodeId>;
  special: boolean;
  // Derived once per flow shape (flows are cached), so per-row work is array walks.
  /** Position of each node in `nodes`. */
  position: ReadonlyMap<NodeId, number>;
  /** Incoming edges per node position. */
  incoming: readonly (readonly Edge[])[];
  /** Outgoing edges per node position. */
  outgoing: readonly (readonly Edge[])[];
  /** Nodes from which release can be reached: the ones on some path to launch. */
  ancestors: ReadonlySet<NodeId>;
}

const MINIGAME_ORDER: NodeId[] = ['register', 'name', 'category', 'verify', 'qualification', 'version', 'realname', 'payment', 'icp', 'release'];
const MINIPROGRAM_ORDER: NodeId[] = ['register', 'name', 'category', 'verify', 'icp', 'version', 'payment', 'release'];

/** Personal subjects cannot be verified for ICP purposes; unknown subjects are planned as if they must. */
export function verifyNeededForIcp(row: Row): boolean {
  return row.subjectType !== 'personal';
}

export function isSpecialCategory(row: Row, settings: Settings): boolean {
  return row.category !== null && categoryMatchesAny(row.category, settings['categories.special']);
}

export function buildFlow(row: Row, settings: Settings): FlowModel {
  const nodes = row.kind === 'minigame' ? MINIGAME_ORDER : MINIPROGRAM_ORDER;
  const position = new Map(nodes.map((n, i) => [n, i] as const));
  const edges: Edge[] = [];
  const link = (from: NodeId, to: NodeId, need: Need, order = false) => {
    const at = { fromAt: position.get(from) as number, toAt: position.get(to) as number };
    edges.push(order ? { from, to, need, order: true, ...at } : { from, to, need, ...at });
  };
  const special = row.kind === 'minigame' && isSpecialCategory(row, settings);
  const verifyForIcp = verifyNeededForIcp(row);

  for (const s of ['name', 'category', 'verify'] as const) link('register', s, 'done');
  for (const s of ['name', 'category'] as const) link(s, 'icp', 'done');
  if (verifyForIcp) link('verify', 'icp', 'approved');
  link('version', 'release', 'approved');
  link('icp', 'release', 'filed');

  const required = new Set<NodeId>(['register', 'name', 'category', 'version', 'icp', 'release']);
  if (row.kind === 'minigame') {
    // seed 000: 第五、六步 need 第二、三步; 注意事项二: version after qualification submitted
    // (approved for special categories); 注意事项二(3): real-name after qualification approved.
    for (const s of ['name', 'category'] as const) {
      link(s, 'qualification', 'done');
      link(s, 'version', 'done');
    }
    link('qualification', 'version', special ? 'approved' : 'submitted');
    link('qualification', 'realname', 'approved');
    // 第八步 开通条件 / 注意事项三(1): verification, qualification and real-name first.
    link('verify', 'payment', 'approved');
    link('qualification', 'payment', 'approved');
    link('realname', 'payment', 'done');
    required.add('qualification');
    required.add('realname');
  } else {
    for (const s of ['name', 'category'] as const) link(s, 'version', 'done');
    // rules.md §9: filing before the code review is an order for the ETA and the next step,
    // not a prerequisite (a review submitted before filing is no FLOW-PREREQ).
    if (settings['flow.miniprogramVersionAfterIcp']) link('icp', 'version', 'filed', true);
    // WeChat Pay needs a verified account.
    link('verify', 'payment', 'approved');
  }
  if (verifyForIcp) required.add('verify');
  // A mini-program's payment column is WeChat Pay (wxpay, rules.md §9): post-launch and
  // optional — offered last (ActionClass.PostLaunch), and release does not wait for it.
  if (row.wantsPayment === true) required.add('payment');
  const incoming = nodes.map((n) => edges.filter((e) => e.to === n));
  const outgoing = nodes.map((n) => edges.filter((e) => e.from === n));
  return { nodes, edges, required, special, position, incoming, outgoing, ancestors: ancestorsOf('release', edges) };
}

/** What flowFor needs of an evaluation context (EvalContext has it): settings and the per-portfolio caches. */
export interface FlowCaches {
  settings: Settings;
  /** Flows by shape (kind, subject, payment, special category): a handful per portfolio. */
  flowCache: (FlowModel | undefined)[];
  categoryCache: Map<string, CategoryFacts>;
}

/** The row's flow, built once per shape: buildFlow reads nothing else of the row. */
export function flowFor(row: Row, ctx: FlowCaches): FlowModel {
  const special = row.kind === 'minigame' && row.category !== null && categoryFacts(ctx, row.category).special;
  const key = (row.kind === 'minigame' ? 1 : 0) | (row.subjectType === 'personal' ? 2 : 0) | (row.wantsPayment === true ? 4 : 0) | (special ? 8 : 0);
  return (ctx.flowCache[key] ??= buildFlow(row, ctx.settings));
}

function ancestorsOf(target: NodeId, edges: readonly Edge[]): Set<NodeId> {
  const out = new Set<NodeId>();
  const visit = (n: NodeId) => {
    for (const e of edges) {
      if (e.to === n && !out.has(e.from)) {
        out.add(e.from);
        visit(e.from);
      }
    }
  };
  visit(target);
  return out;
}

// ---- step status predicates -------------------------------------------------------------

export function isDone(state: StepState): boolean {
  return state.status === 'approved' || state.status === 'not_applicable';
}

/** Submitted at some point: in review, approved, or rejected after review. */
export function wasSubmitted(state: StepState): boolean {
  return state.status === 'submitted' || state.status === 'approved' || state.status === 'rejected';
}

/** A status that asserts the step has gone to the platform (what FLOW-PREREQ looks at). */
export function claimsProgress(state: StepState): boolean {
  return state.status === 'submitted' || state.status === 'approved';
}

/**
 * Steps a released program must have been through: a blank status on them means the user
 * did not track it, not that it is still to do. Verification, real-name and payment are
 * not implied: they can be missing or lapse after release.
 */
const IMPLIED_BY_RELEASE: ReadonlySet<StepId> = new Set(['register', 'name', 'category', 'qualification', 'version']);

/** The state the rules reason with: a released row's untracked pre-release steps count as approved. */
const IMPLIED_APPROVED: StepState = Object.freeze({ status: 'approved', date: null });

export function effectiveState(row: Row, step: StepId): StepState {
  const state = row.steps[step];
  if (row.releaseDate !== null && state.status === 'not_started' && IMPLIED_BY_RELEASE.has(step)) return IMPLIED_APPROVED;
  return state;
}

/**
 * How a prerequisite stands. `untracked`: the table has no status column for it and nothing
 * later shows it met; it is never reported as unmet, and does not hold back a step the table
 * tracks (only release waits for evidence).
 */
export type EdgeState = 'met' | 'unmet' | 'unknown' | 'untracked';

export function edgeState(row: Row, edge: Edge): EdgeState {
  const state = trackedEdgeState(row, edge);
  return state !== 'met' && isAbsent(row, edge.from) ? 'untracked' : state;
}

function trackedEdgeState(row: Row, edge: Edge): EdgeState {
  if (edge.from === 'icp') {
    if (row.icp.status === 'unknown') return 'unknown';
    return row.icp.status === 'filed' ? 'met' : 'unmet';
  }
  if (edge.from === 'release') return row.releaseDate !== null ? 'met' : 'unmet';
  const state = effectiveState(row, edge.from);
  if (state.status === 'unknown') return 'unknown';
  switch (edge.need) {
    case 'done':
      return isDone(state) ? 'met' : 'unmet';
    case 'approved':
      return state.status === 'approved' ? 'met' : 'unmet';
    case 'submitted':
      return wasSubmitted(state) ? 'met' : 'unmet';
    default:
      return 'unmet';
  }
}

export function incomingEdges(flow: FlowModel, node: NodeId): readonly Edge[] {
  const i = flow.position.get(node);
  return i === undefined ? [] : flow.incoming[i];
}

/**
 * All prerequisites met (unknown counts as not met: nothing is inferred from an unknown
 * status). An untracked prerequisite does not hold back a step, except release: "publish"
 * needs every prerequisite known to be met.
 */
export function canStart(row: Row, flow: FlowModel, node: NodeId): boolean {
  for (const e of incomingEdges(flow, node)) {
    const state = edgeState(row, e);
    if (state === 'met' || (state === 'untracked' && node !== 'release')) continue;
    return false;
  }
  return true;
}

// ---- absent columns ----------------------------------------------------------------------

/** Per node, does the table lack its status column / its date column? (Release has neither.) */
interface AbsentNodes {
  status: Readonly<Record<NodeId, boolean>>;
  date: Readonly<Record<NodeId, boolean>>;
}

/**
 * One answer per absent set: a table's rows share theirs (readRows.ts absentColumns). The
 * sets are never changed once markAbsent has set them, so the answer cannot go stale.
 */
const ABSENT_NODES = new WeakMap<ReadonlySet<TrackedColumn>, AbsentNodes>();

function absentNodes(absent: ReadonlySet<TrackedColumn>): AbsentNodes {
  let nodes = ABSENT_NODES.get(absent);
  if (nodes === undefined) {
    const status = { release: false } as Record<NodeId, boolean>;
    const date = { release: false } as Record<NodeId, boolean>;
    for (const n of [...STEP_IDS, 'icp'] as const) {
      status[n] = absent.has(`${n}Status`);
      date[n] = absent.has(`${n}Date`);
    }
    nodes = { status, date };
    ABSENT_NODES.set(absent, nodes);
  }
  return nodes;
}

/** Does the row's table lack the status column of this node? (Release has none of its own.) */
export function isAbsent(row: Row, node: NodeId): boolean {
  return row.absent.size !== 0 && absentNodes(row.absent).status[node];
}

/** Does the row's table lack the date column of this step (so a missing date is no finding)? */
export function isDateAbsent(row: Row, node: StepId | 'icp'): boolean {
  return row.absent.size !== 0 && absentNodes(row.absent).date[node];
}

/** An absent step that nothing shows done: its status is unknown, and nothing is said about it. */
export function isUntracked(row: Row, node: NodeId): boolean {
  if (!isAbsent(row, node)) return false;
  return node === 'icp' ? row.icp.status !== 'filed' : !isDone(row.steps[node as StepId]);
}

/** The table has a status column for none of the row's steps (nor the filing). */
export function tracksNothing(row: Row, flow: FlowModel): boolean {
  if (row.absent.size === 0) return false;
  for (const n of flow.nodes) if (n !== 'release' && !isAbsent(row, n)) return false;
  return true;
}

/** ICP statuses that say the filing was submitted (filed included). */
export const IN_REVIEW_OR_LATER: ReadonlySet<IcpStatus> = new Set(['platform_review', 'platform_rejected', 'sms_pending', 'authority_review', 'authority_rejected', 'filed']);

/** Evidence that a node happened: 0 none, 1 at least submitted, 2 done (approved, filed, released). */
type Evidence = 0 | 1 | 2;

function ownEvidence(row: Row, node: NodeId): Evidence {
  if (node === 'release') return row.releaseDate !== null ? 2 : 0;
  if (node === 'icp') {
    if (isAbsent(row, 'icp')) return row.icp.number !== null ? 2 : 0; // a filing number: filed
    return row.icp.status === 'filed' ? 2 : IN_REVIEW_OR_LATER.has(row.icp.status) ? 1 : 0;
  }
  if (isAbsent(row, node)) {
    // Values that only exist once the step is done.
    if (node === 'register' && row.appId !== null) return 2;
    if (node === 'verify' && row.verifyExpiry !== null) return 2;
    if (row.releaseDate !== null && IMPLIED_BY_RELEASE.has(node)) return 2;
    return 0;
  }
  const status = effectiveState(row, node).status;
  if (status === 'approved') return 2;
  return status === 'submitted' || status === 'rejected' || status === 'withdrawn' ? 1 : 0;
}

/**
 * The row as the rules reason with it when its table lacks status columns: an absent step
 * is inferred from the flow's own edges — a node that was submitted (or done, filed,
 * released) needed each prerequisite as the edge says, so the prerequisite was submitted
 * (start-to-start edge) or done — walking back from later nodes to earlier ones, through
 * other absent steps too. An absent step with no such evidence stays unknown. A release
 * before ICP filing became required (icp.requiredFrom) says nothing about the filing.
 *
 * Rows without absent columns are returned as they are.
 */
export function inferAbsent(row: Row, flow: FlowModel, settings: Settings): Row {
  if (row.absent.size === 0) return row;
  const { nodes, incoming, position } = flow;
  const absent = nodes.map((n) => isAbsent(row, n));
  if (!absent.includes(true)) return row;
  const evidence = nodes.map((n) => ownEvidence(row, n));
  const legacyRelease = row.releaseDate !== null && row.releaseDate < settings['icp.requiredFrom'];
  // `nodes` is a topological order: every node's successors come after it.
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (evidence[i] === 0) continue;
    for (const e of incoming[i]) {
      if (legacyRelease && nodes[i] === 'release' && e.from === 'icp') continue;
      if (e.order) continue; // an order is no evidence: the later step may come first
      const j = position.get(e.from) as number;
      // A tracked node speaks for itself; evidence is only carried into absent ones.
      if (!absent[j]) continue;
      const implied: Evidence = e.need === 'submitted' ? 1 : 2;
      if (implied > evidence[j]) evidence[j] = implied;
    }
  }
  const steps = { ...row.steps };
  let icp = row.icp;
  nodes.forEach((n, i) => {
    if (!absent[i]) return;
    if (n === 'icp') icp = { ...row.icp, status: evidence[i] === 2 ? 'filed' : 'unknown' };
    else if (n !== 'release') steps[n] = evidence[i] === 2 ? INFERRED_DONE : evidence[i] === 1 ? INFERRED_SUBMITTED : UNKNOWN;
  });
  // Absent steps outside this flow (the mini-program has no qualification review …) keep
  // the unknown status markAbsent gave them; no rule reads them.
  return { ...row, steps, icp };
}

/** inferAbsent on the row's cached flow; a row whose table lacks nothing comes back as it is. */
export function inferredRow(row: Row, ctx: FlowCaches): Row {
  return row.absent.size === 0 ? row : inferAbsent(row, flowFor(row, ctx), ctx.settings);
}

const INFERRED_DONE: StepState = Object.freeze({ status: 'approved', date: null });
const INFERRED_SUBMITTED: StepState = Object.freeze({ status: 'submitted', date: null });
const UNKNOWN: StepState = Object.freeze({ status: 'unknown', date: null });
