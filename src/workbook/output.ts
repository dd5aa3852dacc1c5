/**
 * What the product writes back into its own columns (workbook.md "Output columns"):
 * texts in the display language, dates as Excel serials (the adapters give them a date
 * format), one line per finding with its rule ID.
 */
import { excelSerialFromDay, excelSerialFromInstant, fromIso } from '../rules/dates';
import { catalogFor } from '../rules/i18n';
import type { Finding, Language, RowResult, RowSeverity } from '../rules/types';
import { OUTPUT_COLUMNS, OutputKey } from './columns';

export type OutputValue = string | number | null;

export const OUTPUT_KEYS: readonly OutputKey[] = OUTPUT_COLUMNS.map((c) => c.key);

export function serialFromIso(iso: string | null): number | null {
  if (iso === null) return null;
  const d = fromIso(iso);
  return d === null ? null : excelSerialFromDay(d);
}

export function findingLine(f: Finding, language: Language): string {
  return language === 'en' ? `${f.text} (${f.rule})` : `${f.text}（${f.rule}）`;
}

export function severityText(severity: RowSeverity, language: Language): string {
  return catalogFor(language).severity[severity];
}

/** The output cells of one row, by key. A blank table row gets blanks. */
export function outputValues(result: RowResult | null, language: Language, checkedAtMs: number): Record<OutputKey, OutputValue> {
  if (result === null) {
    return { stage: null, nextStep: null, nextActions: null, dueDate: null, dueFor: null, eta: null, severity: null, findings: null, liveEligible: null, checkedAt: null };
  }
  const cat = catalogFor(language);
  return {
    stage: result.stage.text,
    nextStep: result.nextStep.text,
    nextActions: result.nextActions.length === 0 ? null : result.nextActions.map((a) => a.text).join('\n'),
    dueDate: serialFromIso(result.dueDate),
    dueFor: result.dueFor === null ? null : cat.topic[result.dueFor],
    eta: serialFromIso(result.eta),
    severity: cat.severity[result.severity],
    findings: result.findings.length === 0 ? null : result.findings.map((f) => findingLine(f, language)).join('\n'),
    liveEligible: result.live.eligible ? cat.yes : cat.no,
    checkedAt: excelSerialFromInstant(checkedAtMs),
  };
}

/** Fill colours per severity (ARGB), Excel's own "bad / neutral / good" palette. */
export const SEVERITY_FILL: Record<RowSeverity, string | null> = {
  critical: 'FFFF7C80',
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  info: 'FFDDEBF7',
  ok: 'FFC6EFCE',
};
