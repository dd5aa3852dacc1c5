/**
 * The shape of a language's texts. Each language is one file (zh-CN.ts, en.ts); codes and
 * dates stay language-free in results, only `text` fields come from here.
 */
import type { Day } from '../dates';
import type { RowSeverity, RuleId, StageCode, Topic, Verb } from '../types';

export interface Fmt {
  date(d: Day | null | undefined): string;
  topic(t: Topic | string): string;
  list(items: readonly string[]): string;
  num(n: number | null | undefined): string;
}

/** Arguments of a finding, as the checks put them; each message reads what it needs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Args = Record<string, any>;

export interface Catalog {
  topic: Record<Topic, string>;
  severity: Record<RowSeverity, string>;
  yes: string;
  no: string;
  listSeparator: string;
  stage(code: StageCode, inReview: readonly Topic[], f: Fmt): string;
  action(topic: Topic, verb: Verb, due: Day | null, f: Fmt, detail?: 'platform' | 'authority'): string;
  finding: Record<RuleId, (a: Args, f: Fmt) => string>;
  /** Messages about the workbook itself (Settings, Holidays, Materials, headers). */
  problem: Record<ProblemCode, (a: Args) => string>;
}

export type ProblemCode =
  | 'setting-unknown'
  | 'setting-value'
  | 'holiday-date'
  | 'holiday-type'
  | 'material-id'
  | 'material-value'
  | 'header-duplicate';
