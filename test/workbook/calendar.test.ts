/**
 * The calendar export (src/workbook/calendar.ts) on a checked portfolio, read back with a real
 * iCalendar parser (ical.js, Mozilla's): real dates, stable UIDs, updates and cancellations,
 * folding at 75 octets, escaping, CRLF.
 */
import ICAL from 'ical.js';
import { dayFromYmd } from '../../src/rules/dates';
import { buildCalendar, CalendarEvent, calendarText, calendarUid, readCalendarText } from '../../src/workbook/calendar';
import { checkWorkbook } from '../../src/workbook/check';
import type { Cell } from '../../src/workbook/values';

const TODAY = dayFromYmd(2026, 11, 21);
const NOW = Date.UTC(2026, 10, 21, 1, 0); // 09:00 in China
const LATER = NOW + 86_400_000;
const LONG_CLIENT = '深圳市前海星辰互动娱乐科技有限公司华南区域运营中心短剧游戏与直播电商事业部华南';

const HEADERS = ['项目编号', '客户', '名称', '负责人', '主体类型', '注册状态', '名称状态', '类目状态', '认证状态', '认证日期', '认证到期日', '资质状态', '资质日期', '备案状态', '备案日期'];

/** A portfolio row from the columns that matter here; the rest set up so the flow gets that far. */
function row(id: string | null, client: string, owner: string, o: { qual?: [string, string]; icp?: [string, string]; expiry?: string } = {}): Cell[] {
  return [id, client, `${client}小游戏`, owner, '企业', '已通过', '已通过', '已通过', '已认证', '2026-03-01', o.expiry ?? null, ...(o.qual ?? [null, null]), ...(o.icp ?? [null, null])];
}

const ROWS: Cell[][] = [
  row('G-001', '星河互娱, 有限公司; 分部', '张敏', { qual: ['审核中', '2026-11-19'], icp: ['待短信核验', '2026-11-20'], expiry: '2026-12-31' }),
  row('G-002', LONG_CLIENT, '李雷', { qual: ['审核中', '2026-11-20'] }),
  row(null, '无编号客户', '张敏', { qual: ['审核中', '2026-11-20'] }),
  row('G-009', '甲', '张敏', { qual: ['审核中', '2026-11-20'] }),
  row('g-009 ', '乙', '张敏', { qual: ['审核中', '2026-11-18'] }),
];

function exportOf(rows: Cell[][], o: { previous?: readonly CalendarEvent[]; now?: number; owner?: string; language?: 'zh-CN' | 'en'; today?: number } = {}) {
  const outcome = checkWorkbook({ portfolio: { headers: HEADERS, rows } }, { today: o.today ?? TODAY, language: o.language });
  const build = buildCalendar(outcome.results, outcome.rows, { language: outcome.language, owner: o.owner ?? null, previous: o.previous ?? [], now: o.now ?? NOW, today: outcome.today });
  const text = calendarText(build.events, { language: outcome.language, owner: o.owner ?? null, now: o.now ?? NOW });
  return { outcome, build, text };
}

interface Parsed {
  uid: string;
  start: string;
  startIsDate: boolean;
  end: string;
  summary: string;
  description: string;
  status: string;
  sequence: number;
}

function parse(text: string): { calendar: ICAL.Component; events: Parsed[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const start = v.getFirstPropertyValue('dtstart') as ICAL.Time;
    return {
      uid: String(v.getFirstPropertyValue('uid')),
      start: start.toString(),
      startIsDate: start.isDate,
      end: String(v.getFirstPropertyValue('dtend')),
      summary: String(v.getFirstPropertyValue('summary')),
      description: String(v.getFirstPropertyValue('description')),
      status: String(v.getFirstPropertyValue('status')),
      sequence: Number(v.getFirstPropertyValue('sequence')),
    };
  });
  return { calendar, events };
}

const byUid = (events: Parsed[], uid: string) => events.find((e) => e.uid === uid);

describe('one export', () => {
  const { outcome, build, text } = exportOf(ROWS);
  const { calendar, events } = parse(text);

  test('an all-day event on each open due date and the ETA, on the China dates the rules give', () => {
    const sms = byUid(events, calendarUid('G-001', 'icp'))!;
    expect(sms).toMatchObject({ start: '2026-11-21', startIsDate: true, end: '2026-11-22', status: 'CONFIRMED', sequence: 0 });
    expect(sms.summary).toBe('G-001 星河互娱, 有限公司; 分部：备案短信核验截止');
    // qualification: 3 calendar days after 2026-11-19; verification: the typed expiry
    expect(byUid(events, calendarUid('G-001', 'qualification'))).toMatchObject({ start: '2026-11-22', summary: 'G-001 星河互娱, 有限公司; 分部：资质审核应完成' });
    expect(byUid(events, calendarUid('G-001', 'verify-expiry'))).toMatchObject({ start: '2026-12-31', summary: 'G-001 星河互娱, 有限公司; 分部：微信认证到期' });
    const g001 = outcome.results[0]!;
    expect(byUid(events, calendarUid('G-001', 'eta'))).toMatchObject({ start: g001.eta, summary: 'G-001 星河互娱, 有限公司; 分部：预计上线' });
    // every due of the row is there, and nothing else
    expect(events.filter((e) => e.summary.startsWith('G-001')).map((e) => e.start).sort()).toEqual([...g001.dues.map((d) => d.date), g001.eta].sort());
  });

  test('the description holds the next step, the program and its owner', () => {
    const sms = byUid(events, calendarUid('G-001', 'icp'))!;
    expect(sms.description).toBe(`下一步：${outcome.results[0]!.nextStep.text}\n名称：星河互娱, 有限公司; 分部小游戏\n负责人：张敏`);
    expect(outcome.results[0]!.nextStep.code).toBe('icp.verify_sms');
  });

  test('rows without an ID, and IDs on two rows (as IDs are matched: case, spaces), get no events', () => {
    expect(build.withoutId).toBe(1);
    expect(build.duplicateIds).toEqual(['G-009']);
    expect(events.some((e) => /无编号|G-009|g-009/i.test(e.summary))).toBe(false);
    expect(new Set(events.map((e) => e.summary.split(' ')[0]))).toEqual(new Set(['G-001', 'G-002']));
  });

  test('METHOD:PUBLISH, our PRODID, events that do not make anyone busy', () => {
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Launch Tracker//launch-tracker calendar//ZH');
    expect(calendar.getAllSubcomponents('vevent').every((v) => v.getFirstPropertyValue('transp') === 'TRANSPARENT')).toBe(true);
  });

  test('CRLF after every line, the last one too, and no bare CR or LF', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines.every((l) => !/[\r\n]/.test(l))).toBe(true);
    expect(lines.length).toBeGreaterThan(40);
  });

  test('lines are folded at 75 octets of UTF-8, never inside a character, and unfold to the title', () => {
    const bytes = Buffer.from(text, 'utf8');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let start = 0;
    const lengths: number[] = [];
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] !== 0x0d || bytes[i + 1] !== 0x0a) continue;
      const line = bytes.subarray(start, i);
      lengths.push(line.length);
      expect(() => decoder.decode(line)).not.toThrow(); // a cut inside a character would not decode
      start = i + 2;
    }
    expect(Math.max(...lengths)).toBeLessThanOrEqual(75);
    const title = `G-002 ${LONG_CLIENT}：资质审核应完成`;
    // 61 characters, far below 75, but 155 octets: folded twice
    expect(`SUMMARY:${title}`.length).toBe(61);
    expect(Buffer.byteLength(`SUMMARY:${title}`)).toBe(155);
    const raw = text.split('\r\n');
    const at = raw.findIndex((l) => l.startsWith('SUMMARY:G-002'));
    expect(raw[at + 1].startsWith(' ')).toBe(true);
    expect(raw[at + 2].startsWith(' ')).toBe(true);
    expect(raw[at] + raw[at + 1].slice(1) + raw[at + 2].slice(1)).toBe(`SUMMARY:${title}`);
    expect(Buffer.byteLength(raw[at])).toBeLessThanOrEqual(75);
    expect(Buffer.byteLength(raw[at])).toBeGreaterThan(72); // filled, not cut by characters
    expect(byUid(events, calendarUid('G-002', 'qualification'))!.summary).toBe(title);
  });

  test('commas, semicolons and line breaks are escaped in the text and come back as typed', () => {
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('\r\nSUMMARY:G-001 星河互娱\\, 有限公司\\; 分部：备案短信核验截止\r\n');
    expect(unfolded).toContain('\r\nDESCRIPTION:下一步：完成工信部备案短信核验（2026-11-21 前）\\n名称：星河互娱\\, 有限公司\\; 分部小游戏\\n负责人：张敏\r\n');
  });
});

describe('exports over time', () => {
  const first = exportOf(ROWS);
  const previous = readCalendarText(first.text)!;

  test('the earlier export is read back as written', () => {
    expect(previous.ours).toBe(true);
    expect(previous.events).toEqual(first.build.events);
  });

  test('exporting again with nothing changed gives the same events: same UIDs, SEQUENCE, LAST-MODIFIED', () => {
    const second = exportOf(ROWS, { previous: previous.events, now: LATER });
    expect(second.build.counts).toMatchObject({ added: 0, changed: 0, cancelled: 0, unchanged: first.build.events.length });
    // DTSTAMP is when the file was made (RFC 5545 §3.8.7.2, an object with a METHOD): only it differs
    const stamps = (t: string) => t.match(/^DTSTAMP:.*$/gm)!;
    expect(new Set(stamps(first.text))).toEqual(new Set(['DTSTAMP:20261121T010000Z']));
    expect(new Set(stamps(second.text))).toEqual(new Set(['DTSTAMP:20261122T010000Z']));
    expect(second.text.replace(/^DTSTAMP:.*$/gm, '')).toBe(first.text.replace(/^DTSTAMP:.*$/gm, ''));
    expect(second.text).toContain('LAST-MODIFIED:20261121T010000Z\r\n');
  });

  describe('after the SMS is verified and the qualification approved', () => {
    const edited = ROWS.map((r) => [...r]);
    edited[0][11] = '已通过';
    edited[0][13] = '管局审核中';
    edited[0][14] = '2026-11-21';
    const second = exportOf(edited, { previous: previous.events, now: LATER });
    const { events } = parse(second.text);

    test('the ICP event moves: same UID, SEQUENCE 1, new date and title', () => {
      const icp = byUid(events, calendarUid('G-001', 'icp'))!;
      expect(icp.status).toBe('CONFIRMED');
      expect(icp.sequence).toBe(1);
      expect(icp.start).toBe(second.outcome.results[0]!.icpDeadline);
      expect(icp.start > '2026-11-21').toBe(true);
      expect(icp.summary).toBe('G-001 星河互娱, 有限公司; 分部：备案审核应完成');
    });

    test('the qualification review, no longer due, is cancelled: same UID and date, SEQUENCE 1, STATUS:CANCELLED', () => {
      const qual = byUid(events, calendarUid('G-001', 'qualification'))!;
      expect(qual).toMatchObject({ start: '2026-11-22', status: 'CANCELLED', sequence: 1 });
      expect(qual.summary).toBe('［已取消］G-001 星河互娱, 有限公司; 分部：资质审核应完成');
      expect(qual.description.startsWith('已不再截止（2026-11-21 检查）。\n下一步：')).toBe(true);
      expect(second.build.counts.cancelled).toBe(1);
    });

    test('untouched rows keep their events as they were', () => {
      const g002 = (e: { summary: string }) => e.summary.startsWith('G-002');
      expect(events.filter(g002)).toEqual(parse(first.text).events.filter(g002));
    });

    test('a cancelled event stays, unchanged, in the next exports for 90 days, then is dropped', () => {
      const after = readCalendarText(second.text)!.events;
      const third = exportOf(edited, { previous: after, now: LATER + 30 * 86_400_000 });
      const qual = byUid(parse(third.text).events, calendarUid('G-001', 'qualification'))!;
      expect(qual).toMatchObject({ status: 'CANCELLED', sequence: 1 });
      expect(third.build.counts.cancelled).toBe(0);
      const late = exportOf(edited, { previous: after, now: LATER + 91 * 86_400_000 });
      expect(byUid(parse(late.text).events, calendarUid('G-001', 'qualification'))).toBeUndefined();
    });

    test('a cancelled item due again comes back under its UID with a higher SEQUENCE', () => {
      const back = exportOf(ROWS, { previous: readCalendarText(second.text)!.events, now: LATER + 86_400_000 });
      expect(byUid(parse(back.text).events, calendarUid('G-001', 'qualification'))).toMatchObject({ start: '2026-11-22', status: 'CONFIRMED', sequence: 2 });
    });
  });

  test('a row removed from the table has its events cancelled; a duplicated ID keeps its earlier events', () => {
    const before = exportOf([ROWS[0], ROWS[1], ROWS[3]]);
    const earlier = readCalendarText(before.text)!.events;
    const after = exportOf(ROWS.filter((_, i) => i !== 1), { previous: earlier, now: LATER });
    const { events } = parse(after.text);
    expect(events.filter((e) => e.summary.includes('G-002')).every((e) => e.status === 'CANCELLED' && e.sequence === 1)).toBe(true);
    // G-009 is now on two rows: its events stay as the earlier export wrote them
    const g009 = events.filter((e) => e.summary.startsWith('G-009'));
    expect(g009.length).toBeGreaterThan(0);
    expect(g009).toEqual(parse(before.text).events.filter((e) => e.summary.startsWith('G-009')));
  });
});

describe('options', () => {
  test('--owner: only that owner\'s rows (case and spaces ignored), and the file says whose it is', () => {
    const { build, text } = exportOf(ROWS, { owner: ' 李雷 ' });
    const { calendar, events } = parse(text);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.summary.startsWith('G-002') && e.description.includes('负责人：李雷'))).toBe(true);
    expect(build.ownerRows).toBe(1);
    expect(calendar.getFirstPropertyValue('x-launch-tracker-owner')).toBe(' 李雷 ');
    expect(readCalendarText(text)!.owner).toBe(' 李雷 ');
    expect(exportOf(ROWS, { owner: 'nobody' }).build.ownerRows).toBe(0);
  });

  test('English titles and descriptions', () => {
    const { events } = parse(exportOf(ROWS, { language: 'en' }).text);
    const sms = byUid(events, calendarUid('G-001', 'icp'))!;
    expect(sms.summary).toBe('G-001 星河互娱, 有限公司; 分部: ICP SMS verification deadline');
    expect(sms.description.startsWith('Next step: ')).toBe(true);
    expect(byUid(events, calendarUid('G-001', 'verify-expiry'))!.summary).toMatch(/WeChat verification expires$/);
  });

  test('the dates do not depend on the machine\'s time zone', () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
        process.env.TZ = zone;
        expect(byUid(parse(exportOf(ROWS).text).events, calendarUid('G-001', 'icp'))!.start).toBe('2026-11-21');
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  test('a title typed with a line break (Alt+Enter) stays on one line', () => {
    const rows = [row('G-100', '第一行\n第二行', '张敏', { qual: ['审核中', '2026-11-20'] })];
    const { events } = parse(exportOf(rows).text);
    expect(events[0].summary).toBe('G-100 第一行 第二行：资质审核应完成');
  });
});

describe('readCalendarText', () => {
  test('not an iCalendar object → null; another product\'s calendar → not ours', () => {
    expect(readCalendarText('hello')).toBeNull();
    const other = readCalendarText('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nEND:VCALENDAR\r\n')!;
    expect(other.ours).toBe(false);
  });

  test('unfolds and unescapes as RFC 5545 says (also LF-only lines, as an editor may save them)', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'PRODID:-//Launch Tracker//launch-tracker calendar//ZH',
      'BEGIN:VEVENT',
      'UID:launch-tracker-0123456789abcdef-icp',
      'DTSTAMP:20261122T000000Z',
      'LAST-MODIFIED:20261121T010203Z',
      'DTSTART;VALUE=DATE:20261121',
      'SUMMARY:a\\, b\\; c\\\\d',
      'DESCRIPTION:line one\\nline',
      '  two',
      'SEQUENCE:3',
      'STATUS:CANCELLED',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    expect(readCalendarText(text)!.events).toEqual([
      { uid: 'launch-tracker-0123456789abcdef-icp', date: TODAY, summary: 'a, b; c\\d', description: 'line one\nline two', status: 'CANCELLED', sequence: 3, modified: Date.UTC(2026, 10, 21, 1, 2, 3) },
    ]);
  });
});
