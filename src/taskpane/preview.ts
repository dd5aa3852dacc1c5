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
import type { PaneService } from './service';

export function createPreviewService(): PaneService {
  const model = exampleWorkbook();
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  setSharedRuntime(runtime);
  const service = new ExcelPaneService({
    runtime,
    settings: memoryDocumentSettings(model.settings),
    isSetSupported: () => true,
    officeLanguage: 'zh-CN',
    previewWorkbook: new PreviewView(model),
  });
  return service;
}
