/**
 * The China working-day calendar (rules.md §0): shipped 2025–2026 holidays and make-up
 * working days, addWorkdays / networkDays semantics, Holidays-table overrides,
 * CAL-UNKNOWN-YEAR.
 */
import { Calendar } from '../../src/rules/calendar';
import { toIso, weekday } from '../../src/rules/dates';
import { CAL, d, evalOne, finding, rules, SET_UP, patch } from './helpers';

const iso = (day: number) => toIso(day);

describe('shipped official calendar', () => {
  test('2025 National Day: 2025-10-01..08 off, Sunday 2025-09-28 and Saturday 2025-10-11 worked', () => {
    for (let day = d('2025-10-01'); day <= d('2025-10-08'); day++) expect([iso(day), CAL.isWorkday(day)]).toEqual([iso(day), false]);
    expect(weekday(d('2025-09-28'))).toBe(0); // a Sunday …
    expect(CAL.isWorkday(d('2025-09-28'))).toBe(true); // … worked
    expect(weekday(d('2025-10-11'))).toBe(6); // a Saturday …
    expect(CAL.isWorkday(d('2025-10-11'))).toBe(true); // … worked
    expect(CAL.isWorkday(d('2025-10-09'))).toBe(true); // Thursday after the holiday
    expect(CAL.isWorkday(d('2025-10-12'))).toBe(false); // ordinary Sunday
  });

  test('2026 Spring Festival: 2026-02-15..23 off, Saturdays 2026-02-14 and 2026-02-28 worked', () => {
    for (let day = d('2026-02-15'); day <= d('2026-02-23'); day++) expect([iso(day), CAL.isWorkday(day)]).toEqual([iso(day), false]);
    expect(weekday(d('2026-02-14'))).toBe(6);
    expect(CAL.isWorkday(d('2026-02-14'))).toBe(true);
    expect(weekday(d('2026-02-28'))).toBe(6);
    expect(CAL.isWorkday(d('2026-02-28'))).toBe(true);
    expect(CAL.isWorkday(d('2026-02-24'))).toBe(true);
    expect(CAL.isWorkday(d('2026-02-21'))).toBe(false); // a Saturday inside the holiday
  });

  test('2026-01-04 (a Sunday) is a make-up working day; 2026-01-01..03 are off', () => {
    expect(weekday(d('2026-01-04'))).toBe(0);
    expect(CAL.isWorkday(d('2026-01-04'))).toBe(true);
    expect(CAL.isWorkday(d('2026-01-01'))).toBe(false);
    expect(CAL.isWorkday(d('2026-01-02'))).toBe(false); // a Friday, off
    expect(CAL.isWorkday(d('2026-01-11'))).toBe(false); // the next Sunday is an ordinary one
  });

  test('2026 National Day: 2026-10-01..07 off, 2026-09-20 (Sun) and 2026-10-10 (Sat) worked', () => {
    for (let day = d('2026-10-01'); day <= d('2026-10-07'); day++) expect(CAL.isWorkday(day)).toBe(false);
    expect(CAL.isWorkday(d('2026-09-20'))).toBe(true);
    expect(CAL.isWorkday(d('2026-10-10'))).toBe(true);
    expect(CAL.isWorkday(d('2026-10-08'))).toBe(true);
  });

  test('ordinary weekdays and weekends', () => {
    expect(CAL.isWorkday(d('2026-11-20'))).toBe(true); // Friday
    expect(CAL.isWorkday(d('2026-11-21'))).toBe(false); // Saturday
    expect(CAL.isWorkday(d('2026-11-22'))).toBe(false); // Sunday
    expect(CAL.isWorkday(d('2026-11-23'))).toBe(true); // Monday
  });

  test('holiday names come from the shipped data, in the calendar language', () => {
    expect(CAL.dayName(d('2026-02-17'))).toBe('春节');
    expect(Calendar.create([], 'en').dayName(d('2026-02-17'))).toBe('Spring Festival');
    expect(CAL.dayName(d('2026-11-20'))).toBeNull();
  });

  test('2025 and 2026 are known years; 2027 is not', () => {
    expect(CAL.isKnownYear(2025)).toBe(true);
    expect(CAL.isKnownYear(2026)).toBe(true);
    expect(CAL.isKnownYear(2027)).toBe(false);
    expect(CAL.unknownYearsBetween(d('2026-12-01'), d('2028-01-05'))).toEqual([2027, 2028]);
    expect(CAL.unknownYearsBetween(d('2028-01-05'), d('2026-12-01'))).toEqual([2027, 2028]);
  });
});

describe('addWorkdays(d, n): the n-th working day strictly after d', () => {
  test('d itself never counts: Friday 2026-11-20 + 1 = Monday 2026-11-23', () => {
    expect(iso(CAL.addWorkdays(d('2026-11-20'), 1))).toBe('2026-11-23');
    // from a Saturday (today), the first working day is Monday
    expect(iso(CAL.addWorkdays(d('2026-11-21'), 1))).toBe('2026-11-23');
    // from a Monday, the next day
    expect(iso(CAL.addWorkdays(d('2026-11-23'), 1))).toBe('2026-11-24');
  });

  test('n = 0 gives d, even on a weekend or holiday', () => {
    expect(iso(CAL.addWorkdays(d('2026-11-21'), 0))).toBe('2026-11-21');
    expect(iso(CAL.addWorkdays(d('2026-10-03'), 0))).toBe('2026-10-03');
  });

  test('negative n counts backwards, strictly before d', () => {
    expect(iso(CAL.addWorkdays(d('2026-11-23'), -1))).toBe('2026-11-20'); // Monday − 1 = Friday
    expect(iso(CAL.addWorkdays(d('2026-10-08'), -1))).toBe('2026-09-30'); // across National Day
    // backwards across the Spring Festival: 02-15..23 are off, so the working day before
    // Tue 02-24 is the make-up Saturday 02-14, and the one before that Friday 02-13
    expect(iso(CAL.addWorkdays(d('2026-02-24'), -1))).toBe('2026-02-14');
    expect(iso(CAL.addWorkdays(d('2026-02-24'), -2))).toBe('2026-02-13');
  });

  test('3 working days across National Day 2026 (the VERIFY duration)', () => {
    // submitted Tue 2026-09-29: 09-30 (1), 10-01..07 off, 10-08 (2), 10-09 (3)
    expect(iso(CAL.addWorkdays(d('2026-09-29'), 3))).toBe('2026-10-09');
  });

  test('20 working days across National Day 2026', () => {
    // from Mon 2026-09-28: 09-29 (1), 09-30 (2), 10-01..07 off, 10-08 (3), 10-09 (4),
    // Sat 10-10 make-up (5), 10-12..16 (6–10), 10-19..23 (11–15), 10-26..30 (16–20)
    expect(iso(CAL.addWorkdays(d('2026-09-28'), 20))).toBe('2026-10-30');
  });

  test('20 working days across the 2026 Spring Festival with both make-up Saturdays', () => {
    // from Mon 2026-02-09: 02-10..13 (1–4), Sat 02-14 (5), 02-15..23 off, 02-24..27 (6–9),
    // Sat 02-28 (10), 03-02..06 (11–15), 03-09..13 (16–20)
    expect(iso(CAL.addWorkdays(d('2026-02-09'), 20))).toBe('2026-03-13');
  });

  test('2025 National Day: 2025-09-30 + 1 = 2025-10-09; 2025-10-10 + 1 = Saturday 2025-10-11', () => {
    expect(iso(CAL.addWorkdays(d('2025-09-30'), 1))).toBe('2025-10-09');
    expect(iso(CAL.addWorkdays(d('2025-10-10'), 1))).toBe('2025-10-11');
    expect(iso(CAL.addWorkdays(d('2025-09-26'), 1))).toBe('2025-09-28'); // Fri → the make-up Sunday
  });

  test('a year without official data uses weekends only', () => {
    // 2027-01-01 is a Friday; with no 2027 data it counts as a working day
    expect(CAL.isWorkday(d('2027-01-01'))).toBe(true);
    expect(iso(CAL.addWorkdays(d('2026-12-31'), 1))).toBe('2027-01-01');
  });
});

describe('networkDays(a, b): like Excel NETWORKDAYS', () => {
  test('counts both ends', () => {
    expect(CAL.networkDays(d('2026-11-23'), d('2026-11-27'))).toBe(5); // Mon..Fri
    expect(CAL.networkDays(d('2026-11-23'), d('2026-11-23'))).toBe(1);
    expect(CAL.networkDays(d('2026-11-21'), d('2026-11-22'))).toBe(0); // a weekend
  });

  test('negative when b < a, like NETWORKDAYS', () => {
    expect(CAL.networkDays(d('2026-11-27'), d('2026-11-23'))).toBe(-5);
  });

  test('holidays and make-up days count as the official calendar says', () => {
    // 2026-09-28..2026-10-11: 09-28, 29, 30, 10-08, 09, 10 (Sat, worked) = 6
    expect(CAL.networkDays(d('2026-09-28'), d('2026-10-11'))).toBe(6);
    // the whole of February 2026: 20 weekdays − 5 weekday holidays (16–20) − Mon 23 + 2 make-up Saturdays = 16
    expect(CAL.networkDays(d('2026-02-01'), d('2026-02-28'))).toBe(16);
  });

  test('agrees with addWorkdays: networkDays(d+1, addWorkdays(d, n)) = n', () => {
    for (const start of ['2026-02-09', '2026-09-28', '2025-09-26', '2026-12-20']) {
      for (const n of [1, 3, 7, 20]) {
        const end = CAL.addWorkdays(d(start), n);
        expect(CAL.networkDays(d(start) + 1, end)).toBe(n);
      }
    }
  });

  test('outside the table range (before 2000 / after 2100) weekends only', () => {
    expect(CAL.networkDays(d('1999-12-27'), d('1999-12-31'))).toBe(5);
    expect(CAL.networkDays(d('2101-01-03'), d('2101-01-09'))).toBe(5); // Mon..Sun
    expect(CAL.networkDays(d('1999-12-27'), d('2000-01-07'))).toBe(10);
  });
});

describe('Holidays table overrides', () => {
  test('a workbook holiday removes a working day, a workbook workday adds one', () => {
    const cal = Calendar.create([
      { date: d('2026-11-23'), type: 'holiday', name: '公司团建' },
      { date: d('2026-11-22'), type: 'workday', name: '补班' },
    ]);
    expect(cal.isWorkday(d('2026-11-23'))).toBe(false);
    expect(cal.isWorkday(d('2026-11-22'))).toBe(true);
    expect(cal.dayName(d('2026-11-23'))).toBe('公司团建');
    // Sat 11-21 + 1 is now the Sunday 11-22; + 2 is Tuesday 11-24
    expect(iso(cal.addWorkdays(d('2026-11-21'), 1))).toBe('2026-11-22');
    expect(iso(cal.addWorkdays(d('2026-11-21'), 2))).toBe('2026-11-24');
    // the shipped calendar is untouched
    expect(iso(CAL.addWorkdays(d('2026-11-21'), 2))).toBe('2026-11-24');
    expect(iso(CAL.addWorkdays(d('2026-11-21'), 1))).toBe('2026-11-23');
  });

  test('an override can turn an official holiday back into a working day', () => {
    const cal = Calendar.create([{ date: d('2026-10-08'), type: 'holiday' }, { date: d('2026-10-05'), type: 'workday' }]);
    expect(cal.isWorkday(d('2026-10-05'))).toBe(true);
    expect(cal.isWorkday(d('2026-10-08'))).toBe(false);
  });

  test('Holidays rows for 2027 make 2027 a known year', () => {
    const cal = Calendar.create([{ date: d('2027-01-01'), type: 'holiday', name: '元旦' }]);
    expect(cal.isKnownYear(2027)).toBe(true);
    expect(cal.isWorkday(d('2027-01-01'))).toBe(false);
    expect(iso(cal.addWorkdays(d('2026-12-31'), 1))).toBe('2027-01-04');
  });
});

describe('CAL-UNKNOWN-YEAR', () => {
  // An administration review submitted Thu 2026-12-10 is due 20 working days later, in 2027:
  // 12-11 (1), 12-14..18 (2–6), 12-21..25 (7–11), 12-28..31 (12–15), then 2027 on weekends
  // only: Fri 01-01 (16), 01-04..07 (17–20) → 2027-01-07.
  const filing = patch(SET_UP, { icp: { status: 'authority_review', date: d('2026-12-10') } });

  test('fires (info) when a computed date falls in 2027, naming the year', () => {
    const r = evalOne(filing, { today: d('2026-12-11') });
    const f = finding(r, 'CAL-UNKNOWN-YEAR');
    expect(f.severity).toBe('info');
    expect(f.text).toContain('2027');
    expect(r.icpDeadline).toBe('2027-01-07');
    expect(r.dueDate).toBe('2027-01-07');
    expect(r.dueFor).toBe('icp');
  });

  test('does not fire when the Holidays table supplies 2027 days; the date moves', () => {
    const cal = Calendar.create([{ date: d('2027-01-01'), type: 'holiday', name: '元旦' }]);
    const r = evalOne(filing, { today: d('2026-12-11'), calendar: cal });
    expect(rules(r)).not.toContain('CAL-UNKNOWN-YEAR');
    // 2027-01-01 is now off: the 20th working day is 2027-01-08
    expect(r.icpDeadline).toBe('2027-01-08');
  });

  test('does not fire when every computed date stays in 2026', () => {
    const r = evalOne(patch(SET_UP, { releaseDate: d('2026-06-01'), icp: { status: 'filed', date: d('2026-05-20') }, steps: { version: { status: 'approved', date: d('2026-05-25') } } }));
    expect(rules(r)).not.toContain('CAL-UNKNOWN-YEAR');
  });
});
