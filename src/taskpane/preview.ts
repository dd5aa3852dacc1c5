/**
 * Preview mode: the pane in a plain browser, on an in-memory workbook holding the example
 * portfolio — or, with `taskpane.html?rows=N`, a generated portfolio of N rows (the generator of
 * `launch-tracker sample`, seed 42, dates around today), for demos and measurements. The same
 * controller and adapter as in Excel; only the Excel API is the fake. Loaded on demand, so
 * Excel users never download it.
 */
import { fakeExcel } from '../excel/fake/api';
import { exampleWorkbook, generatedWorkbook } from '../excel/fake/example';
import { todayInShanghai } from '../rules/dates';
import { generateSample } from '../workbook/sample';
import { PreviewView } from '../excel/fake/preview';
import { createRuntime, setSharedRuntime } from '../excel/runtime';
import { memoryDocumentSettings } from '../excel/workbook';
import { ExcelPaneService } from './paneService';
import { isWorkday } from '../functions/values';
import type { WorkbookModel } from '../excel/fake/model';
import type { Runtime } from '../excel/runtime';
import { ADDIN_VERSION } from './version';
import type { PaneService } from './service';

/** The most rows ?rows= gives (the benchmark's largest portfolio). */
export const MAX_PREVIEW_PORTFOLIO_ROWS = 100_000;

/** N from `?rows=N` (1 … 100,000), else null: the example portfolio. */
export function previewRowsFrom(search: string): number | null {
  const value = new URLSearchParams(search).get('rows');
  if (value === null || !/^\d+$/.test(value)) return null;
  const rows = Number(value);
  return rows >= 1 && rows <= MAX_PREVIEW_PORTFOLIO_ROWS ? rows : null;
}

function previewModel(rows: number | null, now: number): WorkbookModel {
  if (rows === null) return exampleWorkbook();
  const asOf = todayInShanghai(now);
  const sample = generateSample({ rows, seed: 42, asOf, dates: 'serial' });
  return generatedWorkbook(sample.headers as string[], sample.rows, 'desktop');
}

export function createPreviewService(options: { rows?: number | null; now?: number } = {}): PaneService {
  const rows = options.rows !== undefined ? options.rows : typeof location === 'undefined' ? null : previewRowsFrom(location.search);
  const model = previewModel(rows, options.now ?? Date.now());
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  setSharedRuntime(runtime);
  registerPreviewFunctions(model, runtime);
  const service = new ExcelPaneService({
    runtime,
    settings: memoryDocumentSettings(model.settings),
    isSetSupported: () => true,
    officeLanguage: 'zh-CN',
    previewWorkbook: new PreviewView(model),
  });
  return service;
}

/**
 * The LAUNCH functions the preview's formulas can call (the fake's formulas, calc.ts): the
 * add-in's version, and ISWORKDAY answered from the store's calendar, as the real function does
 * (src/functions/functions.ts), after the store has read the workbook.
 */
export function registerPreviewFunctions(model: WorkbookModel, runtime: Runtime): void {
  model.customFunctions.set('LAUNCH.ADDINVERSION', () => ADDIN_VERSION);
  model.customFunctions.set('LAUNCH.ISWORKDAY', async ([date]) => {
    const live = await runtime.store.load();
    const answer = isWorkday(live.calendar, date);
    return typeof answer === 'boolean' ? answer : '#VALUE!';
  });
}
