/**
 * Reading cells (workbook.md "Dates", yes/no, numbers): every accepted form, and garbage.
 */
import { dayFromExcelSerial, dayFromYmd, excelSerialFromDay, toIso } from '../../src/rules/dates';
import { Cell, cellText, isBlank, readDate, readNumber, readYesNo } from '../../src/workbook/values';

const ok = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return { ok: true, day: dayFromYmd(y, m, d) };
};
const fail = (reason: 'invalid' | 'ambiguous' | 'range') => ({ ok: false, reason });

describe('Excel serial dates (1900 date system)', () => {
  test('2026-11-21 is serial 46347, both ways', () => {
    expect(readDate(46347)).toEqual(ok('2026-11-21'));
    expect(excelSerialFromDay(dayFromYmd(2026, 11, 21))).toBe(46347);
  });

  test('a time of day in the serial is ignored', () => {
    expect(readDate(46347.99)).toEqual(ok('2026-11-21'));
  });

  test('the phantom 1900-02-29 (serial 60) is no date; 59 is 1900-02-28 and 61 is 1900-03-01', () => {
    expect(dayFromExcelSerial(60)).toBeNull();
    expect(toIso(dayFromExcelSerial(59)!)).toBe('1900-02-28');
    expect(toIso(dayFromExcelSerial(61)!)).toBe('1900-03-01');
    expect(toIso(dayFromExcelSerial(1)!)).toBe('1900-01-01');
    expect(excelSerialFromDay(dayFromYmd(1900, 2, 28))).toBe(59);
    expect(excelSerialFromDay(dayFromYmd(1900, 3, 1))).toBe(61);
    expect(excelSerialFromDay(dayFromYmd(1900, 1, 1))).toBe(1);
    expect(dayFromExcelSerial(0)).toBeNull();
  });

  test('as portfolio dates: serial 60 is invalid, 59 and 61 are real days but outside 1990–2100', () => {
    expect(readDate(60)).toEqual(fail('invalid'));
    expect(readDate(59)).toEqual(fail('range'));
    expect(readDate(61)).toEqual(fail('range'));
  });

  test('serials for 1990-01-01 (32874) and 2100-12-31 (73415) are the edges of the accepted range', () => {
    expect(readDate(32874)).toEqual(ok('1990-01-01'));
    expect(readDate(32873)).toEqual(fail('range'));
    expect(readDate(73415)).toEqual(ok('2100-12-31'));
    expect(readDate(73416)).toEqual(fail('range'));
  });

  test('nonsense numbers', () => {
    for (const n of [-1, 0, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2_958_466]) expect(readDate(n)).toEqual(fail('invalid'));
    expect(readDate(2_958_465)).toEqual(fail('range')); // 9999-12-31
  });
});

describe('JS Dates (ExcelJS gives real Excel dates as UTC midnight)', () => {
  test('UTC midnight is that calendar day', () => {
    expect(readDate(new Date(Date.UTC(2026, 10, 21)))).toEqual(ok('2026-11-21'));
    expect(readDate(new Date('2026-11-21T00:00:00Z'))).toEqual(ok('2026-11-21'));
  });

  test('a time during the day stays on that day', () => {
    expect(readDate(new Date('2026-11-21T23:59:59Z'))).toEqual(ok('2026-11-21'));
  });

  test('an invalid Date is invalid; a Date in 1900 is out of range', () => {
    expect(readDate(new Date('nope'))).toEqual(fail('invalid'));
    expect(readDate(new Date(Date.UTC(1900, 0, 1)))).toEqual(fail('range'));
  });
});

describe('text dates', () => {
  test.each([
    '2026-11-21',
    '2026/11/21',
    '2026.11.21',
    '2026年11月21日',
    '20261121',
    ' 2026-11-21 ',
    '2026 - 11 - 21',
    '２０２６－１１－２１',
    '２０２６年１１月２１日',
    '2026年11月21号',
    '2026-11-21T08:30:00',
    '2026-11-21 08:30',
  ])('%p → 2026-11-21', (text) => {
    expect(readDate(text)).toEqual(ok('2026-11-21'));
  });

  test('one-digit months and days', () => {
    expect(readDate('2026-1-4')).toEqual(ok('2026-01-04'));
    expect(readDate('2026/2/8')).toEqual(ok('2026-02-08'));
    expect(readDate('2026年2月8日')).toEqual(ok('2026-02-08'));
  });

  test('20261121 typed as a number is the compact form, not a serial', () => {
    expect(readDate(20261121)).toEqual(ok('2026-11-21'));
    expect(readDate(20260230)).toEqual(fail('invalid'));
  });

  test('11/12/2026 is ambiguous unless the Settings say US order', () => {
    expect(readDate('11/12/2026')).toEqual(fail('ambiguous'));
    expect(readDate('11-12-2026')).toEqual(fail('ambiguous'));
    expect(readDate('11/12/2026', { usOrder: true })).toEqual(ok('2026-11-12'));
    expect(readDate('1/2/2026', { usOrder: true })).toEqual(ok('2026-01-02'));
  });

  test('13/45/2026 with US order is invalid', () => {
    expect(readDate('13/45/2026', { usOrder: true })).toEqual(fail('invalid'));
  });

  // Was a bug (fixed): src/workbook/values.ts readDateText — any dd/dd/yyyy is reported as "ambiguous" before
  // its parts are checked, so 13/45/2026 (no month 13, no day 45 in either order) gets the
  // DATA-DATE hint "day/month order unclear; switch on dates.usOrder", which cannot help.
  test('13/45/2026 is plain invalid (neither order is a date), not "ambiguous"', () => {
    expect(readDate('13/45/2026')).toEqual(fail('invalid'));
  });

  test.each([
    ['2026-02-30', 'invalid'],
    ['2026-02-29', 'invalid'], // 2026 is not a leap year
    ['2026-13-01', 'invalid'],
    ['2026-00-10', 'invalid'],
    ['abc', 'invalid'],
    ['明天', 'invalid'],
    ['2026-11', 'invalid'],
    ['2026111', 'invalid'],
    ['1989-12-31', 'range'],
    ['2101-01-01', 'range'],
    ['0001-01-01', 'range'],
  ] as const)('%p → %s', (text, reason) => {
    expect(readDate(text)).toEqual(fail(reason));
  });

  test('leap day 2028-02-29 is fine; the range edges 1990-01-01 and 2100-12-31 are in', () => {
    expect(readDate('2028-02-29')).toEqual(ok('2028-02-29'));
    expect(readDate('1990-01-01')).toEqual(ok('1990-01-01'));
    expect(readDate('2100-12-31')).toEqual(ok('2100-12-31'));
  });

  test('booleans are not dates', () => {
    expect(readDate(true)).toEqual(fail('invalid'));
    expect(readDate(false)).toEqual(fail('invalid'));
  });

  test('blank is "no date", not a failure', () => {
    for (const cell of [null, undefined, '', '   '] as Cell[]) expect(readDate(cell)).toEqual({ ok: true, day: null });
  });
});

describe('yes / no', () => {
  test.each(['是', 'Y', 'y', 'yes', 'YES', 'Yes', 'true', 'TRUE', '1', '✓', 'ｙｅｓ', ' 是 '])('%p → yes', (text) => {
    expect(readYesNo(text)).toBe(true);
  });

  test.each(['否', 'N', 'n', 'no', 'NO', 'false', 'False', '0', '✗'])('%p → no', (text) => {
    expect(readYesNo(text)).toBe(false);
  });

  test('Excel booleans and the numbers 1 / 0', () => {
    expect(readYesNo(true)).toBe(true);
    expect(readYesNo(false)).toBe(false);
    expect(readYesNo(1)).toBe(true);
    expect(readYesNo(0)).toBe(false);
  });

  test('blank is null; anything else is not understood (undefined)', () => {
    expect(readYesNo(null)).toBeNull();
    expect(readYesNo('')).toBeNull();
    for (const cell of ['maybe', '也许', 2, -1, 'yes!', new Date(Date.UTC(2026, 10, 21))] as Cell[]) expect(readYesNo(cell)).toBeUndefined();
  });
});

describe('numbers', () => {
  test.each([
    [5000, 5000],
    ['5000', 5000],
    ['5,000', 5000],
    ['5，000', 5000],
    ['5000人', 5000],
    ['0.5万', 5000],
    ['1.2万', 12_000],
    ['1.2万人', 12_000],
    ['3千', 3000],
    ['1.5k', 1500],
    ['¥10,000元', 10_000],
    ['１２３', 123],
    [' 5 000 ', 5000],
    ['0', 0],
    ['2亿', 200_000_000],
  ] as const)('%p → %p', (cell, n) => {
    expect(readNumber(cell)).toBe(n);
  });

  test('0.1万 is exactly 1000 (no floating-point noise)', () => {
    expect(readNumber('0.1万')).toBe(1000);
    expect(readNumber('0.7万')).toBe(7000);
  });

  test('garbage is not understood (undefined); blank is null', () => {
    for (const cell of ['abc', '五千', '5000.5.5', '5万万', '--5', true, new Date(Date.UTC(2026, 0, 1)), Number.NaN, Number.POSITIVE_INFINITY] as Cell[]) {
      expect([cell, readNumber(cell)]).toEqual([cell, undefined]);
    }
    expect(readNumber(null)).toBeNull();
    expect(readNumber('  ')).toBeNull();
  });
});

describe('cell helpers', () => {
  test('cellText trims, gives null for blank, ISO for Dates', () => {
    expect(cellText('  星火  ')).toBe('星火');
    expect(cellText('   ')).toBeNull();
    expect(cellText(undefined)).toBeNull();
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2026, 10, 21)))).toBe('2026-11-21');
  });

  test('isBlank', () => {
    expect([null, undefined, '', ' \t'].every((c) => isBlank(c as Cell))).toBe(true);
    expect([0, false, 'x'].some((c) => isBlank(c as Cell))).toBe(false);
  });
});
