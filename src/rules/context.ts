/**
 * The state of one evaluation: shared per portfolio (EvalContext) and per row (RowEval).
 * Checks add findings, due dates and actions to a RowEval; nothing is rendered to text
 * until the end, so every check stays language-free.
 */
import type { Calendar } from './calendar';
import type { Day } from './dates';
import type { FlowModel, NodeId } from './flow';
import type { MaterialIndex } from './materials';
import type { DurationOverrides, ReviewSettingKey } from './reviewTimes';
import type { Settings } from './settings';
import type { Action, DueItem, DueKind, Language, RawFinding, Row, RuleId, Severity, Topic, Verb } from './types';

export interface EvalContext {
  today: Day;
  settings: Settings;
  calendar: Calendar;
  language: Language;
  materials: MaterialIndex | null;
  /** Flows by shape (kind, subject, payment, special category): a handful per portfolio. */
  flowCache: (FlowModel | undefined)[];
  /** What each distinct category text matches, computed once per portfolio. */
  categoryCache: Map<string, CategoryFacts>;
  /** The expedite quarter around today. */
  quarter: { start: Day; next: Day };
  /** Review durations measured in History that replace the rules' defaults (durations.source = measured); null: the defaults. */
  durations: DurationOverrides | null;
  /**
   * Dated actions and due items, made once per evaluation and shared (frozen) by the rows
   * that have the same: a portfolio repeats a few hundred of them across 100,000 rows.
   */
  rendered: RenderedParts;
}

export interface RenderedParts {
  /** By action code, then due day * 4 + detail (0 none, 1 platform, 2 authority). */
  actions: Map<string, Map<number, Action>>;
  /** By topic, kind, then day. */
  dues: Map<Topic, Map<DueKind, Map<Day, DueItem>>>;
}

/** Bits of RowEval.durationsUsed: which kind of review duration a row's due dates and ETA took. */
export const USED_RULES = 1;
export const USED_MEASURED = 2;

export interface CategoryFacts {
  special: boolean;
  personalForbidden: string | null;
  live: boolean;
}

/**
 * Next-step classes, in the order of rules.md §8: clear a critical finding, resubmit a
 * rejected step, start the step on the longest path, other startable actions, wait on a
 * review, post-launch actions. `Untracked` (a step the table has no status column for) is
 * only offered when nothing before it can be.
 */
export const enum ActionClass {
  ClearsCritical = 1,
  Resubmit = 2,
  CriticalPath = 3,
  OtherStart = 4,
  Await = 5,
  Untracked = 6,
  PostLaunch = 7,
}

const TOPIC_ARGS = new Map<Topic, Readonly<Record<string, unknown>>>();

/** Shared, frozen `{ step }` arguments for findings that need nothing else. */
function topicArgs(topic: Topic): Record<string, unknown> {
  let args = TOPIC_ARGS.get(topic);
  if (!args) {
    args = Object.freeze({ step: topic });
    TOPIC_ARGS.set(topic, args);
  }
  return args as Record<string, unknown>;
}

export interface PlannedAction {
  topic: Topic;
  verb: Verb;
  cls: ActionClass;
  /** The node of the flow graph the action belongs to, for ranking and tie-breaking. */
  node: NodeId | null;
  /** Within a class, higher ranks first (remaining path length, or review end). */
  rank: number;
  /** The node's place in the flow's order (past the end for none): the last tie-break. */
  position: number;
  due: Day | null;
  /** Which part of a staged step the action is about (the ICP filing's platform or authority review). */
  detail?: 'platform' | 'authority';
}

export interface Due {
  day: Day;
  topic: Topic;
  kind: DueKind;
}

export class RowEval {
  readonly findings: RawFinding[] = [];
  readonly actions: PlannedAction[] = [];
  readonly dues: Due[] = [];
  /** Years without official calendar data that a working-day computation touched. */
  unknownYears: number[] | null = null;
  icpDeadline: Day | null = null;
  /** USED_RULES | USED_MEASURED: what the review durations read for this row came from. */
  durationsUsed = 0;

  constructor(
    readonly row: Row,
    readonly ctx: EvalContext,
    readonly flow: FlowModel,
  ) {}

  get today(): Day {
    return this.ctx.today;
  }

  get settings(): Settings {
    return this.ctx.settings;
  }

  /** A finding; its topic is also passed to the message as `step`. */
  add(rule: RuleId, severity: Severity, topic?: Topic, args?: Record<string, unknown>): void {
    if (args !== undefined && topic !== undefined) args.step = topic;
    this.findings.push({ rule, severity, topic, args: args ?? (topic === undefined ? undefined : topicArgs(topic)) });
  }

  has(rule: RuleId): boolean {
    return this.findings.some((f) => f.rule === rule);
  }

  hasCritical(topic: Topic): boolean {
    return this.findings.some((f) => f.severity === 'critical' && f.topic === topic);
  }

  due(day: Day, topic: Topic, kind: DueKind): void {
    this.dues.push({ day, topic, kind });
  }

  act(topic: Topic, verb: Verb, cls: ActionClass, node: NodeId | null, due: Day | null = null, rank = 0): PlannedAction {
    const { position, nodes } = this.flow;
    const action: PlannedAction = { topic, verb, cls, node, rank, position: node === null ? nodes.length : (position.get(node) ?? nodes.length), due };
    this.actions.push(action);
    return action;
  }

  /** A review's duration: the measured one when the check uses it, else the rules' (remembering which, for the result). */
  duration(key: ReviewSettingKey): number {
    const measured = this.ctx.durations?.[key];
    if (measured !== undefined) {
      this.durationsUsed |= USED_MEASURED;
      return measured;
    }
    this.durationsUsed |= USED_RULES;
    return this.ctx.settings[key];
  }

  /** addWorkdays on the China calendar, remembering years it had to guess (CAL-UNKNOWN-YEAR). */
  workdays(d: Day, n: number): Day {
    const cal = this.ctx.calendar;
    const result = cal.addWorkdays(d, n);
    if (!cal.isKnownDay(result) || !cal.isKnownDay(d)) {
      for (const y of cal.unknownYearsBetween(d, result)) {
        if (!this.unknownYears) this.unknownYears = [];
        if (!this.unknownYears.includes(y)) this.unknownYears.push(y);
      }
    }
    return result;
  }
}
