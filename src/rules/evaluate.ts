/**
 * The rules layer's entry points: rows and settings in, one RowResult per row out,
 * deterministic for a given `today`.
 */
import { Calendar } from './calendar';
import { ActionClass, Due, EvalContext, PlannedAction, RowEval, USED_MEASURED, USED_RULES } from './context';
import type { Day } from './dates';
import { nextQuarterStart, quarterStart, toIso, todayInShanghai } from './dates';
import { checkAppId } from './dataQuality';
import { evaluateExpedite } from './expedite';
import { canStart, edgeState, effectiveState, FlowModel, flowFor, incomingEdges, inferAbsent, inferredRow, isAbsent, isDone, isUntracked, NodeId, tracksNothing } from './flow';
import { catalogFor, fmtFor } from './i18n';
import { checkIcp } from './icp';
import { evaluateLive } from './live';
import { checkMaterials, indexMaterials, Material } from './materials';
import { checkNameFormat } from './names';
import { checkPayment, checkPersonalCategory, checkPublisher } from './payment';
import { portfolioFindings } from './portfolio';
import { durationOverrides, MeasuredReviews } from './reviewTimes';
import { rankActions, scheduleRow } from './schedule';
import { defaultSettings, Settings } from './settings';
import { checkSteps, START_VERB, stepTopic } from './steps';
import { checkVerificationExpiry } from './verification';
import {
  Action,
  DueItem,
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
  /** Review times measured in History: used in place of the defaults where `durations.source` says measured (reviewTimes.ts). */
  measured?: MeasuredReviews | null;
  /** Called every `progressEvery` rows (default 5000) with (done, total). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export function createContext(options: EvaluateOptions = {}): EvalContext {
  const settings = options.settings ?? defaultSettings();
  const language = options.language ?? settings.language;
  const today = options.today ?? settings.asOf ?? todayInShanghai();
  return {
    today,
    settings,
    calendar: options.calendar ?? Calendar.create([], language),
    language,
    materials: options.materials ? indexMaterials(options.materials) : null,
    flowCache: [],
    categoryCache: new Map(),
    quarter: { start: quarterStart(today), next: nextQuarterStart(today) },
    durations: durationOverrides(settings, options.measured),
    rendered: { actions: new Map(), dues: new Map() },
  };
}

/** Evaluate a whole portfolio, including the rules that look across rows. */
export function evaluatePortfolio(rows: readonly Row[], options: EvaluateOptions = {}): RowResult[] {
  const ctx = createContext(options);
  const { settings } = ctx;
  // Each row's absent steps are inferred once. The cross-row rules need some rows inferred
  // before their turn (a registration later steps show); those are kept until evaluated.
  const early = new Map<number, Row>();
  const inferredAt = (i: number): Row => {
    const row = rows[i];
    if (row.absent.size === 0) return row;
    let out = early.get(i);
    if (out === undefined) early.set(i, (out = inferAbsent(row, flowFor(row, ctx), settings)));
    return out;
  };
  const cross = portfolioFindings(rows, settings, inferredAt);
  const every = options.progressEvery ?? 5000;
  const results: RowResult[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const typed = rows[i];
    const flow = flowFor(typed, ctx);
    let row = early.size === 0 ? undefined : early.get(i);
    if (row === undefined) row = inferAbsent(typed, flow, settings);
    else early.delete(i);
    results[i] = evaluateInferred(row, flow, ctx, cross[i]);
    if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1, rows.length);
  }
  return results;
}

/**
 * A portfolio evaluated as its rows come, while a reader (on another thread) is still reading
 * the rest: each row at once, as if no rule across rows had anything to say of it; then, once
 * every row is in, the rules across rows run and the rows they have a finding for are
 * evaluated again with it. The results are evaluatePortfolio's, row for row (a row's result
 * depends on the portfolio only through those findings).
 */
export class PortfolioEvaluation {
  private readonly ctx: EvalContext;
  private readonly rows: Row[] = [];
  private readonly results: RowResult[] = [];
  private inOrder = true;

  constructor(options: EvaluateOptions = {}) {
    this.ctx = createContext(options);
  }

  /** Rows may come in any order of `index`; `finish` gives them in that order. */
  add(row: Row): void {
    const last = this.rows.length > 0 ? this.rows[this.rows.length - 1].index : -1;
    if (row.index < last) this.inOrder = false;
    this.rows.push(row);
    this.results.push(evaluateRow(row, this.ctx));
  }

  get count(): number {
    return this.rows.length;
  }

  /** The rows in `index` order and their results, the cross-row findings included. */
  finish(): { rows: Row[]; results: RowResult[] } {
    let { rows, results } = this;
    if (!this.inOrder) {
      const order = rows.map((_, i) => i).sort((a, b) => rows[a].index - rows[b].index);
      rows = order.map((i) => this.rows[i]);
      results = order.map((i) => this.results[i]);
    }
    const { ctx } = this;
    const cross = portfolioFindings(rows, ctx.settings, (i) => inferredRow(rows[i], ctx));
    for (let i = 0; i < rows.length; i++) if (cross[i].length > 0) results[i] = evaluateRow(rows[i], ctx, cross[i]);
    return { rows, results };
  }
}

export function evaluateRow(typed: Row, ctx: EvalContext, crossRow: readonly RawFinding[] = []): RowResult {
  const flow = flowFor(typed, ctx);
  return evaluateInferred(inferAbsent(typed, flow, ctx.settings), flow, ctx, crossRow);
}

/** `row`: as inferAbsent gives it (steps whose status column the table lacks, as later steps show them, or unknown). */
function evaluateInferred(row: Row, flow: FlowModel, ctx: EvalContext, crossRow: readonly RawFinding[]): RowResult {
  const ev = new RowEval(row, ctx, flow);
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
  offerUntracked(ev);
  promoteCriticalPrerequisites(ev);

  // Released rows have no ETA, and their few actions need no critical-path rank.
  const sched = row.releaseDate === null ? scheduleRow(ev) : null;
  if (sched) rankActions(ev, sched);
  const ordered = orderActions(ev);
  const next = ordered[0] ?? null;
  if (next !== null && next.topic === 'release' && row.kind === 'minigame') ev.add('CAT-LOCKED-AFTER-RELEASE', 'info', 'category');
  if (ev.unknownYears !== null) ev.add('CAL-UNKNOWN-YEAR', 'info', 'row', { years: [...ev.unknownYears].sort() });

  return render(ev, ordered, sched?.eta ?? null, live, expedite);
}

function offerRelease(ev: RowEval): void {
  if (ev.row.releaseDate !== null || !canStart(ev.row, ev.flow, 'release')) return;
  ev.act('release', 'publish', ActionClass.CriticalPath, 'release');
}

/**
 * Steps the table has no status column for are never offered, except when nothing else can
 * be done or awaited before launch:
 * - a table that tracks none of the row's steps plans it from the start, like a planned
 *   row (rules.md §7): the first step not known done, with its own verb (`register.start`);
 * - otherwise, the untracked steps release waits for are to be checked: `<step>.confirm`.
 */
function offerUntracked(ev: RowEval): void {
  const { row, flow } = ev;
  if (row.releaseDate !== null || row.absent.size === 0) return;
  if (ev.actions.some((a) => a.cls < ActionClass.Untracked)) return;
  if (tracksNothing(row, flow)) {
    for (const n of flow.nodes) {
      if (n === 'release' || !flow.required.has(n) || !isUntracked(row, n)) continue;
      if (!incomingEdges(flow, n).every((e) => edgeState(row, e) === 'met')) continue;
      const topic = n === 'icp' ? 'icp' : stepTopic(ev, n);
      ev.act(topic, n === 'icp' ? 'submit' : START_VERB[n], ActionClass.Untracked, n);
      return;
    }
    return;
  }
  for (const e of incomingEdges(flow, 'release')) {
    if (edgeState(row, e) === 'untracked') ev.act(e.from as Topic, 'confirm', ActionClass.Untracked, e.from);
  }
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

/** The row's actions, best first; sorted in place (nothing reads ev.actions after this). */
function orderActions(ev: RowEval): PlannedAction[] {
  return ev.actions.length < 2 ? ev.actions : sortFew(ev.actions, byClassRankPosition);
}

const byClassRankPosition = (a: PlannedAction, b: PlannedAction) => a.cls - b.cls || b.rank - a.rank || a.position - b.position;

/**
 * A stable sort in place, as Array.prototype.sort is, for the handful of actions, findings
 * or dues of one row: insertion sort needs no work array, where the built-in sort allocates
 * one per call (about a fifth of all the memory a 100,000-row check allocated).
 */
function sortFew<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let j = i - 1;
    for (; j >= 0 && compare(items[j], item) > 0; j--) items[j + 1] = items[j];
    items[j + 1] = item;
  }
  return items;
}

// ---- stage -------------------------------------------------------------------------------

const REVIEW_TOPICS: readonly Topic[] = ['verify', 'qualification', 'version', 'realname'];

function stageOf(row: Row, flow: FlowModel): { code: StageCode; inReview: readonly Topic[] } {
  if (row.releaseDate !== null) return STAGE_RELEASED;
  if (!row.hasData) return STAGE_PLANNED;
  // A set-up step the table does not track holds no row in its stage (unless the table
  // tracks none of the row's steps: then the row is planned from the start); the version
  // and the filing count as done only when known to be (a row is "ready" on evidence).
  const fromStart = tracksNothing(row, flow);
  const notDone = (step: 'register' | 'name' | 'category') => !isDone(effectiveState(row, step)) && (fromStart || !isUntracked(row, step));
  if (notDone('register')) return STAGE_REGISTRATION;
  if (notDone('name') || notDone('category')) return STAGE_SETUP;
  const icpInReview = ICP_IN_REVIEW.has(row.icp.status);
  const filed = row.icp.status === 'filed';
  // A mini-program files before its code review (rules.md §2); a mini-game reviews first.
  if (row.kind === 'miniprogram' && !filed && (fromStart || !isUntracked(row, 'icp'))) return icpInReview ? STAGE_FILING_IN_REVIEW : STAGE_FILING;
  if (effectiveState(row, 'version').status !== 'approved') {
    const inReview: Topic[] = [];
    for (const t of REVIEW_TOPICS) if (row.steps[t as 'verify'].status === 'submitted' && !isAbsent(row, t as 'verify')) inReview.push(t);
    if (icpInReview) inReview.push('icp');
    return { code: 'review', inReview };
  }
  if (!filed) return icpInReview ? STAGE_FILING_IN_REVIEW : STAGE_FILING;
  return STAGE_READY;
}

// Stages without a list of reviews of their own are the same for every row: shared, frozen.
const fixedStage = (code: StageCode, inReview: readonly Topic[] = []) => Object.freeze({ code, inReview: Object.freeze(inReview) });
const STAGE_RELEASED = fixedStage('released');
const STAGE_PLANNED = fixedStage('planned');
const STAGE_REGISTRATION = fixedStage('registration');
const STAGE_SETUP = fixedStage('setup');
const STAGE_FILING = fixedStage('filing');
const STAGE_FILING_IN_REVIEW = fixedStage('filing', ['icp']);
const STAGE_READY = fixedStage('ready');

const ICP_IN_REVIEW = new Set(['platform_review', 'sms_pending', 'authority_review']);

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
  const toAction = (a: PlannedAction): Action => (a.due === null ? sharedAction(lang, a.topic, a.verb) : datedAction(ev.ctx, a));

  const findings: Finding[] = ev.findings.length === 0 ? (NO_FINDINGS as Finding[]) : ev.findings.map((f) => toFinding(f, cat.finding[f.rule](f.args ?? NO_ARGS, fmt)));
  if (findings.length > 1) sortFew(findings, bySeverity);
  // Most severe first: the first finding's severity is the row's.
  const severity: RowSeverity = findings.length === 0 ? 'ok' : findings[0].severity;

  let due: { day: Day; topic: Topic } | null = null;
  for (let i = 0; i < ev.dues.length; i++) if (due === null || ev.dues[i].day < due.day) due = ev.dues[i];

  const stage = stageOf(ev.row, ev.flow);
  const nextStep: Action = ordered.length > 0 ? toAction(ordered[0]) : sharedAction(lang, 'row', 'none');
  return {
    id: ev.row.id,
    row: ev.row.index,
    kind: ev.row.kind,
    stage: stage.inReview.length === 0 ? sharedStage(lang, stage.code) : sharedStage(lang, stage.code, stage.inReview),
    nextStep,
    nextActions: ordered.length < 2 ? (NO_ACTIONS as Action[]) : ordered.slice(1).map(toAction),
    dueDate: due === null ? null : toIso(due.day),
    dueFor: due === null ? null : due.topic,
    dues: ev.dues.length === 0 ? (NO_DUES as DueItem[]) : dueItems(ev.ctx, ev.dues),
    eta: eta === null ? null : toIso(eta),
    icpDeadline: ev.icpDeadline === null ? null : toIso(ev.icpDeadline),
    severity,
    findings,
    live,
    expedite,
    durations: durationsUsed(ev.durationsUsed),
  };
}

function toFinding(f: RawFinding, text: string): Finding {
  // Most findings have a step and arguments: one literal with every key, as an object given
  // keys after it is made needs a second allocation to hold them.
  if (f.topic !== undefined && f.args !== undefined) return { rule: f.rule, severity: f.severity, text, step: f.topic, args: f.args };
  const out: Finding = { rule: f.rule, severity: f.severity, text };
  if (f.topic !== undefined) out.step = f.topic;
  if (f.args !== undefined) out.args = f.args;
  return out;
}

const bySeverity = (a: Finding, b: Finding) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];

/** Which review durations the row's due dates and ETA took: 'rules' also when it needed none. */
function durationsUsed(bits: number): RowResult['durations'] {
  if ((bits & USED_MEASURED) === 0) return 'rules';
  return (bits & USED_RULES) === 0 ? 'measured' : 'mixed';
}

// Results of 100,000 rows share their constant parts: texts without a date, stage labels,
// action codes. They are frozen, so sharing is safe.
const NO_ARGS = Object.freeze({});
const NO_ACTIONS: readonly Action[] = Object.freeze([]);
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const NO_DUES: readonly DueItem[] = Object.freeze([]);

/** Earliest first; most rows have none or one. */
function dueItems(ctx: EvalContext, dues: readonly Due[]): DueItem[] {
  const items = dues.map((d) => dueItem(ctx, d));
  return items.length > 1 ? sortFew(items, (a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) : items;
}
const CODES = new Map<Topic, Map<string, string>>();
const SHARED_ACTIONS: Record<Language, Map<Topic, Map<string, Action>>> = { 'zh-CN': new Map(), en: new Map() };
const SHARED_STAGES: Record<Language, Map<StageCode, Map<string, RowResult['stage']>>> = { 'zh-CN': new Map(), en: new Map() };

function dueItem(ctx: EvalContext, d: Due): DueItem {
  const byDay = inner(inner(ctx.rendered.dues, d.topic), d.kind);
  let item = byDay.get(d.day);
  if (item === undefined) byDay.set(d.day, (item = Object.freeze({ date: toIso(d.day), topic: d.topic, kind: d.kind })));
  return item;
}

/**
 * The inner map of a nested cache, made on first use: looking up by parts needs no string key
 * built per row (and the look-ups below need no closure made per row either).
 */
function inner<A, B, V>(outer: Map<A, Map<B, V>>, a: A): Map<B, V> {
  let map = outer.get(a);
  if (map === undefined) outer.set(a, (map = new Map()));
  return map;
}

function actionCode(topic: Topic, verb: string): string {
  if (verb === 'none') return 'none';
  const byVerb = inner(CODES, topic);
  let code = byVerb.get(verb);
  if (code === undefined) byVerb.set(verb, (code = `${topic}.${verb}`));
  return code;
}

function datedAction(ctx: EvalContext, a: PlannedAction): Action {
  const code = actionCode(a.topic, a.verb);
  const byDue = inner(ctx.rendered.actions, code);
  const key = (a.due as Day) * 4 + (a.detail === undefined ? 0 : a.detail === 'platform' ? 1 : 2);
  let action = byDue.get(key);
  if (action === undefined) byDue.set(key, (action = makeDatedAction(ctx.language, a, code)));
  return action;
}

function makeDatedAction(lang: Language, a: PlannedAction, code: string): Action {
  const due = a.due as Day;
  const out: Action = { code, text: catalogFor(lang).action(a.topic, a.verb, due, fmtFor(lang), a.detail), due };
  if (a.detail !== undefined) out.detail = a.detail;
  return Object.freeze(out);
}

function sharedAction(lang: Language, topic: Topic, verb: PlannedAction['verb']): Action {
  const byVerb = inner(SHARED_ACTIONS[lang], topic);
  let action = byVerb.get(verb);
  if (action === undefined) byVerb.set(verb, (action = Object.freeze({ code: actionCode(topic, verb), text: catalogFor(lang).action(topic, verb, null, fmtFor(lang)) })));
  return action;
}

function sharedStage(lang: Language, code: StageCode, inReview: readonly Topic[] = []): RowResult['stage'] {
  const key = inReview.length === 0 ? '' : inReview.length === 1 ? inReview[0] : inReview.join();
  const byReviews = inner(SHARED_STAGES[lang], code);
  let stage = byReviews.get(key);
  if (stage === undefined) byReviews.set(key, (stage = Object.freeze({ code, text: catalogFor(lang).stage(code, inReview, fmtFor(lang)) })));
  return stage;
}
