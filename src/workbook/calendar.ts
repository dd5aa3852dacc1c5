/**
 * Reminders in the calendar: a checked portfolio as an iCalendar file (RFC 5545), one
 * all-day event per open due date and per projected launch, for Outlook, Google Calendar,
 * Feishu/Lark, WeCom or any client that imports .ics files. Pure (no Node import), so the
 * command line and, later, the task pane ("my rows") make the same file.
 *
 * Re-importing must update, not duplicate, and must take away what is no longer due:
 * - **UID** = a hash of the row's ID (normalised as IDs are matched everywhere: case, width,
 *   spaces) and the item (the step the date is for, `verify-expiry`, or `eta`). A step's date
 *   moving (a review resubmitted, a filing passing from platform to authority review) is the
 *   same event moved, not a new one. The ID is hashed because RFC 7986 §5.3 asks that UIDs
 *   carry no identifying data, and IDs often hold client names.
 * - **SEQUENCE** goes up by one whenever an event's date, title, description or status
 *   changes, and LAST-MODIFIED becomes the export's time; an unchanged event keeps both.
 *   **DTSTAMP** is the export's time on every event: in an object with a METHOD, it is "the date
 *   and time that the instance of the iCalendar object was created" (RFC 5545 §3.8.7.2). Outlook decides which copy of a UID is the
 *   latest by SEQUENCE ("On import, Outlook uses the SEQUENCE property to determine which
 *   revision is the latest", [MS-STANOICAL] 2.2.103, Microsoft's notes on Outlook's RFC 5546
 *   support, https://msdn.microsoft.com/en-us/library/ee624561(v=exchg.80).aspx); Google
 *   Calendar is reported to ignore an update whose SEQUENCE did not increase (synara.events,
 *   "ICS update not showing in Google Calendar"). What else is known: README, "Reminders in the
 *   calendar".
 * - **Cancellation**: an item of the earlier export (the file being replaced, read back with
 *   `readCalendarText`) that is no longer due comes out again with `STATUS:CANCELLED`, a
 *   higher SEQUENCE and "[已取消]" in its title (for a client that ignores the status). It stays
 *   in later exports for CANCELLED_KEEP_DAYS after it was cancelled, so a calendar fed an older
 *   file still learns of it, then is dropped.
 * - The calendar is METHOD:PUBLISH (RFC 5546 §3.2.1: a published calendar, no attendees), and
 *   every event is TRANSPARENT: a deadline does not make its owner busy.
 */
import ical, { ICalCalendarMethod, ICalEvent, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { Day, fromIso, toIso, utcDateFromDay } from '../rules/dates';
import { catalogFor } from '../rules/i18n';
import { normalizeKey } from '../rules/keys';
import type { DueItem, Language, Row, RowResult, Topic } from '../rules/types';

export const PRODUCT_ID = { company: 'Launch Tracker', product: 'launch-tracker calendar' };
/** Cancelled events are repeated in later exports for this long after they were cancelled. */
export const CANCELLED_KEEP_DAYS = 90;
const MS_PER_DAY = 86_400_000;
const UID_PREFIX = 'launch-tracker-';
/** The owner the file was made for (empty: every owner), so a later export refuses to mix calendars. */
export const OWNER_PROPERTY = 'X-LAUNCH-TRACKER-OWNER';

export type CalendarStatus = 'CONFIRMED' | 'CANCELLED';

/** One VEVENT, as written and as read back from an earlier export. */
export interface CalendarEvent {
  uid: string;
  /** The all-day event's day: a China calendar date, written as DTSTART;VALUE=DATE. */
  date: Day;
  summary: string;
  description: string;
  status: CalendarStatus;
  sequence: number;
  /** LAST-MODIFIED, ms since the epoch: when this version of the event was made. */
  modified: number;
}

export interface CalendarOptions {
  language: Language;
  /** Only the rows of this owner (负责人 / Owner), matched as IDs are; null for every row. */
  owner?: string | null;
  /** The events of the earlier export this one replaces (none: nothing to update or cancel). */
  previous?: readonly CalendarEvent[];
  /** The export's time (ms since the epoch): LAST-MODIFIED of new and changed events. */
  now: number;
  /** The check's day: written into a cancelled event's description. */
  today: Day;
}

export interface CalendarBuild {
  /** Every event to write, by date then UID: open ones and cancelled ones. */
  events: CalendarEvent[];
  counts: { open: number; added: number; changed: number; unchanged: number; cancelled: number };
  /** Rows without an ID: no stable UID, so no events (and they say so). */
  withoutId: number;
  /** IDs on more than one row: no events for them, and their earlier events are left as they were. */
  duplicateIds: string[];
  /** Rows of the owner (every row when no owner is given). */
  ownerRows: number;
}

/** An item of a row: what it is for and when. */
interface RowItem {
  key: string;
  date: Day;
  what: string;
}

export function buildCalendar(results: readonly (RowResult | null)[], rows: readonly Row[], options: CalendarOptions): CalendarBuild {
  const rowByIndex = new Map(rows.map((r) => [r.index, r]));
  const owner = options.owner == null ? null : normalizeKey(options.owner);
  const texts = calendarTexts(options.language);
  const groups = new Map<string, { id: string; result: RowResult; row: Row | undefined }[]>();
  let withoutId = 0;
  let ownerRows = 0;
  for (const result of results) {
    if (result === null) continue;
    const row = rowByIndex.get(result.row);
    if (owner !== null && (row?.owner == null || normalizeKey(row.owner) !== owner)) continue;
    ownerRows++;
    if (result.id === null || result.id.trim() === '') {
      withoutId++;
      continue;
    }
    const hash = idHash(result.id);
    const group = groups.get(hash);
    if (group) group.push({ id: result.id, result, row });
    else groups.set(hash, [{ id: result.id, result, row }]);
  }

  const fresh = new Map<string, Omit<CalendarEvent, 'sequence' | 'modified'>>();
  const ambiguous = new Set<string>();
  const duplicateIds: string[] = [];
  for (const [hash, group] of groups) {
    if (group.length > 1) {
      ambiguous.add(hash);
      duplicateIds.push(group[0].id);
      continue;
    }
    const { id, result, row } = group[0];
    for (const item of rowItems(result, texts)) {
      const uid = `${UID_PREFIX}${hash}-${item.key}`;
      fresh.set(uid, { uid, date: item.date, summary: oneLine(texts.title(id, row?.client ?? null, item.what)), description: texts.description(result, row), status: 'CONFIRMED' });
    }
  }
  return { ...mergeWithPrevious(fresh, ambiguous, options), withoutId, duplicateIds, ownerRows };
}

/** Sequence numbers, modification times and cancellations against the earlier export. */
function mergeWithPrevious(
  fresh: Map<string, Omit<CalendarEvent, 'sequence' | 'modified'>>,
  ambiguous: ReadonlySet<string>,
  options: CalendarOptions,
): Pick<CalendarBuild, 'events' | 'counts'> {
  const { now } = options;
  const texts = calendarTexts(options.language);
  const counts = { open: fresh.size, added: 0, changed: 0, unchanged: 0, cancelled: 0 };
  const events: CalendarEvent[] = [];
  const previous = new Map((options.previous ?? []).map((e) => [e.uid, e]));
  for (const event of fresh.values()) {
    const before = previous.get(event.uid);
    if (before === undefined) {
      counts.added++;
      events.push({ ...event, sequence: 0, modified: now });
    } else if (sameEvent(before, event)) {
      counts.unchanged++;
      events.push(before);
    } else {
      counts.changed++;
      events.push({ ...event, sequence: before.sequence + 1, modified: now });
    }
  }
  for (const before of previous.values()) {
    if (fresh.has(before.uid)) continue;
    if (ambiguous.has(hashOfUid(before.uid))) {
      events.push(before); // its row cannot be told apart now: neither updated nor cancelled
    } else if (before.status === 'CANCELLED') {
      if (now - before.modified <= CANCELLED_KEEP_DAYS * MS_PER_DAY) events.push(before);
    } else {
      counts.cancelled++;
      events.push({
        ...before,
        status: 'CANCELLED',
        summary: texts.cancelledTitle(before.summary),
        description: texts.cancelledDescription(options.today, before.description),
        sequence: before.sequence + 1,
        modified: now,
      });
    }
  }
  events.sort((a, b) => a.date - b.date || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  return { events, counts };
}

function sameEvent(a: CalendarEvent, b: Omit<CalendarEvent, 'sequence' | 'modified'>): boolean {
  return a.date === b.date && a.summary === b.summary && a.description === b.description && a.status === b.status;
}

/**
 * A row's items: each open due date (one per step; a verification's expiry apart from its
 * review), then the projected launch. Two dates for one step keep the earliest.
 */
function rowItems(result: RowResult, texts: CalendarTexts): RowItem[] {
  const items: RowItem[] = [];
  const seen = new Set<string>();
  for (const due of result.dues) {
    const key = due.kind === 'expiry' ? `${due.topic}-expiry` : due.topic;
    const date = fromIso(due.date);
    if (seen.has(key) || date === null) continue;
    seen.add(key);
    items.push({ key, date, what: texts.dueText(due) });
  }
  const eta = result.eta === null ? null : fromIso(result.eta);
  if (eta !== null) items.push({ key: 'eta', date: eta, what: texts.eta });
  return items;
}

/** Titles are one line: a line break typed in a cell (Alt+Enter) becomes a space. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

// ---- UIDs --------------------------------------------------------------------------------

/**
 * 64 bits of the normalised ID, as 16 hex digits (two 32-bit multiplicative hashes, cyrb53's
 * mixing): stable across versions and machines, no Node crypto needed. A collision between two
 * IDs is treated like a duplicate ID (at 100,000 IDs its chance is about 3 in 10 billion).
 */
export function idHash(id: string): string {
  const key = normalizeKey(id);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** The UID of a row's item, as buildCalendar writes it. */
export function calendarUid(id: string, item: Topic | `${Topic}-expiry` | 'eta'): string {
  return `${UID_PREFIX}${idHash(id)}-${item}`;
}

function hashOfUid(uid: string): string {
  return uid.startsWith(UID_PREFIX) ? uid.slice(UID_PREFIX.length, UID_PREFIX.length + 16) : '';
}

// ---- texts -------------------------------------------------------------------------------

type CalendarTexts = ReturnType<typeof calendarTexts>;

/** Titles and descriptions; topic names and next steps come from the rules' catalogs. */
export function calendarTexts(language: Language) {
  const cat = catalogFor(language);
  const en = language === 'en';
  const topic = (t: Topic) => cat.topic[t];
  const dueText = (due: DueItem): string => {
    switch (due.kind) {
      case 'review':
        if (due.topic === 'icp') return en ? 'ICP filing review due' : '备案审核应完成';
        return en ? `${topic(due.topic)} due` : `${topic(due.topic)}应完成`;
      case 'resubmit':
        return en ? `last day to resubmit the ${topic(due.topic)}` : `${topic(due.topic)}重新提交截止`;
      case 'sms':
        return en ? 'ICP SMS verification deadline' : '备案短信核验截止';
      case 'deadline':
        return en ? 'ICP filing deadline' : '备案截止';
      case 'startBy':
        return en ? 'last day to start the ICP filing' : '最晚开始备案';
      case 'expiry':
        return en ? `${topic(due.topic)} expires` : `${topic(due.topic)}到期`;
    }
  };
  return {
    dueText,
    eta: en ? 'projected launch' : '预计上线',
    calendarName: (owner: string | null) => (en ? `Launch Tracker due dates${owner ? ` (${owner})` : ''}` : `Launch Tracker 截止日${owner ? `（${owner}）` : ''}`),
    title: (id: string, client: string | null, what: string) => (en ? `${id}${client ? ` ${client}` : ''}: ${what}` : `${id}${client ? ` ${client}` : ''}：${what}`),
    description: (result: RowResult, row: Row | undefined): string => {
      const lines = [`${en ? 'Next step' : '下一步'}${en ? ': ' : '：'}${result.nextStep.text}`];
      if (row?.name) lines.push(`${en ? 'Name: ' : '名称：'}${row.name}`);
      if (row?.owner) lines.push(`${en ? 'Owner: ' : '负责人：'}${row.owner}`);
      return lines.join('\n').replace(/\r\n?/g, '\n');
    },
    cancelledTitle: (title: string) => (en ? `[Cancelled] ${title}` : `［已取消］${title}`),
    cancelledDescription: (today: Day, before: string) =>
      `${en ? `No longer due (checked ${toIso(today)}).` : `已不再截止（${toIso(today)} 检查）。`}\n${before}`,
  };
}

// ---- writing -----------------------------------------------------------------------------

const END = 'END:VCALENDAR';

/**
 * The .ics text: CRLF line ends (the last line's too), lines folded at 75 octets of UTF-8
 * (never inside a character), TEXT values escaped (`\\ \; \, \n`).
 *
 * ical-generator writes every property (its escaping, DATE values, the all-day hints Outlook
 * reads); the events are laid out here rather than by its ICalCalendar.toString(), whose folding
 * builds a TextEncoder per character (about 20 s for 30,000 events) and which puts calendar
 * X- properties after the events, where RFC 5545's `icalbody = calprops component` does not.
 */
export function calendarText(events: readonly CalendarEvent[], options: { language: Language; owner?: string | null; now: number }): string {
  const owner = options.owner ?? null;
  const cal = ical({
    prodId: { ...PRODUCT_ID, language: options.language === 'en' ? 'EN' : 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes the name as it is: escape it as TEXT (an owner may hold a comma).
    name: escapeText(calendarTexts(options.language).calendarName(owner)),
    x: owner === null ? [] : [[OWNER_PROPERTY, owner]],
  });
  // Without events, the calendar's own text is its properties and END:VCALENDAR.
  const head = cal.toString();
  const parts = [head.slice(0, head.length - END.length)];
  const stamp = new Date(options.now);
  for (const e of events) parts.push(foldLines(eventText(e, cal, stamp)));
  parts.push(`${END}\r\n`);
  return parts.join('');
}

function eventText(e: CalendarEvent, cal: ReturnType<typeof ical>, stamp: Date): string {
  const event = new ICalEvent(
    {
      id: e.uid,
      sequence: e.sequence,
      stamp,
      lastModified: new Date(e.modified),
      // No time zone: ical-generator then formats a date from its UTC fields, and a Day is UTC midnight.
      allDay: true,
      start: utcDateFromDay(e.date),
      end: utcDateFromDay(e.date + 1),
      summary: e.summary,
      description: e.description,
      status: e.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
    },
    cal,
  );
  return event.toString();
}

/** Longest line, in octets, CRLF excluded (RFC 5545 §3.1); a continuation line's leading space counts. */
const FOLD_OCTETS = 75;

/** RFC 5545 §3.1 folding of CRLF-separated lines: at 75 octets of UTF-8, between characters. */
export function foldLines(text: string): string {
  return text.split('\r\n').map(foldLine).join('\r\n');
}

function foldLine(line: string): string {
  if (line.length * 3 <= FOLD_OCTETS) return line; // no character takes more than 3 octets per UTF-16 unit
  let out = '';
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < line.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (octets + size > FOLD_OCTETS) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 1;
    }
    octets += size;
    if (pair) i++;
  }
  return out + line.slice(start);
}

function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

// ---- reading an earlier export -------------------------------------------------------------

export interface ReadCalendar {
  /** Written by Launch Tracker (its PRODID). */
  ours: boolean;
  /** The owner it was made for (null: every owner, or not said). */
  owner: string | null;
  events: CalendarEvent[];
}

/**
 * The events of a file this module wrote (unfolded, unescaped), to update and cancel them in
 * the next export. Only what buildCalendar compares is read; events it cannot read (no UID,
 * no date) are skipped. Returns null for text that is not an iCalendar object.
 */
export function readCalendarText(text: string): ReadCalendar | null {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  if (lines[0]?.trim().toUpperCase() !== 'BEGIN:VCALENDAR') return null;
  let ours = false;
  let owner: string | null = null;
  const events: CalendarEvent[] = [];
  let current: Map<string, string> | null = null;
  for (const line of lines) {
    const { name, value } = splitLine(line);
    if (name === 'BEGIN' && value.toUpperCase() === 'VEVENT') current = new Map();
    else if (name === 'END' && value.toUpperCase() === 'VEVENT') {
      const event = current && eventFrom(current);
      if (event) events.push(event);
      current = null;
    } else if (current) current.set(name, value);
    else if (name === 'PRODID') ours = value.includes(`//${PRODUCT_ID.company}//${PRODUCT_ID.product}//`);
    else if (name === OWNER_PROPERTY) owner = unescapeText(value) || null;
  }
  return { ours, owner, events };
}

/** `NAME;PARAM=…:value` → name and value (a quoted parameter may hold a colon). */
function splitLine(line: string): { name: string; value: string } {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return { name: line.slice(0, i).split(';')[0].toUpperCase(), value: line.slice(i + 1) };
  }
  return { name: line.toUpperCase(), value: '' };
}

function eventFrom(p: Map<string, string>): CalendarEvent | null {
  const uid = p.get('UID');
  const date = parseDate(p.get('DTSTART') ?? '');
  if (!uid || date === null) return null;
  const status = (p.get('STATUS') ?? '').toUpperCase() === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED';
  const sequence = Number(p.get('SEQUENCE') ?? 0);
  return {
    uid,
    date,
    summary: unescapeText(p.get('SUMMARY') ?? ''),
    description: unescapeText(p.get('DESCRIPTION') ?? ''),
    status,
    sequence: Number.isSafeInteger(sequence) && sequence >= 0 ? sequence : 0,
    modified: parseStamp(p.get('LAST-MODIFIED') ?? ''),
  };
}

function parseDate(value: string): Day | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  return m ? fromIso(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

function parseStamp(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : 0;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
