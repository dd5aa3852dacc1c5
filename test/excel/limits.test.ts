/**
 * What Excel refuses, raised by the fake under the documented conditions and explained by the
 * pane: no room at the sheet's right edge (NonBlankCellOffSheet), too many cells to move in Excel
 * on the web (OperationCellsExceedLimit), and requests over 5 MB — scattered writes sized with
 * their ranges' overhead, and a refused request split and sent again.
 */
import { fakeExcel } from '../../src/excel/fake/api';
import { addTable, exampleWorkbook } from '../../src/excel/fake/example';
import { WEB_PAYLOAD_LIMIT, WorkbookModel } from '../../src/excel/fake/model';
import { NO_OWNERSHIP } from '../../src/excel/ownership';
import { createRuntime } from '../../src/excel/runtime';
import { memoryDocumentSettings } from '../../src/excel/workbook';
import { writeOutputs } from '../../src/excel/write';
import { OUTPUT_COLUMNS } from '../../src/workbook/columns';
import type { OutputValue } from '../../src/workbook/output';
import { ExcelPaneService } from '../../src/taskpane/paneService';
import { PaneError } from '../../src/taskpane/service';
import { en } from '../../src/taskpane/strings/en';
import { zhCN } from '../../src/taskpane/strings/zh-CN';
import { errorFacts } from '../../src/taskpane/components/paneError';

const NOW = Date.UTC(2026, 10, 21, 2, 0);
const XFD = 16_383;

function pane(model: WorkbookModel) {
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  return new ExcelPaneService({ runtime, settings: memoryDocumentSettings(model.settings), isSetSupported: () => true, officeLanguage: 'zh-CN', now: () => NOW });
}

async function refusal(action: Promise<unknown>): Promise<PaneError> {
  const error = await action.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaneError);
  return error as PaneError;
}

/** Headers and cells of a sheet, to prove a refused check changed nothing. */
function picture(model: WorkbookModel): string {
  return JSON.stringify(model.sheets.map((s) => [s.name, [...s.cells].map(([r, line]) => [r, [...line]])]));
}

test('a value at the right edge of the sheet in a table row: the check is refused as "off-sheet", naming the rows, and nothing changes', async () => {
  const model = exampleWorkbook();
  const sheet = model.sheet('项目')!;
  sheet.ensure(7, XFD).numberFormat = '@'; // looks empty: a format only
  const before = picture(model);
  const error = await refusal(pane(model).checkPortfolio('zh-CN'));
  expect(error.code).toBe('off-sheet');
  const facts = errorFacts(error);
  expect(facts.address).toMatch(/^项目![A-Z]+1:XFD49$/);
  expect(zhCN.errors['off-sheet'].body(facts)).toContain('XFD');
  expect(en.errors['off-sheet'].body(facts)).toContain(facts.address!);
  expect(picture(model)).toBe(before);
  expect(model.customXmlParts).toHaveLength(0);
});

describe('OperationCellsExceedLimit (Excel on the web only)', () => {
  function wideWorkbook(platform: 'desktop' | 'web'): WorkbookModel {
    const model = exampleWorkbook(platform);
    const table = model.tables.find((t) => t.name === 'Portfolio')!;
    // Make the table 2,400 rows long, and leave one stray value far to its right.
    table.height = 2_400;
    model.sheet('项目')!.ensure(5, 16_000).value = '旧备注';
    return model;
  }

  test('on the web: refused as "too-many-cells", explained, nothing changed', async () => {
    const model = wideWorkbook('web');
    const before = picture(model);
    const error = await refusal(pane(model).checkPortfolio('zh-CN'));
    expect(error.code).toBe('too-many-cells');
    expect(en.errors['too-many-cells'].body(errorFacts(error))).toMatch(/right-most columns/);
    expect(picture(model)).toBe(before);
  });

  test('on the desktop the same workbook is checked (the stray value moves right with the columns added)', async () => {
    const model = wideWorkbook('desktop');
    await pane(model).checkPortfolio('zh-CN');
    const sheet = model.sheet('项目')!;
    expect(sheet.value(5, 16_000 + OUTPUT_COLUMNS.length)).toBe('旧备注');
  });
});

describe('requests under 5 MB on Excel on the web', () => {
  const ROWS = 16_000;
  function table(platform: 'web'): WorkbookModel {
    const model = new WorkbookModel(platform);
    addTable(model, '项目', 'Portfolio', [['项目编号'], ...Array.from({ length: ROWS }, (_, i) => [`G-${i}`])]);
    return model;
  }
  const values: OutputValue[][] = Array.from({ length: ROWS }, (_, i) => OUTPUT_COLUMNS.map((c, k) => (k === 0 ? `第 ${i} 行` : c.kind === 'text' ? '等待备案平台初审（预计 2026-11-24）' : 46350)));
  const request = (rows?: number[]) => ({
    tableName: 'Portfolio',
    sheetName: '项目',
    headers: ['项目编号'],
    ownership: NO_OWNERSHIP,
    values,
    rows,
    headerLanguage: 'zh-CN' as const,
  });

  test('scattered rows (every other one: 8,000 ranges) are sized with each range\'s overhead: no request is refused', async () => {
    const model = table('web');
    const rows = Array.from({ length: ROWS / 2 }, (_, i) => i * 2);
    const stats = await writeOutputs(fakeExcel(model).run, request(rows));
    expect(stats.splits).toBe(0);
    expect(stats.syncs).toBeGreaterThan(1);
    expect(Math.max(...model.syncs.map((s) => s.requestBytes))).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
    const sheet = model.sheet('项目')!;
    expect(sheet.value(1 + 15_998, 1)).toBe('第 15998 行');
    expect(sheet.value(1 + 15_999, 1)).toBe('');
  });

  test('a request Excel refuses all the same is sent again in halves: every value written, the columns added once, the record saved', async () => {
    const model = table('web');
    model.payloadLimit = 700 * 1024; // Excel counting far more than the adapter's estimate
    const stats = await writeOutputs(fakeExcel(model).run, request());
    expect(stats.splits).toBeGreaterThan(0);
    expect(stats.rowsWritten).toBe(ROWS);
    const t = model.tables[0];
    expect(t.width).toBe(1 + OUTPUT_COLUMNS.length);
    expect(t.headers().slice(1)).toEqual(OUTPUT_COLUMNS.map((c) => c.zh));
    const sheet = model.sheet('项目')!;
    for (const r of [0, 1, 7_777, ROWS - 1]) expect(sheet.value(1 + r, 1)).toBe(`第 ${r} 行`);
    expect(model.customXmlParts).toHaveLength(1);
    expect(stats.ownership.record).not.toBeNull();
  });
});
