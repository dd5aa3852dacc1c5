/**
 * WeChat verification over time (rules.md §5): VERIFY-SLA and VERIFY-EXPIRY.
 * today = Saturday 2026-11-21.
 */
import { codes, d, evalOne, finding, patch, rules, SET_UP } from './helpers';

const withVerify = (status: 'submitted' | 'approved', date: string, extra = {}) => patch(SET_UP, { steps: { verify: { status, date: d(date) } }, ...extra });

describe('VERIFY-SLA', () => {
  test('submitted Tue 2026-11-17, due Fri 2026-11-20 (3 working days): overdue', () => {
    const r = evalOne(withVerify('submitted', '2026-11-17'));
    const f = finding(r, 'VERIFY-SLA');
    expect(f).toMatchObject({ severity: 'warning', step: 'verify' });
    expect(f.text).toBe('微信认证已超期 1 天（2026-11-17 提交，应于 2026-11-20 前完成）');
    expect(rules(r)).not.toContain('FLOW-SLA');
  });

  test('submitted Wed 2026-11-18, due Mon 2026-11-23: not overdue', () => {
    const r = evalOne(withVerify('submitted', '2026-11-18'));
    expect(rules(r)).not.toContain('VERIFY-SLA');
    expect(r.dueDate).toBe('2026-11-23');
    expect(r.dueFor).toBe('verify');
  });

  test('across National Day 2026: submitted 2026-09-29 is due 2026-10-09', () => {
    // 09-30 (1), 10-01..07 off, 10-08 (2), 10-09 (3)
    expect(evalOne(withVerify('submitted', '2026-09-29'), { today: d('2026-10-09') }).dueDate).toBe('2026-10-09');
    expect(rules(evalOne(withVerify('submitted', '2026-09-29'), { today: d('2026-10-09') }))).not.toContain('VERIFY-SLA');
    expect(rules(evalOne(withVerify('submitted', '2026-09-29'), { today: d('2026-10-10') }))).toContain('VERIFY-SLA');
  });

  test('the duration is a setting', () => {
    expect(rules(evalOne(withVerify('submitted', '2026-11-17'), { settings: { 'duration.verify': 5 } }))).not.toContain('VERIFY-SLA');
  });
});

describe('VERIFY-EXPIRY', () => {
  test('approved 2025-12-01: expires 2026-12-01 (10 days left), a warning inside 30 days', () => {
    const r = evalOne(withVerify('approved', '2025-12-01'));
    const f = finding(r, 'VERIFY-EXPIRY');
    expect(f).toMatchObject({ severity: 'warning', step: 'verify' });
    expect(f.text).toBe('微信认证 2026-12-01 到期（还剩 10 天），请及时年审（300 元/年）');
    expect(r.dueDate).toBe('2026-12-01');
    expect(r.dueFor).toBe('verify');
    expect(codes(r)).toContain('verify.renew');
  });

  test('30 days left (expiry 2026-12-21) is a warning; 31 days (2026-12-22) an info', () => {
    expect(finding(evalOne(patch(SET_UP, { verifyExpiry: d('2026-12-21') })), 'VERIFY-EXPIRY').severity).toBe('warning');
    expect(finding(evalOne(patch(SET_UP, { verifyExpiry: d('2026-12-22') })), 'VERIFY-EXPIRY').severity).toBe('info');
  });

  test('90 days left (expiry 2027-02-19) is an info; 91 days (2027-02-20) says nothing', () => {
    // 11-21 + 9 = 11-30, + 31 = 12-31 (40), + 31 = 01-31 (71), + 19 = 02-19 (90)
    const at90 = evalOne(patch(SET_UP, { verifyExpiry: d('2027-02-19') }));
    expect(finding(at90, 'VERIFY-EXPIRY').severity).toBe('info');
    expect(at90.dueDate).toBe('2027-02-19');
    const at91 = evalOne(patch(SET_UP, { verifyExpiry: d('2027-02-20') }));
    expect(rules(at91)).not.toContain('VERIFY-EXPIRY');
    expect(at91.dueDate).toBeNull();
  });

  test('the expiry day itself is still valid (0 days left, warning); the day after it is expired', () => {
    expect(finding(evalOne(patch(SET_UP, { verifyExpiry: d('2026-11-21') })), 'VERIFY-EXPIRY').severity).toBe('warning');
    expect(finding(evalOne(patch(SET_UP, { verifyExpiry: d('2026-11-20') })), 'VERIFY-EXPIRY').severity).toBe('critical');
  });

  test.each([
    ['2026-11-20', 1, '搜索和新版本发布已受影响'],
    ['2026-10-23', 29, '搜索和新版本发布已受影响'],
    ['2026-10-22', 30, '搜索、发布和分享已受影响'],
    ['2026-09-23', 59, '搜索、发布和分享已受影响'],
    ['2026-09-22', 60, '搜索、发布、分享、新用户和支付均已受影响'],
  ])('expired %s (%i days ago): critical, stage of loss, renew first', (expiry, days, stage) => {
    const r = evalOne(patch(SET_UP, { verifyExpiry: d(expiry), steps: { qualification: { status: 'rejected', date: d('2026-11-19') } } }));
    const f = finding(r, 'VERIFY-EXPIRY');
    expect(f.severity).toBe('critical');
    expect(f.text).toBe(`微信认证已于 ${expiry} 过期 ${days} 天：${stage}，请立即年审`);
    expect(r.severity).toBe('critical');
    // clearing a critical finding comes before resubmitting the rejected qualification
    expect(r.nextStep.code).toBe('verify.renew');
    expect(r.nextActions[0].code).toBe('qualification.resubmit');
  });

  test('the validity is a setting', () => {
    const r = evalOne(withVerify('approved', '2026-06-01'), { settings: { 'verify.validMonths': 6 } });
    expect(finding(r, 'VERIFY-EXPIRY').text).toContain('2026-12-01');
    expect(rules(evalOne(withVerify('approved', '2026-06-01')))).not.toContain('VERIFY-EXPIRY');
  });

  test('an unverified row has nothing to expire', () => {
    expect(rules(evalOne(patch(SET_UP, { steps: { verify: { status: 'not_started', date: null } } })))).not.toContain('VERIFY-EXPIRY');
  });
});
