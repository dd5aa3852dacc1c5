/**
 * The rules layer's entry points: rows and settings in, one RowResult per row out,
 * deterministic for a given `today`.
 */
import { Calendar } from './calendar';
import { ActionClass, EvalContext, PlannedAction, RowEval } from './context';
import type { Day } from './dates';
import { toIso, todayInShanghai } from './dates';
import { checkAppId } from './dataQuality';
import { evaluateExpedite } from './expedite';
import { buildFlow, canStart, effectiveState, FlowModel, incomingEdges, isDone, isSpecialCategory, NodeId } from './flow';
import { catalogFor, fmtFor } from './i18n';
import { checkIcp } from './icp';
import { evaluateLive } from './live';
import { checkMaterials, indexMaterials, Material } from './materials';
import { checkNameFormat } from './names';
import { checkPayment, checkPersonalCategory, checkPublisher } from './payment';
import { portfolioFindings } from './portfolio';
import { rankActions, scheduleRow } from './schedule';
import { defaultSettings, Settings } from './settings';
import { checkSteps } from './steps';
import { checkVerificationExpiry } from './verification';
import {
  Action,
  Finding,
  Language,
  RawFinding,
  Row,
  RowResult,
  RowSeverity,
  SEVERITY_RANK,
  StageCode,
  Topic,
} from './types';

export interface EvaluateOptions {
  settings?: Settings;
  /** Defaults to the shipped calendar. Build it once per portfolio: it is not free. */
  calendar?: Calendar;
  materials?: readonly Material[] | null;
  /** Overrides settings.asOf; defaults to today in China. */
  today?: Day;
  language?: Language;
  /** Called every `progressEvery` rows (default 5000) with (done, total). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export function createContext(options: EvaluateOptions = {}): EvalContext {
  const settings = options.settings ?? defaultSettings();
  const language = options.language ?? settings.language;
  return {
    today: options.today ?? settings.asOf ?? todayInShanghai(),
    settings,
    calendar: options.calendar ?? Calendar.create([], language),
    language,
    materials: options.materials ? indexMaterials(options.materials) : null,
    flowCache: new Map(),
  };
}

/** Evaluate a whole portfolio, including the rules that look across rows. */
export function evaluatePortfolio(rows: readonly Row[], options: EvaluateOptions = {}): RowResult[] {
  const ctx = createContext(options);
  const cross = portfolioFindings(rows, ctx.settings);
  const every = options.progressEvery ?? 5000;
  const results: RowResult[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    results[i] = evaluateRow(rows[i], ctx, cross[i]);
    if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1, rows.length);
  }
  return results;
}

export function evaluateRow(row: Row, ctx: EvalContext, crossRow: readonly RawFinding[] = []): RowResult {
  const ev = new RowEval(row, ctx, flowFor(row, ctx));
  for (const f of row.readFindings) ev.findings.push(f);
  for (const f of crossRow) ev.findings.push(f);

  checkAppId(ev);
  checkNameFormat(ev);
  checkPersonalCategory(ev);
  checkPublisher(ev);
  checkPayment(ev);
  checkMaterials(ev);
  checkIcp(ev);
  checkSteps(ev);
  checkVerificationExpiry(ev);
  const live = evaluateLive(ev);
  const expedite = evaluateExpedite(ev);
  offerRelease(ev);
  promoteCriticalPrerequisites(ev);

  const sched = scheduleRow(ev);
  rankActions(ev, sched);
  const ordered = orderActions(ev);
  const next = ordered[0] ?? null;
  if (next !== null && next.topic === 'release' && row.kind === 'minigame') ev.add('CAT-LOCKED-AFTER-RELEASE', 'info', 'category');
  if (ev.unknownYears !== null) ev.add('CAL-UNKNOWN-YEAR', 'info', 'row', { years: [...ev.unknownYears].sort() });

  return render(ev, ordered, sched.eta, live, expedite);
}

function flowFor(row: Row, ctx: EvalContext): FlowModel {
  const key = `${row.kind}|${row.subjectType === 'personal'}|${row.wantsPayment === true}|${isSpecialCategory(row, ctx.settings)}`;
  let flow = ctx.flowCache.get(key);
  if (!flow) {
    flow = buildFlow(row, ctx.settings);
    ctx.flowCache.set(key, flow);
  }
  return flow;
}

function offerRelease(ev: RowEval): void {
  if (ev.row.releaseDate !== null || !canStart(ev.row, ev.flow, 'release')) return;
  ev.act('release', 'publish', ActionClass.CriticalPath, 'release');
}

/**
 * A critical ICP finding is cleared by filing; when filing cannot start yet (a non-personal
 * subject still needs verification), the step that unblocks it is what clears the finding.
 */
function promoteCriticalPrerequisites(ev: RowEval): void {
  if (!ev.hasCritical('icp')) return;
  if (ev.actions.some((a) => a.topic === 'icp' && a.cls === ActionClass.ClearsCritical)) return;
  const before = new Set<NodeId>(incomingEdges(ev.flow, 'icp').map((e) => e.from));
  for (const action of ev.actions) {
    if (action.node !== null && before.has(action.node) && action.verb !== 'await') action.cls = ActionClass.ClearsCritical;
  }
}

function orderActions(ev: RowEval): PlannedAction[] {
  const order = ev.flow.nodes;
  if (ev.actions.length < 2) return ev.actions;
  const position = (a: PlannedAction) => (a.node === null ? order.length : (ev.flow.position.get(a.node) ?? order.length));
  return [...ev.actions].sort((a, b) => a.cls - b.cls || b.rank - a.rank || position(a) - position(b));
}

// ---- stage -------------------------------------------------------------------------------

const REVIEW_TOPICS: readonly Topic[] = ['verify', 'qualification', 'version', 'realname'];

function stageOf(row: Row): { code: StageCode; inReview: Topic[] } {
  const inReview: Topic[] = [];
  if (row.releaseDate !== null) return { code: 'released', inReview };
  if (!row.hasData) return { code: 'planned', inReview };
  if (!isDone(effectiveState(row, 'register'))) return { code: 'registration', inReview };
  if (!isDone(effectiveState(row, 'name')) || !isDone(effectiveState(row, 'category'))) return { code: 'setup', inReview };
  const versionApproved = effectiveState(row, 'version').status === 'approved';
  if (!versionApproved) {
    for (const t of REVIEW_TOPICS) if (row.steps[t as 'verify'].status === 'submitted') inReview.push(t);
    if (['platform_review', 'sms_pending', 'authority_review'].includes(row.icp.status)) inReview.push('icp');
    return { code: 'review', inReview };
  }
  return { code: row.icp.status === 'filed' ? 'ready' : 'filing', inReview };
}

// ---- rendering ---------------------------------------------------------------------------

function render(
  ev: RowEval,
  ordered: PlannedAction[],
  eta: Day | null,
  live: RowResult['live'],
  expedite: RowResult['expedite'],
): RowResult {
  const lang = ev.ctx.language;
  const cat = catalogFor(lang);
  const fmt = fmtFor(lang);
  const toAction = (a: PlannedAction): Action => (a.due === null ? sharedAction(lang, a.topic, a.verb) : { code: actionCode(a.topic, a.verb), text: cat.action(a.topic, a.verb, a.due, fmt) });

  const findings: Finding[] = ev.findings.map((f) => {
    const out: Finding = { rule: f.rule, severity: f.severity, text: cat.finding[f.rule](f.args ?? NO_ARGS, fmt) };
    if (f.topic !== undefined) out.step = f.topic;
    return out;
  });
  findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  let severity: RowSeverity = 'ok';
  for (const f of findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[severity]) severity = f.severity;

  let due: { day: Day; topic: Topic } | null = null;
  for (const d of ev.dues) if (due === null || d.day < due.day) due = d;

  const stage = stageOf(ev.row);
  const nextStep: Action = ordered.length > 0 ? toAction(ordered[0]) : sharedAction(lang, 'row', 'none');
  return {
    id: ev.row.id,
    row: ev.row.index,
    kind: ev.row.kind,
    stage: stage.inReview.length === 0 ? sharedStage(lang, stage.code) : { code: stage.code, text: cat.stage(stage.code, stage.inReview, fmt) },
    nextStep,
    nextActions: ordered.slice(1).map(toAction),
    dueDate: due === null ? null : toIso(due.day),
    dueFor: due === null ? null : due.topic,
    eta: eta === null ? null : toIso(eta),
    icpDeadline: ev.icpDeadline === null ? null : toIso(ev.icpDeadline),
    severity,
    findings,
    live,
    expedite,
  };
}

// Results of 100,000 rows share their constant parts: texts without a date, stage labels,
// action codes. They are frozen, so sharing is safe.
const NO_ARGS = Object.freeze({});
const CODES = new Map<string, string>();
const SHARED_ACTIONS = new Map<string, Action>();
const SHARED_STAGES = new Map<string, RowResult['stage']>();

function actionCode(topic: Topic, verb: string): string {
  if (verb === 'none') return 'none';
  const key = topic + verb;
  let code = CODES.get(key);
  if (code === undefined) {
    code = `${topic}.${verb}`;
    CODES.set(key, code);
  }
  return code;
}

function sharedAction(lang: Language, topic: Topic, verb: PlannedAction['verb']): Action {
  const key = `${lang}|${topic}|${verb}`;
  let action = SHARED_ACTIONS.get(key);
  if (!action) {
    action = Object.freeze({ code: actionCode(topic, verb), text: catalogFor(lang).action(topic, verb, null, fmtFor(lang)) });
    SHARED_ACTIONS.set(key, action);
  }
  return action;
}

function sharedStage(lang: Language, code: StageCode): RowResult['stage'] {
  const key = `${lang}|${code}`;
  let stage = SHARED_STAGES.get(key);
  if (!stage) {
    stage = Object.freeze({ code, text: catalogFor(lang).stage(code, [], fmtFor(lang)) });
    SHARED_STAGES.set(key, stage);
  }
  return stage;
}
