/**
 * The portfolio at a glance, shared by the command line's Summary sheet and printout and
 * the task pane's counts, attention list and dashboard: counts by severity, stage and
 * owner, what is overdue, what falls due soon.
 */
import { Day, fromIso } from '../rules/dates';
import { catalogFor } from '../rules/i18n';
import { Action, Finding, Language, Row, RowResult, RowSeverity, SEVERITY_RANK, StageCode, Topic } from '../rules/types';

export const SEVERITIES: readonly RowSeverity[] = ['critical', 'error', 'warning', 'info', 'ok'];
export const STAGES: readonly StageCode[] = ['planned', 'registration', 'setup', 'review', 'filing', 'ready', 'released'];

export interface AttentionItem {
  /** 0-based data row of the table. */
  row: number;
  id: string | null;
  client: string | null;
  /** The program's name (名称), which the pane's search looks in. */
  name: string | null;
  owner: string | null;
  /** In the check's language; actionText renders it in another. */
  nextStep: Action;
  due: Day | null;
  dueFor: Topic | null;
  severity: RowSeverity;
  /** Most severe first: the first says why the row is on a list (findingText renders one in another language). */
  findings: readonly Finding[];
}

/** "Due soon" for the day's list: today and the six days after it. */
export const TODAY_LIST_DAYS = 7;

/**
 * Does the row ask something of its account manager now? A critical, error or warning finding,
 * or a due date that has passed or falls within the next 7 days. A row that is ok or has only
 * info findings, with nothing due this week, is fine.
 */
export function needsAction(item: AttentionItem, today: Day): boolean {
  if (SEVERITY_RANK[item.severity] >= SEVERITY_RANK.warning) return true;
  return item.due !== null && item.due < today + TODAY_LIST_DAYS;
}

export type TodayGroup = 'overdue' | 'today' | 'week' | 'later';
export const TODAY_GROUPS: readonly TodayGroup[] = ['overdue', 'today', 'week', 'later'];

/** Where a row goes in the day's list: overdue, due today, due this week (the next 6 days), or later (or no date). */
export function todayGroup(item: AttentionItem, today: Day): TodayGroup {
  if (item.due === null) return 'later';
  if (item.due < today) return 'overdue';
  if (item.due === today) return 'today';
  return item.due < today + TODAY_LIST_DAYS ? 'week' : 'later';
}

/** Rows in the day's order: by group (overdue first), then most severe, then soonest due. */
export function dayOrder(items: readonly AttentionItem[], today: Day): AttentionItem[] {
  const ranked = items.map((item) => ({ item, rank: TODAY_GROUPS.indexOf(todayGroup(item, today)) }));
  ranked.sort((a, b) => a.rank - b.rank || byAttention(a.item, b.item));
  return ranked.map((r) => r.item);
}

/** The day's list: the rows that need action, in the day's order. */
export function todayList(items: readonly AttentionItem[], today: Day): AttentionItem[] {
  return dayOrder(items.filter((a) => needsAction(a, today)), today);
}

export interface PortfolioSummary {
  today: Day;
  total: number;
  bySeverity: Record<RowSeverity, number>;
  byStage: Record<StageCode, number>;
  byOwner: { owner: string; total: number; bySeverity: Record<RowSeverity, number> }[];
  overdue: AttentionItem[];
  dueSoon: AttentionItem[];
  /** Every row with a finding or a due date, most severe first, then soonest due. */
  attention: AttentionItem[];
  /** Every checked row, in table order. */
  items: AttentionItem[];
}

const zeroSeverities = (): Record<RowSeverity, number> => ({ critical: 0, error: 0, warning: 0, info: 0, ok: 0 });

export function byAttention(a: AttentionItem, b: AttentionItem): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.due ?? Infinity) - (b.due ?? Infinity) || a.row - b.row;
}

/** `rows` and `results` as checkWorkbook gives them: results per table row, rows evaluated. */
export function summarize(results: readonly (RowResult | null)[], rows: readonly Row[], today: Day, withinDays: number): PortfolioSummary {
  const rowByIndex = new Map(rows.map((r) => [r.index, r]));
  const bySeverity = zeroSeverities();
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<StageCode, number>;
  const owners = new Map<string, { owner: string; total: number; bySeverity: Record<RowSeverity, number> }>();
  const attention: AttentionItem[] = [];
  const items: AttentionItem[] = [];
  let total = 0;

  for (const result of results) {
    if (result === null) continue;
    total++;
    bySeverity[result.severity]++;
    byStage[result.stage.code]++;
    const row = rowByIndex.get(result.row);
    const ownerName = row?.owner ?? '';
    let owner = owners.get(ownerName);
    if (!owner) owners.set(ownerName, (owner = { owner: ownerName, total: 0, bySeverity: zeroSeverities() }));
    owner.total++;
    owner.bySeverity[result.severity]++;
    const due = result.dueDate === null ? null : fromIso(result.dueDate);
    const item: AttentionItem = {
      row: result.row,
      id: result.id,
      client: row?.client ?? null,
      name: row?.name ?? null,
      owner: row?.owner ?? null,
      nextStep: result.nextStep,
      due,
      dueFor: result.dueFor,
      severity: result.severity,
      findings: result.findings,
    };
    items.push(item);
    if (result.severity !== 'ok' || due !== null) attention.push(item);
  }
  attention.sort(byAttention);
  const byDue = (a: AttentionItem, b: AttentionItem) => (a.due as number) - (b.due as number) || a.row - b.row;
  const overdue = attention.filter((a) => a.due !== null && a.due < today).sort(byDue);
  // "The next N days" counts today as the first of them.
  const dueSoon = attention.filter((a) => a.due !== null && a.due >= today && a.due < today + withinDays).sort(byDue);
  const byOwner = [...owners.values()].sort((a, b) => b.total - a.total || a.owner.localeCompare(b.owner));
  return { today, total, bySeverity, byStage, byOwner, overdue, dueSoon, attention, items };
}

/** Labels for summary tables, per language. */
export function summaryLabels(language: Language) {
  const cat = catalogFor(language);
  const en = language === 'en';
  return {
    title: en ? 'Launch Tracker summary' : 'Launch Tracker 检查汇总',
    checkedOn: en ? 'Checked as of' : '检查日期',
    rows: en ? 'Rows' : '项目数',
    severity: en ? 'Severity' : '级别',
    stage: en ? 'Stage' : '阶段',
    owner: en ? 'Owner' : '负责人',
    noOwner: en ? '(none)' : '（未填写）',
    overdue: en ? 'Overdue' : '已超期',
    dueWithin: (days: number) => (en ? `Due in the next ${days} days` : `${days} 天内到期`),
    itemHeaders: en ? ['ID', 'Client', 'Owner', 'Next step', 'Due', 'Due for', 'Severity'] : ['项目编号', '客户', '负责人', '下一步', '截止', '截止事项', '级别'],
    severityText: (s: RowSeverity) => cat.severity[s],
    stageText: (s: StageCode) => cat.stage(s, [], { date: () => '', topic: (t) => String(t), list: (l) => l.join(), num: (n) => String(n) }),
    topicText: (t: Topic | null) => (t === null ? '' : cat.topic[t]),
  };
}
