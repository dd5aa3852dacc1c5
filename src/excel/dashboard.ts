/**
 * The Dashboard sheet: counts by stage, severity and owner, the next 14 days of due dates,
 * and a native Excel chart of the pipeline. Rebuilt from scratch on demand: the sheet is
 * the product's own, so replacing it loses nothing the user typed.
 */
import { excelSerialFromDay } from '../rules/dates';
import type { Language } from '../rules/types';
import { columnLetters } from '../workbook/address';
import { PortfolioSummary, SEVERITIES, STAGES, summaryLabels } from '../workbook/summary';
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
export function dashboardLayout(summary: PortfolioSummary, language: Language, withinDays: number): DashboardLayout {
  const L = summaryLabels(language);
  const en = language === 'en';
  const due = summary.dueSoon.filter((a) => a.due !== null);
  const stageBlock: Grid = [[L.stage, L.rows], ...STAGES.map((s) => [L.stageText(s), summary.byStage[s]])];
  const severityBlock: Grid = [[L.severity, L.rows], ...SEVERITIES.map((s) => [L.severityText(s), summary.bySeverity[s]])];
  const ownerBlock: Grid = [
    [L.owner, L.rows, ...SEVERITIES.map((s) => L.severityText(s))],
    ...summary.byOwner.map((o) => [o.owner || L.noOwner, o.total, ...SEVERITIES.map((s) => o.bySeverity[s])]),
  ];
  const dueHeader: Grid = [[`${L.dueWithin(withinDays)} (${due.length})`]];
  const dueBlock: Grid = [
    L.itemHeaders,
    ...due.map((a) => [a.id ?? '', a.client ?? '', a.owner ?? '', a.nextStep, excelSerialFromDay(a.due as number), L.topicText(a.dueFor), L.severityText(a.severity)]),
  ];
  const top = 3;
  const belowCounts = top + Math.max(stageBlock.length, severityBlock.length, ownerBlock.length) + 2;
  return {
    sheet: sheetNames(language).dashboard,
    title: L.title,
    blocks: [
      { row: 0, col: 0, values: [[L.title]], header: true },
      { row: 1, col: 0, values: [[L.checkedOn, excelSerialFromDay(summary.today)]], header: false, dateColumns: [1] },
      { row: top, col: 0, values: stageBlock, header: true },
      { row: top, col: 3, values: severityBlock, header: true },
      { row: top, col: 6, values: ownerBlock, header: true },
      { row: belowCounts, col: 0, values: dueHeader, header: true },
      { row: belowCounts + 1, col: 0, values: dueBlock, header: true, dateColumns: [4] },
    ],
    chart: { row: top, col: 0, rows: stageBlock.length, title: en ? 'Pipeline: programs by stage' : '上线进度：各阶段项目数' },
  };
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
