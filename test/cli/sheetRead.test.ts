/** Date serials as a reader sees them (the 1900 and 1904 systems), through the rules' own serial helpers. */
import { dateFromSerial } from '../../src/cli/xlsx/sheetRead';

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

test('1900 system: the phantom 1900-02-29 (serial 60) is no date; times of day are kept', () => {
  expect(dateFromSerial(59, false)).toEqual(utc(1900, 2, 28));
  expect(dateFromSerial(60, false)).toBeNull();
  expect(dateFromSerial(61, false)).toEqual(utc(1900, 3, 1));
  expect(dateFromSerial(46347, false)).toEqual(utc(2026, 11, 21));
  expect(dateFromSerial(46347.75, false)).toEqual(utc(2026, 11, 21, 18));
  expect(dateFromSerial(0, false)).toBeNull();
  expect(dateFromSerial(2_958_466, false)).toBeNull();
});

test('1904 system: serial 0 is 1904-01-01', () => {
  expect(dateFromSerial(0, true)).toEqual(utc(1904, 1, 1));
  expect(dateFromSerial(44885, true)).toEqual(utc(2026, 11, 21));
});
