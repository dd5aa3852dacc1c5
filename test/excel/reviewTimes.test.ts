/**
 * Review times in the pane (issue 10): the adapter reads the History table's records with the
 * check's read (src/excel/history.ts), the store measures them (src/workbook/durations.ts), the
 * Dashboard shows them beside the rules' defaults, and durations.source = measured moves a due
 * date — on the fake Excel, as the command line does on a file.
 *
 * The History: 12 protected-name reviews (working days), each submitted Monday 2026-11-02 and
 * decided 1 … 12 working days later: median 6.5, 90th percentile (nearest rank) 11.
 * G-003's name review went in on Thursday 2026-11-19: 3 working days by the rules (due Tuesday
 * 2026-11-24), 11 measured (due Friday 2026-12-04).
 */
import { dayFromExcelSerial, excelSerialFromDay, fromIso, toIso } from '../../src/rules/dates';
import type { SheetModel, WorkbookModel } from '../../src/excel/fake/model';
import { addTable } from '../../src/excel/fake/example';
import { HISTORY_HEADERS } from '../../src/workbook/history';
import type { Cell } from '../../src/workbook/values';
import { exampleWorkbook } from '../../src/excel/fake/example';
import { fakeExcel } from '../../src/excel/fake/api';
import { WEB_PAYLOAD_LIMIT } from '../../src/excel/fake/model';
import { createRuntime } from '../../src/excel/runtime';
import { memoryDocumentSettings } from '../../src/excel/workbook';
import { ExcelPaneService } from '../../src/taskpane/paneService';
import { examplePane, NOW } from '../helpers/excelPane';

const MONDAY = fromIso('2026-11-02')!;
/** 1 … 12 working days after Monday 2026-11-02 (no holiday in November 2026). */
const DECIDED = ['11-03', '11-04', '11-05', '11-06', '11-09', '11-10', '11-11', '11-12', '11-13', '11-16', '11-17', '11-18'].map((d) => fromIso(`2026-${d}`)!);

/** One review as two checks record it: submitted (status and date), then approved with its date. */
function nameReview(id: string, workingDays: number): Cell[][] {
  const decided = DECIDED[workingDays - 1];
  const at = (day: number, hour: number) => excelSerialFromDay(day) + hour / 24;
  return [
    [at(MONDAY, 14), id, '名称状态', '未开始', '审核中', '命令行'],
    [at(MONDAY, 14), id, '名称日期', null, toIso(MONDAY), '命令行'],
    [at(decided, 17), id, '名称状态', '审核中', '已通过', '命令行'],
    [at(decided, 17), id, '名称日期', toIso(MONDAY), toIso(decided), '命令行'],
  ];
}

const HISTORY: Cell[][] = Array.from({ length: 12 }, (_, i) => nameReview(`N-${i + 1}`, i + 1)).flat();

function withHistory(records: Cell[][], headers: readonly string[] = HISTORY_HEADERS['zh-CN']) {
  return (model: WorkbookModel) => void addTable(model, '变更记录', 'History', [[...headers], ...records], [0]);
}

function setSetting(model: WorkbookModel, label: string, value: string): void {
  const settings = model.sheet('设置') as SheetModel;
  const row = [...Array(80).keys()].find((r) => settings.value(r, 0) === label);
  if (row === undefined) throw new Error(`no setting ${label} in the example`);
  settings.ensure(row, 1).value = value;
}

/** The Dashboard's review-times table as rows of cells, from its header row down to the first blank row. */
function dashboardReviewRows(model: WorkbookModel): Cell[][] {
  const sheet = model.sheets.find((s) => s.name === '仪表板') as SheetModel;
  const top = [...Array(200).keys()].find((r) => sheet.value(r, 0) === '审核')!;
  const out: Cell[][] = [];
  for (let r = top; sheet.value(r, 0) !== ''; r++) out.push(Array.from({ length: 8 }, (_, c) => sheet.value(r, c) as Cell));
  return out;
}

describe('review times measured from History in the pane', () => {
  test('the Dashboard shows the count, median, p90 and period of the name reviews beside the default', async () => {
    const { model, pane, runtime } = examplePane(withHistory(HISTORY));
    await pane.checkPortfolio('zh-CN');
    await pane.buildDashboard('zh-CN');
    const rows = dashboardReviewRows(model);
    expect(rows[0]).toEqual(['审核', '单位', '次数', '中位数', '第90百分位', '规则默认', '截止日期采用', '期间（审核结果日）']);
    expect(rows).toContainEqual(['名称审核（保护词）', '工作日', 12, 6.5, 11, 3, '规则默认', '2026-11-03 – 2026-11-18']);
    expect(rows).toContainEqual(['资质审核', '自然日', 0, '—', '—', 3, '规则默认', '—']);
    runtime.store.dispose();
  });

  test('durations.source = measured: G-003\'s name review is due on the measured p90, 2026-12-04, not the default 2026-11-24', async () => {
    const due = async (prepare: (m: WorkbookModel) => void) => {
      const { pane, runtime, sheet, column, rowOf } = examplePane(prepare);
      await pane.checkPortfolio('zh-CN');
      runtime.store.dispose();
      return toIso(dayFromExcelSerial(sheet.value(rowOf('G-003'), column('最近截止')) as number)!);
    };
    expect(await due(withHistory(HISTORY))).toBe('2026-11-24');
    expect(
      await due((m) => {
        withHistory(HISTORY)(m);
        setSetting(m, '审核用时来源', 'measured');
      }),
    ).toBe('2026-12-04');
    // Nine reviews are too few (at least 10): the rules' default stays.
    expect(
      await due((m) => {
        withHistory(HISTORY.slice(0, 9 * 4))(m);
        setSetting(m, '审核用时来源', 'measured');
      }),
    ).toBe('2026-11-24');
  });

  test('Excel on the web, 40,000 records: History is read in blocks, each response under 5 MB, and all 12 reviews are found', async () => {
    // Other rows' severity changes between the reviews' records: text that weighs as real records do.
    const filler = Array.from({ length: 40_000 - HISTORY.length }, (_, i): Cell[] => [excelSerialFromDay(MONDAY) + 0.4, `F-${i}`, '级别', '提示：资料待补充', '警告：审核即将超期', '任务窗格']);
    const model = exampleWorkbook('web');
    withHistory([...filler.slice(0, 20_000), ...HISTORY, ...filler.slice(20_000)])(model);
    const runtime = createRuntime(fakeExcel(model), 'zh-CN');
    const pane = new ExcelPaneService({ runtime, settings: memoryDocumentSettings(model.settings), isSetSupported: () => true, officeLanguage: 'zh-CN', now: () => NOW });
    const syncs = model.syncs.length;
    await pane.checkPortfolio('zh-CN');
    const reads = model.syncs.slice(syncs);
    for (const s of reads) expect(s.responseBytes).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
    expect(reads.filter((s) => s.responseBytes > 1_000_000).length).toBeGreaterThanOrEqual(2);
    await pane.buildDashboard('zh-CN');
    expect(dashboardReviewRows(model)).toContainEqual(['名称审核（保护词）', '工作日', 12, 6.5, 11, 3, '规则默认', '2026-11-03 – 2026-11-18']);
    runtime.store.dispose();
  }, 60_000);

  test('a History table with headers of the user\'s is not read: nothing measured', async () => {
    const { model, pane, runtime } = examplePane(withHistory(HISTORY, ['日期', '编号', '项目', '旧', '新', '备注']));
    await pane.checkPortfolio('zh-CN');
    await pane.buildDashboard('zh-CN');
    expect(dashboardReviewRows(model)).toContainEqual(['名称审核（保护词）', '工作日', 0, '—', '—', 3, '规则默认', '—']);
    runtime.store.dispose();
  });
});
