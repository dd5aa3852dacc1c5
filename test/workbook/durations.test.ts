/**
 * Review times measured from a constructed History (src/workbook/durations.ts), and what
 * durations.source = measured does to a row's due date and ETA (real dates).
 * 2026-12-04 is a Friday; the Holidays table below makes Monday 2026-12-07 a day off.
 */
import { dayFromYmd, excelSerialFromDay, fromIso } from '../../src/rules/dates';
import { checkWorkbook, WorkbookTables } from '../../src/workbook/check';
import { reviewTimeTable } from '../../src/workbook/durations';
import { fieldText } from '../../src/workbook/history';
import { DISPLAY } from '../../src/workbook/vocab';
import { summarySheetRows } from '../../src/cli/report';
import { summarize } from '../../src/workbook/summary';
import { dashboardLayout } from '../../src/excel/dashboard';
import type { Cell } from '../../src/workbook/values';
import type { Language } from '../../src/rules/types';

const TODAY = dayFromYmd(2026, 11, 21); // a Saturday
const STATUS = ['not_started', 'in_progress', 'submitted', 'approved', 'rejected', 'withdrawn', 'not_applicable'];

/** A History record as historyRows writes it: when (Excel serial, China time), ID, what, from, to, source. */
function rec(when: string, id: string, field: string, from: string | null, to: string | null, lang: Language = 'zh-CN', hour = 14): Cell[] {
  const serial = excelSerialFromDay(fromIso(when.slice(0, 10))!) + hour / 24;
  const word = (v: string | null) => (v === null ? null : field.endsWith('.status') ? DISPLAY[lang].status[STATUS.indexOf(v)] : v);
  return [serial, id, fieldText(field, lang), word(from), word(to), lang === 'en' ? 'command line' : '命令行'];
}

/** A review of `step` submitted on `from` and decided on `to`, as two checks record it (the date moves with the status). */
function review(id: string, step: string, from: string, to: string, outcome = 'approved', lang: Language = 'zh-CN'): Cell[][] {
  return [
    rec(from, id, `${step}.status`, 'not_started', 'submitted', lang),
    rec(from, id, `${step}.date`, null, from, lang),
    rec(to, id, `${step}.status`, 'submitted', outcome, lang, 17),
    rec(to, id, `${step}.date`, from, to, lang, 17),
  ];
}

const HEADERS = ['ID', 'Kind', 'Register status', 'Name status', 'Category status', 'Verify status', 'Qualification status', 'Version status', 'Version date', 'Realname status', 'ICP status', 'Released on'];
const released = (id: string): Cell[] => [id, 'minigame', 'approved', 'approved', 'approved', 'approved', 'approved', 'approved', null, 'approved', 'filed', '2026-10-01'];
/** The row whose dates are watched: only its version review (a mini-game's, natural days) is open, submitted 2026-11-20. */
const WATCHED: Cell[] = ['G-001', 'minigame', 'approved', 'approved', 'approved', 'approved', 'approved', 'submitted', '2026-11-20', 'approved', 'filed', null];

function check(history: Cell[][], settings: [string, Cell][] = [], holidays: [string, string][] = [], ids = 10) {
  const tables: WorkbookTables = {
    portfolio: { headers: HEADERS, rows: [WATCHED, ...Array.from({ length: ids }, (_, i) => released(`H-${i + 1}`))] },
    settings: { headers: ['设置', '值'], rows: settings },
    holidays: { headers: ['日期', '类型'], rows: holidays },
  };
  return checkWorkbook(tables, { today: TODAY, history });
}

const times = (out: ReturnType<typeof check>, key: string) => out.reviewTimes!.reviews.find((r) => r.def.key === key)!;

describe('measured in the review\'s own unit', () => {
  test('working days skip the weekend and a day off from the Holidays table; natural days do not', () => {
    const history = [...review('H-1', 'verify', '2026-12-04', '2026-12-08'), ...review('H-2', 'qualification', '2026-12-04', '2026-12-08')];
    const withHoliday = check(history, [], [['2026-12-07', '休']]);
    expect(times(withHoliday, 'verify')).toMatchObject({ count: 1, median: 1, p90: 1 });
    expect(times(withHoliday, 'verify').def.unit).toBe('working');
    expect(times(withHoliday, 'qualification')).toMatchObject({ count: 1, median: 4 });
    expect(times(check(history), 'verify').median).toBe(2); // Mon 7th a working day again
  });

  test('a decision on a Saturday counts as the next working day (the due date it met is Monday)', () => {
    expect(times(check(review('H-1', 'verify', '2026-12-04', '2026-12-05')), 'verify').median).toBe(1);
    expect(times(check(review('H-1', 'verify', '2026-12-04', '2026-12-04')), 'verify').median).toBe(0);
  });

  test('the period is the first and last decision; English and Chinese records count alike', () => {
    const out = check([...review('H-1', 'verify', '2026-06-01', '2026-06-03'), ...review('H-2', 'verify', '2026-09-01', '2026-09-02', 'rejected', 'en')]);
    expect(times(out, 'verify')).toMatchObject({ count: 2, approved: 1, rejected: 1, from: fromIso('2026-06-03'), to: fromIso('2026-09-02') });
  });
});

describe('recognising reviews in History', () => {
  test('a resubmission is a review of its own; a withdrawal ends one unmeasured', () => {
    const history = [
      ...review('H-1', 'qualification', '2026-11-01', '2026-11-03', 'rejected'),
      rec('2026-11-05', 'H-1', 'qualification.status', 'rejected', 'submitted'),
      rec('2026-11-05', 'H-1', 'qualification.date', '2026-11-03', '2026-11-05'),
      rec('2026-11-06', 'H-1', 'qualification.status', 'submitted', 'approved'),
      rec('2026-11-07', 'H-2', 'qualification.status', 'not_started', 'submitted'),
      rec('2026-11-08', 'H-2', 'qualification.status', 'submitted', 'withdrawn'),
    ];
    expect(times(check(history), 'qualification')).toMatchObject({ count: 2, approved: 1, rejected: 1, median: 1.5 });
  });

  test('without a date record the checks\' days are the ends; before the baseline the date\'s From is the submission', () => {
    const history = [
      rec('2026-11-02', 'H-1', 'qualification.status', 'not_started', 'submitted'),
      rec('2026-11-04', 'H-1', 'qualification.status', 'submitted', 'approved'), // 2 days, both check days
      rec('2026-11-04', 'H-2', 'qualification.status', 'submitted', 'approved'),
      rec('2026-11-04', 'H-2', 'qualification.date', '2026-10-30', '2026-11-04'), // 5 days, from the date's From
      rec('2026-11-04', 'H-3', 'qualification.status', 'submitted', 'approved'), // no submission known
    ];
    const out = check(history);
    expect(times(out, 'qualification')).toMatchObject({ count: 2, median: 3.5, p90: 5 });
    expect(out.reviewTimes!.unmeasured).toBe(1);
  });

  test('records in any order (a sorted table) and unreadable ones skipped', () => {
    const history = [...review('H-1', 'qualification', '2026-11-01', '2026-11-03')].reverse();
    history.push(['not a time', 'H-1', '资质状态', '审核中', '已通过', 'x'], [null, null, null, null, null, null]);
    const out = check(history);
    expect(times(out, 'qualification')).toMatchObject({ count: 1, median: 2 });
    expect(out.reviewTimes!.skipped).toBe(2);
  });

  test('ICP stages from the checks\' days: platform review to the SMS, authority review to the filing', () => {
    const icp = (when: string, from: string, to: string) => [excelSerialFromDay(fromIso(when)!) + 0.5, 'H-1', '备案状态', from, to, '命令行'];
    const out = check([icp('2026-12-01', '准备中', '平台审核中'), icp('2026-12-03', '平台审核中', '待短信核验'), icp('2026-12-04', '待短信核验', '管局审核中'), icp('2026-12-18', '管局审核中', '已备案')]);
    expect(times(out, 'icp.platform')).toMatchObject({ count: 1, median: 2 });
    expect(times(out, 'icp.authority')).toMatchObject({ count: 1, median: 10 }); // 12-04 Fri → 12-18 Fri
  });

  test('ICP stages from the 备案日期 records where History has them, not the days of the checks that saw them', () => {
    const at = (when: string) => excelSerialFromDay(fromIso(when)!) + 0.5;
    const icp = (when: string, from: string, to: string) => [at(when), 'H-1', '备案状态', from, to, '命令行'];
    const date = (when: string, from: string | null, to: string) => [at(when), 'H-1', '备案日期', from, to, '命令行'];
    // Checked on Mondays only: the platform review went in on Tue 12-01 and passed on Fri 12-04
    // (the filing went to the authority that day); the filing came on Fri 12-18.
    const out = check([
      icp('2026-11-30', '准备中', '准备中'),
      icp('2026-12-07', '准备中', '平台审核中'),
      date('2026-12-07', null, '2026-12-01'),
      icp('2026-12-14', '平台审核中', '管局审核中'),
      date('2026-12-14', '2026-12-01', '2026-12-04'),
      icp('2026-12-21', '管局审核中', '已备案'),
      date('2026-12-21', '2026-12-04', '2026-12-18'),
    ]);
    // The checks' days alone would say 5 working days (12-07 → 12-14) and 5 again (12-14 → 12-21).
    expect(times(out, 'icp.platform')).toMatchObject({ count: 1, median: 3, from: fromIso('2026-12-04'), to: fromIso('2026-12-04') });
    expect(times(out, 'icp.authority')).toMatchObject({ count: 1, median: 10, from: fromIso('2026-12-18') });
  });

  test('an ICP review already open at the baseline is measured from the 备案日期 it held', () => {
    const at = (when: string) => excelSerialFromDay(fromIso(when)!) + 0.5;
    const out = check([
      [at('2026-12-07'), 'H-1', '备案状态', '平台审核中', '平台驳回', '命令行'],
      [at('2026-12-07'), 'H-1', '备案日期', '2026-12-01', '2026-12-03', '命令行'],
    ]);
    expect(times(out, 'icp.platform')).toMatchObject({ count: 1, median: 2, approved: 0, rejected: 1 });
    expect(out.reviewTimes!.unmeasured).toBe(0);
  });

  test('version reviews are measured by the kind of the ID\'s row; an ID no longer in the table is not', () => {
    const out = check([...review('H-1', 'version', '2026-11-01', '2026-11-02'), ...review('GONE', 'version', '2026-11-01', '2026-11-02')]);
    expect(times(out, 'version.minigame').count).toBe(1);
    expect(times(out, 'version.miniprogram').count).toBe(0);
    expect(out.reviewTimes!.unmeasured).toBe(1);
  });
});

describe('90th percentile (nearest rank)', () => {
  const of = (days: number[]) => times(check(days.flatMap((n, i) => review(`H-${i + 1}`, 'qualification', '2026-11-01', `2026-11-${String(1 + n).padStart(2, '0')}`)), [], [], 20), 'qualification');
  test('few samples: one review is its own p90; three give the largest', () => {
    expect(of([4])).toMatchObject({ count: 1, median: 4, p90: 4 });
    expect(of([1, 2, 9])).toMatchObject({ median: 2, p90: 9 });
  });
  test('ten and twenty samples: the 9th and the 18th smallest', () => {
    expect(of([1, 1, 1, 1, 1, 1, 1, 1, 2, 6])).toMatchObject({ count: 10, median: 1, p90: 2 });
    expect(of([...Array(17).fill(1), 3, 4, 8])).toMatchObject({ count: 20, p90: 3 });
  });
});

describe('durations.source', () => {
  // Version reviews of mini-games, 1 or 2 natural days: p90 2 (the rules say 3).
  const versions = (n: number) => Array.from({ length: n }, (_, i) => review(`H-${i + 1}`, 'version', '2026-11-02', i < n - 2 ? '2026-11-03' : '2026-11-04')).flat();
  const watched = (out: ReturnType<typeof check>) => out.results[0]!;

  test('rules (the default): the due date and ETA are the rules\' 3 days, and the result says rules', () => {
    const r = watched(check(versions(10)));
    expect(r).toMatchObject({ dueDate: '2026-11-23', dueFor: 'version', eta: '2026-11-23', durations: 'rules' });
  });

  test('measured with 10 reviews: the p90 of 2 days moves the due date and the ETA a day earlier', () => {
    const r = watched(check(versions(10), [['durations.source', 'measured']]));
    expect(r).toMatchObject({ dueDate: '2026-11-22', eta: '2026-11-22', durations: 'measured' });
    expect(r.nextStep.code).toBe('version.await');
  });

  test('measured with 9 reviews: below the threshold the rules\' default stays', () => {
    const r = watched(check(versions(9), [['审核用时来源', '实测']]));
    expect(r).toMatchObject({ dueDate: '2026-11-23', eta: '2026-11-23', durations: 'rules' });
  });

  test('a row needing a measured and a default duration is mixed', () => {
    const out = check(versions(10), [['durations.source', 'measured']]);
    // H-1..: released rows need no duration: rules. A planned row needs every review.
    const planned = checkWorkbook({ portfolio: { headers: HEADERS, rows: [['P-1', 'minigame'], ...Array.from({ length: 10 }, (_, i) => released(`H-${i + 1}`))] }, settings: { headers: ['设置', '值'], rows: [['durations.source', 'measured']] } }, { today: TODAY, history: versions(10) });
    expect(out.results[1]!.durations).toBe('rules');
    expect(planned.results[0]!.durations).toBe('mixed');
  });

  test('a bad value is reported and rules kept', () => {
    const out = check(versions(10), [['durations.source', 'guess']]);
    expect(out.settings['durations.source']).toBe('rules');
    expect(out.problems.map((p) => p.code)).toContain('setting-value');
  });
});

describe('the Review times table', () => {
  test('the Summary sheet: each review with its unit, count, median, p90, default, what due dates use, period', () => {
    const out = check([...review('H-1', 'verify', '2026-12-04', '2026-12-08'), ...Array.from({ length: 10 }, (_, i) => review(`H-${i + 1}`, 'version', '2026-11-02', '2026-11-04')).flat()], [['durations.source', 'measured']]);
    const summary = summarize(out.results, out.rows, out.today, 14);
    const { rows } = summarySheetRows(summary, 'zh-CN', 14, null, reviewTimeTable(out.reviewTimes, out.settings, 'zh-CN'));
    const at = rows.findIndex((r) => r[0] === '审核用时');
    expect(at).toBeGreaterThan(0);
    expect(rows).toContainEqual(['审核', '单位', '次数', '中位数', '第90百分位', '规则默认', '截止日期采用', '期间（审核结果日）']);
    expect(rows).toContainEqual(['微信认证', '工作日', 1, 2, 2, 3, '规则默认', '2026-12-08 – 2026-12-08']);
    expect(rows).toContainEqual(['版本审核（小游戏）', '自然日', 10, 2, 2, 3, '实测 p90', '2026-11-04 – 2026-11-04']);
    expect(rows).toContainEqual(['资质审核', '自然日', 0, '—', '—', 3, '规则默认', '—']);
  });

  test('no measurement: the table says so, and that due dates use the defaults', () => {
    const out = check([]);
    const table = reviewTimeTable(out.reviewTimes, out.settings, 'en');
    expect(table.notes[0]).toMatch(/^No review measured yet/);
    expect(table.notes[1]).toMatch(/the rules' defaults/);
    expect(table.rows.every((r) => r[2] === 0 && r[4] === '—' && r[6] === 'default')).toBe(true);
    expect(reviewTimeTable(null, out.settings, 'zh-CN').notes[0]).toBe('尚无实测审核用时：本次检查未读取变更记录表。');
  });

  test('the Dashboard places the table below the due list', () => {
    const out = check(review('H-1', 'verify', '2026-12-04', '2026-12-08'));
    const summary = summarize(out.results, out.rows, out.today, 14);
    const layout = dashboardLayout(summary, 'en', 14, reviewTimeTable(out.reviewTimes, out.settings, 'en'));
    const title = layout.blocks.find((b) => b.values[0][0] === 'Review times')!;
    const table = layout.blocks.find((b) => b.values[0][0] === 'Review')!;
    expect(title.row).toBeGreaterThan(Math.max(...layout.blocks.filter((b) => b !== title && b !== table && !String(b.values[0][0]).startsWith('Due')).map((b) => b.row)));
    expect(table.values).toContainEqual(['WeChat verification', 'working days', 1, 2, 2, 3, 'default', '2026-12-08 – 2026-12-08']);
  });
});
