/**
 * rules.md §9 "Readings decided (2026-12-01)": one block per bullet, each asserting the
 * decided reading with real dates, rule IDs and severities. today = Saturday 2026-11-21
 * unless said otherwise. (ICP-START-BY and the mini-program order are in icp.test.ts and
 * flow.test.ts; categories in categories.test.ts; live in live.test.ts.)
 */
import { nameWidth } from '../../src/rules/names';
import { makeRow, RowPatch } from '../../src/rules/row';
import type { Row } from '../../src/rules/types';
import { codes, d, evalOne, evalRows, finding, findings, patch, REVIEWED, rules, SET_UP } from './helpers';

describe('Verbs', () => {
  test('a step done alone takes start; a review or filing nothing was sent for takes submit', () => {
    const registered = evalOne({ kind: 'minigame', subjectType: 'enterprise', steps: { register: { status: 'approved', date: d('2026-09-01') } } });
    expect(codes(registered)).toEqual(expect.arrayContaining(['name.start', 'category.start', 'verify.submit']));
    expect(evalOne({ kind: 'minigame' }).nextStep.code).toBe('register.start');
    const setUp = evalOne(SET_UP);
    expect(codes(setUp)).toEqual(expect.arrayContaining(['qualification.submit', 'icp.submit']));
    expect(codes(evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-20') } } })))).toContain('version.submit');
    const qualified = evalOne(patch(SET_UP, { wantsPayment: true, steps: { qualification: { status: 'approved', date: d('2026-11-02') } } }));
    expect(codes(qualified)).toContain('realname.start');
    const paying = evalOne(patch(REVIEWED, { wantsPayment: true }));
    expect(codes(paying)).toContain('payment.start');
  });

  test('a rejected or withdrawn step takes resubmit', () => {
    expect(evalOne(patch(SET_UP, { steps: { qualification: { status: 'rejected', date: d('2026-11-18') } } })).nextStep.code).toBe('qualification.resubmit');
    expect(evalOne(patch(SET_UP, { steps: { qualification: { status: 'withdrawn', date: d('2026-11-18') } } })).nextStep.code).toBe('qualification.resubmit');
    expect(evalOne(patch(REVIEWED, { icp: { status: 'authority_rejected', date: d('2026-11-18') } })).nextStep.code).toBe('icp.resubmit');
  });
});

describe('Rejections', () => {
  test('a rejected mini-game review has no due date until it is resubmitted (FLOW-REJECTED, warning)', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'rejected', date: d('2026-11-18') } } }));
    expect(finding(r, 'FLOW-REJECTED').severity).toBe('warning');
    expect(r.dueDate).toBeNull();
    expect(r.nextStep).toMatchObject({ code: 'qualification.resubmit' });
  });

  test('a rejected filing has no due date either', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'platform_rejected', date: d('2026-11-10') } }));
    expect(finding(r, 'ICP-REJECTED').severity).toBe('warning');
    expect(r.dueDate).toBeNull();
  });

  describe('a mini-program review: the resubmit window is its due date', () => {
    const program = patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品', icp: { status: 'filed', date: d('2026-11-02') } });
    const rejected = (date: string) => patch(program, { steps: { version: { status: 'rejected', date: d(date) } } });

    test('rejected 2026-11-14: 2026-11-21 (today) is the last day, a warning due today', () => {
      const r = evalOne(rejected('2026-11-14'));
      expect(finding(r, 'REV-RESUBMIT-WINDOW').severity).toBe('warning');
      expect(rules(r)).not.toContain('FLOW-REJECTED');
      expect([r.dueDate, r.dueFor]).toEqual(['2026-11-21', 'version']);
    });

    test('the day after the last day (2026-11-22): an error, and no due date from the expired window', () => {
      const r = evalOne(rejected('2026-11-14'), { today: d('2026-11-22') });
      expect(finding(r, 'REV-RESUBMIT-WINDOW').severity).toBe('error');
      expect(r.dueDate).toBeNull();
      expect(r.nextStep.code).toBe('version.resubmit');
    });
  });
});

describe('Verification', () => {
  test('an overdue verification review is VERIFY-SLA (warning), not FLOW-SLA', () => {
    // submitted Tue 2026-11-17, 3 working days: due Fri 2026-11-20
    const r = evalOne(patch(SET_UP, { steps: { verify: { status: 'submitted', date: d('2026-11-17') } } }));
    expect(finding(r, 'VERIFY-SLA').severity).toBe('warning');
    expect(rules(r)).not.toContain('FLOW-SLA');
  });

  const expiring = (iso: string) => evalOne(patch(SET_UP, { verifyExpiry: d(iso) }));
  const expiringEn = (iso: string) => evalOne(patch(SET_UP, { verifyExpiry: d(iso) }), { language: 'en' });

  test.each([
    ['2027-02-19', 90, 'info', '微信认证 2027-02-19 到期（还剩 90 天），请及时年审（300 元/年）'],
    ['2027-01-21', 61, 'info', '微信认证 2027-01-21 到期（还剩 61 天），请及时年审（300 元/年）'],
    ['2027-01-20', 60, 'info', '微信认证 2027-01-20 到期（还剩 60 天，已进入到期前 60 天提醒），请及时年审（300 元/年）'],
    ['2026-12-22', 31, 'info', '微信认证 2026-12-22 到期（还剩 31 天，已进入到期前 60 天提醒），请及时年审（300 元/年）'],
    ['2026-12-21', 30, 'warning', '微信认证 2026-12-21 到期（还剩 30 天），请及时年审（300 元/年）'],
    ['2026-11-29', 8, 'warning', '微信认证 2026-11-29 到期（还剩 8 天），请及时年审（300 元/年）'],
    ['2026-11-28', 7, 'warning', '微信认证 2026-11-28 到期（还剩 7 天，已进入到期前 7 天提醒），请及时年审（300 元/年）'],
    ['2026-11-21', 0, 'warning', '微信认证今天（2026-11-21）到期，今天是最后有效日，请立即年审（300 元/年）'],
    ['2026-11-20', -1, 'critical', '微信认证已于 2026-11-20 过期 1 天：搜索和新版本发布已受影响，请立即年审'],
  ])('expiry %s (%i days left): %s — the reminders change the text only', (expiry, _left, severity, text) => {
    const r = expiring(expiry);
    expect(finding(r, 'VERIFY-EXPIRY')).toMatchObject({ severity, text });
    expect(r.dueDate).toBe(expiry);
  });

  test('91 days left says nothing', () => {
    expect(rules(expiring('2027-02-20'))).not.toContain('VERIFY-EXPIRY');
  });

  test('English texts of the 60- and 7-day reminders and of the last valid day', () => {
    expect(finding(expiringEn('2027-01-20'), 'VERIFY-EXPIRY').text).toBe('WeChat verification expires 2027-01-20 (60 days left, inside the 60-day reminder): renew in time (300 yuan a year)');
    expect(finding(expiringEn('2026-11-28'), 'VERIFY-EXPIRY').text).toBe('WeChat verification expires 2026-11-28 (7 days left, inside the 7-day reminder): renew in time (300 yuan a year)');
    expect(finding(expiringEn('2026-11-21'), 'VERIFY-EXPIRY').text).toBe('WeChat verification expires today (2026-11-21), its last valid day: renew now (300 yuan a year)');
  });
});

describe('CAL-UNKNOWN-YEAR', () => {
  test('a working-day count backwards from a 2027 target (ICP-START-BY) raises it', () => {
    const r = evalOne(patch(SET_UP, { targetLaunch: d('2027-03-31') }));
    expect(rules(r)).toContain('ICP-START-BY');
    expect(finding(r, 'CAL-UNKNOWN-YEAR')).toMatchObject({ severity: 'info' });
    expect(finding(r, 'CAL-UNKNOWN-YEAR').text).toContain('2027');
  });

  test('plain-day counts into 2027 never raise it (a mini-game version review, a verification expiry)', () => {
    // released row: no ETA. Version (3 natural days) submitted 2026-12-30 → due 2027-01-02;
    // verification approved 2026-02-01 → expires 2027-02-01 (32 days after 2026-12-31).
    const r = evalOne(
      patch(REVIEWED, {
        releaseDate: d('2026-06-01'),
        icp: { status: 'filed', date: d('2026-05-20') },
        steps: { verify: { status: 'approved', date: d('2026-02-01') }, version: { status: 'submitted', date: d('2026-12-30') } },
      }),
      { today: d('2026-12-31') },
    );
    expect(rules(r)).toContain('VERIFY-EXPIRY');
    expect(r.dueDate).toBe('2027-01-02');
    expect(rules(r)).not.toContain('CAL-UNKNOWN-YEAR');
  });
});

describe('Registration limits', () => {
  const rowsOf = (patches: RowPatch[]): Row[] => patches.map((p, i) => makeRow({ id: `S-${i + 1}`, ...p }, i));
  const member = (status: 'approved' | 'unknown' | 'not_started'): RowPatch => ({
    subjectType: 'individual',
    subjectName: '成都麦田电子商务店',
    steps: { register: { status, date: status === 'approved' ? d('2026-01-10') : null } },
  });

  test('5 registered, one of unknown registration, one planned: every row carries REG-LIMIT-SUBJECT', () => {
    const results = evalRows(rowsOf([...Array(5).fill(member('approved')), member('unknown'), member('not_started')]));
    expect(results.map((r) => findings(r, 'REG-LIMIT-SUBJECT').map((f) => f.severity))).toEqual(Array(7).fill(['warning']));
    expect(finding(results[5], 'REG-LIMIT-SUBJECT').text).toBe('主体“成都麦田电子商务店”已注册 5 个，达到个体工商户上限 5 个');
    expect(finding(results[6], 'REG-LIMIT-SUBJECT').text).toBe('主体“成都麦田电子商务店”已注册 5 个，再注册将达 6 个，超过个体工商户上限 5 个');
  });

  test('only approved registrations are counted: 4 registered and 2 planned → only the second planned row would exceed', () => {
    const results = evalRows(rowsOf([...Array(4).fill(member('approved')), member('not_started'), member('not_started')]));
    expect(results.map((r) => findings(r, 'REG-LIMIT-SUBJECT').length)).toEqual([0, 0, 0, 0, 0, 1]);
  });

  test('phones compare by digits, without a leading +86 / 86', () => {
    const phones = ['13800138000', '8613800138000', '+86 138 0013 8000', '86-138-0013-8000', '(+86)13800138000'];
    const results = evalRows(rowsOf(phones.map((adminPhone) => ({ adminPhone }))));
    expect(results.map((r) => findings(r, 'REG-LIMIT-PHONE').map((f) => f.severity))).toEqual(Array(5).fill(['warning']));
  });
});

describe('Names', () => {
  test('every character outside ASCII weighs 2: full-width Latin, accented letters, symbols and emoji included', () => {
    expect(nameWidth('ＡＢ')).toBe(4);
    expect(nameWidth('café')).toBe(5);
    expect(nameWidth('a·b')).toBe(4);
    expect(nameWidth('😀')).toBe(2);
    expect(nameWidth('星火😀')).toBe(6);
  });

  test('"Ａb" is 3 wide (too short, warning); "Ａbc" is 4 (fits)', () => {
    expect(finding(evalOne({ name: 'Ａb' }), 'NAME-FORMAT')).toMatchObject({ severity: 'warning', text: '名称“Ａb”长度 3（汉字计 2），须在 4–30 之间' });
    expect(rules(evalOne({ name: 'Ａbc' }))).not.toContain('NAME-FORMAT');
  });

  test.each(['minigame', 'miniprogram'] as const)('the 小程序 ban applies to a %s', (kind) => {
    expect(findings(evalOne({ kind, name: '星火小程序乐园' }), 'NAME-FORMAT').map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('Expedite records', () => {
  const update: RowPatch = patch(SET_UP, {
    isUpdate: true,
    registeredUsers: 5001,
    urgent: true,
    steps: { qualification: { status: 'approved', date: d('2026-11-02') }, version: { status: 'submitted', date: d('2026-11-19') } },
  });

  test('a record dated after today raises DATA-DATE-FUTURE (warning) and is not counted', () => {
    const r = evalOne(patch(update, { expediteDates: [d('2026-10-08'), d('2026-11-22')] }));
    expect(finding(r, 'DATA-DATE-FUTURE')).toMatchObject({ severity: 'warning', step: 'expedite', text: '加急审核日期 2026-11-22 晚于今天' });
    expect(r.expedite).toEqual({ eligible: true, remaining: 1, refreshes: '2027-01-01' });
  });

  test('a record dated today counts, with no finding', () => {
    const r = evalOne(patch(update, { expediteDates: [d('2026-10-08'), d('2026-11-21')] }));
    expect(rules(r)).not.toContain('DATA-DATE-FUTURE');
    expect(r.expedite).toMatchObject({ eligible: false, remaining: 0 });
  });
});

describe('Payment', () => {
  const program = patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品', steps: { verify: { status: 'submitted', date: d('2026-11-19') } } });

  test('a mini-program\'s 支付状态 is WeChat Pay (wxpay): no PAY-PREREQ unless 需要虚拟支付 is yes', () => {
    const tracked = evalOne(patch(program, { steps: { payment: { status: 'in_progress', date: null } } }));
    expect(rules(tracked)).not.toContain('PAY-PREREQ');
    const wanted = evalOne(patch(program, { wantsPayment: true }));
    expect(finding(wanted, 'PAY-PREREQ')).toMatchObject({ severity: 'info', step: 'wxpay' });
  });

  test('post-launch and optional: wxpay is offered after the launch steps, and holds no ETA back', () => {
    const released = patch(SET_UP, {
      kind: 'miniprogram',
      category: '商家自营>食品',
      releaseDate: d('2026-11-10'),
      icp: { status: 'filed', date: d('2026-11-02') },
      steps: { version: { status: 'approved', date: d('2026-11-09') }, payment: { status: 'in_progress', date: null } },
    });
    const r = evalOne(released);
    expect(r.nextStep.code).toBe('wxpay.start');
    // unreleased, verified, wanting payment: wxpay comes after every launch step, and the ETA is the same without it
    const unreleased = patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品', wantsPayment: true });
    const u = evalOne(unreleased);
    expect(u.nextStep.code).toBe('icp.submit');
    expect(codes(u).at(-1)).toBe('wxpay.start');
    expect(u.eta).toBe(evalOne(patch(unreleased, { wantsPayment: false })).eta);
  });

  test('a mini-game without 需要虚拟支付: no PAY-PREREQ, even with a payment status', () => {
    const r = evalOne(patch(SET_UP, { steps: { payment: { status: 'in_progress', date: null } } }));
    expect(rules(r)).not.toContain('PAY-PREREQ');
  });
});
