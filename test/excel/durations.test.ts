/**
 * Review times in the task pane (src/excel/history.ts reads the History table's records in the
 * check's read, src/excel/store.ts hands them to the check): on the fake Excel, a History table
 * holding 12 qualification reviews (natural days, the rules' unit for it) shows on the Dashboard
 * with its count, median, 90th percentile and period; with durations.source = measured a row's
 * due date uses the measured p90, and with fewer than 10 reviews the rules' 3 days. A History too
 * large for one response is read in blocks with the same figures; a table of the user's named
 * History is not measured.
 */
import { excelSerialFromDay, fromIso, toIso, dayFromExcelSerial, dayFromYmd } from '../../src/rules/dates';
import { fakeExcel } from '../../src/excel/fake/api';
import { addTable, generatedWorkbook } from '../../src/excel/fake/example';
import { WEB_PAYLOAD_LIMIT, type SheetModel, type WorkbookModel } from '../../src/excel/fake/model';
import { createRuntime } from '../../src/excel/runtime';
import { payloadBytes } from '../../src/excel/run';
import { memoryDocumentSettings } from '../../src/excel/workbook';
import { ExcelPaneService } from '../../src/taskpane/paneService';
import { INPUT_COLUMNS, OUTPUT_COLUMNS } from '../../src/workbook/columns';
import { fieldText, HISTORY_HEADERS } from '../../src/workbook/history';
import { sheetNames } from '../../src/workbook/template';
import type { Cell } from '../../src/workbook/values';
import { NOW } from '../helpers/excelPane';

const ASOF = dayFromYmd(2026, 11, 21);
const zh = (key: string) => INPUT_COLUMNS.find((c) => c.key === key)!.zh;
const HEADERS = ['id', 'kind', 'registerStatus', 'nameStatus', 'categoryStatus', 'verifyStatus', 'qualificationStatus', 'qualificationDate', 'versionStatus'].map(zh);
const serial = (iso: string) => excelSerialFromDay(fromIso(iso)!);
/** Q-1's qualification review is in review since Friday 2026-11-20: the rules give it 3 natural days (due 2026-11-23). */
const WATCHED: Cell[] = ['Q-1', '小游戏', '已通过', '已通过', '已通过', '已通过', '已提交', serial('2026-11-20'), '未开始'];

/** Days each of the 12 reviews took, in natural days: median 2, nearest-rank p90 (the 11th smallest) 5. */
const DAYS = [1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 5, 8];

function record(iso: string, hour: number, id: string, field: string, from: Cell, to: Cell): Cell[] {
  return [serial(iso) + hour / 24, id, fieldText(field, 'zh-CN'), from, to, '命令行'];
}

/** Review i: H-i submitted on 2026-10-(i+1), decided DAYS[i] days later, as two checks record it. */
function reviews(days = DAYS): Cell[][] {
  return days.flatMap((n, i) => {
    const from = toIso(fromIso('2026-10-01')! + i);
    const to = toIso(fromIso(from)! + n);
    return [
      record(from, 10, `H-${i + 1}`, 'qualification.status', '未开始', '已提交'),
      record(from, 10, `H-${i + 1}`, 'qualification.date', null, from),
      record(to, 10, `H-${i + 1}`, 'qualification.status', '已提交', '已通过'),
      record(to, 10, `H-${i + 1}`, 'qualification.date', from, to),
    ];
  });
}

interface Setup {
  history: Cell[][];
  headers?: readonly string[];
  measured?: boolean;
  platform?: 'desktop' | 'web';
}

function workbook({ history, headers = HISTORY_HEADERS['zh-CN'], measured = false, platform = 'desktop' }: Setup): WorkbookModel {
  const model = generatedWorkbook(HEADERS, [WATCHED], platform, ASOF);
  if (measured) {
    const settings = model.sheet(sheetNames('zh-CN').settings)!;
    const row = [...Array(200).keys()].find((r) => settings.value(r, 0) === '审核用时来源')!;
    settings.ensure(row, 1).value = '实测';
  }
  addTable(model, '变更记录', 'History', [[...headers], ...history], [0]);
  return model;
}

async function checked(model: WorkbookModel) {
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  const pane = new ExcelPaneService({ runtime, settings: memoryDocumentSettings(model.settings), isSetSupported: () => true, officeLanguage: 'zh-CN', now: () => NOW });
  await pane.checkPortfolio('zh-CN');
  return { pane, runtime };
}

/** The portfolio's due date cell of Q-1 (the output column 最近截止), as the date it shows. */
function dueOf(model: WorkbookModel): string {
  const sheet = model.sheet('项目') as SheetModel;
  const header = OUTPUT_COLUMNS.find((c) => c.key === 'dueDate')!.zh;
  const column = [...Array(80).keys()].find((c) => sheet.value(0, c) === header)!;
  const value = sheet.value(1, column);
  return typeof value === 'number' ? toIso(dayFromExcelSerial(value)!) : String(value);
}

/** The Dashboard's 审核用时 row of a review: review, unit, count, median, p90, default, used, period. */
function dashboardRow(model: WorkbookModel, review: string): unknown[] {
  const sheet = model.sheet(sheetNames('zh-CN').dashboard) as SheetModel;
  const row = [...Array(200).keys()].find((r) => sheet.value(r, 0) === review);
  if (row === undefined) throw new Error(`no row ${review} on the Dashboard`);
  return [...Array(8).keys()].map((c) => sheet.value(row, c));
}

afterEach(async () => {
  await new Promise((r) => setTimeout(r, 0));
});

test('the Dashboard shows the 12 qualification reviews History holds: count, median, p90 and period', async () => {
  const model = workbook({ history: reviews() });
  const { pane, runtime } = await checked(model);
  await pane.buildDashboard('zh-CN');
  expect(dashboardRow(model, '资质审核')).toEqual(['资质审核', '自然日', 12, 2, 5, 3, '规则默认', '2026-10-02 – 2026-10-20']);
  expect(dashboardRow(model, '微信认证').slice(2, 5)).toEqual([0, '—', '—']);
  // durations.source = rules: the due date is the rules' 3 days.
  expect(dueOf(model)).toBe('2026-11-23');
  runtime.store.dispose();
});

test('durations.source = measured: the due date uses the measured p90 of 5 days (2026-11-25), and the Dashboard says so', async () => {
  const model = workbook({ history: reviews(), measured: true });
  const { pane, runtime } = await checked(model);
  expect(dueOf(model)).toBe('2026-11-25');
  await pane.buildDashboard('zh-CN');
  expect(dashboardRow(model, '资质审核').slice(2, 7)).toEqual([12, 2, 5, 3, '实测 p90']);
  runtime.store.dispose();
});

test('durations.source = measured with 9 reviews (median 3, p90 8 days): below 10 the rules\' 3 days stay', async () => {
  const model = workbook({ history: reviews(DAYS.slice(3)), measured: true });
  const { pane, runtime } = await checked(model);
  expect(dueOf(model)).toBe('2026-11-23');
  await pane.buildDashboard('zh-CN');
  expect(dashboardRow(model, '资质审核').slice(2, 7)).toEqual([9, 3, 8, 3, '规则默认']);
  runtime.store.dispose();
});

/** Changes of the client (客户), which no review is made of, before the reviews: 70,000 records, over 5 MB of values. */
function largeHistory(): Cell[][] {
  const filler = Array.from({ length: 70_000 }, (_, i) => record('2026-09-01', 9, `F-${i}`, 'client', '某某文化传媒有限公司', '某某网络科技有限公司'));
  const history = [...filler, ...reviews()];
  expect(payloadBytes(history)).toBeGreaterThan(WEB_PAYLOAD_LIMIT);
  return history;
}

test('Excel on the web, a History of 70,000 records (over 5 MB): read in blocks, every response under the limit, the same figures', async () => {
  const history = largeHistory();
  const model = workbook({ history, measured: true, platform: 'web' });
  const { pane, runtime } = await checked(model);
  for (const s of model.syncs) expect(s.responseBytes).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
  expect(dueOf(model)).toBe('2026-11-25');
  await pane.buildDashboard('zh-CN');
  expect(dashboardRow(model, '资质审核')).toEqual(['资质审核', '自然日', 12, 2, 5, 3, '实测 p90', '2026-10-02 – 2026-10-20']);
  // The check recorded its baseline below the records it read (none dropped: their times were read).
  expect(model.table('History')!.height).toBe(history.length + 1);
  runtime.store.dispose();
}, 120_000);

test('a block Excel refuses as too large (its envelope counted larger) is read again in halves', async () => {
  const model = workbook({ history: largeHistory(), measured: true, platform: 'web' });
  // The blocks after the first are sized for 4 MB of values: under a 2 MB limit Excel refuses them.
  model.payloadLimit = 2 * 1024 * 1024;
  const { pane, runtime } = await checked(model);
  expect(model.syncs.some((s) => s.responseBytes > model.payloadLimit)).toBe(true);
  expect(dueOf(model)).toBe('2026-11-25');
  await pane.buildDashboard('zh-CN');
  expect(dashboardRow(model, '资质审核').slice(2, 5)).toEqual([12, 2, 5]);
  runtime.store.dispose();
}, 120_000);

test('a table of the user\'s named History (its own headers) is not read: nothing measured, the rules\' days', async () => {
  const model = workbook({ history: reviews(), headers: ['日期', '编号', '事项', '原来', '现在', '谁'], measured: true });
  const { pane, runtime } = await checked(model);
  expect(dueOf(model)).toBe('2026-11-23');
  await pane.buildDashboard('zh-CN');
  expect(dashboardRow(model, '资质审核').slice(2, 7)).toEqual([0, '—', '—', 3, '规则默认']);
  const dashboard = model.sheet(sheetNames('zh-CN').dashboard) as SheetModel;
  const texts = [...Array(200).keys()].map((r) => dashboard.value(r, 0));
  expect(texts).toContain('尚无实测审核用时：变更记录中还没有从已提交到通过或驳回的审核记录。');
  expect(model.table('History')!.headers()).toEqual(['日期', '编号', '事项', '原来', '现在', '谁']);
  runtime.store.dispose();
});

test('a review the pane records is measured from the next check on, as the command line does', async () => {
  const model = workbook({ history: reviews() });
  const { pane, runtime } = await checked(model); // the baseline: Q-1 in review since 2026-11-20
  const sheet = model.sheet('项目') as SheetModel;
  model.userEdit(sheet, 1, HEADERS.indexOf(zh('qualificationStatus')), '已通过');
  model.userEdit(sheet, 1, HEADERS.indexOf(zh('qualificationDate')), String(serial('2026-11-21')));
  await pane.checkPortfolio('zh-CN'); // records the approval
  await pane.buildDashboard('zh-CN');
  expect(dashboardRow(model, '资质审核').slice(2, 5)).toEqual([12, 2, 5]);
  await pane.checkPortfolio('zh-CN'); // reads it: 1 natural day, from the date's From (submitted before the baseline)
  await pane.buildDashboard('zh-CN');
  expect(dashboardRow(model, '资质审核')).toEqual(['资质审核', '自然日', 13, 2, 5, 3, '规则默认', '2026-10-02 – 2026-11-21']);
  runtime.store.dispose();
});
