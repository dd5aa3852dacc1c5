/**
 * The pane's service for where it runs: real Excel through Office.js, or preview mode.
 */
import { sharedRuntime } from '../excel/runtime';
import { officeDocumentSettings } from '../excel/workbook';
import { detectHost, type DetectOptions } from './host';
import { ExcelPaneService } from './paneService';
import type { PaneService } from './service';

/** Preview mode only in a plain browser; inside Office this waits for Excel however long (see host.ts). */
export async function createPaneService(options: Pick<DetectOptions, 'onStillWaiting'> = {}): Promise<PaneService> {
  const host = await detectHost(options);
  if (host.kind === 'browser') {
    const { createPreviewService } = await import(/* webpackChunkName: "preview" */ './preview');
    return createPreviewService();
  }
  const runtime = sharedRuntime();
  const service = new ExcelPaneService({
    runtime,
    settings: officeDocumentSettings(),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    officeLanguage: runtime.language,
    // 'OfficeOnline', 'PC', 'Mac' … (Office.PlatformType): Diagnostics tests the 5 MB limit on the web only.
    platform: String(Office.context.platform ?? 'unknown'),
    documentUrl: Office.context.document?.url ?? null,
  });
  // The workbook remembers "keep up to date": resume it when the pane opens.
  if (service.keepUpToDate()) service.follow(true).catch((e) => console.warn('Launch Tracker: cannot follow edits', e));
  return service;
}
