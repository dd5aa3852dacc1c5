/**
 * Live-stream eligibility (rules.md §4). A released shop mini-program that meets every
 * condition, then one condition changed at a time, at its boundary.
 */
import { codes, d, evalOne, findings, patch, rules, SET_UP } from './helpers';
import type { RowPatch } from '../../src/rules/row';

const ELIGIBLE: RowPatch = patch(SET_UP, {
  kind: 'miniprogram',
  category: '商家自营>服装/鞋/箱包',
  subjectType: 'enterprise',
  releaseDate: d('2026-06-01'),
  icp: { status: 'filed', date: d('2026-05-20') },
  steps: { version: { status: 'approved', date: d('2026-05-25') } },
  wantsLive: true,
  lastViolation: 'none',
  lastPayment: d('2026-11-01'),
  followers: 101,
  dau7: 0,
  adSpend: 0,
});

describe('eligible', () => {
  test('all conditions met: eligible, no live findings, live.apply offered', () => {
    const r = evalOne(ELIGIBLE);
    expect(r.live).toEqual({ eligible: true, failed: [], eligibleFrom: null });
    expect(r.findings.filter((f) => f.rule.startsWith('LIVE-'))).toEqual([]);
    expect(r.nextStep.code).toBe('live.apply');
    expect(r.nextStep.text).toBe('申请开通小程序直播');
  });

  test('eligible categories: 电商平台 and the 商家自营 list, with any separator', () => {
    for (const category of ['电商平台', '商家自营-食品', '商家自营/宠物(非活体)', '商家自营 > 图书报刊/音像/影视/游戏/动漫']) {
      expect(evalOne(patch(ELIGIBLE, { category })).live.eligible).toBe(true);
    }
  });
});

describe('LIVE-CATEGORY', () => {
  test('教育>在线教育 is not in the list', () => {
    const r = evalOne(patch(ELIGIBLE, { category: '教育>在线教育' }));
    expect(r.live.failed).toEqual(['LIVE-CATEGORY']);
    const [f] = findings(r, 'LIVE-CATEGORY');
    expect(f).toMatchObject({ severity: 'warning', step: 'live' });
    expect(f.text).toBe('直播：类目“教育>在线教育”不在可开通直播的类目中');
    expect(codes(r)).not.toContain('live.apply');
  });

  test('商家自营>宠物(活体) — live animals — is not eligible, 宠物(非活体) is', () => {
    // The list says 宠物(非活体); a pet shop selling live animals must not match it.
    expect(evalOne(patch(ELIGIBLE, { category: '商家自营>宠物(非活体)' })).live.eligible).toBe(true);
    expect(evalOne(patch(ELIGIBLE, { category: '商家自营>宠物(活体)' })).live.failed).toEqual(['LIVE-CATEGORY']);
  });

  test('the list is a setting: replacing it changes the outcome', () => {
    const r = evalOne(patch(ELIGIBLE, { category: '教育>在线教育' }), { settings: { 'live.categories': ['教育>在线教育'] } });
    expect(r.live.eligible).toBe(true);
    expect(evalOne(ELIGIBLE, { settings: { 'live.categories': ['教育>在线教育'] } }).live.failed).toEqual(['LIVE-CATEGORY']);
  });
});

describe('LIVE-SUBJECT', () => {
  test('a personal subject is not eligible', () => {
    const r = evalOne(patch(ELIGIBLE, { subjectType: 'personal' }));
    expect(r.live.failed).toEqual(['LIVE-SUBJECT']);
    expect(findings(r, 'LIVE-SUBJECT')[0].severity).toBe('warning');
  });

  test('an individual business is', () => {
    expect(evalOne(patch(ELIGIBLE, { subjectType: 'individual' })).live.eligible).toBe(true);
  });
});

describe('LIVE-VIOLATION-6M', () => {
  // rules.md: "eligibility returns 6 months after it" — on the day six months after the violation.
  test('violation 2026-05-22: inside the 6-month window; eligible again from 2026-11-22', () => {
    const r = evalOne(patch(ELIGIBLE, { lastViolation: d('2026-05-22') }));
    expect(r.live).toEqual({ eligible: false, failed: ['LIVE-VIOLATION-6M'], eligibleFrom: '2026-11-22' });
    const [f] = findings(r, 'LIVE-VIOLATION-6M');
    expect(f.text).toBe('直播：近 6 个月有严重违规（2026-05-22），2026-11-22 起恢复资格');
    expect(evalOne(patch(ELIGIBLE, { lastViolation: d('2026-05-22') }), { today: d('2026-11-22') }).live.eligible).toBe(true);
  });

  test('violation 2026-05-21, exactly 6 months before today: eligible again today', () => {
    const r = evalOne(patch(ELIGIBLE, { lastViolation: d('2026-05-21') }));
    expect(r.live.eligible).toBe(true);
    expect(rules(r)).not.toContain('LIVE-VIOLATION-6M');
  });

  test('month ends clamp: violation 2026-08-31 → eligible from 2027-02-28', () => {
    const r = evalOne(patch(ELIGIBLE, { lastViolation: d('2026-08-31') }));
    expect(r.live.eligibleFrom).toBe('2027-02-28');
  });

  test('rules.md §9: violation on the 31st, six months later a 30-day month → its last day; eligible from that day', () => {
    // 2026-05-31 + 6 months = 2026-11-31, which does not exist → 2026-11-30
    const r = evalOne(patch(ELIGIBLE, { lastViolation: d('2026-05-31') }), { today: d('2026-11-29') });
    expect(r.live).toEqual({ eligible: false, failed: ['LIVE-VIOLATION-6M'], eligibleFrom: '2026-11-30' });
    expect(findings(r, 'LIVE-VIOLATION-6M').map((f) => f.severity)).toEqual(['warning']);
    const onTheDay = evalOne(patch(ELIGIBLE, { lastViolation: d('2026-05-31') }), { today: d('2026-11-30') });
    expect(onTheDay.live).toEqual({ eligible: true, failed: [], eligibleFrom: null });
  });

  test('rules.md §9: not wanting live, the same result is computed and no LIVE-* finding is raised', () => {
    const r = evalOne(patch(ELIGIBLE, { lastViolation: d('2026-05-31'), wantsLive: false }), { today: d('2026-11-29') });
    expect(r.live.eligibleFrom).toBe('2026-11-30');
    expect(rules(r).filter((id) => id.startsWith('LIVE-'))).toEqual([]);
  });

  test('no eligibility date when another condition fails too', () => {
    const r = evalOne(patch(ELIGIBLE, { lastViolation: d('2026-10-01'), lastPayment: null }));
    expect(r.live.failed).toEqual(['LIVE-VIOLATION-6M', 'LIVE-PAYMENT-90D']);
    expect(r.live.eligibleFrom).toBeNull();
  });

  test('the window length is a setting', () => {
    const r = evalOne(patch(ELIGIBLE, { lastViolation: d('2026-09-01') }), { settings: { 'live.violationMonths': 2 } });
    expect(r.live.eligible).toBe(true);
  });
});

describe('LIVE-PAYMENT-90D', () => {
  test('last payment 2026-08-23 is 90 days before 2026-11-21: still counts', () => {
    // 08-23 → 09-23 (31) → 10-23 (30) → 11-21 (29) = 90
    expect(evalOne(patch(ELIGIBLE, { lastPayment: d('2026-08-23') })).live.eligible).toBe(true);
  });

  test('last payment 2026-08-22 is 91 days ago: fails', () => {
    const r = evalOne(patch(ELIGIBLE, { lastPayment: d('2026-08-22') }));
    expect(r.live.failed).toEqual(['LIVE-PAYMENT-90D']);
    expect(findings(r, 'LIVE-PAYMENT-90D')[0].text).toBe('直播：最近支付 2026-08-22，已超过 90 天');
    expect(r.live.eligibleFrom).toBeNull();
  });

  test('no payment at all: fails, and says developer-tool payments do not count', () => {
    const r = evalOne(patch(ELIGIBLE, { lastPayment: null }), { language: 'en' });
    expect(findings(r, 'LIVE-PAYMENT-90D')[0].text).toBe('Live streaming: no payment in the last 90 days (developer-tool payments do not count)');
  });

  test('a payment dated after today does not count', () => {
    expect(evalOne(patch(ELIGIBLE, { lastPayment: d('2026-11-25') })).live.failed).toEqual(['LIVE-PAYMENT-90D']);
  });
});

describe('LIVE-FOLLOWERS / LIVE-DAU / LIVE-ADSPEND: at least one', () => {
  const NONE = { followers: 100, dau7: 100, adSpend: 10_000 };

  test('exactly at every threshold (100 / 100 / 10,000): all three fail', () => {
    const r = evalOne(patch(ELIGIBLE, NONE));
    expect(r.live.failed).toEqual(['LIVE-FOLLOWERS', 'LIVE-DAU', 'LIVE-ADSPEND']);
    expect(findings(r, 'LIVE-ADSPEND')[0].text).toBe('直播：近一年广告消耗 10,000 元，须超过 10,000 元（或满足粉丝、DAU 之一）');
  });

  test.each([
    ['followers', { followers: 101 }],
    ['7-day DAU', { dau7: 101 }],
    ['ad spend', { adSpend: 10_001 }],
  ])('one over its threshold (%s) is enough', (_label, over) => {
    const r = evalOne(patch(ELIGIBLE, NONE, over));
    expect(r.live.eligible).toBe(true);
    expect(r.live.failed).toEqual([]);
  });

  test('unknown audience numbers fail', () => {
    const r = evalOne(patch(ELIGIBLE, { followers: null, dau7: null, adSpend: null }), { language: 'en' });
    expect(findings(r, 'LIVE-FOLLOWERS')[0].text).toBe('Live streaming: (empty) followers, more than 100 needed (or the DAU or ad-spend condition)');
  });

  test('thresholds are settings', () => {
    expect(evalOne(patch(ELIGIBLE, NONE), { settings: { 'live.minDau': 99 } }).live.eligible).toBe(true);
  });
});

describe('LIVE-PAUSED', () => {
  test('default off: no note', () => {
    expect(rules(evalOne(ELIGIBLE))).not.toContain('LIVE-PAUSED');
  });

  test('switched on: an eligible row gets the info note, and live.apply is not offered', () => {
    const r = evalOne(ELIGIBLE, { settings: { 'live.paused': true } });
    const [f] = findings(r, 'LIVE-PAUSED');
    expect(f).toMatchObject({ severity: 'info', step: 'live' });
    expect(f.text).toContain('268489001');
    expect(r.live.eligible).toBe(true);
    expect(codes(r)).not.toContain('live.apply');
  });

  test('switched on: an ineligible row does not get it', () => {
    const r = evalOne(patch(ELIGIBLE, { subjectType: 'personal' }), { settings: { 'live.paused': true } });
    expect(rules(r)).not.toContain('LIVE-PAUSED');
  });
});

describe('findings only for rows that want live streaming', () => {
  test('wantsLive not set: the eligibility is computed, no findings', () => {
    const r = evalOne(patch(ELIGIBLE, { wantsLive: null, subjectType: 'personal' }));
    expect(r.live.failed).toEqual(['LIVE-SUBJECT']);
    expect(r.findings.filter((f) => f.rule.startsWith('LIVE-'))).toEqual([]);
  });

  test('an unreleased program: eligible conditions, but nothing to apply for yet', () => {
    const r = evalOne(patch(ELIGIBLE, { releaseDate: null }));
    expect(codes(r)).not.toContain('live.apply');
  });
});
