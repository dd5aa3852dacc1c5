/** What the command line prints, and the rows of the Summary sheet it writes. */
import { toIso, utcDateFromDay } from '../rules/dates';
import type { Language, RowSeverity } from '../rules/types';
import type { CheckOutcome } from '../workbook/check';
import { AttentionItem, PortfolioSummary, SEVERITIES, STAGES, summaryLabels } from '../workbook/summary';
import type { Cell } from './xlsx/index';
import { SinceLastCheck, sinceLastCheckLines } from '../workbook/history';
import type { ReviewTimeTable } from '../workbook/durations';

/** The Review times block: its title, what the due dates use (and that nothing was measured), the table. */
function reviewTimeRows(table: ReviewTimeTable): Cell[][] {
  return [[], [table.title], ...table.notes.map((n): Cell[] => [n]), table.headers, ...table.rows];
}

/** Display width in a terminal: CJK characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) as number) >= 0x2e80 ? 2 : 1;
  return w;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => width(r[j] ?? ''))));
  return rows.map((r) => `  ${r.map((c, j) => (j === r.length - 1 ? c : pad(c, widths[j]))).join('  ')}`.trimEnd()).join('\n');
}

const LIST_LIMIT = 10;

function itemLines(items: AttentionItem[], language: Language): string {
  const L = summaryLabels(language);
  const shown = items.slice(0, LIST_LIMIT).map((a) => [a.id ?? '', a.due === null ? '' : toIso(a.due), L.severityText(a.severity), a.nextStep.text]);
  const more = items.length > LIST_LIMIT ? `\n  … ${items.length - LIST_LIMIT} ${language === 'en' ? 'more' : '项未列出'}` : '';
  return shown.length ? `${table(shown)}${more}` : '  —';
}

/** The since-last-check block: its title, then per kind its count and first IDs. */
function sinceText(since: SinceLastCheck, language: Language): string[] {
  const { title, lines } = sinceLastCheckLines(since, language);
  if (lines.length === 0) return since.previous === null ? [title] : [title, language === 'en' ? '  nothing changed' : '  无变化'];
  return [title, table(lines.map(([label, n, items]) => [label, String(n), items]))];
}

export function formatSummary(summary: PortfolioSummary, outcome: CheckOutcome, out: string | null, since: SinceLastCheck | null = null): string {
  const lang = outcome.language;
  const L = summaryLabels(lang);
  const sev = SEVERITIES.map((s) => [L.severityText(s), String(summary.bySeverity[s])]);
  const stages = STAGES.filter((s) => summary.byStage[s] > 0).map((s) => [L.stageText(s), String(summary.byStage[s])]);
  const lines = [
    `${L.title} — ${L.checkedOn} ${toIso(summary.today)} — ${summary.total} ${lang === 'en' ? 'rows' : '个项目'}`,
    '',
    table([[L.severity, L.rows], ...sev]),
    '',
    table([[L.stage, L.rows], ...stages]),
    '',
    `${L.overdue} (${summary.overdue.length})`,
    itemLines(summary.overdue, lang),
    '',
    `${L.dueWithin(outcome.settings['summary.dueWithinDays'])} (${summary.dueSoon.length})`,
    itemLines(summary.dueSoon, lang),
  ];
  if (since !== null) lines.push('', ...sinceText(since, lang));
  if (out !== null) lines.push('', `${lang === 'en' ? 'Written' : '已写入'}: ${out}`);
  return `${lines.join('\n')}\n`;
}

export interface SheetRows {
  rows: Cell[][];
  widths: number[];
  /** 0-based columns holding date serials. */
  dateColumns: number[];
}

function itemRows(items: AttentionItem[], language: Language): Cell[][] {
  const L = summaryLabels(language);
    // Dates as Date values: the sheet writer gives them a date format (counts elsewhere stay numbers).
  return items.map((a) => [a.id, a.client, a.owner, a.nextStep.text, a.due === null ? null : utcDateFromDay(a.due), L.topicText(a.dueFor), L.severityText(a.severity)]);
}

/** The Summary sheet: counts by severity, stage and owner; overdue rows; rows due soon. */
export function summarySheetRows(summary: PortfolioSummary, language: Language, withinDays: number, since: SinceLastCheck | null = null, reviewTimes: ReviewTimeTable | null = null): SheetRows {
  const L = summaryLabels(language);
  const sinceRows: Cell[][] = [];
  if (since !== null) {
    const { title, lines } = sinceLastCheckLines(since, language);
    sinceRows.push([], [title], ...lines.map(([label, n, items]): Cell[] => [label, n, items]));
  }
  const rows: Cell[][] = [
    [L.title],
    [L.checkedOn, utcDateFromDay(summary.today)],
    ...sinceRows,
    [],
    [L.severity, L.rows],
    ...SEVERITIES.map((s: RowSeverity) => [L.severityText(s), summary.bySeverity[s]]),
    [],
    [L.stage, L.rows],
    ...STAGES.map((s) => [L.stageText(s), summary.byStage[s]]),
    [],
    [L.owner, L.rows, ...SEVERITIES.map((s) => L.severityText(s))],
    ...summary.byOwner.map((o) => [o.owner || L.noOwner, o.total, ...SEVERITIES.map((s) => o.bySeverity[s])]),
    [],
    [`${L.overdue} (${summary.overdue.length})`],
    L.itemHeaders,
    ...itemRows(summary.overdue, language),
    [],
    [`${L.dueWithin(withinDays)} (${summary.dueSoon.length})`],
    L.itemHeaders,
    ...itemRows(summary.dueSoon, language),
    ...(reviewTimes === null ? [] : reviewTimeRows(reviewTimes)),
  ];
  return { rows, widths: [16, 22, 12, 36, 12, 12, 10], dateColumns: [] };
}
