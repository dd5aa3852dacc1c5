/**
 * The Dashboard sheet: counts by stage, severity and owner, the overdue items and then the
 * next 14 days of due dates, and a native Excel chart of the pipeline. Rebuilt from scratch on demand: the sheet is
 * the product's own, so replacing it loses nothing the user typed.
 */
import { excelSerialFromDay } from '../rules/dates';
import type { Language } from '../rules/types';
import { columnLetters } from '../workbook/address';
import type { ReviewTimeTable } from '../workbook/durations';
import { AttentionItem, PortfolioSummary, SEVERITIES, STAGES, summaryLabels } from '../workbook/summary';
import { DATE_FORMAT, sheetNames } from '../workbook/template';
import type { ExcelApi } from './run';

type Grid = (string | number)[][];

export interface DashboardLayout {
  sheet: string;
  title: string;
  /** Blocks of cells: where they go (0-based) and what they hold. */
  blocks: { row: number; col: number; values: Grid; header: boolean; dateColumns?: number[] }[];
  /** The pipeline chart's source block (stage and count columns). */
  chart: { row: number; col: number; rows: number; title: string };
}

/** What the dashboard shows, as data (tested without Excel). */
export function dashboardLayout(summary: PortfolioSummary, language: Language, withinDays: number, reviewTimes: ReviewTimeTable | null = null): DashboardLayout {
  const L = summaryLabels(language);
  const en = language === 'en';
  // Labels, not the output column's words: in English they start with a capital (Critical, Version review).
  const label = (text: string) => (en ? text.charAt(0).toUpperCase() + text.slice(1) : text);
  const stageBlock: Grid = [[L.stage, L.rows], ...STAGES.map((s) => [label(L.stageText(s)), summary.byStage[s]])];
  const severityBlock: Grid = [[L.severity, L.rows], ...SEVERITIES.map((s) => [label(L.severityText(s)), summary.bySeverity[s]])];
  const ownerBlock: Grid = [
    [L.owner, L.rows, ...SEVERITIES.map((s) => label(L.severityText(s)))],
    ...summary.byOwner.map((o) => [o.owner || L.noOwner, o.total, ...SEVERITIES.map((s) => o.bySeverity[s])]),
  ];
  const items = (list: readonly AttentionItem[]): Grid => [
    L.itemHeaders,
    ...list.map((a) => [a.id ?? '', a.client ?? '', a.owner ?? '', a.nextStep.text, excelSerialFromDay(a.due as number), label(L.topicText(a.dueFor)), label(L.severityText(a.severity))]),
  ];
  // The most urgent first: what is overdue, then what falls due in the next days.
  const overdue = summary.overdue.filter((a) => a.due !== null);
  const due = summary.dueSoon.filter((a) => a.due !== null);
  const top = 3;
  const overdueAt = top + Math.max(stageBlock.length, severityBlock.length, ownerBlock.length) + 2;
  const overdueBlock = items(overdue);
  const dueAt = overdueAt + 1 + overdueBlock.length + 1;
  const dueBlock = items(due);
  const timesAt = dueAt + 1 + dueBlock.length + 1;
  return {
    sheet: sheetNames(language).dashboard,
    title: L.title,
    blocks: [
      { row: 0, col: 0, values: [[L.title]], header: true },
      { row: 1, col: 0, values: [[L.checkedOn, excelSerialFromDay(summary.today)]], header: false, dateColumns: [1] },
      { row: top, col: 0, values: stageBlock, header: true },
      { row: top, col: 3, values: severityBlock, header: true },
      { row: top, col: 6, values: ownerBlock, header: true },
      { row: overdueAt, col: 0, values: [[`${L.overdue} (${overdue.length})`]], header: true },
      { row: overdueAt + 1, col: 0, values: overdueBlock, header: true, dateColumns: [4] },
      { row: dueAt, col: 0, values: [[`${L.dueWithin(withinDays)} (${due.length})`]], header: true },
      { row: dueAt + 1, col: 0, values: dueBlock, header: true, dateColumns: [4] },
      ...(reviewTimes === null ? [] : reviewTimeBlocks(reviewTimes, timesAt)),
    ],
    chart: { row: top, col: 0, rows: stageBlock.length, title: en ? 'Pipeline: programs by stage' : '上线进度：各阶段项目数' },
  };
}

/** 审核用时 / Review times: the title, its notes (what due dates use; nothing measured yet), the table. */
function reviewTimeBlocks(table: ReviewTimeTable, at: number): DashboardLayout['blocks'] {
  return [
    { row: at, col: 0, values: [[table.title]], header: true },
    ...table.notes.map((note, i) => ({ row: at + 1 + i, col: 0, values: [[note]], header: false })),
    { row: at + 1 + table.notes.length, col: 0, values: [table.headers, ...table.rows], header: true },
  ];
}

export async function buildDashboard(excel: ExcelApi, layout: DashboardLayout): Promise<void> {
  await excel.run(async (ctx) => {
    // Both languages' names: switching language must not leave an old dashboard behind.
    const old = [sheetNames('zh-CN').dashboard, sheetNames('en').dashboard].map((n) => ctx.workbook.worksheets.getItemOrNullObject(n));
    await ctx.sync();
    for (const sheet of old) if (!sheet.isNullObject) sheet.delete();
    const sheet = ctx.workbook.worksheets.add(layout.sheet);
    for (const block of layout.blocks) {
      const width = Math.max(...block.values.map((r) => r.length));
      const values = block.values.map((r) => [...r, ...new Array(width - r.length).fill('')]);
      const range = sheet.getRangeByIndexes(block.row, block.col, values.length, width);
      range.values = values;
      if (block.header) range.getRow(0).format.font.bold = true;
      for (const c of block.dateColumns ?? []) range.getColumn(c).numberFormat = DATE_FORMAT as unknown as string[][];
    }
    sheet.getRange('A:A').format.columnWidth = 120;
    sheet.getRange('D:D').format.columnWidth = 110;
    const { chart: c } = layout;
    const source = sheet.getRangeByIndexes(c.row, c.col, c.rows, 2);
    const chart = sheet.charts.add('BarClustered', source, 'Columns');
    chart.title.text = c.title;
    chart.setPosition(`${columnLetters(14)}${c.row + 1}`, `${columnLetters(22)}${c.row + 18}`);
    sheet.activate();
    await ctx.sync();
  });
}
