/**
 * ETA, the projected release (rules.md §8): every remaining step starts as soon as it may
 * (today at the earliest), takes its upper-bound duration, parallel steps in parallel;
 * overdue reviews end today; released rows have none. Worked by hand on the 2026 calendar.
 */
import { d, evalOne, patch, REVIEWED, rules, SET_UP } from './helpers';

describe('ETA worked by hand', () => {
  test('planned mini-game (enterprise assumed to need verification) on Saturday 2026-11-21 → 2026-12-25', () => {
    // register, name, category: immediate (today).
    // verify: 3 working days after 11-21 → 11-23, 24, 25 = 11-25.
    // ICP may start once verified (11-25): platform 2 wd → 11-27; SMS + 1 day → 11-28 (Sat);
    //   administration 20 wd from 11-28: 11-30..12-04 (5), 12-07..11 (10), 12-14..18 (15), 12-21..25 (20) → 12-25.
    // qualification 11-21 + 3 = 11-24; version starts with the qualification submitted (11-21) + 3 = 11-24.
    // release = max(version 11-24, ICP 12-25) = 2026-12-25.
    expect(evalOne({ hasData: false }).eta).toBe('2026-12-25');
  });

  test('a personal subject files without verification: ICP starts today → 2026-12-23', () => {
    // platform: 11-21 + 2 wd = 11-24; + 1 day = 11-25; + 20 wd: 11-26, 27 (2), 11-30..12-04 (7),
    // 12-07..11 (12), 12-14..18 (17), 12-21, 22, 23 (20) → 12-23
    expect(evalOne({ subjectType: 'personal', steps: { register: { status: 'approved', date: d('2026-11-01') } } }).eta).toBe('2026-12-23');
  });

  test('a planned mini-program: code review after the filing, 3 working days → 2026-12-30', () => {
    // ICP filed 12-25 as above (Fri), then 12-28, 29, 30
    expect(evalOne({ kind: 'miniprogram', subjectType: 'enterprise' }).eta).toBe('2026-12-30');
  });

  test('20 working days across National Day 2026: administration review from 2026-09-28 → ETA 2026-10-30', () => {
    // 09-29 (1), 09-30 (2), 10-01..07 off, 10-08 (3), 10-09 (4), Sat 10-10 make-up (5),
    // 10-12..16 (6–10), 10-19..23 (11–15), 10-26..30 (16–20)
    const row = patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-09-28') } });
    expect(evalOne(row, { today: d('2026-09-29') }).eta).toBe('2026-10-30');
  });

  test('20 working days across the 2026 Spring Festival with make-up Saturdays 02-14 and 02-28 → 2026-03-13', () => {
    // from Mon 02-09: 02-10..13 (1–4), Sat 02-14 (5), 02-15..23 off, 02-24..27 (6–9), Sat 02-28 (10),
    // 03-02..06 (11–15), 03-09..13 (16–20)
    const row = patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-02-09') } });
    expect(evalOne(row, { today: d('2026-02-10') }).eta).toBe('2026-03-13');
  });

  test('SMS received yesterday: the administration review starts after today\'s SMS check → 2026-12-18', () => {
    // SMS 11-20, due 11-21 (today); administration 20 wd from 11-21: 11-23..27 (5), 11-30..12-04 (10),
    // 12-07..11 (15), 12-14..18 (20)
    expect(evalOne(patch(REVIEWED, { icp: { status: 'sms_pending', date: d('2026-11-20') } })).eta).toBe('2026-12-18');
  });

  test('a special category waits for the qualification approval before the version review', () => {
    const filed = patch(SET_UP, { icp: { status: 'filed', date: d('2026-11-10') } });
    // ordinary: qualification and version both start today, version 11-21 + 3 = 11-24
    expect(evalOne(patch(filed, { category: '游戏>休闲' })).eta).toBe('2026-11-24');
    // special: qualification 11-21 + 3 = 11-24, then version 11-24 + 3 = 11-27
    expect(evalOne(patch(filed, { category: '游戏>棋牌-牌类' })).eta).toBe('2026-11-27');
  });
});

describe('overdue reviews are assumed to end today', () => {
  const filed = patch(REVIEWED, { icp: { status: 'filed', date: d('2026-11-10') } });

  test('version submitted 2026-11-10 (due 11-13, overdue): ETA today 2026-11-21', () => {
    const r = evalOne(patch(filed, { steps: { version: { status: 'submitted', date: d('2026-11-10') } } }));
    expect(rules(r)).toContain('FLOW-SLA');
    expect(r.eta).toBe('2026-11-21');
  });

  test('version submitted 2026-11-20 (due 11-23): ETA 2026-11-23', () => {
    expect(evalOne(patch(filed, { steps: { version: { status: 'submitted', date: d('2026-11-20') } } })).eta).toBe('2026-11-23');
  });

  test('an overdue review that a later step waits for ends today, so the later step starts today', () => {
    // special category: qualification submitted 2026-11-05, due 11-08, overdue → assumed to end
    // today 11-21; the version review may only start then: 11-21 + 3 = 11-24
    const r = evalOne(
      patch(SET_UP, { category: '游戏>棋牌-牌类', icp: { status: 'filed', date: d('2026-11-10') }, steps: { qualification: { status: 'submitted', date: d('2026-11-05') } } }),
    );
    expect(rules(r)).toContain('FLOW-SLA');
    expect(r.eta).toBe('2026-11-24');
    // an enterprise's overdue verification (submitted 11-02, due 11-05) holds the filing back
    // until today: platform 11-21 + 2 wd = 11-24, + 1 = 11-25, + 20 wd = 12-23
    const v = evalOne(patch(REVIEWED, { steps: { verify: { status: 'submitted', date: d('2026-11-02') } } }));
    expect(rules(v)).toContain('VERIFY-SLA');
    expect(v.eta).toBe('2026-12-23');
  });

  test('an overdue administration review ends today too', () => {
    const r = evalOne(patch(REVIEWED, { icp: { status: 'authority_review', date: d('2026-10-01') } }));
    expect(rules(r)).toContain('ICP-SLA');
    expect(r.eta).toBe('2026-11-21');
  });
});

describe('no ETA', () => {
  test('released rows have none', () => {
    expect(evalOne(patch(REVIEWED, { releaseDate: d('2026-11-20'), icp: { status: 'filed', date: d('2026-11-18') } })).eta).toBeNull();
    expect(evalOne(patch(REVIEWED, { releaseDate: d('2023-05-10') })).eta).toBeNull();
  });

  test('ready to release (all done): ETA is today', () => {
    expect(evalOne(patch(REVIEWED, { icp: { status: 'filed', date: d('2026-11-18') } })).eta).toBe('2026-11-21');
  });
});

describe('ETA in a year without official holidays', () => {
  test('planned on 2026-12-10: the ETA lands in 2027, with CAL-UNKNOWN-YEAR', () => {
    // verify: Thu 12-10 + 3 wd = 12-15; platform + 2 wd = 12-17; SMS + 1 = 12-18 (Fri);
    // administration 20 wd: 12-21..25 (5), 12-28..31 (9), then 2027 on weekends only:
    // Fri 01-01 (10), 01-04..08 (15), 01-11..15 (20)
    const r = evalOne({ hasData: false }, { today: d('2026-12-10') });
    expect(r.eta).toBe('2027-01-15');
    expect(rules(r)).toContain('CAL-UNKNOWN-YEAR');
  });
});
