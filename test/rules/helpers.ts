/**
 * Shared builders for the rules tests. Dates are written as real calendar days.
 */
import { Calendar } from '../../src/rules/calendar';
import { dayFromYmd, Day } from '../../src/rules/dates';
import { evaluatePortfolio } from '../../src/rules/evaluate';
import { makeRow, RowPatch } from '../../src/rules/row';
import { defaultSettings, Settings } from '../../src/rules/settings';
import type { Material } from '../../src/rules/materials';
import type { Finding, Language, Row, RowResult, RuleId } from '../../src/rules/types';

/** today = 2026-11-21, a Saturday. */
export const TODAY = dayFromYmd(2026, 11, 21);

export const d = (iso: string): Day => {
  const [y, m, dd] = iso.split('-').map(Number);
  return dayFromYmd(y, m, dd);
};

export const CAL = Calendar.create();

export interface EvalOpts {
  today?: Day;
  settings?: Partial<Settings>;
  calendar?: Calendar;
  materials?: Material[] | null;
  language?: Language;
}

export function settingsWith(over: Partial<Settings> = {}): Settings {
  return Object.assign(defaultSettings(), over);
}

export function evalRows(rows: Row[], opts: EvalOpts = {}): RowResult[] {
  return evaluatePortfolio(rows, {
    today: opts.today ?? TODAY,
    settings: settingsWith(opts.settings),
    calendar: opts.calendar ?? CAL,
    materials: opts.materials ?? null,
    language: opts.language ?? 'zh-CN',
  });
}

export function evalOne(patch: RowPatch, opts: EvalOpts = {}): RowResult {
  return evalRows([makeRow({ id: 'G-001', ...patch }, 0)], opts)[0];
}

export function findings(result: RowResult, rule: RuleId): Finding[] {
  return result.findings.filter((f) => f.rule === rule);
}

export function finding(result: RowResult, rule: RuleId): Finding {
  const list = findings(result, rule);
  if (list.length !== 1) throw new Error(`expected exactly one ${rule}, got ${list.length}: ${JSON.stringify(result.findings, null, 1)}`);
  return list[0];
}

export function rules(result: RowResult): RuleId[] {
  return result.findings.map((f) => f.rule);
}

/** A mini-game whose account, name and category are set (enterprise subject, verified). */
export const SET_UP: RowPatch = {
  kind: 'minigame',
  subjectType: 'enterprise',
  subjectName: '杭州星火网络科技有限公司',
  category: '游戏>休闲',
  steps: {
    register: { status: 'approved', date: dayFromYmd(2026, 9, 1) },
    name: { status: 'approved', date: dayFromYmd(2026, 9, 2) },
    category: { status: 'approved', date: dayFromYmd(2026, 9, 2) },
    verify: { status: 'approved', date: dayFromYmd(2026, 9, 10) },
  },
};

/** Merge patches, merging `steps` and `icp` per key. */
export function patch(...parts: RowPatch[]): RowPatch {
  const out: RowPatch = {};
  for (const p of parts) {
    const { steps, icp, ...rest } = p;
    Object.assign(out, rest);
    if (steps) out.steps = { ...(out.steps ?? {}), ...steps };
    if (icp) out.icp = { ...(out.icp ?? {}), ...icp };
  }
  return out;
}

export { makeRow, dayFromYmd };

/** Every action code of a result, next step first. */
export function codes(result: RowResult): string[] {
  return [result.nextStep.code, ...result.nextActions.map((a) => a.code)];
}

/** The rule IDs of rules.md, in its order. */
export const SPEC_RULE_IDS = [
  'CAL-UNKNOWN-YEAR',
  'FLOW-PREREQ',
  'FLOW-SPECIAL-CATEGORY',
  'FLOW-SLA',
  'FLOW-REJECTED',
  'FLOW-WITHDRAWN',
  'FLOW-NAME-PROTECTED',
  'FLOW-NAME-COMPLAINT',
  'CAT-LOCKED-AFTER-RELEASE',
  'CAT-PERSONAL-FORBIDDEN',
  'QUAL-MATERIALS',
  'QUAL-PUBLISHER',
  'PAY-SUBJECT',
  'PAY-PREREQ',
  'EXP-ELIGIBLE',
  'EXP-QUOTA',
  'REV-RESUBMIT-WINDOW',
  'ICP-REQUIRED',
  'ICP-LEGACY-DEADLINE',
  'ICP-RELEASED-UNFILED',
  'ICP-SMS-PENDING',
  'ICP-SLA',
  'ICP-REJECTED',
  'ICP-START-BY',
  'ICP-VERIFY-FIRST',
  'LIVE-CATEGORY',
  'LIVE-SUBJECT',
  'LIVE-VIOLATION-6M',
  'LIVE-PAYMENT-90D',
  'LIVE-FOLLOWERS',
  'LIVE-DAU',
  'LIVE-ADSPEND',
  'LIVE-PAUSED',
  'VERIFY-SLA',
  'VERIFY-EXPIRY',
  'REG-LIMIT-SUBJECT',
  'REG-LIMIT-EMAIL',
  'REG-LIMIT-PHONE',
  'NAME-FORMAT',
  'DATA-ID-DUPLICATE',
  'DATA-ID-MISSING',
  'DATA-APPID',
  'DATA-STATUS',
  'DATA-DATE',
  'DATA-DATE-MISSING',
  'DATA-DATE-FUTURE',
] as const;

/** Qualification and version approved, real-name done: only ICP and release remain. */
export const REVIEWED: RowPatch = patch(SET_UP, {
  steps: {
    qualification: { status: 'approved', date: dayFromYmd(2026, 10, 20) },
    version: { status: 'approved', date: dayFromYmd(2026, 11, 2) },
    realname: { status: 'approved', date: dayFromYmd(2026, 10, 22) },
  },
});
