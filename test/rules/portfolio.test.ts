/**
 * Registration limits across the portfolio (rules.md §6).
 */
import { makeRow, RowPatch } from '../../src/rules/row';
import type { Row, RowResult } from '../../src/rules/types';
import { d, evalRows, findings } from './helpers';

const registered: RowPatch['steps'] = { register: { status: 'approved', date: d('2026-01-10') } };

function rowsOf(n: number, each: (i: number) => RowPatch): Row[] {
  return Array.from({ length: n }, (_, i) => makeRow({ id: `G-${String(i + 1).padStart(3, '0')}`, ...each(i) }, i));
}

const severities = (results: RowResult[], rule: Parameters<typeof findings>[1]) => results.map((r) => findings(r, rule).map((f) => f.severity).join(','));

describe('REG-LIMIT-SUBJECT', () => {
  const business = (i: number): RowPatch => ({ subjectType: 'individual', subjectName: '成都麦田电子商务店', adminEmail: `a${i}@example.com`, steps: registered });

  test('an individual business at its limit of 5: warning on each registered row', () => {
    const results = evalRows(rowsOf(5, business));
    expect(severities(results, 'REG-LIMIT-SUBJECT')).toEqual(['warning', 'warning', 'warning', 'warning', 'warning']);
    expect(findings(results[0], 'REG-LIMIT-SUBJECT')[0].text).toBe('主体“成都麦田电子商务店”已注册 5 个，达到个体工商户上限 5 个');
  });

  test('6 registered: error, over the limit', () => {
    const results = evalRows(rowsOf(6, business));
    expect(severities(results, 'REG-LIMIT-SUBJECT')).toEqual(Array(6).fill('error'));
    expect(findings(results[5], 'REG-LIMIT-SUBJECT')[0].text).toContain('超过');
  });

  test('4 registered: nothing', () => {
    expect(severities(evalRows(rowsOf(4, business)), 'REG-LIMIT-SUBJECT')).toEqual(['', '', '', '']);
  });

  test('5 registered and one planned: the planned row is told it would make 6', () => {
    const rows = rowsOf(6, (i) => (i < 5 ? business(i) : { ...business(i), steps: {} }));
    const results = evalRows(rows);
    const f = findings(results[5], 'REG-LIMIT-SUBJECT');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].text).toBe('主体“成都麦田电子商务店”已注册 5 个，再注册将达 6 个，超过个体工商户上限 5 个');
  });

  test('4 registered and one planned: the planned one fits', () => {
    const rows = rowsOf(5, (i) => (i < 4 ? business(i) : { ...business(i), steps: {} }));
    expect(severities(evalRows(rows), 'REG-LIMIT-SUBJECT')).toEqual(['', '', '', '', '']);
  });

  test('subject names match whatever the brackets, width and spaces', () => {
    const names = ['杭州星火（网络）科技有限公司', '杭州星火(网络)科技有限公司', '杭州星火 (网络) 科技有限公司', '杭州星火（网络）科技有限公司', '杭州星火(网络)科技有限公司'];
    const rows = rowsOf(5, (i) => ({ subjectType: 'personal', subjectName: names[i], steps: registered }));
    expect(severities(evalRows(rows), 'REG-LIMIT-SUBJECT')).toEqual(Array(5).fill('warning'));
  });

  test('an enterprise may register 50: 50 is a warning, 49 nothing', () => {
    const ent = (i: number): RowPatch => ({ subjectType: 'enterprise', subjectName: '深圳云帆信息技术有限公司', adminEmail: `e${i}@example.com`, steps: registered });
    expect(evalRows(rowsOf(49, ent)).every((r) => findings(r, 'REG-LIMIT-SUBJECT').length === 0)).toBe(true);
    expect(evalRows(rowsOf(50, ent)).every((r) => findings(r, 'REG-LIMIT-SUBJECT')[0]?.severity === 'warning')).toBe(true);
    expect(evalRows(rowsOf(51, ent)).every((r) => findings(r, 'REG-LIMIT-SUBJECT')[0]?.severity === 'error')).toBe(true);
  });

  test('the limits are settings', () => {
    const results = evalRows(rowsOf(4, business), { settings: { 'limit.subject.individual': 3 } });
    expect(severities(results, 'REG-LIMIT-SUBJECT')).toEqual(Array(4).fill('error'));
  });
});

describe('REG-LIMIT-EMAIL', () => {
  test('two rows with one email (case and spaces aside): error on both', () => {
    const rows = [makeRow({ id: 'G-001', adminEmail: 'ops@example.com' }, 0), makeRow({ id: 'G-002', adminEmail: ' Ops@Example.COM ' }, 1)];
    const results = evalRows(rows);
    expect(severities(results, 'REG-LIMIT-EMAIL')).toEqual(['error', 'error']);
    expect(findings(results[0], 'REG-LIMIT-EMAIL')[0].text).toBe('邮箱 ops@example.com 用于 2 个项目：一个邮箱只能注册一个小程序');
  });

  test('different emails: nothing', () => {
    const rows = [makeRow({ id: 'G-001', adminEmail: 'ops@example.com' }, 0), makeRow({ id: 'G-002', adminEmail: 'ops2@example.com' }, 1)];
    expect(severities(evalRows(rows), 'REG-LIMIT-EMAIL')).toEqual(['', '']);
  });
});

describe('REG-LIMIT-PHONE', () => {
  const phones = ['13800138000', '138 0013 8000', '+86 138-0013-8000', '008613800138000', '13800138000', '13800138000'];
  const rowsWithPhone = (n: number) => rowsOf(n, (i) => ({ adminPhone: phones[i] }));

  test('5 rows on one admin phone (however it is written): warning at the limit', () => {
    const results = evalRows(rowsWithPhone(5));
    expect(severities(results, 'REG-LIMIT-PHONE')).toEqual(Array(5).fill('warning'));
    expect(findings(results[0], 'REG-LIMIT-PHONE')[0].text).toBe('管理员手机 13800138000 已绑定 5 个项目，达到上限 5 个');
  });

  test('6 rows: error', () => {
    const results = evalRows(rowsWithPhone(6));
    expect(severities(results, 'REG-LIMIT-PHONE')).toEqual(Array(6).fill('error'));
    expect(findings(results[5], 'REG-LIMIT-PHONE')[0].text).toBe('管理员手机 13800138000 绑定 6 个项目，超过上限 5 个');
  });

  test('4 rows: nothing', () => {
    expect(severities(evalRows(rowsWithPhone(4)), 'REG-LIMIT-PHONE')).toEqual(['', '', '', '']);
  });
});
