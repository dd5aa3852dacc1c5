/**
 * The launch flows as one small dependency graph per row (rules.md §1, §2).
 *
 * The same edges answer three questions, so they are written once:
 * may a step start (and was it started too early: FLOW-PREREQ), when will everything be
 * done (ETA), and which startable step lies on the longest remaining path (next step).
 */
import type { Settings } from './settings';
import type { Row, StepId, StepState } from './types';
import { categoryMatchesAny } from './categories';

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
  const edges: Edge[] = [];
  const link = (from: NodeId, to: NodeId, need: Need) => edges.push({ from, to, need });
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
    if (settings['flow.miniprogramVersionAfterIcp']) link('icp', 'version', 'filed');
    // WeChat Pay needs a verified account.
    link('verify', 'payment', 'approved');
  }
  if (verifyForIcp) required.add('verify');
  if (row.wantsPayment === true) required.add('payment');
  const nodes = row.kind === 'minigame' ? MINIGAME_ORDER : MINIPROGRAM_ORDER;
  const position = new Map(nodes.map((n, i) => [n, i] as const));
  const incoming = nodes.map((n) => edges.filter((e) => e.to === n));
  const outgoing = nodes.map((n) => edges.filter((e) => e.from === n));
  return { nodes, edges, required, special, position, incoming, outgoing, ancestors: ancestorsOf('release', edges) };
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

export type EdgeState = 'met' | 'unmet' | 'unknown';

export function edgeState(row: Row, edge: Edge): EdgeState {
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

/** All prerequisites met (unknown counts as not met: nothing is inferred from an unknown status). */
export function canStart(row: Row, flow: FlowModel, node: NodeId): boolean {
  for (const e of incomingEdges(flow, node)) if (edgeState(row, e) !== 'met') return false;
  return true;
}
