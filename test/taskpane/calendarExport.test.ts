/**
 * @jest-environment jsdom
 *
 * The pane's calendar export on the in-memory Excel: the last check's due dates of one owner as a
 * real iCalendar file (parsed with ical.js), and a second export that cancels what is no longer due
 * (the pane remembers its previous export on this machine, as the command line reads its old file).
 */
import { TextEncoder } from 'node:util';
import ICAL from 'ical.js';
import { examplePane } from '../helpers/excelPane';
import { hostCanDownload } from '../../src/taskpane/paneService';

// jest's jsdom has no TextEncoder (every browser has); ical-generator measures lines with it.
globalThis.TextEncoder ??= TextEncoder as typeof globalThis.TextEncoder;

afterEach(() => localStorage.clear());

function events(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => ({
    uid: String(v.getFirstPropertyValue('uid')),
    date: String(v.getFirstPropertyValue('dtstart')),
    summary: String(v.getFirstPropertyValue('summary')),
    status: String(v.getFirstPropertyValue('status') ?? ''),
  }));
}

test("an owner's due dates as all-day events titled with ID and client; every event is that owner's", async () => {
  const { pane, sheet, column } = examplePane();
  await pane.checkPortfolio('zh-CN');
  const owners = new Map<string, string>(); // ID → owner, as the sheet has it
  for (let r = 1; r <= 48; r++) owners.set(String(sheet.value(r, 0)), String(sheet.value(r, column('负责人'))));
  const owner = [...owners.values()].find((o) => o !== '')!;
  const file = await pane.exportCalendar('zh-CN', owner);
  expect(file.fileName).toBe(`launch-tracker-${owner}-2026-11-21.ics`);
  expect(file.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
  const found = events(file.text);
  expect(found.length).toBe(file.open);
  expect(found.length).toBeGreaterThan(0);
  for (const e of found) {
    const id = [...owners.keys()].find((k) => e.summary.includes(k));
    expect([e.summary, id && owners.get(id)]).toEqual([e.summary, owner]);
    expect(e.date).toMatch(/^20\d\d-\d\d-\d\d$/); // a date, no time: all-day
  }
});

test('the next export after a review is approved cancels its event, with the same UID', async () => {
  const { pane, model, sheet, column, rowOf } = examplePane();
  await pane.checkPortfolio('zh-CN');
  const first = events((await pane.exportCalendar('zh-CN', null)).text);
  // A row waiting for its version review (a due date for 'version'), approved in the sheet.
  const waiting = first.find((e) => /版本审核/.test(e.summary) && e.status !== 'CANCELLED')!;
  expect(waiting).toBeDefined();
  const id = [...Array(49).keys()].map((r) => String(sheet.value(r, 0))).find((v) => v !== '' && waiting.summary.includes(v))!;
  expect(column('版本状态')).toBeGreaterThan(0);
  model.userEdit(sheet, rowOf(id), column('版本状态'), '已通过');
  await pane.checkPortfolio('zh-CN');
  const second = events((await pane.exportCalendar('zh-CN', null)).text);
  expect(second.find((e) => e.uid === waiting.uid)?.status).toBe('CANCELLED');
});

test('downloads everywhere but Excel on Mac and iPad (WKWebView)', () => {
  expect(['OfficeOnline', 'PC', 'Universal', 'Preview', undefined].map(hostCanDownload)).toEqual([true, true, true, true, true]);
  expect(['Mac', 'iOS'].map(hostCanDownload)).toEqual([false, false]);
});
