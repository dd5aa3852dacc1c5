/**
 * The shared runtime's one portfolio: the task pane, the custom functions and the ribbon
 * commands run in one JavaScript context (manifest.xml <Runtimes>), so they share one store —
 * 10,000 formulas and the pane cost one workbook read, not one each.
 */
import type { Language } from '../rules/types';
import type { ExcelApi } from './run';
import { officeExcel } from './run';
import { PortfolioStore } from './store';

export interface Runtime {
  excel: ExcelApi;
  store: PortfolioStore;
  /** The language of texts when the workbook's Settings set none (the pane can change it). */
  language: Language;
}

let current: Runtime | null = null;

/** Office's display language as one of ours: Chinese unless Office speaks English. */
export function languageOf(displayLanguage: string | undefined): Language {
  return displayLanguage && /^en/i.test(displayLanguage) ? 'en' : 'zh-CN';
}

export function createRuntime(excel: ExcelApi, language: Language): Runtime {
  const runtime: Runtime = { excel, language, store: undefined as unknown as PortfolioStore };
  runtime.store = new PortfolioStore(excel, { defaultLanguage: () => runtime.language });
  return runtime;
}

/** The runtime of this page, made on first use (inside Excel: real Office.js). */
export function sharedRuntime(): Runtime {
  if (!current) {
    const display = typeof Office !== 'undefined' ? Office.context?.displayLanguage : undefined;
    current = createRuntime(officeExcel(), languageOf(display));
  }
  return current;
}

/** Tests and preview mode put their own runtime in place. */
export function setSharedRuntime(runtime: Runtime | null): void {
  current = runtime;
}
