import { dayFromYmd } from '../../src/rules/dates';
import { PaneError } from '../../src/taskpane/service';
import { cellAddress, columnLetter, formatDay, formatMoment, isActivationKey, splitDates } from '../../src/taskpane/components/format';
import { errorFacts, toPaneError } from '../../src/taskpane/components/paneError';
import { isDarkColour } from '../../src/taskpane/components/theme';

describe('display helpers', () => {
  test('dates as YYYY-MM-DD, none as a dash', () => {
    expect(formatDay(dayFromYmd(2026, 1, 5))).toBe('2026-01-05');
    expect(formatDay(null)).toBe('—');
    // China time whatever the machine's zone: 01:05 UTC is 09:05 in Beijing.
    expect(formatMoment(Date.UTC(2026, 10, 21, 1, 5))).toBe('2026-11-21 09:05');
    expect(formatMoment(Date.UTC(2026, 10, 21, 16, 30))).toBe('2026-11-22 00:30');
  });

  test('texts cut at their dates, so the pane can keep each date on one line', () => {
    expect(splitDates('Wait for the WeChat verification (due 2026-11-18)')).toEqual([
      { text: 'Wait for the WeChat verification (due ', date: false },
      { text: '2026-11-18', date: true },
      { text: ')', date: false },
    ]);
    expect(splitDates('检查日期 2026-11-21（2026-12-02 05:59 写回）')).toEqual([
      { text: '检查日期 ', date: false },
      { text: '2026-11-21', date: true },
      { text: '（', date: false },
      { text: '2026-12-02', date: true },
      { text: ' 05:59 写回）', date: false },
    ]);
    expect(splitDates('2026-11-21')).toEqual([{ text: '2026-11-21', date: true }]);
    expect(splitDates('提交小程序备案')).toEqual([{ text: '提交小程序备案', date: false }]);
    expect(splitDates('')).toEqual([]);
  });

  test('Excel column letters and addresses', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(cellAddress(2, 1)).toBe('B3');
  });

  test('Enter and Space activate a row', () => {
    expect(['Enter', ' ', 'Spacebar'].every(isActivationKey)).toBe(true);
    expect(isActivationKey('a')).toBe(false);
    expect(isActivationKey('Tab')).toBe(false);
  });

  test('dark Office backgrounds', () => {
    expect(isDarkColour('#262626')).toBe(true);
    expect(isDarkColour('#000')).toBe(true);
    expect(isDarkColour('#FFFFFF')).toBe(false);
    expect(isDarkColour('#E6E6E6')).toBe(false);
    expect(isDarkColour('not a colour')).toBe(false);
  });
});

describe('errors the pane explains', () => {
  test('PaneErrors pass through; anything else is unexpected with its message only', () => {
    const own = new PaneError('busy');
    expect(toPaneError(own)).toBe(own);
    const other = toPaneError(new TypeError('x is not a function'));
    expect(other.code).toBe('unexpected');
    expect(errorFacts(other).message).toBe('x is not a function');
    expect(errorFacts(toPaneError('plain text')).message).toBe('plain text');
    expect(errorFacts(toPaneError(undefined)).message).toBeNull();
  });

  test('a PaneError from another copy of the class is recognised by shape', () => {
    const foreign = Object.assign(new Error('w'), { name: 'PaneError', code: 'wrong-shape', details: { address: 'Sheet1!K2' } });
    const error = toPaneError(foreign);
    expect(error.code).toBe('wrong-shape');
    expect(errorFacts(error).address).toBe('Sheet1!K2');
  });

  test('facts: only text is quoted, long header lists are cut, stack traces dropped', () => {
    const found = Array.from({ length: 30 }, (_, i) => `列${i}`);
    const facts = errorFacts(new PaneError('no-key-column', { looked: ['项目编号', 'ID', 42, null], found }));
    expect(facts.looked).toEqual(['项目编号', 'ID', '42']);
    expect(facts.found).toHaveLength(13);
    expect(facts.found[12]).toBe('…');
    expect(errorFacts(new PaneError('host-too-old', { missing: ['ExcelApi 1.12', 'SharedRuntime 1.1'] })).missing).toBe('ExcelApi 1.12, SharedRuntime 1.1');
    expect(errorFacts(new PaneError('unexpected', {}, 'Bad thing\n    at foo (x.js:1:1)')).message).toBe('Bad thing');
    expect(errorFacts(new PaneError('unexpected')).message).toBeNull(); // the code itself is no message
  });
});
