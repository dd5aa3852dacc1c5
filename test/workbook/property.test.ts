/**
 * Property test: whatever is typed into the tables, checkWorkbook never throws and always
 * gives well-formed results, in both languages.
 */
import fc from 'fast-check';
import { Calendar } from '../../src/rules/calendar';
import { dayFromYmd, toIso } from '../../src/rules/dates';
import { evaluatePortfolio } from '../../src/rules/evaluate';
import { makeRow } from '../../src/rules/row';
import { defaultSettings } from '../../src/rules/settings';
import { STEP_IDS } from '../../src/rules/types';
import type { IcpStatus, StepStatus } from '../../src/rules/types';
import { SETTING_DEFS, SETTING_KEYS } from '../../src/rules/settings';
import type { RowResult } from '../../src/rules/types';
import { SEVERITY_RANK } from '../../src/rules/types';
import { checkWorkbook, problemText } from '../../src/workbook/check';
import { INPUT_COLUMNS } from '../../src/workbook/columns';
import { OUTPUT_KEYS, outputValues } from '../../src/workbook/output';
import type { Cell } from '../../src/workbook/values';
import { ICP_STATUS_WORDS, KIND_WORDS, NAME_PATH_WORDS, STEP_STATUS_WORDS, SUBJECT_WORDS } from '../../src/workbook/vocab';
import { SPEC_RULE_IDS } from '../rules/helpers';

const RULES = new Set<string>(SPEC_RULE_IDS);
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^(none|[a-z]+\.[a-z_]+)$/;
const STAGES = new Set(['planned', 'registration', 'setup', 'review', 'filing', 'ready', 'released']);
const LIVE = new Set(['LIVE-CATEGORY', 'LIVE-SUBJECT', 'LIVE-VIOLATION-6M', 'LIVE-PAYMENT-90D', 'LIVE-FOLLOWERS', 'LIVE-DAU', 'LIVE-ADSPEND']);

const words = (table: Record<string, readonly string[]>) => Object.values(table).flat();
const VOCAB = [...words(STEP_STATUS_WORDS), ...words(ICP_STATUS_WORDS), ...words(KIND_WORDS), ...words(SUBJECT_WORDS), ...words(NAME_PATH_WORDS)];
const CATEGORIES = ['游戏>棋牌-牌类', '游戏>休闲-捕鱼', '游戏>文化互动', '游戏>角色扮演', '游戏>休闲', '商家自营>服装/鞋/箱包', '电商平台', '教育>在线教育'];
const OTHER = ['是', '否', 'yes', 'no', '✓', '✗', '无', 'none', '5,000', '5000人', '0.5万', '¥12,000', '保护词', '被占用', 'wx0123456789abcdef', 'wx123', '=SUM(A1)', '-1', '@x', '+86 13800138000', 'a@b.c', 'A@B.C'];

/** A day between 1985 and 2105, so some fall outside the accepted range. */
const day = fc.integer({ min: dayFromYmd(1985, 1, 1), max: dayFromYmd(2105, 12, 31) });
const nearDay = fc.integer({ min: dayFromYmd(2022, 1, 1), max: dayFromYmd(2027, 12, 31) });

const dateCell: fc.Arbitrary<Cell> = fc.oneof(
  nearDay.map((d) => toIso(d)),
  nearDay.map((d) => toIso(d).replace(/-/g, '/')),
  nearDay.map((d) => toIso(d).replace(/-/g, '.')),
  nearDay.map((d) => { const [y, m, dd] = toIso(d).split('-'); return `${y}年${Number(m)}月${Number(dd)}日`; }),
  nearDay.map((d) => Number(toIso(d).replace(/-/g, ''))),
  nearDay.map((d) => d + 25569),
  nearDay.map((d) => new Date(d * 86_400_000)),
  day.map((d) => d + 25569 + 0.5),
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1980, max: 2110 })).map(([a, b, y]) => `${a}/${b}/${y}`),
  fc.tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, dd]) => `${y}-${m}-${dd}`),
  fc.constantFrom(60, 59, 61, 0, -5, 2958465, 2958466, Number.NaN),
  fc.date({ noInvalidDate: false }),
);

const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ') },
  { weight: 5, arbitrary: fc.constantFrom(...VOCAB) },
  { weight: 2, arbitrary: fc.constantFrom(...CATEGORIES) },
  { weight: 3, arbitrary: fc.constantFrom(...OTHER) },
  { weight: 4, arbitrary: dateCell },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.integer({ min: -10, max: 200_000 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
);

const idCell: fc.Arbitrary<Cell> = fc.oneof(fc.constantFrom('G-001', 'G-002', 'g-001', 'P-9', null, 17), fc.string({ maxLength: 6 }));

const portfolio = fc
  .record({
    columns: fc.shuffledSubarray([...INPUT_COLUMNS.keys()], { minLength: 1 }),
    english: fc.array(fc.boolean(), { minLength: INPUT_COLUMNS.length, maxLength: INPUT_COLUMNS.length }),
    rowCount: fc.integer({ min: 0, max: 12 }),
  })
  .chain(({ columns, english, rowCount }) => {
    const headers: Cell[] = columns.map((i) => (english[i] ? INPUT_COLUMNS[i].en : INPUT_COLUMNS[i].zh));
    const rowArb = fc.tuple(...columns.map((i) => (INPUT_COLUMNS[i].key === 'id' ? idCell : cell)));
    return fc.array(rowArb, { minLength: rowCount, maxLength: rowCount }).map((rows) => ({ headers, rows: rows as Cell[][] }));
  });

const settingsTable = fc.option(
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...SETTING_KEYS), fc.constantFrom(...SETTING_KEYS.map((k) => SETTING_DEFS[k].zh)), fc.string({ maxLength: 6 })), cell), { maxLength: 6 }).map((rows) => ({
    headers: ['设置', '值'] as Cell[],
    rows: rows as Cell[][],
  })),
  { nil: null },
);

const holidaysTable = fc.option(
  fc.array(fc.tuple(dateCell, fc.constantFrom('休', '班', 'holiday', 'workday', null, '半天'), fc.constantFrom('元旦', null)), { maxLength: 5 }).map((rows) => ({
    headers: ['日期', '类型', '名称'] as Cell[],
    rows: rows as Cell[][],
  })),
  { nil: null },
);

const materialsTable = fc.option(
  fc.array(fc.tuple(idCell, fc.constantFrom('软著', '版本号文件', '营业执照', null), fc.constantFrom('a.jpg', 'b.pdf', 'c', null), cell), { maxLength: 5 }).map((rows) => ({
    headers: ['项目编号', '材料', '文件', '大小KB'] as Cell[],
    rows: rows as Cell[][],
  })),
  { nil: null },
);

const isoOrNull = (v: unknown) => v === null || (typeof v === 'string' && ISO.test(v));

function jsonSafe(x: unknown): boolean {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(jsonSafe);
  if (typeof x === 'object') return Object.values(x as object).every(jsonSafe);
  return false;
}

/**
 * Every way a result can be malformed, as readable strings (plain checks: jest's `expect`
 * is too slow to call thirty times per row in a property).
 */
function problemsOf(r: RowResult): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(`${r.id ?? '(no id)'}: ${what}`);
  };
  let max = 'ok' as RowResult['severity'];
  for (const f of r.findings) {
    check(RULES.has(f.rule), `rule ${f.rule} is not in rules.md`);
    check(['critical', 'error', 'warning', 'info'].includes(f.severity), `severity ${f.severity}`);
    check(typeof f.text === 'string' && f.text.trim().length > 0, `${f.rule} has an empty text`);
    // ("NaN" may be a quoted cell value, so only these)
    check(!/undefined|\[object /.test(f.text), `${f.rule} text: ${f.text}`);
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[max]) max = f.severity;
  }
  check(r.severity === max, `severity ${r.severity}, highest finding ${max}`);
  for (const [k, v] of [['dueDate', r.dueDate], ['eta', r.eta], ['icpDeadline', r.icpDeadline], ['eligibleFrom', r.live.eligibleFrom], ['refreshes', r.expedite?.refreshes ?? null]] as const) {
    check(isoOrNull(v), `${k} = ${String(v)} is not ISO or null`);
  }
  check((r.dueFor === null) === (r.dueDate === null), `dueFor ${r.dueFor} with dueDate ${r.dueDate}`);
  // The due date is the earliest of the row's open dues, which the calendar export lists.
  check(r.dueDate === (r.dues[0]?.date ?? null) && r.dueFor === (r.dues[0]?.topic ?? null), `dueDate ${r.dueDate} is not the first of dues ${JSON.stringify(r.dues)}`);
  check(r.dues.every((d, i) => isoOrNull(d.date) && (i === 0 || r.dues[i - 1].date <= d.date)), `dues not ISO, earliest first: ${JSON.stringify(r.dues)}`);
  check(CODE.test(r.nextStep.code), `nextStep.code ${r.nextStep.code}`);
  check(r.nextStep.text.length > 0, 'nextStep.text empty');
  for (const a of r.nextActions) {
    check(CODE.test(a.code) && a.code !== 'none', `action code ${a.code}`);
    check(a.text.length > 0 && !/undefined|null|NaN/.test(a.text), `action text ${a.text}`);
  }
  check(STAGES.has(r.stage.code), `stage ${r.stage.code}`);
  check(r.kind === 'minigame' || r.kind === 'miniprogram', `kind ${r.kind}`);
  check(r.live.failed.every((c) => LIVE.has(c)), `live.failed ${r.live.failed}`);
  check(r.live.eligible === (r.live.failed.length === 0), 'live.eligible disagrees with live.failed');
  if (r.stage.code === 'released') check(r.eta === null, 'a released row has an ETA');
  // the JSON form is the same object (no undefined, NaN or Infinity hiding in it)
  check(jsonSafe(r), 'a value JSON cannot carry (undefined, NaN, Infinity, a function …)');
  return out;
}

test('checkWorkbook never throws and always gives well-formed results', () => {
  fc.assert(
    fc.property(portfolio, settingsTable, holidaysTable, materialsTable, nearDay, fc.constantFrom('zh-CN' as const, 'en' as const), (p, settings, holidays, materials, today, language) => {
      const out = checkWorkbook({ portfolio: p, settings, holidays, materials }, { today, language });
      expect(out.results).toHaveLength(p.rows.length);
      for (const problem of out.problems) expect(problemText(problem, language).length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const r of out.results) {
        if (r === null) continue;
        problems.push(...problemsOf(r));
        const values = outputValues(r, language, Date.UTC(2026, 10, 21));
        if (Object.keys(values).length !== OUTPUT_KEYS.length) problems.push('output keys');
        for (const k of ['dueDate', 'eta', 'checkedAt'] as const) if (!(values[k] === null || Number.isFinite(values[k]))) problems.push(`output ${k} = ${values[k]}`);
      }
      expect(problems).toEqual([]);
    }),
    { numRuns: 250, seed: 20261121 },
  );
});

test('the same tables in the two languages give the same codes', () => {
  fc.assert(
    fc.property(portfolio, nearDay, (p, today) => {
      const strip = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'text' ? undefined : v));
      const zh = checkWorkbook({ portfolio: p }, { today, language: 'zh-CN' });
      const en = checkWorkbook({ portfolio: p }, { today, language: 'en' });
      expect(strip(en.results)).toBe(strip(zh.results));
    }),
    { numRuns: 60, seed: 7 },
  );
});

/** Straight into the rules layer with random (well-typed) rows: many more cases per second. */
test('evaluatePortfolio on random rows: well-formed, deterministic', () => {
  const calendar = Calendar.create();
  const maybeDay = fc.option(nearDay, { nil: null });
  const maybeBool = fc.option(fc.boolean(), { nil: null });
  const maybeNum = fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null });
  const stepStatus = fc.constantFrom<StepStatus>('not_started', 'in_progress', 'submitted', 'approved', 'rejected', 'withdrawn', 'not_applicable', 'unknown');
  const icpStatus = fc.constantFrom<IcpStatus>('unfiled', 'preparing', 'platform_review', 'platform_rejected', 'sms_pending', 'authority_review', 'authority_rejected', 'filed', 'unknown');
  const row = fc.record({
    id: fc.option(fc.constantFrom('G-1', 'G-2', 'G-3', 'g-1'), { nil: null }),
    kind: fc.constantFrom('minigame' as const, 'miniprogram' as const),
    subjectType: fc.option(fc.constantFrom('personal' as const, 'individual' as const, 'enterprise' as const, 'government' as const, 'media' as const, 'other' as const), { nil: null }),
    subjectName: fc.option(fc.constantFrom('甲公司', '乙公司'), { nil: null }),
    adminPhone: fc.option(fc.constantFrom('13800138000', '13900139000'), { nil: null }),
    adminEmail: fc.option(fc.constantFrom('a@x.com', 'b@x.com'), { nil: null }),
    category: fc.option(fc.constantFrom(...CATEGORIES), { nil: null }),
    name: fc.option(fc.constantFrom('星', '星火消消乐', '星火小程序', 'abc'), { nil: null }),
    urgent: maybeBool,
    targetLaunch: maybeDay,
    releaseDate: maybeDay,
    namePath: fc.option(fc.constantFrom('normal' as const, 'protected' as const, 'occupied' as const), { nil: null }),
    verifyExpiry: maybeDay,
    withPayment: maybeBool,
    publisherRelated: maybeBool,
    isUpdate: maybeBool,
    registeredUsers: maybeNum,
    expediteDates: fc.array(nearDay, { maxLength: 3 }),
    wantsPayment: maybeBool,
    wantsLive: maybeBool,
    lastViolation: fc.oneof(maybeDay, fc.constant('none' as const)),
    lastPayment: maybeDay,
    followers: maybeNum,
    dau7: maybeNum,
    adSpend: maybeNum,
    hasData: fc.boolean(),
    steps: fc.tuple(...STEP_IDS.map(() => fc.record({ status: stepStatus, date: maybeDay }))).map((states) => Object.fromEntries(STEP_IDS.map((id, i) => [id, states[i]]))),
    icp: fc.record({ status: icpStatus, date: maybeDay }),
  });
  fc.assert(
    fc.property(fc.array(row, { maxLength: 10 }), nearDay, fc.constantFrom('zh-CN' as const, 'en' as const), (patches, today, language) => {
      const rows = patches.map((p, i) => makeRow(p, i));
      const results = evaluatePortfolio(rows, { today, calendar, language, settings: defaultSettings() });
      expect(results).toHaveLength(rows.length);
      const problems: string[] = [];
      results.forEach((r, i) => {
        if (r.row !== i) problems.push(`row ${r.row} at ${i}`);
        problems.push(...problemsOf(r));
        if (r.stage.code !== 'released' && !(r.eta !== null && r.eta >= toIso(today))) problems.push(`${r.id}: ETA ${r.eta} before today ${toIso(today)}`);
      });
      expect(problems).toEqual([]);
      expect(JSON.stringify(evaluatePortfolio(rows, { today, calendar, language, settings: defaultSettings() }))).toBe(JSON.stringify(results));
    }),
    { numRuns: 1000, seed: 42 },
  );
});
