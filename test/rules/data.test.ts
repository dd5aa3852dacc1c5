/**
 * Data quality (rules.md §7): keys, AppIDs, unknown statuses and unreadable dates (read
 * from real cells through checkWorkbook), missing and future dates, planned rows.
 */
import { makeRow } from '../../src/rules/row';
import { checkWorkbook } from '../../src/workbook/check';
import type { Cell } from '../../src/workbook/values';
import { codes, d, evalOne, evalRows, finding, findings, patch, rules, SET_UP, TODAY } from './helpers';

function check(headers: string[], rows: Cell[][], language: 'zh-CN' | 'en' = 'zh-CN') {
  return checkWorkbook({ portfolio: { headers, rows } }, { today: TODAY, language });
}

describe('DATA-ID-DUPLICATE / DATA-ID-MISSING', () => {
  test('two rows share G-001: error on both, naming the key', () => {
    const results = evalRows([makeRow({ id: 'G-001' }, 0), makeRow({ id: 'G-001' }, 1), makeRow({ id: 'G-002' }, 2)]);
    expect(finding(results[0], 'DATA-ID-DUPLICATE')).toMatchObject({ severity: 'error', text: '项目编号“G-001”重复（共 2 行）' });
    expect(finding(results[1], 'DATA-ID-DUPLICATE').severity).toBe('error');
    expect(rules(results[2])).not.toContain('DATA-ID-DUPLICATE');
  });

  test('distinct keys: nothing', () => {
    const results = evalRows([makeRow({ id: 'G-001' }, 0), makeRow({ id: 'G-010' }, 1)]);
    expect(results.flatMap(rules)).not.toContain('DATA-ID-DUPLICATE');
  });

  test('a row with data and no key: error', () => {
    const [r] = evalRows([makeRow({ name: '星火消消乐' }, 0)]);
    expect(finding(r, 'DATA-ID-MISSING')).toMatchObject({ severity: 'error', text: '此行有数据但没有项目编号' });
  });

  test('from a table: a blank row is skipped entirely, a keyless row with data is reported', () => {
    const out = check(['项目编号', '名称'], [['G-001', '星火消消乐'], [null, null], [null, '云帆大冒险']]);
    expect(out.results[1]).toBeNull();
    expect(rules(out.results[2]!)).toContain('DATA-ID-MISSING');
    expect(rules(out.results[0]!)).not.toContain('DATA-ID-MISSING');
  });
});

describe('DATA-APPID', () => {
  test.each(['wx123', 'wx0123456789abcdeg', 'wx0123456789abcdef0', 'xw0123456789abcdef'])('%s is not wx + 16 hex digits (warning)', (appId) => {
    const f = finding(evalOne({ appId }), 'DATA-APPID');
    expect(f.severity).toBe('warning');
    expect(f.text).toContain(appId);
  });

  test('wx0123456789abcdef is fine', () => {
    expect(rules(evalOne({ appId: 'wx0123456789abcdef' }))).not.toContain('DATA-APPID');
  });
});

describe('DATA-STATUS: an unknown status is quoted and nothing is inferred from it', () => {
  const headers = ['项目编号', '注册状态', '名称状态', '类目状态', '认证状态', '资质状态', '资质日期', '版本状态', '版本日期', '主体类型'];
  const base: Cell[] = ['G-001', '已通过', '已通过', '已通过', '已通过', '已通过', '2026-11-02', null, null, '企业'];

  test('版本状态 = 等结果: warning quoting the header and value; no version.submit / await, no SLA', () => {
    const cells = [...base];
    cells[7] = '等结果';
    cells[8] = '2026-11-01'; // would be overdue if it were "submitted"
    const r = check(headers, [cells]).results[0]!;
    const f = finding(r, 'DATA-STATUS');
    expect(f).toMatchObject({ severity: 'warning', step: 'version' });
    expect(f.text).toBe('“版本状态”的值“等结果”无法识别，按未知处理');
    expect(rules(r)).not.toContain('FLOW-SLA');
    expect(rules(r)).not.toContain('FLOW-PREREQ');
    expect(codes(r).filter((c) => c.startsWith('version.'))).toEqual([]);
    expect(codes(r)).not.toContain('release.publish');
  });

  test('资质状态 unknown and version submitted: no FLOW-PREREQ built on the unknown', () => {
    const cells = [...base];
    cells[5] = '看情况';
    cells[7] = '审核中';
    cells[8] = '2026-11-20';
    const r = check(headers, [cells]).results[0]!;
    expect(finding(r, 'DATA-STATUS').text).toContain('看情况');
    expect(rules(r)).not.toContain('FLOW-PREREQ');
    expect(codes(r)).not.toContain('qualification.submit');
  });

  test('the same row with a known status: version review submitted on time, no DATA-STATUS', () => {
    const cells = [...base];
    cells[7] = '审核中';
    cells[8] = '2026-11-20';
    const r = check(headers, [cells]).results[0]!;
    expect(rules(r)).not.toContain('DATA-STATUS');
    expect(codes(r)).toContain('version.await');
  });

  test('an unknown ICP status: DATA-STATUS, no ICP-REQUIRED / SLA inferred', () => {
    const r = check(['项目编号', '版本状态', '版本日期', '备案状态', '备案日期'], [['G-001', '已通过', '2026-11-02', '快好了', '2026-10-01']]).results[0]!;
    expect(finding(r, 'DATA-STATUS').text).toBe('“备案状态”的值“快好了”无法识别，按未知处理');
    expect(rules(r).filter((x) => x.startsWith('ICP-'))).toEqual([]);
    expect(codes(r).filter((c) => c.startsWith('icp.') || c === 'release.publish')).toEqual([]);
  });

  test('English headers quote the header as typed', () => {
    const r = check(['ID', 'Version status'], [['G-001', 'waiting']], 'en').results[0]!;
    expect(finding(r, 'DATA-STATUS').text).toBe('"Version status": the value "waiting" is not recognised and is treated as unknown');
  });
});

describe('DATA-DATE', () => {
  test.each([
    ['2026-02-30', '“版本日期”的日期“2026-02-30”无法识别'],
    ['abc', '“版本日期”的日期“abc”无法识别'],
    ['11/12/2026', '“版本日期”的日期“11/12/2026”无法识别（月/日顺序不明，可在设置中打开“日期按月/日/年”）'],
    ['1899-12-31', '“版本日期”的日期“1899-12-31”无法识别（不在 1990–2100 年之间）'],
  ])('%s: warning quoting the cell', (value, text) => {
    const r = check(['项目编号', '版本状态', '版本日期'], [['G-001', '审核中', value]]).results[0]!;
    const f = finding(r, 'DATA-DATE');
    expect(f).toMatchObject({ severity: 'warning', step: 'version' });
    expect(f.text).toBe(text);
    // the date is then missing, so no due date can be computed either
    expect(rules(r)).toContain('DATA-DATE-MISSING');
    expect(r.dueDate).toBeNull();
  });

  test('a readable date: no DATA-DATE', () => {
    const r = check(['项目编号', '版本状态', '版本日期'], [['G-001', '审核中', '2026-11-20']]).results[0]!;
    expect(rules(r)).not.toContain('DATA-DATE');
  });

  test('11/12/2026 is read as 2026-11-12 when the Settings say US order', () => {
    const out = checkWorkbook(
      {
        portfolio: { headers: ['项目编号', '资质状态', '资质日期'], rows: [['G-001', '审核中', '11/12/2026']] },
        settings: { headers: ['设置', '值'], rows: [['dates.usOrder', '是']] },
      },
      { today: TODAY },
    );
    const r = out.results[0]!;
    expect(rules(r)).not.toContain('DATA-DATE');
    expect(out.rows[0].steps.qualification.date).toBe(d('2026-11-12'));
    expect(finding(r, 'FLOW-SLA').text).toContain('2026-11-12 提交');
  });

  test('every bad date of an expedite list is reported, the good ones kept', () => {
    const out = check(['项目编号', '加急记录'], [['G-001', '2026-10-08、2026-13-01；2026-11-02']]);
    expect(findings(out.results[0]!, 'DATA-DATE')).toHaveLength(1);
    expect(out.rows[0].expediteDates).toEqual([d('2026-10-08'), d('2026-11-02')]);
  });
});

describe('DATA-DATE-MISSING', () => {
  test('version submitted without a date: warning, no due date, still waiting on it', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'approved', date: d('2026-11-02') }, version: { status: 'submitted', date: null } } }));
    const f = finding(r, 'DATA-DATE-MISSING');
    expect(f).toMatchObject({ severity: 'warning', step: 'version' });
    expect(f.text).toBe('版本审核为“审核中”但没有日期，无法计算截止日');
    expect(r.dueDate).toBeNull();
    expect(codes(r)).toContain('version.await');
  });

  test('qualification rejected without a date', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'rejected', date: null } } }), { language: 'en' });
    expect(finding(r, 'DATA-DATE-MISSING').text).toBe('Qualification review is "rejected" but has no date: no due date can be computed');
  });

  test('ICP platform review without a date', () => {
    const r = evalOne(patch(SET_UP, { icp: { status: 'platform_review', date: null } }));
    expect(finding(r, 'DATA-DATE-MISSING').step).toBe('icp');
  });

  test('with its date: nothing missing', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(rules(r)).not.toContain('DATA-DATE-MISSING');
  });
});

describe('DATA-DATE-FUTURE', () => {
  test('qualification submitted 2026-11-22, the day after today: warning', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-22') } } }));
    const f = finding(r, 'DATA-DATE-FUTURE');
    expect(f).toMatchObject({ severity: 'warning', step: 'qualification' });
    expect(f.text).toBe('资质审核日期 2026-11-22 晚于今天');
  });

  test('submitted today: fine', () => {
    expect(rules(evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-21') } } })))).not.toContain('DATA-DATE-FUTURE');
  });

  test('an ICP date after today', () => {
    const r = evalOne(patch(SET_UP, { icp: { status: 'platform_review', date: d('2026-12-01') } }));
    expect(finding(r, 'DATA-DATE-FUTURE').step).toBe('icp');
  });
});

describe('planned rows', () => {
  test('a row with only a key: stage planned, next step register.start, nothing wrong', () => {
    const out = check(['项目编号', '名称', '类型'], [['G-100', null, null]]);
    const r = out.results[0]!;
    expect(r.stage).toEqual({ code: 'planned', text: '计划中' });
    expect(r.nextStep).toEqual({ code: 'register.start', text: '注册账号' });
    expect(r.severity).toBe('ok');
    expect(r.findings).toEqual([]);
  });

  test('a key and a name: no longer planned, registration', () => {
    const r = check(['项目编号', '名称'], [['G-100', '星火消消乐']]).results[0]!;
    expect(r.stage.code).toBe('registration');
    expect(r.nextStep.code).toBe('register.start');
  });
});
