/**
 * `launch-tracker calendar` end to end on real files: the .ics it writes read with ical.js,
 * a second export after the portfolio changed, --owner, stdout, and the one-line errors.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ICAL from 'ical.js';
import { run } from '../helpers/cli';
import { calendarUid } from '../../src/workbook/calendar';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'portfolio.xlsx');
const HEADER = '项目编号,客户,负责人,主体类型,注册状态,名称状态,类目状态,认证状态,认证日期,资质状态,资质日期,备案状态,备案日期';
const G001 = 'G-001,星河互娱,张敏,企业,已通过,已通过,已通过,已认证,2026-03-01,审核中,2026-11-19,待短信核验,2026-11-20';
const G002 = 'G-002,"乐购, 超市",李雷,企业,已通过,已通过,已通过,已认证,2026-03-01,审核中,2026-11-20,,';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-calendar-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function csv(name: string, ...lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${[HEADER, ...lines].join('\r\n')}\r\n`);
  return file;
}

function events(text: string): { uid: string; start: string; summary: string; status: string; sequence: number }[] {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => ({
    uid: String(v.getFirstPropertyValue('uid')),
    start: (v.getFirstPropertyValue('dtstart') as ICAL.Time).toString(),
    summary: String(v.getFirstPropertyValue('summary')),
    status: String(v.getFirstPropertyValue('status')),
    sequence: Number(v.getFirstPropertyValue('sequence')),
  }));
}

const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('a CSV portfolio, exported twice', () => {
  let file: string;
  let first: { code: number; out: string; err: string };
  beforeAll(async () => {
    file = csv('portfolio.csv', G001, G002);
    first = await run('calendar', file, '--as-of', '2026-11-21');
  });

  test('writes FILE.ics beside FILE, with the due dates of the rules', () => {
    expect(first).toMatchObject({ code: 0, err: '' });
    const ics = path.join(dir, 'portfolio.ics');
    expect(first.out).toBe(`已写入 ${ics}：5 个日程（新增 5，更新 0，未变 0），取消 0 个\n`);
    const got = events(read(ics));
    expect(got.find((e) => e.uid === calendarUid('G-001', 'icp'))).toMatchObject({ start: '2026-11-21', summary: 'G-001 星河互娱：备案短信核验截止', status: 'CONFIRMED', sequence: 0 });
    expect(got.find((e) => e.uid === calendarUid('G-002', 'qualification'))).toMatchObject({ start: '2026-11-23', summary: 'G-002 乐购, 超市：资质审核应完成' });
  });

  test('again, after the SMS is verified and a row is deleted: same UIDs, moved and cancelled events', async () => {
    const ics = path.join(dir, 'portfolio.ics');
    const before = events(read(ics));
    fs.writeFileSync(file, `${HEADER}\r\n${G001.replace('待短信核验,2026-11-20', '管局审核中,2026-11-21')}\r\n`);
    const second = await run('calendar', file, '--as-of', '2026-11-21');
    expect(second.code).toBe(0);
    // G-001's three events change (the next step in each description too); G-002's two are cancelled
    expect(second.out).toBe(`已写入 ${ics}：3 个日程（新增 0，更新 3，未变 0），取消 2 个\n`);
    const after = events(read(ics));
    expect(new Set(after.map((e) => e.uid))).toEqual(new Set(before.map((e) => e.uid)));
    const icp = after.find((e) => e.uid === calendarUid('G-001', 'icp'))!;
    expect(icp).toMatchObject({ status: 'CONFIRMED', sequence: 1, summary: 'G-001 星河互娱：备案审核应完成' });
    expect(icp.start > '2026-11-21').toBe(true);
    const g002 = after.filter((e) => e.summary.includes('G-002'));
    expect(g002.map((e) => [e.status, e.sequence])).toEqual(g002.map(() => ['CANCELLED', 1]));
    expect(g002.every((e) => e.summary.startsWith('［已取消］G-002 乐购, 超市：'))).toBe(true);
  });
});

describe('options', () => {
  test('--owner: only that owner\'s rows, in FILE.<owner>.ics by default', async () => {
    const file = csv('owners.csv', G001, G002);
    const r = await run('calendar', file, '--owner', '李雷', '--as-of', '2026-11-21');
    expect(r.code).toBe(0);
    const got = events(read(path.join(dir, 'owners.李雷.ics')));
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((e) => e.summary.startsWith('G-002'))).toBe(true);
  });

  test('--out - writes the calendar to stdout and the report to stderr', async () => {
    const r = await run('calendar', csv('stdout.csv', G001), '--out', '-', '--as-of', '2026-11-21', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(events(r.out).find((e) => e.uid === calendarUid('G-001', 'icp'))!.summary).toBe('G-001 星河互娱: ICP SMS verification deadline');
    expect(r.err).toMatch(/^Written stdout: \d+ events/);
  });

  test('the bundled example workbook: notes for the row without an ID and the duplicated ID', async () => {
    const out = path.join(dir, 'example.ics');
    const r = await run('calendar', EXAMPLE, '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain('提示：1 行没有项目编号，未写入日历');
    expect(r.err).toContain('提示：项目编号 G-046 出现在多行');
    const got = events(read(out));
    expect(got.length).toBeGreaterThan(40);
    expect(got.some((e) => e.summary.endsWith('：预计上线'))).toBe(true);
  });
});

describe('bad input: one line on stderr, exit 2, nothing written', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['calendar', path.join(dir, 'nope.csv')], /^launch-tracker: no such file: /],
    ['--out not .ics', () => ['calendar', csv('a.csv', G001), '--out', path.join(dir, 'a.txt')], /^launch-tracker: --out must end in \.ics/],
    ['an old .xls', () => ['calendar', writeFile('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))], /^launch-tracker: /],
    ['no ID column', () => ['calendar', writeFile('noid.csv', '客户,负责人\r\n星河,张敏\r\n')], /ID column/i],
    ['an owner no row has', () => ['calendar', csv('b.csv', G001), '--owner', '王五'], /^launch-tracker: no row has the owner "王五" \(owners: 张敏\)$/m],
    ['a bad --as-of', () => ['calendar', csv('c.csv', G001), '--as-of', '2026-13-01'], /^launch-tracker: --as-of must be a date/],
    ['an unknown option', () => ['calendar', csv('d.csv', G001), '--json'], /^launch-tracker: Unknown option '--json'/],
  ];
  test.each(cases)('%s', async (_, args, message) => {
    const before = new Set(fs.readdirSync(dir));
    const r = await run(...args());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(dir).filter((f) => !before.has(f) && f.endsWith('.ics'))).toEqual([]);
  });

  test('an .ics at --out that is not ours is left as it is', async () => {
    const mine = writeFile('mine.ics', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nEND:VCALENDAR\r\n');
    const r = await run('calendar', csv('e.csv', G001), '--out', mine);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`launch-tracker: ${mine} exists and was not written by launch-tracker calendar: it is left as it is (choose another --out)\n`);
    expect(read(mine)).toContain('Google Calendar');
  });

  test('another owner\'s calendar at --out is refused: it would cancel that owner\'s events', async () => {
    const file = csv('f.csv', G001, G002);
    const out = path.join(dir, 'f-zhang.ics');
    expect((await run('calendar', file, '--owner', '张敏', '--out', out)).code).toBe(0);
    const before = read(out);
    const r = await run('calendar', file, '--owner', '李雷', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`launch-tracker: ${out} is the calendar of the owner "张敏": write this one for "李雷" to another file with --out, or delete ${out} first\n`);
    expect(read(out)).toBe(before);
  });
});

function writeFile(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
