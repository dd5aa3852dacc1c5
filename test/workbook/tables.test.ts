/**
 * The Holidays and Materials tables (workbook.md). Settings: test/rules/settings.test.ts.
 */
import { dayFromYmd } from '../../src/rules/dates';
import { problemText } from '../../src/workbook/check';
import { readHolidays, readMaterials } from '../../src/workbook/tables';

const d = (y: number, m: number, dd: number) => dayFromYmd(y, m, dd);

describe('Holidays', () => {
  test('Chinese headers, 休 / 班, every date form', () => {
    const { overrides, problems } = readHolidays({
      headers: ['日期', '类型', '名称'],
      rows: [
        ['2027-01-01', '休', '元旦'],
        [46738, '班', '补班'], // serial: 2027-12-17
        [new Date(Date.UTC(2027, 1, 6)), '休息', '春节'],
      ],
    });
    expect(problems).toEqual([]);
    expect(overrides).toEqual([
      { date: d(2027, 1, 1), type: 'holiday', name: '元旦' },
      { date: d(2027, 12, 17), type: 'workday', name: '补班' },
      { date: d(2027, 2, 6), type: 'holiday', name: '春节' },
    ]);
  });

  test('English headers in another order, holiday / workday; a blank type means holiday', () => {
    const { overrides } = readHolidays({ headers: ['Name', 'Type', 'Date'], rows: [['Company day', 'Holiday', '2026/11/23'], ['Make-up', 'WORKDAY', '2026.11.22'], ['Off', null, '20261124']] });
    expect(overrides).toEqual([
      { date: d(2026, 11, 23), type: 'holiday', name: 'Company day' },
      { date: d(2026, 11, 22), type: 'workday', name: 'Make-up' },
      { date: d(2026, 11, 24), type: 'holiday', name: 'Off' },
    ]);
  });

  test('a bad date or type is a problem named by its line; the other lines count; blank lines are skipped', () => {
    const { overrides, problems } = readHolidays({
      headers: ['日期', '类型'],
      rows: [['2027-02-30', '休'], [null, null], ['2027-01-01', '半天'], ['2027-01-02', '休']],
    });
    expect(overrides).toEqual([{ date: d(2027, 1, 2), type: 'holiday', name: null }]);
    expect(problems).toEqual([
      { code: 'holiday-date', table: 'Holidays', args: { line: 2, value: '2027-02-30' } },
      { code: 'holiday-type', table: 'Holidays', args: { line: 4, value: '半天' } },
    ]);
    expect(problemText(problems[0], 'zh-CN')).toBe('节假日表第 2 行：日期“2027-02-30”无法识别，已忽略');
    expect(problemText(problems[1], 'en')).toBe('Holidays row 4: type "半天" must be holiday (休) or workday (班); ignored');
  });

  test('US order dates follow the setting', () => {
    expect(readHolidays({ headers: ['Date', 'Type'], rows: [['1/2/2027', 'holiday']] }, { usOrder: true }).overrides[0].date).toBe(d(2027, 1, 2));
    expect(readHolidays({ headers: ['Date', 'Type'], rows: [['1/2/2027', 'holiday']] }).problems).toHaveLength(1);
  });

  test('no table: nothing', () => {
    expect(readHolidays(null)).toEqual({ overrides: [], problems: [] });
  });
});

describe('Materials', () => {
  test('rows with their table line; sizes as typed', () => {
    const out = readMaterials({
      headers: ['项目编号', '材料', '文件', '大小KB'],
      rows: [
        ['G-001', '软著', '软著.jpg', '1,024'],
        [null, null, null, null],
        ['G-002', '版本号文件', '版号.png', 300],
        ['G-003', '其他', 'x.png', null],
      ],
    });
    expect(out).toEqual({
      materials: [
        { id: 'G-001', slot: '软著', file: '软著.jpg', sizeKB: 1024, line: 2 },
        { id: 'G-002', slot: '版本号文件', file: '版号.png', sizeKB: 300, line: 4 },
        { id: 'G-003', slot: '其他', file: 'x.png', sizeKB: null, line: 5 },
      ],
      problems: [],
    });
  });

  test('an unreadable size is a problem naming the line, header and value', () => {
    const out = readMaterials({ headers: ['ID', 'Slot', 'File', 'Size KB'], rows: [['G-001', '软著', 'a.jpg', 'big']] })!;
    expect(out.materials[0].sizeKB).toBeNull();
    expect(out.problems).toEqual([{ code: 'material-value', table: 'Materials', args: { line: 2, header: 'Size KB', value: 'big' } }]);
    expect(problemText(out.problems[0], 'en')).toBe('Materials row 2: cannot read "big" in "Size KB"');
  });

  test('no table is not the same as an empty one', () => {
    expect(readMaterials(null)).toBeNull();
    expect(readMaterials({ headers: ['项目编号', '材料', '文件', '大小KB'], rows: [] })).toEqual({ materials: [], problems: [] });
  });
});
