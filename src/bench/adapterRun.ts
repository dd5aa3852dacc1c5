/**
 * One adapter measurement in its own process: a generated portfolio of N rows in the
 * in-memory Excel, checked through the task pane's controller (one read, evaluate, write the
 * output columns). Prints JSON: time, syncs, largest request, and how often Excel recalculated
 * a user's formula over the severity column (the writes leave calculation to Excel: once after
 * each request that wrote values, src/excel/write.ts).
 */
import { dayFromYmd } from '../rules/dates';
import { fakeExcel } from '../excel/fake/api';
import { generatedWorkbook } from '../excel/fake/example';
import { createRuntime } from '../excel/runtime';
import { memoryDocumentSettings } from '../excel/workbook';
import { ExcelPaneService } from '../taskpane/paneService';
import { generateSample } from '../workbook/sample';

async function main(): Promise<void> {
  const rows = Number(process.argv[2]);
  const platform = process.argv[3] === 'web' ? 'web' : 'desktop';
  const sample = generateSample({ rows, seed: 42, asOf: dayFromYmd(2026, 11, 21), dates: 'serial' });
  const model = generatedWorkbook(sample.headers as string[], sample.rows, platform, dayFromYmd(2026, 11, 21));
  const runtime = createRuntime(fakeExcel(model), 'zh-CN');
  const pane = new ExcelPaneService({ runtime, settings: memoryDocumentSettings(model.settings), isSetSupported: () => true, officeLanguage: 'zh-CN' });
  model.userFormula(model.addSheet('统计'), 0, 0, '=COUNTIF(Portfolio[级别],"严重")');
  const recalculationsBefore = model.recalculations;
  const t0 = performance.now();
  await pane.checkPortfolio('zh-CN');
  const ms = performance.now() - t0;
  const formula = model.sheet('统计')!.value(0, 0);
  runtime.store.dispose();
  process.stdout.write(
    JSON.stringify({
      rows,
      platform,
      ms,
      syncs: model.syncs.length,
      readSyncs: runtime.store.lastReadStats?.syncs ?? 0,
      writeSyncs: pane.lastWrite?.syncs ?? 0,
      maxRequestBytes: Math.max(...model.syncs.map((s) => s.requestBytes)),
      maxResponseBytes: Math.max(...model.syncs.map((s) => s.responseBytes)),
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      recalculations: model.recalculations - recalculationsBefore,
      formulaCurrent: typeof formula === 'number' && formula > 0,
    }),
  );
}

void main();
