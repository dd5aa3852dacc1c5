/**
 * How long reviews really take (issue 10), measured from the History table's records
 * (src/workbook/history.ts: when, ID, what, from, to, source). Pure: records in, figures out.
 *
 * How a review is recognised, per ID and step (records of one check share their `when`):
 * - **Submission**: a `<step>状态` record whose To reads "submitted" (any spelling the portfolio
 *   accepts). Its day is the To of a `<step>日期` record of the same check, else the check's day
 *   (the first check that saw it). A later date change while still submitted (keep up to date
 *   filling the date, a corrected date, a resubmission between two checks) moves it.
 * - **Decision**: a status record from submitted to approved or rejected. Its day is the To of
 *   the same check's date record, else the check's day. The submission is the one tracked above;
 *   when History does not show it (submitted before the baseline), the date record's From (the
 *   date the row held while in review); with neither, the review is not measured.
 * - **ICP stages**: the platform review (→平台审核中 … → 待短信核验 / 管局审核中 / 已备案 or 平台驳回)
 *   and the authority review (→管局审核中 … → 已备案 or 管局驳回), measured as a step's review: each
 *   end's day is the To of the same check's 备案日期 record, else the check's day; a stage whose
 *   start History does not show takes the 备案日期 record's From. (Builds before state format 3
 *   recorded no 备案日期: their records measure from the checks' days, as precise as checks are
 *   frequent.)
 * - Each resubmission is a review of its own; a withdrawal or any other status ends the open one
 *   unmeasured. Records are taken in time order whatever the table's order (a sorted table);
 *   a record another tool left unreadable (no time, no ID, an unknown column or status) is skipped.
 * - Version reviews are measured per kind (the kind of the ID's row now); an ID no longer in the
 *   portfolio has no kind, and its version reviews are not measured.
 *
 * Units are the rules' (reviewTimes.ts): natural days, or working days on the workbook's calendar
 * counted as the due dates are — the smallest n with addWorkdays(submitted, n) on or after the decision.
 */
import type { Calendar } from '../rules/calendar';
import { dayFromExcelSerial, toIso, type Day } from '../rules/dates';
import { normalizeKey } from '../rules/keys';
import { MeasuredReviews, MIN_MEASURED_REVIEWS, REVIEWS, ReviewDef, ReviewKey, usesMeasured, durationOverrides } from '../rules/reviewTimes';
import type { Settings } from '../rules/settings';
import type { Language } from '../rules/types';
import type { IcpStatus, Kind, StepId, StepStatus } from '../rules/types';
import { inputColumnFor } from './columns';
import { recordTime } from './history';
import { Cell, cellText, readDate } from './values';
import { icpStatusVocab, stepStatusVocab } from './vocab';

export interface ReviewTime {
  def: ReviewDef;
  count: number;
  approved: number;
  rejected: number;
  /** In the review's unit; null without measurements. */
  median: number | null;
  /** Nearest rank: the smallest measured time at or above 90% of them (an observed value, whole days). */
  p90: number | null;
  /** The first and last decision measured. */
  from: Day | null;
  to: Day | null;
}

export interface ReviewTimes {
  reviews: ReviewTime[];
  /** Reviews decided but not measured: no submission in History, dates out of order, no kind. */
  unmeasured: number;
  /** Records skipped as unreadable. */
  skipped: number;
}

export interface MeasureOptions {
  calendar: Calendar;
  /** The kind of the row with this normalized ID now, or null when there is none. */
  kindOf: (key: string) => Kind | null;
}

type Field = { step: StepId | 'icp'; part: 'status' | 'date' };

interface Rec {
  when: number;
  day: Day;
  key: string;
  field: Field;
  from: Cell;
  to: Cell;
}

const ICP_STAGES = ['icp.platform', 'icp.authority'] as const;
const STAGE_OPEN: Record<'icp.platform' | 'icp.authority', IcpStatus> = { 'icp.platform': 'platform_review', 'icp.authority': 'authority_review' };
const STAGE_REJECTED: Record<'icp.platform' | 'icp.authority', IcpStatus> = { 'icp.platform': 'platform_rejected', 'icp.authority': 'authority_rejected' };

export function measureReviewTimes(records: readonly (readonly Cell[])[], options: MeasureOptions): ReviewTimes {
  const samples = new Map<ReviewKey, { days: number; decided: Day; approved: boolean }[]>();
  let unmeasured = 0;
  let skipped = 0;
  const recs: Rec[] = [];
  for (const cells of records) {
    const rec = readRecord(cells);
    if (rec === null) skipped++;
    else if (rec !== 'other') recs.push(rec);
  }
  recs.sort((a, b) => a.when - b.when); // stable: one check's records keep their order
  const add = (key: ReviewKey, submitted: Day | null, decided: Day, approved: boolean) => {
    const def = REVIEWS.find((r) => r.key === key)!;
    if (submitted === null || decided < submitted) return void unmeasured++;
    const list = samples.get(key) ?? [];
    list.push({ days: elapsed(def, submitted, decided, options.calendar), decided, approved });
    samples.set(key, list);
  };

  const open = new Map<string, Day>(); // `${id}|${step}` → submission day
  for (let i = 0; i < recs.length; ) {
    let j = i;
    while (j < recs.length && recs[j].when === recs[i].when) j++;
    for (const [key, group] of byRow(recs.slice(i, j))) handleCheck(key, group);
    i = j;
  }

  function handleCheck(key: string, group: Rec[]): void {
    const day = group[0].day;
    for (const step of new Set(group.map((r) => r.field.step))) {
      const status = group.find((r) => r.field.step === step && r.field.part === 'status');
      const date = group.find((r) => r.field.step === step && r.field.part === 'date');
      if (step === 'icp') icpChange(key, status, date, day);
      else stepChange(key, step, status, date, day);
    }
  }

  function stepChange(id: string, step: StepId, status: Rec | undefined, date: Rec | undefined, day: Day): void {
    const slot = `${id}|${step}`;
    const dateTo = date ? dayOf(date.to) : null;
    if (!status) {
      if (open.has(slot) && dateTo !== null) open.set(slot, dateTo);
      return;
    }
    const from = stepStatus(status.from);
    const to = stepStatus(status.to);
    const key = reviewKeyOf(step, id);
    if (from === 'submitted' && (to === 'approved' || to === 'rejected') && key !== undefined) {
      if (key === null) unmeasured++;
      else add(key, open.get(slot) ?? (date ? dayOf(date.from) : null), dateTo ?? day, to === 'approved');
    }
    if (to === 'submitted') open.set(slot, dateTo ?? day);
    else open.delete(slot);
  }

  /** The filing's stages, as a step's review: its 备案日期 record gives the days where History has one. */
  function icpChange(id: string, status: Rec | undefined, date: Rec | undefined, day: Day): void {
    const dateTo = date ? dayOf(date.to) : null;
    if (!status) {
      for (const stage of ICP_STAGES) if (open.has(`${id}|${stage}`) && dateTo !== null) open.set(`${id}|${stage}`, dateTo);
      return;
    }
    const from = icpStatusVocab.get(cellText(status.from) ?? '') ?? 'unfiled';
    const to = icpStatusVocab.get(cellText(status.to) ?? '') ?? 'unfiled';
    for (const stage of ICP_STAGES) {
      const slot = `${id}|${stage}`;
      if (from === STAGE_OPEN[stage] && to !== from) {
        const approved = to !== STAGE_REJECTED[stage] && (stage === 'icp.authority' ? to === 'filed' : to === 'sms_pending' || to === 'authority_review' || to === 'filed');
        if (approved || to === STAGE_REJECTED[stage]) add(stage, open.get(slot) ?? (date ? dayOf(date.from) : null), dateTo ?? day, approved);
        open.delete(slot);
      }
      if (to === STAGE_OPEN[stage]) open.set(slot, dateTo ?? day);
    }
  }

  /** The review a step's decision belongs to; null when it needs a kind the ID no longer has; undefined for steps without one. */
  function reviewKeyOf(step: StepId, id: string): ReviewKey | null | undefined {
    if (step === 'version') {
      const kind = options.kindOf(id);
      return kind === null ? null : kind === 'minigame' ? 'version.minigame' : 'version.miniprogram';
    }
    return step === 'name' || step === 'verify' || step === 'qualification' || step === 'realname' ? step : undefined;
  }

  const reviews = REVIEWS.map((def) => summarise(def, samples.get(def.key) ?? []));
  return { reviews, unmeasured, skipped };
}

/** The figures of one review from its samples. */
function summarise(def: ReviewDef, list: { days: number; decided: Day; approved: boolean }[]): ReviewTime {
  const days = list.map((s) => s.days).sort((a, b) => a - b);
  const n = days.length;
  const decided = list.map((s) => s.decided);
  return {
    def,
    count: n,
    approved: list.filter((s) => s.approved).length,
    rejected: list.filter((s) => !s.approved).length,
    median: n === 0 ? null : n % 2 === 1 ? days[(n - 1) / 2] : (days[n / 2 - 1] + days[n / 2]) / 2,
    p90: n === 0 ? null : days[Math.ceil(0.9 * n) - 1],
    from: n === 0 ? null : Math.min(...decided),
    to: n === 0 ? null : Math.max(...decided),
  };
}

/** What the rules take from a measurement (reviewTimes.ts decides whether to use it). */
export function measuredForRules(times: ReviewTimes | null): MeasuredReviews | null {
  if (times === null) return null;
  const out: MeasuredReviews = {};
  for (const r of times.reviews) if (r.p90 !== null) out[r.def.key] = { count: r.count, p90: r.p90 };
  return out;
}

/** Days from submission to decision in the review's unit (see the header). */
export function elapsed(def: ReviewDef, submitted: Day, decided: Day, calendar: Calendar): number {
  if (def.unit === 'natural' || decided <= submitted) return Math.max(0, decided - submitted);
  const working = calendar.networkDays(submitted + 1, decided);
  return calendar.isWorkday(decided) ? working : working + 1;
}

function byRow(group: Rec[]): Map<string, Rec[]> {
  const out = new Map<string, Rec[]>();
  for (const r of group) {
    const list = out.get(r.key);
    if (list) list.push(r);
    else out.set(r.key, [r]);
  }
  return out;
}

function stepStatus(cell: Cell): StepStatus {
  const text = cellText(cell);
  return text === null ? 'not_started' : (stepStatusVocab.get(text) ?? 'unknown');
}

function dayOf(cell: Cell): Day | null {
  const read = readDate(cell);
  return read.ok ? read.day : null;
}

/** A record, 'other' for a change that is not a step's or the filing's status or date, null when unreadable. */
function readRecord(cells: readonly Cell[]): Rec | 'other' | null {
  const when = recordTime(cells[0]);
  const id = cellText(cells[1]);
  const what = cellText(cells[2]);
  if (when === null || what === null) return null;
  const field = fieldOf(what);
  if (field === 'other') return 'other';
  if (id === null) return null;
  const day = dayFromExcelSerial(when);
  if (day === null) return null;
  return { when, day, key: normalizeKey(id), field, from: cells[3] ?? null, to: cells[4] ?? null };
}

const FIELD_CACHE = new Map<string, Field | 'other'>();

/** The History table names what changed by the portfolio column's header (either language), or a field code. */
function fieldOf(what: string): Field | 'other' {
  let field = FIELD_CACHE.get(what);
  if (field === undefined) {
    field = 'other';
    const code = /^(\w+)\.(status|date)$/.exec(what.trim());
    const def = inputColumnFor(code ? `${code[1]}${code[2] === 'status' ? 'Status' : 'Date'}` : what);
    const key: string | undefined = def?.key ?? (code ? `${code[1]}${code[2] === 'status' ? 'Status' : 'Date'}` : undefined);
    if (key === 'icpStatus' || key === 'icpDate') field = { step: 'icp', part: key === 'icpStatus' ? 'status' : 'date' };
    else if (key !== undefined) {
      const m = /^(register|name|category|verify|qualification|version|realname|payment)(Status|Date)$/.exec(key);
      if (m) field = { step: m[1] as StepId, part: m[2] === 'Status' ? 'status' : 'date' };
    }
    if (FIELD_CACHE.size < 1000) FIELD_CACHE.set(what, field);
  }
  return field;
}

// ---- the "审核用时 / Review times" table (Summary sheet, Dashboard) --------------------------

const REVIEW_LABELS: Record<Language, Record<ReviewKey, string>> = {
  'zh-CN': {
    name: '名称审核（保护词）',
    verify: '微信认证',
    qualification: '资质审核',
    'version.minigame': '版本审核（小游戏）',
    'version.miniprogram': '代码审核（小程序）',
    realname: '实名系统接入',
    'icp.platform': '备案平台初审',
    'icp.authority': '备案管局审核',
  },
  en: {
    name: 'Name review (protected word)',
    verify: 'WeChat verification',
    qualification: 'Qualification review',
    'version.minigame': 'Version review (mini-game)',
    'version.miniprogram': 'Code review (mini-program)',
    realname: 'Real-name system',
    'icp.platform': 'ICP platform review',
    'icp.authority': 'ICP authority review',
  },
};

export interface ReviewTimeTable {
  title: string;
  /** What the due dates and the ETA use, and when nothing was measured, that History shows no review yet. */
  notes: string[];
  headers: string[];
  /** step, unit, count, median, p90, the rules' default, used for due dates, period (text). */
  rows: (string | number)[][];
}

/** The table of measured review times beside the rules' defaults. `times` null: no History to measure. */
export function reviewTimeTable(times: ReviewTimes | null, settings: Settings, language: Language): ReviewTimeTable {
  const en = language === 'en';
  const overrides = durationOverrides(settings, measuredForRules(times));
  const measuredSource = settings['durations.source'] === 'measured';
  const none = times === null || times.reviews.every((r) => r.count === 0);
  const notes: string[] = [];
  if (times === null) {
    // The surface read no History (a CSV file; the pane until its adapter reads the table): say that, not that History is empty.
    notes.push(en ? 'No review measured: this check read no History table.' : '尚无实测审核用时：本次检查未读取变更记录表。');
  } else if (none) {
    notes.push(
      en
        ? 'No review measured yet: History shows no step going from submitted to approved or rejected with its dates.'
        : '尚无实测审核用时：变更记录中还没有从已提交到通过或驳回的审核记录。',
    );
  }
  notes.push(
    measuredSource
      ? en
        ? `Due dates and ETA: the measured 90th percentile where a review has at least ${MIN_MEASURED_REVIEWS} measurements, the rules' default elsewhere (durations.source = measured).`
        : `截止日期和预计上线：实测至少 ${MIN_MEASURED_REVIEWS} 次的审核用其第 90 百分位，其余用规则默认值（durations.source = measured）。`
      : en
        ? "Due dates and ETA: the rules' defaults (durations.source = rules; set it to measured to use these figures)."
        : '截止日期和预计上线：规则默认值（durations.source = rules；设为 measured 可改用实测值）。',
  );
  const headers = en
    ? ['Review', 'Unit', 'Reviews', 'Median', '90th percentile', "Rules' default", 'Due dates use', 'Period (decisions)']
    : ['审核', '单位', '次数', '中位数', '第90百分位', '规则默认', '截止日期采用', '期间（审核结果日）'];
  const rows = REVIEWS.map((def) => {
    const r = times?.reviews.find((x) => x.def.key === def.key) ?? null;
    const unit = def.unit === 'working' ? (en ? 'working days' : '工作日') : en ? 'days' : '自然日';
    const used = usesMeasured(overrides, def) ? (en ? 'measured p90' : '实测 p90') : en ? 'default' : '规则默认';
    const period = r === null || r.from === null || r.to === null ? '—' : `${toIso(r.from)} – ${toIso(r.to)}`;
    return [REVIEW_LABELS[language][def.key], unit, r?.count ?? 0, r?.median ?? '—', r?.p90 ?? '—', settings[def.setting], used, period];
  });
  return { title: en ? 'Review times' : '审核用时', notes, headers, rows };
}
