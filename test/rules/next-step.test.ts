/**
 * Next step, next actions, due date and stage (rules.md §8; workbook.md result shape).
 * today = Saturday 2026-11-21.
 */
import { machineResult } from '../../src/rules/result';
import { codes, d, evalOne, patch, REVIEWED, SET_UP } from './helpers';

const QUAL_APPROVED = { qualification: { status: 'approved' as const, date: d('2026-11-02') } };

describe('ordering classes', () => {
  test('1. clearing a critical finding comes first (legacy ICP deadline): icp.submit before resubmitting a rejected version', () => {
    const r = evalOne(patch(REVIEWED, { releaseDate: d('2023-05-10'), steps: { version: { status: 'rejected', date: d('2026-11-19') } } }));
    expect(r.severity).toBe('critical');
    expect(codes(r).slice(0, 2)).toEqual(['icp.submit', 'version.resubmit']);
  });

  test('1. when filing itself cannot start yet, the step that unblocks it clears the critical finding', () => {
    // released before 2023-09-01, never filed, an enterprise not yet verified: verification first
    const r = evalOne(patch(SET_UP, { releaseDate: d('2023-05-10'), steps: { verify: { status: 'not_started', date: null }, version: { status: 'rejected', date: d('2026-11-19') } } }));
    expect(codes(r)).not.toContain('icp.submit');
    expect(codes(r).slice(0, 2)).toEqual(['verify.submit', 'version.resubmit']);
  });

  test('1. the SMS verification due today comes before everything', () => {
    const r = evalOne(patch(SET_UP, { icp: { status: 'sms_pending', date: d('2026-11-20') }, steps: { qualification: { status: 'rejected', date: d('2026-11-19') } } }));
    expect(codes(r).slice(0, 2)).toEqual(['icp.verify_sms', 'qualification.resubmit']);
  });

  test('2. resubmitting a rejected step comes before the critical path (even a longer one)', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'rejected', date: d('2026-11-19') } } }));
    expect(codes(r).slice(0, 2)).toEqual(['qualification.resubmit', 'icp.submit']);
  });

  test('3. the startable action on the longest remaining path first: ICP filing (≈ 23 working days) before version review (3 days)', () => {
    const r = evalOne(patch(SET_UP, { steps: QUAL_APPROVED }));
    expect(codes(r)).toEqual(['icp.submit', 'version.submit', 'realname.start']);
  });

  test('3. verification lies on the ICP path, so it beats name and category; name and category tie and keep flow order', () => {
    const r = evalOne({ subjectType: 'enterprise', steps: { register: { status: 'approved', date: d('2026-11-01') } } });
    expect(codes(r)).toEqual(['verify.submit', 'name.start', 'category.start']);
    expect(r.stage.code).toBe('setup');
  });

  test('4. another startable action (real-name, not on the release path) comes before waiting', () => {
    const r = evalOne(patch(SET_UP, { icp: { status: 'filed', date: d('2026-11-10') }, steps: { ...QUAL_APPROVED, version: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(codes(r)).toEqual(['realname.start', 'version.await']);
    expect(r.nextActions[0].text).toBe('等待版本审核（预计 2026-11-23）');
  });

  test('5. waiting: the open review that ends last (ICP administration, due 2026-12-01) before the version review (due 2026-11-23)', () => {
    // authority review submitted 2026-11-02: 11-03..06 (4), 11-09..13 (9), 11-16..20 (14), 11-23..27 (19), 11-30 (20)
    const r = evalOne(patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-11-02') }, steps: { version: { status: 'submitted', date: d('2026-11-20') } } }));
    expect(r.nextStep).toMatchObject({ code: 'icp.await', text: '等待备案管局审核（预计 2026-11-30）' });
    expect(codes(r)).toEqual(['icp.await', 'version.await']);
    // the due date is the earliest open item, with what it is for
    expect(r.dueDate).toBe('2026-11-23');
    expect(r.dueFor).toBe('version');
  });

  test('6. after launch: virtual payment, then nothing', () => {
    const released = patch(REVIEWED, { releaseDate: d('2026-11-10'), icp: { status: 'filed', date: d('2026-11-05') } });
    const withPayment = evalOne(patch(released, { wantsPayment: true }));
    expect(withPayment.nextStep).toEqual({ code: 'payment.start', text: '申请开通虚拟支付' });
    const done = evalOne(released);
    expect(done.nextStep).toEqual({ code: 'none', text: '无需操作' });
    expect(done.nextActions).toEqual([]);
    expect(done.stage.code).toBe('released');
  });

  test('6. a released mini-program with live-stream eligibility: live.apply, and WeChat Pay as wxpay', () => {
    const r = evalOne(
      patch(SET_UP, {
        kind: 'miniprogram',
        category: '电商平台',
        releaseDate: d('2026-06-01'),
        icp: { status: 'filed', date: d('2026-05-20') },
        steps: { version: { status: 'approved', date: d('2026-05-25') } },
        wantsPayment: true,
        wantsLive: true,
        lastViolation: 'none',
        lastPayment: d('2026-11-01'),
        dau7: 500,
      }),
      { language: 'en' },
    );
    expect(codes(r)).toEqual(['wxpay.start', 'live.apply']);
    expect(r.nextStep.text).toBe('Set up WeChat Pay');
  });
});

describe('stage', () => {
  test.each([
    ['planned', { hasData: false }, '计划中'],
    ['registration', { name: '星火消消乐' }, '待注册'],
    ['setup', { steps: { register: { status: 'approved' as const, date: d('2026-11-01') } } }, '基础设置'],
    ['review', patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-20') }, version: { status: 'submitted', date: d('2026-11-20') } } }), '资质审核、版本审核中'],
    ['review', SET_UP, '待提交审核'],
    ['filing', REVIEWED, '待备案'],
    ['filing', patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-11-18') } }), '备案审核中'],
    // a mini-program files before its code review (rules.md §2)
    ['filing', patch(SET_UP, { kind: 'miniprogram', category: '商家自营>食品' }), '待备案'],
    ['ready', patch(REVIEWED, { icp: { status: 'filed', date: d('2026-11-18') } }), '待发布'],
    ['released', patch(REVIEWED, { releaseDate: d('2026-11-20'), icp: { status: 'filed', date: d('2026-11-18') } }), '已上线'],
  ])('%s', (code, rowPatch, text) => {
    expect(evalOne(rowPatch).stage).toEqual({ code, text });
  });

  test('English stage text lists the reviews', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-20') } }, icp: { status: 'platform_review', date: d('2026-11-20') } }), { language: 'en' });
    expect(r.stage).toEqual({ code: 'review', text: 'In review: qualification review, ICP filing' });
  });
});

describe('the JSON result (workbook.md "Machine-readable result")', () => {
  test('shape, codes and ISO dates', () => {
    const r = evalOne(
      patch(SET_UP, {
        id: 'G-017',
        isUpdate: true,
        registeredUsers: 12_000,
        expediteDates: [d('2026-10-08')],
        steps: { qualification: { status: 'submitted', date: d('2026-11-20') }, version: { status: 'submitted', date: d('2026-11-21') } },
      }),
    );
    const json = JSON.parse(JSON.stringify(machineResult(r)));
    expect(Object.keys(json).sort()).toEqual(
      ['id', 'row', 'kind', 'stage', 'nextStep', 'nextActions', 'dueDate', 'dueFor', 'dues', 'durations', 'eta', 'icpDeadline', 'severity', 'findings', 'live', 'expedite'].sort(),
    );
    expect(json).toMatchObject({
      id: 'G-017',
      kind: 'minigame',
      stage: { code: 'review', text: '资质审核、版本审核中' },
      nextStep: { code: 'icp.submit', text: '提交小程序备案' },
      dueDate: '2026-11-23',
      dueFor: 'qualification',
      eta: '2026-12-23',
      severity: 'error',
      findings: [{ rule: 'ICP-REQUIRED', severity: 'error', step: 'icp', text: '尚未备案：版本审核中，完成小程序备案后才能发布上线' }],
      live: { eligible: false, eligibleFrom: null },
      expedite: { eligible: true, remaining: 1, refreshes: '2027-01-01' },
    });
    // waits: the review that ends last first (version 11-24, then qualification 11-23)
    expect(json.nextActions).toEqual([
      { code: 'version.await', text: '等待版本审核（预计 2026-11-24）' },
      { code: 'qualification.await', text: '等待资质审核（预计 2026-11-23）' },
    ]);
    expect(json.live.failed).toEqual(expect.arrayContaining(['LIVE-PAYMENT-90D']));
    // every open due date, earliest first: the first is dueDate/dueFor
    expect(json.dues).toEqual([
      { date: '2026-11-23', topic: 'qualification', kind: 'review' },
      { date: '2026-11-24', topic: 'version', kind: 'review' },
    ]);
  });

  test('a finding carries rule, severity, step and text', () => {
    const r = evalOne(patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-17') } } }));
    expect(JSON.parse(JSON.stringify(machineResult(r).findings))).toEqual([
      { rule: 'FLOW-SLA', severity: 'warning', step: 'qualification', text: '资质审核已超期 1 天（2026-11-17 提交，应于 2026-11-20 前完成）' },
    ]);
  });

  test('severity is the highest finding, ok without findings; findings sorted high to low', () => {
    const r = evalOne(patch(SET_UP, { appId: 'wx1', subjectType: 'personal', category: '游戏>棋牌-牌类', steps: { verify: { status: 'not_started', date: null } } }));
    // CAT-PERSONAL-FORBIDDEN (error), DATA-APPID (warning), FLOW-SPECIAL-CATEGORY (info)
    expect(r.findings.map((f) => f.severity)).toEqual(['error', 'warning', 'info']);
    expect(r.severity).toBe('error');
    expect(evalOne(SET_UP).severity).toBe('ok');
  });
});
