/**
 * Expedited version review (rules.md §1, 加急审核). today = 2026-11-21 (Q4: refresh 2027-01-01).
 */
import { codes, d, evalOne, finding, patch, rules, SET_UP } from './helpers';
import type { RowPatch } from '../../src/rules/row';

/** An update whose version review, submitted 2026-11-17, was due 2026-11-20: overdue. */
const OVERDUE_UPDATE: RowPatch = patch(SET_UP, {
  isUpdate: true,
  registeredUsers: 5001,
  steps: { qualification: { status: 'approved', date: d('2026-11-02') }, version: { status: 'submitted', date: d('2026-11-17') } },
});

describe('EXP-ELIGIBLE', () => {
  test('overdue review, an update, 5001 users, quota left: suggest version.expedite', () => {
    const r = evalOne(OVERDUE_UPDATE);
    expect(rules(r)).toContain('FLOW-SLA');
    const f = finding(r, 'EXP-ELIGIBLE');
    expect(f).toMatchObject({ severity: 'info', step: 'version' });
    expect(f.text).toBe('可申请加急审核，本季度还剩 2 次（2027-01-01 刷新）');
    expect(r.expedite).toEqual({ eligible: true, remaining: 2, refreshes: '2027-01-01' });
    expect(codes(r)).toContain('version.expedite');
  });

  test('5000 registered users is not "more than 5000": not eligible, says why', () => {
    const r = evalOne(patch(OVERDUE_UPDATE, { registeredUsers: 5000 }));
    const f = finding(r, 'EXP-ELIGIBLE');
    expect(f.text).toBe('暂不能加急：累计注册用户须超过 5,000（当前 5,000）');
    expect(r.expedite?.eligible).toBe(false);
    expect(codes(r)).not.toContain('version.expedite');
  });

  test('a first version cannot be expedited', () => {
    const r = evalOne(patch(OVERDUE_UPDATE, { isUpdate: false }), { language: 'en' });
    expect(finding(r, 'EXP-ELIGIBLE').text).toBe('Cannot expedite: a first version cannot be expedited (an approved version must exist)');
    expect(codes(r)).not.toContain('version.expedite');
  });

  test('an urgent row whose review is not overdue is also offered the expedite', () => {
    const r = evalOne(patch(OVERDUE_UPDATE, { urgent: true, steps: { version: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(rules(r)).not.toContain('FLOW-SLA');
    expect(codes(r)).toContain('version.expedite');
  });

  test('neither overdue nor urgent: no suggestion and no finding, the result still says eligible', () => {
    const r = evalOne(patch(OVERDUE_UPDATE, { steps: { version: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(rules(r)).not.toContain('EXP-ELIGIBLE');
    expect(codes(r)).not.toContain('version.expedite');
    expect(r.expedite).toEqual({ eligible: true, remaining: 2, refreshes: '2027-01-01' });
  });

  test('mini-programs have no expedite result', () => {
    expect(evalOne(patch(OVERDUE_UPDATE, { kind: 'miniprogram' })).expedite).toBeNull();
  });

  test('the user threshold is a setting', () => {
    const r = evalOne(patch(OVERDUE_UPDATE, { registeredUsers: 5000 }), { settings: { 'expedite.minUsers': 4999 } });
    expect(r.expedite?.eligible).toBe(true);
  });
});

describe('EXP-QUOTA', () => {
  test('two expedites in Q4 2026 (10-08, 11-02): none left, refreshes 2027-01-01', () => {
    const r = evalOne(patch(OVERDUE_UPDATE, { expediteDates: [d('2026-10-08'), d('2026-11-02')] }));
    const f = finding(r, 'EXP-QUOTA');
    expect(f).toMatchObject({ severity: 'info', step: 'version' });
    expect(f.text).toBe('本季度 2 次加急已用完（已用 2 次），2027-01-01 刷新');
    expect(r.expedite).toEqual({ eligible: false, remaining: 0, refreshes: '2027-01-01' });
    expect(codes(r)).not.toContain('version.expedite');
    expect(rules(r)).not.toContain('EXP-ELIGIBLE'); // the only reason is the quota
  });

  test('one of them on 2026-09-30 belongs to Q3 and has expired: one left', () => {
    const r = evalOne(patch(OVERDUE_UPDATE, { expediteDates: [d('2026-09-30'), d('2026-11-02')] }));
    expect(rules(r)).not.toContain('EXP-QUOTA');
    expect(r.expedite).toEqual({ eligible: true, remaining: 1, refreshes: '2027-01-01' });
    expect(finding(r, 'EXP-ELIGIBLE').text).toContain('还剩 1 次');
  });

  test('the quarter refreshes on 1 Jan, 1 Apr, 1 Jul and 1 Oct', () => {
    const cases: [string, string][] = [
      ['2026-01-01', '2026-04-01'],
      ['2026-03-31', '2026-04-01'],
      ['2026-04-01', '2026-07-01'],
      ['2026-06-30', '2026-07-01'],
      ['2026-07-01', '2026-10-01'],
      ['2026-09-30', '2026-10-01'],
      ['2026-10-01', '2027-01-01'],
      ['2026-12-31', '2027-01-01'],
    ];
    for (const [today, refreshes] of cases) expect([today, evalOne(OVERDUE_UPDATE, { today: d(today) }).expedite?.refreshes]).toEqual([today, refreshes]);
  });

  test('a 2019-style quota of 1 per quarter (setting): one expedite uses it up', () => {
    const r = evalOne(patch(OVERDUE_UPDATE, { expediteDates: [d('2026-11-02')] }), { settings: { 'expedite.perQuarter': 1 } });
    expect(finding(r, 'EXP-QUOTA').text).toBe('本季度 1 次加急已用完（已用 1 次），2027-01-01 刷新');
    expect(r.expedite?.remaining).toBe(0);
    // with the default of 2, the same row still has one
    expect(evalOne(patch(OVERDUE_UPDATE, { expediteDates: [d('2026-11-02')] })).expedite?.remaining).toBe(1);
  });

  test('quota and users both block: both said', () => {
    const r = evalOne(patch(OVERDUE_UPDATE, { registeredUsers: 300, expediteDates: [d('2026-10-08'), d('2026-11-02')] }));
    expect(rules(r)).toEqual(expect.arrayContaining(['EXP-QUOTA', 'EXP-ELIGIBLE']));
    expect(finding(r, 'EXP-ELIGIBLE').text).toContain('累计注册用户须超过 5,000');
  });
});
