/**
 * The task pane's controller on the fake Excel, for the adapter's tests: the example workbook,
 * its portfolio sheet read by header and ID, and a wait for what the store does after an edit.
 */
import { fakeExcel } from '../../src/excel/fake/api';
import { exampleWorkbook } from '../../src/excel/fake/example';
import type { SheetModel, WorkbookModel } from '../../src/excel/fake/model';
import { createRuntime } from '../../src/excel/runtime';
import { memoryDocumentSettings } from '../../src/excel/workbook';
import { ExcelPaneService } from '../../src/taskpane/paneService';

/** 2026-11-21 10:00 in China: the example's Settings fix the same day. */
export const NOW = Date.UTC(2026, 10, 21, 2, 0);

/** The example workbook (changed by `prepare` first), the pane over it, and readers for its 项目 sheet. */
export function examplePane(prepare?: (model: WorkbookModel) => void) {
  const model = exampleWorkbook();
  prepare?.(model);
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  const pane = new ExcelPaneService({ runtime, settings: memoryDocumentSettings(model.settings), isSetSupported: () => true, officeLanguage: 'zh-CN', now: () => NOW });
  const sheet = model.sheet('项目') as SheetModel;
  const column = (header: string) => [...Array(80).keys()].find((c) => sheet.value(0, c) === header) as number;
  const rowOf = (id: string) => [...Array(60).keys()].find((r) => sheet.value(r, 0) === id) as number;
  return { model, pane, runtime, sheet, column, rowOf };
}

/** Wait until `done()` holds (the store waits 300 ms for more edits before re-checking). */
export async function until(done: () => boolean, ms = 4000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
