/**
 * The rules layer's vocabulary: rows in, results out (rules.md, workbook.md).
 * Everything here is language-free; texts are rendered from codes at the very end.
 */
import type { Day } from './dates';

export type Language = 'zh-CN' | 'en';

export type Kind = 'minigame' | 'miniprogram';

export type SubjectType = 'personal' | 'individual' | 'enterprise' | 'government' | 'media' | 'other';

/** The steps that have a status/date column pair in the workbook (icp has its own vocabulary). */
export const STEP_IDS = ['register', 'name', 'category', 'verify', 'qualification', 'version', 'realname', 'payment'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** Everything a finding, due date or action can be about. `wxpay` is the mini-program's payment step. */
export type Topic = StepId | 'icp' | 'release' | 'live' | 'wxpay' | 'expedite' | 'row';

export type StepStatus =
  | 'not_started'
  | 'in_progress'
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'not_applicable'
  /**
   * a value the vocabulary does not know (DATA-STATUS, and nothing is inferred from it), or
   * a status column the table does not have (listed in `Row.absent`: inferred from later steps)
   */
  | 'unknown';

export type IcpStatus =
  | 'unfiled'
  | 'preparing'
  | 'platform_review'
  | 'platform_rejected'
  | 'sms_pending'
  | 'authority_review'
  | 'authority_rejected'
  | 'filed'
  | 'unknown';

export type NamePath = 'normal' | 'protected' | 'occupied';

/**
 * The status and date columns a table may lack. A lacking status column means "unknown"
 * (never "not started"): the step is inferred from later evidence or left unknown, and no
 * finding accuses it; a lacking date column is never reported as a missing date.
 */
export type TrackedColumn = `${StepId}Status` | `${StepId}Date` | 'icpStatus' | 'icpDate';

export interface StepState {
  status: StepStatus;
  date: Day | null;
}

export interface IcpState {
  status: IcpStatus;
  date: Day | null;
  number: string | null;
}

/** One client program, as read from a table row (or built directly in tests and functions). */
export interface Row {
  /** 0-based position among the table's data rows; findings and outputs refer to it. */
  index: number;
  id: string | null;
  client: string | null;
  name: string | null;
  appId: string | null;
  kind: Kind;
  subjectType: SubjectType | null;
  subjectName: string | null;
  adminEmail: string | null;
  adminPhone: string | null;
  category: string | null;
  owner: string | null;
  urgent: boolean | null;
  targetLaunch: Day | null;
  releaseDate: Day | null;
  steps: Record<StepId, StepState>;
  icp: IcpState;
  namePath: NamePath | null;
  verifyExpiry: Day | null;
  withPayment: boolean | null;
  publisherRelated: boolean | null;
  isUpdate: boolean | null;
  registeredUsers: number | null;
  expediteDates: Day[];
  wantsPayment: boolean | null;
  wantsLive: boolean | null;
  /** a date, 'none' for 无/none, null when unknown */
  lastViolation: Day | 'none' | null;
  lastPayment: Day | null;
  followers: number | null;
  dau7: number | null;
  adSpend: number | null;
  /** DATA-* findings found while reading the cells (bad dates, unknown statuses …). */
  readFindings: RawFinding[];
  /** True when the row holds any value besides the key. */
  hasData: boolean;
  /**
   * Status and date columns its table does not have (shared by every row of a table; empty
   * for rows built in code). An absent status reads as 'unknown' in `steps` / `icp`.
   */
  absent: ReadonlySet<TrackedColumn>;
}

export type Severity = 'critical' | 'error' | 'warning' | 'info';
export type RowSeverity = Severity | 'ok';

export const SEVERITY_RANK: Record<RowSeverity, number> = { ok: 0, info: 1, warning: 2, error: 3, critical: 4 };

/** Every rule ID of rules.md: the vocabulary of code, tests and findings. */
export const RULE_IDS = [
  'CAL-UNKNOWN-YEAR',
  'FLOW-PREREQ',
  'FLOW-SPECIAL-CATEGORY',
  'FLOW-SLA',
  'FLOW-REJECTED',
  'FLOW-WITHDRAWN',
  'FLOW-NAME-PROTECTED',
  'FLOW-NAME-COMPLAINT',
  'CAT-LOCKED-AFTER-RELEASE',
  'CAT-PERSONAL-FORBIDDEN',
  'QUAL-MATERIALS',
  'QUAL-PUBLISHER',
  'PAY-SUBJECT',
  'PAY-PREREQ',
  'EXP-ELIGIBLE',
  'EXP-QUOTA',
  'REV-RESUBMIT-WINDOW',
  'ICP-REQUIRED',
  'ICP-LEGACY-DEADLINE',
  'ICP-RELEASED-UNFILED',
  'ICP-SMS-PENDING',
  'ICP-SLA',
  'ICP-REJECTED',
  'ICP-START-BY',
  'ICP-VERIFY-FIRST',
  'LIVE-CATEGORY',
  'LIVE-SUBJECT',
  'LIVE-VIOLATION-6M',
  'LIVE-PAYMENT-90D',
  'LIVE-FOLLOWERS',
  'LIVE-DAU',
  'LIVE-ADSPEND',
  'LIVE-PAUSED',
  'VERIFY-SLA',
  'VERIFY-EXPIRY',
  'REG-LIMIT-SUBJECT',
  'REG-LIMIT-EMAIL',
  'REG-LIMIT-PHONE',
  'NAME-FORMAT',
  'DATA-ID-DUPLICATE',
  'DATA-ID-MISSING',
  'DATA-APPID',
  'DATA-STATUS',
  'DATA-DATE',
  'DATA-DATE-MISSING',
  'DATA-DATE-FUTURE',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Live-stream conditions (rules.md §4); the last three are "at least one of". */
export type LiveCondition =
  | 'LIVE-CATEGORY'
  | 'LIVE-SUBJECT'
  | 'LIVE-VIOLATION-6M'
  | 'LIVE-PAYMENT-90D'
  | 'LIVE-FOLLOWERS'
  | 'LIVE-DAU'
  | 'LIVE-ADSPEND';

/** A finding before its text is rendered: a rule, a topic and the facts the message needs. */
export interface RawFinding {
  rule: RuleId;
  severity: Severity;
  topic?: Topic;
  /** Message parameters; days are `Day` numbers, rendered as ISO dates. */
  args?: Record<string, unknown>;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  step?: Topic;
  text: string;
  /** The message's parameters (RawFinding.args), so the text can be rendered again in another language. */
  args?: Readonly<Record<string, unknown>>;
}

export type Verb =
  | 'start'
  | 'submit'
  | 'resubmit'
  | 'await'
  | 'expedite'
  | 'renew'
  | 'verify_sms'
  | 'publish'
  | 'apply'
  /** check an untracked step (no status column) that release waits for */
  | 'confirm'
  | 'none';

export interface Action {
  /** `topic.verb` ('none' when there is nothing to do). */
  code: string;
  text: string;
  /** The day the text names, when it names one (an action's text is rendered from code, due and detail). */
  due?: Day;
  detail?: 'platform' | 'authority';
}

export type StageCode = 'planned' | 'registration' | 'setup' | 'review' | 'filing' | 'ready' | 'released';

export interface LiveResult {
  eligible: boolean;
  failed: LiveCondition[];
  eligibleFrom: string | null;
}

/**
 * What a due date is for: a review's due date, a rejected mini-program review's resubmit
 * window, the MIIT SMS deadline, the legacy filing deadline, the latest safe start of a
 * filing (ICP-START-BY), the verification's expiry.
 */
export type DueKind = 'review' | 'resubmit' | 'sms' | 'deadline' | 'startBy' | 'expiry';

export interface DueItem {
  date: string;
  topic: Topic;
  kind: DueKind;
}

export interface ExpediteResult {
  eligible: boolean;
  remaining: number;
  refreshes: string;
}

/** One row's answer (workbook.md "Machine-readable result"). Dates are ISO strings or null. */
export interface RowResult {
  id: string | null;
  row: number;
  kind: Kind;
  stage: { code: StageCode; text: string };
  nextStep: Action;
  nextActions: Action[];
  dueDate: string | null;
  dueFor: Topic | null;
  /** Every open due date of the row, earliest first (the first is dueDate/dueFor); the calendar export lists them. */
  dues: DueItem[];
  eta: string | null;
  /** The ICP date that matters next (legacy deadline, SMS deadline, review due, latest safe start). */
  icpDeadline: string | null;
  severity: RowSeverity;
  findings: Finding[];
  live: LiveResult;
  expedite: ExpediteResult | null;
  /**
   * Where the review durations behind dueDate, dues and eta came from (setting durations.source):
   * 'rules' (the defaults; also when none was needed), 'measured' (History's 90th percentiles), 'mixed'.
   */
  durations: 'rules' | 'measured' | 'mixed';
}
