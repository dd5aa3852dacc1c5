/**
 * The mini-game and mini-program flows (rules.md §1, §2): FLOW-PREREQ, the special
 * categories, FLOW-SLA, FLOW-REJECTED, FLOW-WITHDRAWN, the slow name paths, the category
 * rules, PAY-SUBJECT / PAY-PREREQ and REV-RESUBMIT-WINDOW. today = Saturday 2026-11-21.
 */
import { codes, d, evalOne, finding, findings, patch, REVIEWED, rules, SET_UP } from './helpers';

const QUAL_APPROVED = { qualification: { status: 'approved' as const, date: d('2026-11-02') } };

describe('FLOW-PREREQ', () => {
  test('version submitted for a 棋牌-牌类 game whose qualification is still in review (special category)', () => {
    const r = evalOne(
      patch(SET_UP, {
        category: '游戏>棋牌-牌类',
        steps: { qualification: { status: 'submitted', date: d('2026-11-19') }, version: { status: 'submitted', date: d('2026-11-20') } },
      }),
    );
    const f = finding(r, 'FLOW-PREREQ');
    expect(f).toMatchObject({ severity: 'error', step: 'version' });
    expect(f.text).toContain('版本审核');
    expect(f.text).toContain('资质审核');
    expect(f.text).toContain('特殊类目');
    expect(r.severity).toBe('error');
  });

  test('not raised for an ordinary category: version may follow a submitted qualification', () => {
    const r = evalOne(
      patch(SET_UP, {
        category: '游戏>休闲',
        steps: { qualification: { status: 'submitted', date: d('2026-11-19') }, version: { status: 'submitted', date: d('2026-11-20') } },
      }),
    );
    expect(rules(r)).not.toContain('FLOW-PREREQ');
  });

  test('not raised for a special category once the qualification is approved', () => {
    const r = evalOne(patch(SET_UP, { category: '游戏>棋牌-牌类', steps: { ...QUAL_APPROVED, version: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(rules(r)).not.toContain('FLOW-PREREQ');
  });

  test('version submitted before the qualification was even submitted (any category), both steps named', () => {
    const r = evalOne(patch(SET_UP, { steps: { version: { status: 'submitted', date: d('2026-11-20') } } }), { language: 'en' });
    const f = finding(r, 'FLOW-PREREQ');
    expect(f.step).toBe('version');
    expect(f.text).toBe('Version review submitted before the qualification review was submitted');
  });

  test('name set before the account is registered', () => {
    const r = evalOne({ steps: { name: { status: 'approved', date: d('2026-11-10') } } });
    const f = finding(r, 'FLOW-PREREQ');
    expect(f.step).toBe('name');
    expect(f.text).toBe('名称设置已提交，但前置步骤注册账号尚未完成');
  });

  test('real-name system connected before the qualification was approved', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-19') }, realname: { status: 'approved', date: d('2026-11-20') } } }));
    expect(finding(r, 'FLOW-PREREQ').step).toBe('realname');
    // neighbour: after approval it is fine
    const ok = evalOne(patch(SET_UP, { steps: { ...QUAL_APPROVED, realname: { status: 'approved', date: d('2026-11-20') } } }));
    expect(rules(ok)).not.toContain('FLOW-PREREQ');
  });

  test('ICP filing submitted while the category is not set', () => {
    const r = evalOne(
      patch(SET_UP, { steps: { category: { status: 'in_progress', date: null } }, icp: { status: 'platform_review', date: d('2026-11-20') } }),
    );
    const f = finding(r, 'FLOW-PREREQ');
    expect(f.step).toBe('icp');
    expect(f.text).toContain('类目设置');
  });

  test('a mini-program code review submitted before ICP filing: no FLOW-PREREQ (rules.md §9: an order, not a prerequisite)', () => {
    const row = patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品', steps: { version: { status: 'submitted', date: d('2026-11-20') } } });
    const r = evalOne(row);
    expect(rules(r)).not.toContain('FLOW-PREREQ');
    // filing is what holds the launch back now
    expect(finding(r, 'ICP-REQUIRED').severity).toBe('error');
    expect(r.nextStep.code).toBe('icp.submit');
    expect(codes(r)).toContain('version.await');
    expect(rules(evalOne(row, { settings: { 'flow.miniprogramVersionAfterIcp': false } }))).not.toContain('FLOW-PREREQ');
    expect(rules(evalOne(patch(row, { icp: { status: 'filed', date: d('2026-11-10') } })))).not.toContain('FLOW-PREREQ');
  });

  test('the mini-program order still ranks the next step and the ETA: file first, code review after the filing', () => {
    const row = patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品' });
    const r = evalOne(row);
    expect(r.nextStep.code).toBe('icp.submit');
    expect(codes(r)).not.toContain('version.submit');
    // filing from today (Sat 11-21): + 2 wd = 11-24, + 1 day = 11-25, + 20 wd = 12-23; code review + 3 wd = 12-28
    expect(r.eta).toBe('2026-12-28');
    const unordered = evalOne(row, { settings: { 'flow.miniprogramVersionAfterIcp': false } });
    expect(codes(unordered)).toContain('version.submit');
    expect(unordered.eta).toBe('2026-12-23');
  });

  test('an in-progress step is not a claim of submission: no FLOW-PREREQ', () => {
    const r = evalOne(patch(SET_UP, { steps: { realname: { status: 'in_progress', date: null } } }));
    expect(rules(r)).not.toContain('FLOW-PREREQ');
  });
});

describe('FLOW-SPECIAL-CATEGORY behaviour', () => {
  const qualInReview = { qualification: { status: 'submitted' as const, date: d('2026-11-20') } };

  test('said ahead (info, on the version) while a special-category version is still to be submitted', () => {
    const r = evalOne(patch(SET_UP, { category: '游戏>休闲-捕鱼', steps: qualInReview }));
    const f = finding(r, 'FLOW-SPECIAL-CATEGORY');
    expect(f).toMatchObject({ severity: 'info', step: 'version' });
    expect(f.text).toBe('特殊类目（游戏>休闲-捕鱼）：须资质审核通过后才能提交版本审核');
  });

  test('not said for an ordinary category, nor once the qualification is approved', () => {
    expect(rules(evalOne(patch(SET_UP, { category: '游戏>休闲', steps: qualInReview })))).not.toContain('FLOW-SPECIAL-CATEGORY');
    expect(rules(evalOne(patch(SET_UP, { category: '游戏>休闲-捕鱼', steps: QUAL_APPROVED })))).not.toContain('FLOW-SPECIAL-CATEGORY');
  });

  test.each(['游戏>棋牌-牌类', '游戏>休闲-捕鱼', '游戏>文化互动'])('%s: version may not be submitted while qualification is only submitted', (category) => {
    const r = evalOne(patch(SET_UP, { category, steps: qualInReview }));
    expect(codes(r)).not.toContain('version.submit');
    expect(codes(r)).toContain('qualification.await');
  });

  test('an ordinary category may submit the version alongside the qualification', () => {
    const r = evalOne(patch(SET_UP, { category: '游戏>休闲', steps: qualInReview }));
    expect(codes(r)).toContain('version.submit');
  });

  test('special category with qualification approved: version.submit is offered', () => {
    const r = evalOne(patch(SET_UP, { category: '游戏>棋牌-牌类', steps: QUAL_APPROVED }));
    expect(codes(r)).toContain('version.submit');
  });

  test('the special list does not apply to mini-programs', () => {
    const r = evalOne(
      patch(SET_UP, {
        kind: 'miniprogram',
        category: '游戏>棋牌-牌类',
        icp: { status: 'filed', date: d('2026-11-02') },
        steps: { version: { status: 'submitted', date: d('2026-11-20') } },
      }),
    );
    expect(rules(r)).not.toContain('FLOW-PREREQ');
  });
});

describe('FLOW-SLA: a review past its due date', () => {
  test('qualification submitted 2026-11-17 (+3 natural days = 2026-11-20) is 1 day overdue on 2026-11-21', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-17') } } }));
    const f = finding(r, 'FLOW-SLA');
    expect(f).toMatchObject({ severity: 'warning', step: 'qualification' });
    expect(f.text).toBe('资质审核已超期 1 天（2026-11-17 提交，应于 2026-11-20 前完成）');
    expect(r.dueDate).toBe('2026-11-20');
    expect(r.dueFor).toBe('qualification');
  });

  test('submitted 2026-11-18: due exactly today 2026-11-21, not overdue', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-18') } } }));
    expect(rules(r)).not.toContain('FLOW-SLA');
    expect(r.dueDate).toBe('2026-11-21');
    expect(r.nextActions.map((a) => a.text)).toContain('等待资质审核（预计 2026-11-21）');
  });

  test('mini-game version review counts natural days, mini-program code review working days', () => {
    // both submitted Wednesday 2026-11-18; checked Sunday 2026-11-22
    const version = { version: { status: 'submitted' as const, date: d('2026-11-18') } };
    const game = evalOne(patch(SET_UP, { steps: { ...QUAL_APPROVED, ...version } }), { today: d('2026-11-22') });
    expect(finding(game, 'FLOW-SLA').text).toContain('应于 2026-11-21 前完成'); // 11-18 + 3 days
    const program = evalOne(patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品', icp: { status: 'filed', date: d('2026-11-02') }, steps: version }), {
      today: d('2026-11-22'),
    });
    // 11-19 (1), 11-20 (2), Mon 11-23 (3)
    expect(rules(program)).not.toContain('FLOW-SLA');
    expect(program.dueDate).toBe('2026-11-23');
    const late = evalOne(patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品', icp: { status: 'filed', date: d('2026-11-02') }, steps: version }), {
      today: d('2026-11-24'),
    });
    expect(finding(late, 'FLOW-SLA').text).toBe('版本审核已超期 1 天（2026-11-18 提交，应于 2026-11-23 前完成）');
  });

  test('real-name system: 1 working day; submitted Thursday 2026-11-19, due Friday, overdue Saturday', () => {
    const r = evalOne(patch(SET_UP, { steps: { ...QUAL_APPROVED, realname: { status: 'submitted', date: d('2026-11-19') } } }));
    expect(finding(r, 'FLOW-SLA')).toMatchObject({ step: 'realname' });
    expect(finding(r, 'FLOW-SLA').text).toContain('2026-11-20');
    const onTime = evalOne(patch(SET_UP, { steps: { ...QUAL_APPROVED, realname: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(rules(onTime)).not.toContain('FLOW-SLA'); // due Monday 11-23
  });

  test('the due date restarts when a review is resubmitted: a new submitted date is judged on its own', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(r.dueDate).toBe('2026-11-23');
    expect(rules(r)).not.toContain('FLOW-SLA');
  });
});

describe('FLOW-REJECTED', () => {
  test('a rejected qualification: fix and resubmit, no due date until resubmitted', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'rejected', date: d('2026-11-19') } } }));
    const f = finding(r, 'FLOW-REJECTED');
    expect(f).toMatchObject({ severity: 'warning', step: 'qualification' });
    expect(f.text).toContain('2026-11-19');
    expect(r.nextStep.code).toBe('qualification.resubmit');
    expect(rules(r)).not.toContain('FLOW-SLA');
    expect(r.dueFor).not.toBe('qualification');
  });

  test('not raised while the review is still open', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-19') } } }));
    expect(rules(r)).not.toContain('FLOW-REJECTED');
    expect(codes(r)).not.toContain('qualification.resubmit');
  });

  test('a rejected mini-game version is FLOW-REJECTED, not the mini-program resubmit window', () => {
    const r = evalOne(patch(SET_UP, { steps: { ...QUAL_APPROVED, version: { status: 'rejected', date: d('2026-11-01') } } }));
    expect(finding(r, 'FLOW-REJECTED').step).toBe('version');
    expect(rules(r)).not.toContain('REV-RESUBMIT-WINDOW');
  });
});

describe('FLOW-WITHDRAWN', () => {
  test('a withdrawn qualification review: info, resubmit to queue again, no overdue', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'withdrawn', date: d('2026-11-10') } } }));
    const f = finding(r, 'FLOW-WITHDRAWN');
    expect(f).toMatchObject({ severity: 'info', step: 'qualification' });
    expect(f.text).toContain('重新排队');
    expect(codes(r)).toContain('qualification.resubmit');
    expect(rules(r)).not.toContain('FLOW-SLA');
  });

  test('the same date, still submitted: overdue, not withdrawn', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-10') } } }));
    expect(rules(r)).not.toContain('FLOW-WITHDRAWN');
    expect(finding(r, 'FLOW-SLA').text).toContain('超期 8 天'); // due 11-13
  });
});

describe('FLOW-NAME-PROTECTED and FLOW-NAME-COMPLAINT', () => {
  const registered = { register: { status: 'approved' as const, date: d('2026-11-01') } };

  test('protected word: submitted Thursday 2026-11-19, due in 3 working days = Tuesday 2026-11-24', () => {
    // 11-20 (1), Mon 11-23 (2), Tue 11-24 (3)
    const r = evalOne({ namePath: 'protected', steps: { ...registered, name: { status: 'submitted', date: d('2026-11-19') } } });
    const f = finding(r, 'FLOW-NAME-PROTECTED');
    expect(f).toMatchObject({ severity: 'info', step: 'name' });
    expect(f.text).toContain('营业执照');
    expect(f.text).toContain('2026-11-24');
    expect(r.dueDate).toBe('2026-11-24');
    expect(r.dueFor).toBe('name');
    expect(rules(r)).not.toContain('FLOW-SLA');
  });

  test('protected word: submitted Monday 2026-11-16 is overdue on Saturday (due 11-19)', () => {
    const r = evalOne({ namePath: 'protected', steps: { ...registered, name: { status: 'submitted', date: d('2026-11-16') } } });
    expect(finding(r, 'FLOW-SLA').text).toContain('应于 2026-11-19 前完成');
  });

  test('normal name path or a name already approved: no name-path finding', () => {
    expect(rules(evalOne({ namePath: 'normal', steps: { ...registered, name: { status: 'in_progress', date: null } } }))).not.toContain('FLOW-NAME-PROTECTED');
    expect(rules(evalOne({ namePath: 'protected', steps: { ...registered, name: { status: 'approved', date: d('2026-11-10') } } }))).not.toContain(
      'FLOW-NAME-PROTECTED',
    );
  });

  test('name taken: complaint 7 working days then 7 natural days: submitted 2026-11-16 → free on 2026-12-02', () => {
    // complaint: 11-17..20 (1–4), 11-23..25 (5–7) → 11-25; + 7 days → 12-02
    const r = evalOne({ namePath: 'occupied', steps: { ...registered, name: { status: 'submitted', date: d('2026-11-16') } } });
    const f = finding(r, 'FLOW-NAME-COMPLAINT');
    expect(f).toMatchObject({ severity: 'info', step: 'name' });
    expect(f.text).toContain('2026-12-02');
    expect(r.dueDate).toBe('2026-12-02');
    expect(rules(r)).not.toContain('FLOW-SLA');
  });

  test('name taken, complaint filed across National Day 2026: 2026-09-28 → 2026-10-20', () => {
    // 09-29 (1), 09-30 (2), 10-01..07 off, 10-08 (3), 10-09 (4), Sat 10-10 (5), 10-12 (6), 10-13 (7); + 7 = 10-20
    const r = evalOne({ namePath: 'occupied', steps: { ...registered, name: { status: 'submitted', date: d('2026-09-28') } } }, { today: d('2026-09-29') });
    expect(r.dueDate).toBe('2026-10-20');
    // one day after the release day it is overdue
    const late = evalOne({ namePath: 'occupied', steps: { ...registered, name: { status: 'submitted', date: d('2026-09-28') } } }, { today: d('2026-10-21') });
    expect(finding(late, 'FLOW-SLA').text).toContain('超期 1 天');
    const onDay = evalOne({ namePath: 'occupied', steps: { ...registered, name: { status: 'submitted', date: d('2026-09-28') } } }, { today: d('2026-10-20') });
    expect(rules(onDay)).not.toContain('FLOW-SLA');
  });

  test('name taken but already approved (the complaint succeeded): no FLOW-NAME-COMPLAINT', () => {
    const r = evalOne({ namePath: 'occupied', steps: { ...registered, name: { status: 'approved', date: d('2026-11-16') } } });
    expect(rules(r)).not.toContain('FLOW-NAME-COMPLAINT');
    expect(r.dueDate).toBeNull();
  });

  test('a name not yet submitted on a slow path: the finding explains, without a date', () => {
    const r = evalOne({ namePath: 'occupied', steps: { ...registered } }, { language: 'en' });
    expect(finding(r, 'FLOW-NAME-COMPLAINT').text).toBe('The name is taken: a complaint takes about 7 working days, then the name is released after 7 days');
  });
});

describe('CAT-LOCKED-AFTER-RELEASE', () => {
  test('shown (info) while release is the next step of a mini-game', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'filed', date: d('2026-11-18'), number: '浙ICP备2026000001号-1X' } }));
    expect(r.nextStep.code).toBe('release.publish');
    expect(finding(r, 'CAT-LOCKED-AFTER-RELEASE')).toMatchObject({ severity: 'info', step: 'category' });
    expect(r.stage.code).toBe('ready');
  });

  test('not shown while ICP filing still holds the release back', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-11-18') } }));
    expect(r.nextStep.code).not.toBe('release.publish');
    expect(rules(r)).not.toContain('CAT-LOCKED-AFTER-RELEASE');
  });

  test('not shown once released', () => {
    const r = evalOne(patch(REVIEWED, { releaseDate: d('2026-11-20'), icp: { status: 'filed', date: d('2026-11-18') } }));
    expect(rules(r)).not.toContain('CAT-LOCKED-AFTER-RELEASE');
  });
});

describe('CAT-PERSONAL-FORBIDDEN', () => {
  test.each([
    ['游戏>棋牌-牌类', '牌类'],
    ['游戏>文化互动', '文化互动'],
    // rules.md §9: 角色 matches a level 角色 (or a level ending in it), not 角色扮演 (see categories.test.ts)
    ['游戏>角色', '角色'],
  ])('a personal subject choosing %s (error)', (category, forbidden) => {
    const r = evalOne({ subjectType: 'personal', category });
    const f = finding(r, 'CAT-PERSONAL-FORBIDDEN');
    expect(f).toMatchObject({ severity: 'error', step: 'category' });
    expect(f.text).toBe(`个人主体不能选择“${forbidden}”类目（当前：${category}）`);
  });

  test('an enterprise may choose 牌类; a person may choose 休闲', () => {
    expect(rules(evalOne({ subjectType: 'enterprise', category: '游戏>棋牌-牌类' }))).not.toContain('CAT-PERSONAL-FORBIDDEN');
    expect(rules(evalOne({ subjectType: 'personal', category: '游戏>休闲' }))).not.toContain('CAT-PERSONAL-FORBIDDEN');
  });
});

describe('PAY-SUBJECT and PAY-PREREQ', () => {
  test.each(['personal', 'government', 'media', 'other'] as const)('virtual payment wanted by a %s subject (error)', (subjectType) => {
    const r = evalOne(patch(SET_UP, { subjectType, wantsPayment: true }));
    expect(finding(r, 'PAY-SUBJECT')).toMatchObject({ severity: 'error', step: 'payment' });
  });

  test('individual businesses and enterprises may open virtual payment', () => {
    for (const subjectType of ['individual', 'enterprise'] as const) {
      expect(rules(evalOne(patch(SET_UP, { subjectType, wantsPayment: true })))).not.toContain('PAY-SUBJECT');
    }
    // and nobody is told anything when payment is not wanted
    expect(rules(evalOne(patch(SET_UP, { subjectType: 'personal', wantsPayment: false })))).not.toContain('PAY-SUBJECT');
  });

  test('PAY-PREREQ lists what is still missing: qualification and real-name (verification approved)', () => {
    const r = evalOne(patch(SET_UP, { wantsPayment: true, steps: { qualification: { status: 'submitted', date: d('2026-11-20') } } }));
    const f = finding(r, 'PAY-PREREQ');
    expect(f).toMatchObject({ severity: 'info', step: 'payment' });
    expect(f.text).toBe('开通虚拟支付前还需完成：资质审核、实名认证接入');
    expect(codes(r)).not.toContain('payment.start');
  });

  test('PAY-PREREQ names verification when only it is missing', () => {
    const r = evalOne(
      patch(REVIEWED, { wantsPayment: true, steps: { verify: { status: 'submitted', date: d('2026-11-20') } } }),
      { language: 'en' },
    );
    expect(finding(r, 'PAY-PREREQ').text).toBe('Before virtual payment: WeChat verification still to do');
  });

  test('everything in place: no PAY-PREREQ and payment can be applied for', () => {
    const r = evalOne(patch(REVIEWED, { wantsPayment: true }));
    expect(rules(r)).not.toContain('PAY-PREREQ');
    expect(codes(r)).toContain('payment.start');
  });

  const releasedReady = patch(REVIEWED, { wantsPayment: true, releaseDate: d('2026-11-10'), icp: { status: 'filed', date: d('2026-11-05') } });

  test('an enterprise whose prerequisites are done is offered payment.start', () => {
    const r = evalOne(patch(releasedReady, { subjectType: 'enterprise' }));
    expect(r.nextStep.code).toBe('payment.start');
  });

  // Was a bug (fixed): src/rules/flow.ts buildFlow / src/rules/steps.ts checkStep — rules.md §1 says payment
  // "may start when: subject is 个体工商户 or 企业; …", but the subject is not a prerequisite
  // in the flow graph, so a government (or personal) subject gets PAY-SUBJECT (error) *and*
  // "申请开通虚拟支付" as its next step. Minimal input: a released mini-game, subjectType
  // 'government', wantsPayment true, verify/qualification/realname approved.
  test.each(['government', 'personal'] as const)('a %s subject is not offered payment.start (PAY-SUBJECT says it cannot)', (subjectType) => {
    const r = evalOne(patch(releasedReady, { subjectType }));
    expect(rules(r)).toContain('PAY-SUBJECT');
    expect(codes(r)).not.toContain('payment.start');
  });

  test('version review is independent of verification, real-name and payment (注意事项三)', () => {
    const r = evalOne(
      patch(SET_UP, {
        wantsPayment: true,
        steps: { verify: { status: 'not_started', date: null }, qualification: { status: 'submitted', date: d('2026-11-20') }, version: { status: 'submitted', date: d('2026-11-20') } },
      }),
    );
    expect(findings(r, 'FLOW-PREREQ')).toEqual([]);
  });
});

describe('REV-RESUBMIT-WINDOW (mini-program review rejected)', () => {
  const program = patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品', icp: { status: 'filed', date: d('2026-11-02') } });

  test('rejected 2026-11-14: resubmit by 2026-11-21 (today), still a warning', () => {
    const r = evalOne(patch(program, { steps: { version: { status: 'rejected', date: d('2026-11-14') } } }));
    const f = finding(r, 'REV-RESUBMIT-WINDOW');
    expect(f).toMatchObject({ severity: 'warning', step: 'version' });
    expect(f.text).toBe('审核被驳回（2026-11-14）：须在 2026-11-21 前修改并重新提交，否则需重新走流程');
    expect(r.dueDate).toBe('2026-11-21');
    expect(r.dueFor).toBe('version');
    expect(r.nextStep).toMatchObject({ code: 'version.resubmit', text: '修改后重新提交版本审核（2026-11-21 前）' });
  });

  test('rejected 2026-11-13: the window closed 2026-11-20, an error; the process starts again', () => {
    const r = evalOne(patch(program, { steps: { version: { status: 'rejected', date: d('2026-11-13') } } }));
    const f = finding(r, 'REV-RESUBMIT-WINDOW');
    expect(f.severity).toBe('error');
    expect(f.text).toContain('2026-11-20');
    expect(f.text).toContain('重新走提审流程');
    expect(r.dueDate).toBeNull();
  });

  test('the window is a setting', () => {
    const r = evalOne(patch(program, { steps: { version: { status: 'rejected', date: d('2026-11-13') } } }), { settings: { 'window.resubmit.miniprogram': 10 } });
    expect(finding(r, 'REV-RESUBMIT-WINDOW').severity).toBe('warning');
    expect(r.dueDate).toBe('2026-11-23');
  });

  test('not raised while the review is open', () => {
    const r = evalOne(patch(program, { steps: { version: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(rules(r)).not.toContain('REV-RESUBMIT-WINDOW');
  });
});
