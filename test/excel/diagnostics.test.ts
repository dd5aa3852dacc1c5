/**
 * The Diagnostics run against the fake: in preview every check passes; on Excel on the web the
 * large request is refused as documented; the user's workbook comes out exactly as it went in,
 * also when a check fails midway; the report copies as text.
 */
import { DIAGNOSTICS, DiagnosticResult, reportText, runDiagnostics } from '../../src/excel/diagnostics';
import { fakeExcel, FakeOfficeError } from '../../src/excel/fake/api';
import { exampleWorkbook } from '../../src/excel/fake/example';
import type { WorkbookModel } from '../../src/excel/fake/model';
import { PreviewView } from '../../src/excel/fake/preview';
import { ExcelApi } from '../../src/excel/run';
import { createRuntime } from '../../src/excel/runtime';
import { memoryDocumentSettings } from '../../src/excel/workbook';
import { ExcelPaneService } from '../../src/taskpane/paneService';
import { registerPreviewFunctions } from '../../src/taskpane/preview';

/** Everything of the workbook a user could notice, as one text. */
function picture(model: WorkbookModel): string {
  return JSON.stringify({
    sheets: model.sheets.map((s) => ({
      name: s.name,
      cells: [...s.cells].map(([r, line]) => [r, [...line]]),
      widths: [...s.columnWidths],
      cf: s.conditionalFormats,
      validations: s.validations,
      charts: s.charts,
      frozen: s.frozen,
    })),
    tables: model.tables.map((t) => [t.name, t.id, t.sheet.name, t.rect, t.style]),
    settings: [...model.settings],
    parts: model.customXmlParts,
    active: model.activeSheet?.name,
    selection: model.selection && [model.selection.sheet.name, model.selection.rect],
  });
}

function previewPane(model: WorkbookModel, excel?: ExcelApi, platform?: string) {
  const runtime = createRuntime(excel ?? fakeExcel(model), 'zh-CN');
  registerPreviewFunctions(model, runtime);
  return new ExcelPaneService({
    runtime,
    settings: memoryDocumentSettings(model.settings),
    isSetSupported: () => true,
    officeLanguage: 'zh-CN',
    previewWorkbook: new PreviewView(model),
    platform,
  });
}

const listener = (seen: DiagnosticResult[] = []) => ({ onResult: (r: DiagnosticResult) => void seen.push(r), onAskForEdit: () => undefined });

test('in preview mode every check passes, each reported as it finishes, and the workbook is as it was', async () => {
  const model = exampleWorkbook();
  model.settings.set('launchTracker.keepUpToDate', true);
  const before = picture(model);
  const seen: DiagnosticResult[] = [];
  const report = await previewPane(model).runDiagnostics(listener(seen));
  expect(report.results.map((r) => r.name)).toEqual([...DIAGNOSTICS]);
  expect(report.results.filter((r) => r.state !== 'pass')).toEqual([]);
  expect(seen.map((r) => r.name)).toEqual([...DIAGNOSTICS]);
  expect(report.results.find((r) => r.name === 'custom-functions')!.reason).toContain('answered dev');
  expect(picture(model)).toBe(before);
});

test('on Excel on the web: a 4 MB request goes through, a 6 MB one is refused with RequestPayloadSizeLimitExceeded', async () => {
  const model = exampleWorkbook('web');
  const report = await previewPane(model, undefined, 'OfficeOnline').runDiagnostics(listener());
  const limit = report.results.find((r) => r.name === 'request-limit')!;
  expect(limit).toMatchObject({ state: 'pass' });
  expect(limit.reason).toContain('refused with RequestPayloadSizeLimitExceeded');
});

test('a check failing midway: reported as failed, the rest still run, and the scratch sheet is deleted', async () => {
  const model = exampleWorkbook();
  const before = picture(model);
  const real = fakeExcel(model);
  let calls = 0;
  // The 6th request (the conditional format's: after the scratch sheet, two for the tables, the columns, the values) fails as Excel can.
  const flaky: ExcelApi = {
    runIn: real.runIn,
    run: (batch) => {
      calls++;
      if (calls === 6) return Promise.reject(new FakeOfficeError('GeneralException', 'There was an internal error while processing the request.'));
      return real.run(batch);
    },
  };
  const report = await previewPane(model, flaky).runDiagnostics(listener());
  const failed = report.results.filter((r) => r.state === 'fail');
  expect(failed.map((r) => r.name)).toEqual(['conditional-format']);
  expect(failed[0].reason).toContain('GeneralException');
  expect(report.results.find((r) => r.name === 'cleanup')).toMatchObject({ state: 'pass' });
  expect(picture(model)).toBe(before);
});

test('a person who does not type into the cell: that check is skipped after the wait, the others pass', async () => {
  const model = exampleWorkbook();
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  registerPreviewFunctions(model, runtime);
  const asked: string[] = [];
  const report = await runDiagnostics({
    excel: runtime.excel,
    settings: memoryDocumentSettings(model.settings),
    isSetSupported: () => true,
    platform: 'PC',
    version: 'dev',
    askForEdit: (sheet, address) => void asked.push(`${sheet}!${address}`),
    userEditMs: 300,
  });
  expect(asked).toHaveLength(1);
  expect(asked[0]).toMatch(/^LT-diagnostics-[0-9A-Z]+!B3$/);
  expect(report.results.find((r) => r.name === 'event-user-edit')).toMatchObject({ state: 'skip', reason: 'no edit within 0 s' });
  expect(report.results.filter((r) => r.state === 'fail')).toEqual([]);
});

test('an Excel without ExcelApi 1.8 fails the requirements check by name', async () => {
  const model = exampleWorkbook();
  const report = await runDiagnostics({
    excel: fakeExcel(model),
    settings: memoryDocumentSettings(model.settings),
    isSetSupported: (_name, version) => Number(version) < 1.8,
    platform: 'PC',
    version: 'dev',
  });
  expect(report.results[0]).toMatchObject({ name: 'requirements', state: 'fail', reason: 'ExcelApi 1.8 is not supported' });
});

test('the report as text: one line per check with its state, and the counts', async () => {
  const text = reportText(
    {
      startedAt: Date.UTC(2026, 11, 2, 3, 0),
      host: 'OfficeOnline',
      results: [
        { name: 'requirements', state: 'pass', reason: 'ExcelApi 1.8 supported', ms: 1 },
        { name: 'event-user-edit', state: 'skip', reason: 'no edit within 60 s', ms: 60_000 },
        { name: 'custom-functions', state: 'fail', reason: '=LAUNCH.ADDINVERSION() shows "#NAME?"', ms: 15_000 },
      ],
    },
    '0.1.0',
  );
  expect(text.split('\n')).toEqual([
    'Launch Tracker 0.1.0 diagnostics — 2026-12-02T03:00:00.000Z — host OfficeOnline',
    'PASS requirements (1 ms): ExcelApi 1.8 supported',
    'SKIP event-user-edit (60000 ms): no edit within 60 s',
    'FAIL custom-functions (15000 ms): =LAUNCH.ADDINVERSION() shows "#NAME?"',
    '1 pass, 1 fail, 1 skip',
  ]);
});
