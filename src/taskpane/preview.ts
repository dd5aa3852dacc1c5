/**
 * Preview mode: the pane in a plain browser, on an in-memory workbook holding the example
 * portfolio. The same controller and adapter as in Excel; only the Excel API is the fake.
 * Loaded on demand, so Excel users never download it.
 */
import { fakeExcel } from '../excel/fake/api';
import { exampleWorkbook } from '../excel/fake/example';
import { PreviewView } from '../excel/fake/preview';
import { createRuntime, setSharedRuntime } from '../excel/runtime';
import { memoryDocumentSettings } from '../excel/workbook';
import { ExcelPaneService } from './paneService';
import { isWorkday } from '../functions/values';
import type { WorkbookModel } from '../excel/fake/model';
import type { Runtime } from '../excel/runtime';
import { ADDIN_VERSION } from './version';
import type { PaneService } from './service';

export function createPreviewService(): PaneService {
  const model = exampleWorkbook();
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
