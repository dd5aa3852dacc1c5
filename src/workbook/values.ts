/**
 * Reading cell values the way account managers type them (workbook.md): Excel serial
 * dates and real dates, the listed text date forms, yes/no in many spellings, numbers
 * like `5,000`, `5000人` and `0.5万`. A value that cannot be read is reported, never
 * guessed: the caller turns the failure into a DATA-* finding.
 */
import {
  Day,
  dayFromExcelSerial,
  dayFromUtcDate,
  dayFromYmd,
  isValidYmd,
  toIso,
  yearOf,
} from '../rules/dates';

/** What a table cell can hold, from an xlsx file, Office.js or a CSV file. */
export type Cell = string | number | boolean | Date | null | undefined;

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell as text: trimmed, null when blank. Dates become ISO text. */
export function cellText(cell: Cell): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string') {
    const s = cell.trim();
    return s === '' ? null : s;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return Number.isNaN(cell.getTime()) ? null : toIso(dayFromUtcDate(cell));
}

/** Lower-case, width-folded, single-spaced: the form vocabularies are matched in. */
export function vocabKey(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

// ---- dates -------------------------------------------------------------------------------

export type DateFailure = 'invalid' | 'ambiguous' | 'range';
export type DateRead = { ok: true; day: Day | null } | { ok: false; reason: DateFailure };

export interface DateOptions {
  /** Read `11/12/2026` as month/day/year (Settings `dates.usOrder`). */
  usOrder?: boolean;
}

/** A portfolio's dates lie between 1990 and 2100; anything else is a typing error. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const NONE: DateRead = { ok: true, day: null };

function inRange(day: Day): DateRead {
  const y = yearOf(day);
  return y >= MIN_YEAR && y <= MAX_YEAR ? { ok: true, day } : { ok: false, reason: 'range' };
}

function fromParts(y: number, m: number, d: number): DateRead {
  return isValidYmd(y, m, d) ? inRange(dayFromYmd(y, m, d)) : { ok: false, reason: 'invalid' };
}

const YMD = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/i;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR_LAST = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$/;
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

export function readDate(cell: Cell, options: DateOptions = {}): DateRead {
  if (cell === null || cell === undefined) return NONE;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { ok: false, reason: 'invalid' } : inRange(dayFromUtcDate(cell));
  if (typeof cell === 'number') return readDateNumber(cell);
  if (typeof cell === 'boolean') return { ok: false, reason: 'invalid' };
  const text = cell.normalize('NFKC').trim();
  if (text === '') return NONE;
  return readDateText(text, options);
}

function readDateNumber(n: number): DateRead {
  // 20261121 typed into a number cell: the compact text form, not a serial (serials stop at 2958465).
  if (Number.isInteger(n) && n >= 19_000_101 && n <= 29_991_231) {
    return fromParts(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
  }
  const day = dayFromExcelSerial(n);
  return day === null ? { ok: false, reason: 'invalid' } : inRange(day);
}

function readDateText(text: string, options: DateOptions): DateRead {
  let m = YMD.exec(text) ?? CHINESE.exec(text) ?? COMPACT.exec(text);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = YEAR_LAST.exec(text);
  if (m) {
    // Only month/day/year is ever read (Settings dates.usOrder); a form that is no date that way is invalid.
    const us = fromParts(Number(m[3]), Number(m[1]), Number(m[2]));
    return options.usOrder || !us.ok ? us : { ok: false, reason: 'ambiguous' };
  }
  if (SERIAL_TEXT.test(text)) return readDateNumber(Number(text));
  return { ok: false, reason: 'invalid' };
}

// ---- yes / no ----------------------------------------------------------------------------

const YES_NO = new Map<string, boolean>();
for (const w of ['是', '有', '需要', '要', 'y', 'yes', 'true', '1', '✓', '✔', '√', '☑']) YES_NO.set(w, true);
for (const w of ['否', '无', '不需要', '不要', 'n', 'no', 'false', '0', '✗', '✘', '×', '☐']) YES_NO.set(w, false);

/** undefined = not understood (caller reports it); null = blank. */
export function readYesNo(cell: Cell): boolean | null | undefined {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : undefined;
  const text = cellText(cell);
  if (text === null) return null;
  return YES_NO.get(text) ?? YES_NO.get(vocabKey(text));
}

// ---- numbers -----------------------------------------------------------------------------

const MULTIPLIER: Record<string, number> = { 万: 10_000, w: 10_000, 千: 1_000, k: 1_000, 亿: 100_000_000 };
const NUMBER = /^([+-]?\d+(?:\.\d+)?)\s*(万|w|千|k|亿)?\s*(?:人|元|个|次|位|名|rmb|yuan|cny|users?)?$/;

/** undefined = not understood; null = blank. Accepts `5,000`, `5000人`, `0.5万`, `1.2k`. */
export function readNumber(cell: Cell): number | null | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'boolean' || cell instanceof Date) return undefined;
  const text = cellText(cell);
  if (text === null) return null;
  const compact = vocabKey(text).replace(/[,，\s]/g, '').replace(/^[¥￥]/, '');
  const m = NUMBER.exec(compact);
  if (!m) return undefined;
  const value = Number(m[1]) * (m[2] ? MULTIPLIER[m[2]] : 1);
  return Math.round(value * 1e6) / 1e6;
}

// ---- vocabularies ------------------------------------------------------------------------

/** A vocabulary: canonical codes with every accepted spelling (case- and width-insensitive). */
export class Vocabulary<T extends string> {
  private readonly map = new Map<string, T>();
  /** Texts exactly as typed → code (or null), so the same cell text is normalised once. */
  private readonly seen = new Map<string, T | null>();

  constructor(entries: Record<T, readonly string[]>) {
    for (const [code, words] of Object.entries(entries) as [T, readonly string[]][]) {
      this.map.set(vocabKey(code), code);
      for (const w of words) this.map.set(vocabKey(w), code);
    }
  }

  /** The code, or undefined when the text is not in the vocabulary. */
  get(text: string): T | undefined {
    let code = this.seen.get(text);
    if (code === undefined) {
      code = this.map.get(vocabKey(text)) ?? null;
      if (this.seen.size < 10_000) this.seen.set(text, code);
    }
    return code ?? undefined;
  }
}
