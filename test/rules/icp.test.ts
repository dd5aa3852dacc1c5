/**
 * ICP filing (rules.md §3). today = Saturday 2026-11-21 unless said otherwise.
 */
import { codes, d, evalOne, finding, patch, REVIEWED, rules, SET_UP } from './helpers';

describe('ICP-REQUIRED', () => {
  test('version approved, filing not submitted: error, and release is not the next action', () => {
    const r = evalOne(REVIEWED);
    const f = finding(r, 'ICP-REQUIRED');
    expect(f).toMatchObject({ severity: 'error', step: 'icp' });
    expect(f.text).toBe('尚未备案：版本已过审，完成小程序备案后才能发布上线');
    expect(r.nextStep.code).toBe('icp.submit');
    expect(codes(r)).not.toContain('release.publish');
    expect(r.stage.code).toBe('filing');
  });

  test('version in review and filing only being prepared: still required', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'approved', date: d('2026-11-10') }, version: { status: 'submitted', date: d('2026-11-20') } }, icp: { status: 'preparing' } }));
    expect(finding(r, 'ICP-REQUIRED').severity).toBe('error');
  });

  test('filed: no ICP-REQUIRED, release may be published', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'filed', date: d('2026-11-18') } }));
    expect(rules(r)).not.toContain('ICP-REQUIRED');
    expect(r.nextStep.code).toBe('release.publish');
  });

  test('filing submitted (platform review): not "unfiled" any more, and release still waits', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'platform_review', date: d('2026-11-20') } }));
    expect(rules(r)).not.toContain('ICP-REQUIRED');
    expect(codes(r)).not.toContain('release.publish');
  });
});

describe('ICP-LEGACY-DEADLINE and ICP-RELEASED-UNFILED', () => {
  test('released 2023-08-31 (before the requirement) and not filed: critical, deadline 2024-03-31 passed', () => {
    const r = evalOne(patch(REVIEWED, { releaseDate: d('2023-08-31') }));
    const f = finding(r, 'ICP-LEGACY-DEADLINE');
    expect(f).toMatchObject({ severity: 'critical', step: 'icp' });
    expect(f.text).toBe('2023-08-31 已上线但未备案，已过 2024-03-31 备案截止日，2024-04-01 起有被下架风险');
    expect(r.dueDate).toBe('2024-03-31');
    expect(r.dueFor).toBe('icp');
    expect(r.icpDeadline).toBe('2024-03-31');
    expect(r.severity).toBe('critical');
    expect(r.nextStep.code).toBe('icp.submit');
    expect(rules(r)).not.toContain('ICP-RELEASED-UNFILED');
  });

  test('on the deadline day itself the text asks to file by 2024-03-31 (not yet at risk)', () => {
    const r = evalOne(patch(REVIEWED, { releaseDate: d('2023-05-10') }), { today: d('2024-03-31'), language: 'en' });
    expect(finding(r, 'ICP-LEGACY-DEADLINE').text).toBe('Released 2023-05-10 and not filed: file by 2024-03-31');
    const after = evalOne(patch(REVIEWED, { releaseDate: d('2023-05-10') }), { today: d('2024-04-01'), language: 'en' });
    expect(finding(after, 'ICP-LEGACY-DEADLINE').text).toContain('at risk of removal from 2024-04-01');
  });

  test('released on 2023-09-01 with no filing: ICP-RELEASED-UNFILED (critical), not the legacy deadline', () => {
    const r = evalOne(patch(REVIEWED, { releaseDate: d('2023-09-01') }));
    const f = finding(r, 'ICP-RELEASED-UNFILED');
    expect(f).toMatchObject({ severity: 'critical', step: 'icp' });
    expect(f.text).toContain('2023-09-01');
    expect(rules(r)).not.toContain('ICP-LEGACY-DEADLINE');
    expect(r.nextStep.code).toBe('icp.submit');
  });

  test('released and filed: neither', () => {
    for (const released of ['2023-05-10', '2024-06-01']) {
      const r = evalOne(patch(REVIEWED, { releaseDate: d(released), icp: { status: 'filed', date: d('2024-03-01') } }));
      expect(rules(r)).not.toContain('ICP-LEGACY-DEADLINE');
      expect(rules(r)).not.toContain('ICP-RELEASED-UNFILED');
    }
  });

  test('the requirement date and the legacy deadline are settings', () => {
    const r = evalOne(patch(REVIEWED, { releaseDate: d('2023-09-01') }), { settings: { 'icp.requiredFrom': d('2023-10-01'), 'icp.legacyDeadline': d('2024-06-30') } });
    expect(rules(r)).toContain('ICP-LEGACY-DEADLINE');
    expect(r.dueDate).toBe('2024-06-30');
  });
});

describe('ICP-SMS-PENDING', () => {
  test('SMS received 2026-11-20: due 2026-11-21 = today → critical, verify the SMS first', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'sms_pending', date: d('2026-11-20') } }));
    const f = finding(r, 'ICP-SMS-PENDING');
    expect(f).toMatchObject({ severity: 'critical', step: 'icp' });
    expect(f.text).toContain('2026-11-21');
    expect(r.dueDate).toBe('2026-11-21');
    expect(r.nextStep).toMatchObject({ code: 'icp.verify_sms', text: '完成工信部备案短信核验（2026-11-21 前）' });
  });

  test('SMS received today: due tomorrow, not yet critical', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'sms_pending', date: d('2026-11-21') } }));
    const f = finding(r, 'ICP-SMS-PENDING');
    expect(f.severity).not.toBe('critical');
    expect(r.dueDate).toBe('2026-11-22');
    expect(r.nextStep.code).toBe('icp.verify_sms');
  });

  test('SMS received 2026-11-19 and missed (due 11-20): critical, the filing returns to the platform', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'sms_pending', date: d('2026-11-19') } }));
    const f = finding(r, 'ICP-SMS-PENDING');
    expect(f.severity).toBe('critical');
    expect(f.text).toBe('备案短信核验已超时（应在 2026-11-20 前完成）：备案将退回平台，须重新提交');
  });

  test('SMS answered, the filing at the authority since 2026-11-20: no ICP-SMS-PENDING; waiting for the authority until 2026-12-18', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-11-20') } }));
    expect(rules(r)).not.toContain('ICP-SMS-PENDING');
    expect([r.nextStep.code, r.icpDeadline]).toEqual(['icp.await', '2026-12-18']);
  });
});

describe('ICP-SLA', () => {
  test('platform review submitted Wed 2026-11-18 is due Fri 2026-11-20 (2 working days): overdue', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'platform_review', date: d('2026-11-18') } }));
    const f = finding(r, 'ICP-SLA');
    expect(f).toMatchObject({ severity: 'warning', step: 'icp' });
    expect(f.text).toBe('备案平台初审已超期 1 天（2026-11-18 提交，应于 2026-11-20 前完成）');
  });

  test('platform review submitted Thu 2026-11-19 is due Mon 2026-11-23: not overdue', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'platform_review', date: d('2026-11-19') } }));
    expect(rules(r)).not.toContain('ICP-SLA');
    expect(r.icpDeadline).toBe('2026-11-23');
    expect(r.nextStep).toMatchObject({ code: 'icp.await', text: '等待备案平台初审（预计 2026-11-23）' });
  });

  test('administration review: submitted 2026-10-23 due 2026-11-20 (20 working days) → overdue; 2026-10-26 → due 11-23', () => {
    // 10-26..30 (1–5), 11-02..06 (6–10), 11-09..13 (11–15), 11-16..20 (16–20)
    const late = evalOne(patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-10-23') } }), { language: 'en' });
    expect(finding(late, 'ICP-SLA').text).toBe('ICP administration review overdue by 1 day (submitted 2026-10-23, due 2026-11-20)');
    const onTime = evalOne(patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-10-26') } }));
    expect(rules(onTime)).not.toContain('ICP-SLA');
    expect(onTime.dueDate).toBe('2026-11-23');
  });

  test('the administration review duration is a setting', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-11-09') } }), { settings: { 'duration.icp.authority': 5 } });
    // 11-10..13 (1–4), 11-16 (5) → overdue
    expect(finding(r, 'ICP-SLA').text).toContain('应于 2026-11-16 前完成');
    expect(rules(evalOne(patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-11-09') } })))).not.toContain('ICP-SLA');
  });
});

describe('ICP-REJECTED', () => {
  test.each([
    ['platform_rejected', '平台'],
    ['authority_rejected', '管局'],
  ] as const)('%s: warning, fix and resubmit', (status, by) => {
    const r = evalOne(patch(REVIEWED, { icp: { status, date: d('2026-11-19') } }));
    const f = finding(r, 'ICP-REJECTED');
    expect(f).toMatchObject({ severity: 'warning', step: 'icp' });
    expect(f.text).toBe(`备案被${by}驳回：按驳回原因修改后重新提交`);
    expect(r.nextStep.code).toBe('icp.resubmit');
  });

  test('in review: not rejected', () => {
    expect(rules(evalOne(patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-11-19') } })))).not.toContain('ICP-REJECTED');
  });
});

describe('ICP-START-BY', () => {
  test('target 2026-12-25: start filing by 2026-11-24 (20 wd, 1 day, 2 wd backwards)', () => {
    // 12-25 − 20 working days = 11-27 (12-24..21: 4, 12-18..14: 9, 12-11..07: 14, 12-04..11-30: 19, 11-27: 20)
    // − 1 day (SMS) = 11-26; − 2 working days = 11-24
    // rules.md §9: info while the latest safe start is still ahead
    const r = evalOne(patch(SET_UP, { targetLaunch: d('2026-12-25') }));
    const f = finding(r, 'ICP-START-BY');
    expect(f).toMatchObject({ severity: 'info', step: 'icp' });
    expect(r.severity).toBe('info');
    expect(f.text).toBe('目标上线 2026-12-25：备案最晚须于 2026-11-24 开始（平台初审 + 短信核验 + 管局审核）');
    expect(r.icpDeadline).toBe('2026-11-24');
    expect(r.dueDate).toBe('2026-11-24');
    expect(r.dueFor).toBe('icp');
  });

  test('target 2026-12-18: latest start 2026-11-17 has passed; starting today the filing ends 2026-12-23, 5 days late', () => {
    // start-by: 12-18 − 20 wd = 11-20; − 1 = 11-19; − 2 wd = 11-17.
    // forward from today: + 2 wd = Tue 11-24, + 1 day = 11-25, + 20 wd = 12-23 (11-26, 27, 11-30..12-04, 07..11, 14..18, 21, 22, 23)
    const r = evalOne(patch(SET_UP, { targetLaunch: d('2026-12-18') }));
    expect(finding(r, 'ICP-START-BY').severity).toBe('warning');
    expect(r.dueDate).toBe('2026-11-17');
    expect(finding(r, 'ICP-START-BY').text).toBe('目标上线 2026-12-18 有风险：备案最晚应于 2026-11-17 开始，已晚 4 天；现在开始预计 2026-12-23 备案完成，比目标晚 5 天');
  });

  test('no target, or filing already submitted, or already released: no ICP-START-BY', () => {
    expect(rules(evalOne(SET_UP))).not.toContain('ICP-START-BY');
    expect(rules(evalOne(patch(SET_UP, { targetLaunch: d('2026-12-25'), icp: { status: 'platform_review', date: d('2026-11-20') } })))).not.toContain('ICP-START-BY');
    expect(rules(evalOne(patch(REVIEWED, { targetLaunch: d('2026-12-25'), releaseDate: d('2026-11-20'), icp: { status: 'filed', date: d('2026-11-18') } })))).not.toContain(
      'ICP-START-BY',
    );
  });

  test('counted backwards across National Day and Mid-Autumn 2026: target 2026-10-30 → start by 2026-09-23', () => {
    // 10-30 − 20 wd: 10-29..26 (4), 10-23..19 (9), 10-16..12 (14), Sat 10-10 (15), 10-09 (16), 10-08 (17),
    // 10-01..07 off, 09-30 (18), 09-29 (19), 09-28 (20) → 09-28; − 1 day = 09-27 (Sun);
    // − 2 wd: 09-26 Sat off, 09-25 Mid-Autumn off, 09-24 (1), 09-23 (2)
    const r = evalOne(patch(SET_UP, { targetLaunch: d('2026-10-30') }), { today: d('2026-09-01') });
    expect(r.icpDeadline).toBe('2026-09-23');
  });
});

describe('ICP-VERIFY-FIRST', () => {
  const verifyInReview = { verify: { status: 'submitted' as const, date: d('2026-11-18') } };

  test('an enterprise filed before its WeChat verification was approved: error', () => {
    const r = evalOne(patch(SET_UP, { steps: verifyInReview, icp: { status: 'platform_review', date: d('2026-11-20') } }));
    const f = finding(r, 'ICP-VERIFY-FIRST');
    expect(f).toMatchObject({ severity: 'error', step: 'icp' });
    expect(f.text).toBe('非个人主体须先完成微信认证再提交备案（认证：审核中）');
  });

  test('a personal subject needs no verification before filing', () => {
    const r = evalOne(patch(SET_UP, { subjectType: 'personal', steps: { verify: { status: 'not_started', date: null } }, icp: { status: 'platform_review', date: d('2026-11-20') } }));
    expect(rules(r)).not.toContain('ICP-VERIFY-FIRST');
  });

  test('verification approved: fine', () => {
    const r = evalOne(patch(SET_UP, { icp: { status: 'platform_review', date: d('2026-11-20') } }));
    expect(rules(r)).not.toContain('ICP-VERIFY-FIRST');
  });

  test('not filed yet: nothing to complain about, but icp.submit waits for verification', () => {
    const r = evalOne(patch(SET_UP, { steps: verifyInReview }));
    expect(rules(r)).not.toContain('ICP-VERIFY-FIRST');
    expect(codes(r)).not.toContain('icp.submit');
    const personal = evalOne(patch(SET_UP, { subjectType: 'personal', steps: { verify: { status: 'not_started', date: null } } }));
    expect(codes(personal)).toContain('icp.submit');
  });
});

describe('ICP-START-BY past the latest start', () => {
  // Was a bug (fixed): src/rules/icp.ts checkStartBy — one day past the latest safe start (2026-11-24 for a
  // 2026-12-25 target), `late` is filingEnd(today) − target = 0, so the message still says
  // "start by 2026-11-24" (a date already gone) instead of saying the launch is at risk.
  // rules.md §3: "Past that start date, the target launch is at risk: say by how much."
  test('on 2026-11-25 (one day past 2026-11-24) the finding says the start date has passed', () => {
    const r = evalOne(patch(SET_UP, { targetLaunch: d('2026-12-25') }), { today: d('2026-11-25') });
    expect(finding(r, 'ICP-START-BY').text).toContain('备案最晚应于 2026-11-24 开始');
  });

  test('on 2026-11-24 itself (the latest safe start): a warning, 0 days late, and when filing started today would end', () => {
    // rules.md §9: a warning from that day on. From Tue 11-24: + 2 wd = 11-26, + 1 day = 11-27,
    // + 20 wd = 12-25 (11-30..12-04, 07..11, 14..18, 21..25): on the target, not after it.
    const r = evalOne(patch(SET_UP, { targetLaunch: d('2026-12-25') }), { today: d('2026-11-24') });
    const f = finding(r, 'ICP-START-BY');
    expect(f.severity).toBe('warning');
    expect(f.text).toBe('目标上线 2026-12-25：今天（2026-11-24）是备案最晚开始日，请今天提交；现在开始预计 2026-12-25 备案完成');
    expect(r.dueDate).toBe('2026-11-24');
    const en = evalOne(patch(SET_UP, { targetLaunch: d('2026-12-25') }), { today: d('2026-11-24'), language: 'en' });
    expect(finding(en, 'ICP-START-BY').text).toBe('Target launch 2026-12-25: today (2026-11-24) is the latest safe day to start the ICP filing; started now it would be filed by 2026-12-25');
  });

  test('the day before (2026-11-23): still info, naming the date', () => {
    const r = evalOne(patch(SET_UP, { targetLaunch: d('2026-12-25') }), { today: d('2026-11-23'), language: 'en' });
    expect(finding(r, 'ICP-START-BY')).toMatchObject({ severity: 'info', text: 'Target launch 2026-12-25: start the ICP filing by 2026-11-24 (platform review + SMS + administration review)' });
    expect(r.icpDeadline).toBe('2026-11-24');
  });

  test('one day past (2026-11-25): a warning, 1 day late', () => {
    // from Wed 11-25: + 2 wd = Fri 11-27, + 1 day = Sat 11-28, + 20 wd = 12-25 (11-30..12-04, 07..11, 14..18, 21..25)
    const r = evalOne(patch(SET_UP, { targetLaunch: d('2026-12-25') }), { today: d('2026-11-25') });
    const f = finding(r, 'ICP-START-BY');
    expect(f.severity).toBe('warning');
    expect(f.text).toBe('目标上线 2026-12-25 有风险：备案最晚应于 2026-11-24 开始，已晚 1 天；现在开始预计 2026-12-25 备案完成');
  });
});

describe('ICP-REQUIRED only where filing holds the launch back (rules.md §9)', () => {
  test('early rows (version not yet submitted): no ICP-REQUIRED; the filing is a step on the path', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(rules(r)).not.toContain('ICP-REQUIRED');
    expect(codes(r)).toContain('icp.submit');
    const mp = evalOne(patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品' }));
    expect(rules(mp)).not.toContain('ICP-REQUIRED');
    expect(mp.nextStep.code).toBe('icp.submit');
  });

  test('a mini-program whose code review is approved and filing not submitted: error', () => {
    const r = evalOne(patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品', steps: { version: { status: 'approved', date: d('2026-11-20') } } }));
    expect(finding(r, 'ICP-REQUIRED')).toMatchObject({ severity: 'error', step: 'icp' });
    expect(rules(r)).not.toContain('FLOW-PREREQ');
  });
});
