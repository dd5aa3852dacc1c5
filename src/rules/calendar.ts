/**
 * The China working-day calendar (rules.md §0).
 *
 * Shipped data: the State Council's yearly holiday notices as published in the npm package
 * `chinese-days` (holidays and make-up working days 调休补班, 2004 onwards). The workbook's
 * Holidays table adds to and overrides it. Years with neither are "unknown": weekends only,
 * and the rules say so (CAL-UNKNOWN-YEAR).
 *
 * Working days are precomputed into a flag array with prefix sums, so isWorkday and
 * networkDays are O(1) and addWorkdays walks only the days it returns.
 */
import shipped from 'chinese-days/dist/chinese-days.json';
import { Day, dayFromYmd, fromIso, weekday, yearOf } from './dates';

export type DayType = 'holiday' | 'workday';

export interface CalendarOverride {
  date: Day;
  type: DayType;
  name?: string | null;
}

const RANGE_START = dayFromYmd(2000, 1, 1);
const RANGE_END = dayFromYmd(2101, 1, 1); // exclusive

interface ShippedData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function isWeekend(d: Day): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

/** "Spring Festival,春节,4" → { en: "Spring Festival", zh: "春节" } */
function splitShippedName(value: string): { en: string; zh: string } {
  const [en = '', zh = ''] = value.split(',');
  return { en, zh };
}

export class Calendar {
  private readonly flags: Uint8Array;
  /** prefix[i] = number of working days in [RANGE_START, RANGE_START + i) */
  private readonly prefix: Int32Array;
  private readonly knownYears: ReadonlySet<number>;
  /** 1 where the day's year has official (or workbook) data: a hot-path check without dates. */
  private readonly knownDays: Uint8Array;
  private readonly names: ReadonlyMap<Day, string>;

  private constructor(flags: Uint8Array, knownYears: Set<number>, names: Map<Day, string>) {
    this.flags = flags;
    this.knownYears = knownYears;
    this.names = names;
    this.prefix = new Int32Array(flags.length + 1);
    for (let i = 0; i < flags.length; i++) this.prefix[i + 1] = this.prefix[i] + flags[i];
    this.knownDays = new Uint8Array(flags.length);
    for (const year of knownYears) {
      const from = Math.max(RANGE_START, dayFromYmd(year, 1, 1));
      const to = Math.min(RANGE_END, dayFromYmd(year + 1, 1, 1));
      for (let d = from; d < to; d++) this.knownDays[d - RANGE_START] = 1;
    }
  }

  /** The shipped official calendar, plus overrides (e.g. from the workbook's Holidays table). */
  static create(overrides: readonly CalendarOverride[] = [], language: 'zh-CN' | 'en' = 'zh-CN'): Calendar {
    const flags = new Uint8Array(RANGE_END - RANGE_START);
    for (let d = RANGE_START; d < RANGE_END; d++) flags[d - RANGE_START] = isWeekend(d) ? 0 : 1;
    const known = new Set<number>();
    const names = new Map<Day, string>();
    const data = shipped as ShippedData;
    const apply = (iso: string, label: string, working: 0 | 1) => {
      const d = fromIso(iso);
      if (d === null || d < RANGE_START || d >= RANGE_END) return;
      flags[d - RANGE_START] = working;
      known.add(yearOf(d));
      const { en, zh } = splitShippedName(label);
      names.set(d, language === 'en' ? en : zh || en);
    };
    for (const [iso, label] of Object.entries(data.holidays)) apply(iso, label, 0);
    for (const [iso, label] of Object.entries(data.workdays)) apply(iso, label, 1);
    for (const o of overrides) {
      if (o.date < RANGE_START || o.date >= RANGE_END) continue;
      flags[o.date - RANGE_START] = o.type === 'workday' ? 1 : 0;
      known.add(yearOf(o.date));
      if (o.name) names.set(o.date, o.name);
    }
    return new Calendar(flags, known, names);
  }

  isWorkday(d: Day): boolean {
    if (d >= RANGE_START && d < RANGE_END) return this.flags[d - RANGE_START] === 1;
    return !isWeekend(d);
  }

  /** Holiday or make-up working day name, when the calendar has one. */
  dayName(d: Day): string | null {
    return this.names.get(d) ?? null;
  }

  /** Does the calendar hold official (or workbook-given) data for this year? */
  isKnownYear(year: number): boolean {
    return this.knownYears.has(year);
  }

  /** Is the year of this day one the calendar has data for? */
  isKnownDay(d: Day): boolean {
    return d >= RANGE_START && d < RANGE_END && this.knownDays[d - RANGE_START] === 1;
  }

  /** Years between a and b (inclusive, either order) the calendar has no data for. */
  unknownYearsBetween(a: Day, b: Day): number[] {
    const from = yearOf(Math.min(a, b));
    const to = yearOf(Math.max(a, b));
    const out: number[] = [];
    for (let y = from; y <= to; y++) if (!this.knownYears.has(y)) out.push(y);
    return out;
  }

  /**
   * The n-th working day strictly after d (n > 0), or strictly before d (n < 0).
   * d itself never counts; n = 0 gives d. Like Excel's WORKDAY.
   */
  addWorkdays(d: Day, n: number): Day {
    let left = Math.trunc(n);
    const step = left < 0 ? -1 : 1;
    let cur = d;
    while (left !== 0) {
      cur += step;
      if (this.isWorkday(cur)) left -= step;
    }
    return cur;
  }

  /** Working days from a to b counting both ends, negative when b < a. Like Excel's NETWORKDAYS. */
  networkDays(a: Day, b: Day): number {
    if (b < a) return -this.networkDays(b, a);
    return this.countWorkdaysBefore(b + 1) - this.countWorkdaysBefore(a);
  }

  /** Working days in [RANGE_START, d) — outside the table, weekends only. */
  private countWorkdaysBefore(d: Day): number {
    if (d <= RANGE_START) return -weekdaysBetween(d, RANGE_START);
    if (d >= RANGE_END) return this.prefix[this.flags.length] + weekdaysBetween(RANGE_END, d);
    return this.prefix[d - RANGE_START];
  }
}

/** Monday–Friday days in [a, b), a <= b. */
function weekdaysBetween(a: Day, b: Day): number {
  const days = b - a;
  const fullWeeks = Math.floor(days / 7);
  let count = fullWeeks * 5;
  for (let d = a + fullWeeks * 7; d < b; d++) if (!isWeekend(d)) count++;
  return count;
}
