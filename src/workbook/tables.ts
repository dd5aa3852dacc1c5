/**
 * The side tables of workbook.md: Settings (overrides of every default), Holidays (added
 * to and overriding the shipped calendar) and Materials (QUAL-MATERIALS). A bad line is a
 * problem named by its line and key; the rest of the table still counts.
 */
import type { CalendarOverride } from '../rules/calendar';
import type { Args, ProblemCode } from '../rules/i18n/catalog';
import { toIso } from '../rules/dates';
import type { Material } from '../rules/materials';
import type { DurationSource } from '../rules/reviewTimes';
import { defaultSettings, SETTING_DEFS, SETTING_KEYS, SettingDef, SettingKey, Settings } from '../rules/settings';
import type { Language } from '../rules/types';
import { normalizeHeader } from './columns';
import { Cell, cellText, isBlank, readDate, readNumber, readYesNo, vocabKey } from './values';

/** A table as plain values: its header row and its data rows. */
export interface TableData {
  headers: Cell[];
  rows: Cell[][];
}

export interface Problem {
  code: ProblemCode;
  table: 'Portfolio' | 'Settings' | 'Holidays' | 'Materials';
  args: Args;
}

/** Find columns by header (any of `names`), falling back to position when the header row is unlabelled. */
function locate(headers: readonly Cell[], names: Record<string, readonly string[]>): Record<string, number> {
  const wanted = Object.entries(names);
  const found: Record<string, number> = {};
  headers.forEach((h, i) => {
    const key = normalizeHeader(String(h ?? ''));
    for (const [field, aliases] of wanted) {
      if (found[field] === undefined && aliases.some((a) => normalizeHeader(a) === key)) found[field] = i;
    }
  });
  wanted.forEach(([field], position) => {
    if (found[field] === undefined) found[field] = position;
  });
  return found;
}

// ---- Settings ----------------------------------------------------------------------------

const SETTING_BY_NAME = new Map<string, SettingKey>();
for (const key of SETTING_KEYS) {
  SETTING_BY_NAME.set(normalizeHeader(key), key);
  SETTING_BY_NAME.set(normalizeHeader(SETTING_DEFS[key].zh), key);
}

export function settingKeyFor(name: string): SettingKey | undefined {
  return SETTING_BY_NAME.get(normalizeHeader(name));
}

const LIST_SPLIT = /[,;，；、\n\r]+/;
const LANGUAGES: Record<string, Language> = { 'zh-cn': 'zh-CN', zh: 'zh-CN', 中文: 'zh-CN', 简体中文: 'zh-CN', chinese: 'zh-CN', en: 'en', 'en-us': 'en', english: 'en', 英文: 'en', 英语: 'en' };

/** durations.source in either language (DISPLAY_DURATION_SOURCE is what the template shows). */
const DURATION_SOURCES: Record<string, DurationSource> = {
  rules: 'rules', rule: 'rules', default: 'rules', defaults: 'rules', 规则: 'rules', 默认: 'rules', 默认值: 'rules', 规则默认值: 'rules',
  measured: 'measured', measure: 'measured', history: 'measured', 实测: 'measured', 实测值: 'measured', 测量: 'measured', 变更记录: 'measured',
};

/** Parse one setting value; undefined when it does not fit the setting's kind. */
export function parseSettingValue(def: SettingDef<unknown>, cell: Cell, options: { usOrder?: boolean } = {}): unknown {
  switch (def.kind) {
    case 'int': {
      const n = readNumber(cell);
      return typeof n === 'number' && Number.isInteger(n) && n >= (def.min ?? 0) && n <= (def.max ?? Infinity) ? n : undefined;
    }
    case 'number': {
      const n = readNumber(cell);
      return typeof n === 'number' && n >= (def.min ?? 0) && n <= (def.max ?? Infinity) ? n : undefined;
    }
    case 'bool': {
      const b = readYesNo(cell);
      return typeof b === 'boolean' ? b : undefined;
    }
    case 'date':
    case 'optionalDate': {
      const d = readDate(cell, options);
      return d.ok && d.day !== null ? d.day : undefined;
    }
    case 'list': {
      const text = cellText(cell);
      const items = (text ?? '').split(LIST_SPLIT).map((s) => s.trim()).filter((s) => s !== '');
      return items.length > 0 ? items : undefined;
    }
    case 'language': {
      const text = cellText(cell);
      return text === null ? undefined : LANGUAGES[vocabKey(text)];
    }
    case 'durationSource': {
      const text = cellText(cell);
      return text === null ? undefined : DURATION_SOURCES[vocabKey(text)];
    }
  }
}

function displayDefault(def: SettingDef<unknown>): string {
  const value = def.default;
  if (Array.isArray(value)) return value.join(', ');
  if (value === null) return '—';
  if ((def.kind === 'date' || def.kind === 'optionalDate') && typeof value === 'number') return toIso(value);
  return String(value);
}

/** Settings from the Settings table: defaults, overridden by every valid line. */
export function readSettings(table: TableData | null): { settings: Settings; problems: Problem[]; explicit: Set<SettingKey> } {
  const settings = defaultSettings();
  const problems: Problem[] = [];
  const explicit = new Set<SettingKey>();
  if (!table) return { settings, problems, explicit };
  const cols = locate(table.headers, { key: ['设置', 'Setting', '键', 'Key', '设置项'], value: ['值', 'Value', '设置值'] });
  const pending: { line: number; key: SettingKey; cell: Cell }[] = [];
  table.rows.forEach((cells, i) => {
    const name = cellText(cells[cols.key]);
    if (name === null) return;
    const line = i + 2; // the header is line 1
    const key = settingKeyFor(name);
    if (key === undefined) problems.push({ code: 'setting-unknown', table: 'Settings', args: { line, key: name } });
    else if (!isBlank(cells[cols.value])) pending.push({ line, key, cell: cells[cols.value] });
  });
  // Date order first: it decides how the other dates in the table are read.
  pending.sort((a, b) => Number(b.key === 'dates.usOrder') - Number(a.key === 'dates.usOrder'));
  for (const { line, key, cell } of pending) {
    const def = SETTING_DEFS[key] as SettingDef<unknown>;
    const value = parseSettingValue(def, cell, { usOrder: settings['dates.usOrder'] });
    if (value === undefined) {
      problems.push({ code: 'setting-value', table: 'Settings', args: { line, key, value: String(cellText(cell)), expected: def.kind, default: displayDefault(def) } });
    } else {
      (settings as Record<string, unknown>)[key] = value;
      explicit.add(key);
    }
  }
  return { settings, problems, explicit };
}

// ---- Holidays ----------------------------------------------------------------------------

const DAY_TYPES = new Map<string, CalendarOverride['type']>();
for (const w of ['休', '假', '放假', '节假日', '假日', '休息', 'holiday', 'off', 'rest', 'day off']) DAY_TYPES.set(vocabKey(w), 'holiday');
for (const w of ['班', '补班', '上班', '工作日', '调休上班', 'workday', 'work', 'working day', 'make-up workday']) DAY_TYPES.set(vocabKey(w), 'workday');

export function readHolidays(table: TableData | null, options: { usOrder?: boolean } = {}): { overrides: CalendarOverride[]; problems: Problem[] } {
  const overrides: CalendarOverride[] = [];
  const problems: Problem[] = [];
  if (!table) return { overrides, problems };
  const cols = locate(table.headers, { date: ['日期', 'Date'], type: ['类型', 'Type'], name: ['名称', 'Name', '说明'] });
  table.rows.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every(isBlank)) return;
    const d = readDate(cells[cols.date], options);
    if (!d.ok || d.day === null) {
      problems.push({ code: 'holiday-date', table: 'Holidays', args: { line, value: String(cellText(cells[cols.date]) ?? '') } });
      return;
    }
    const typeText = cellText(cells[cols.type]);
    const type = typeText === null ? 'holiday' : DAY_TYPES.get(vocabKey(typeText));
    if (type === undefined) {
      problems.push({ code: 'holiday-type', table: 'Holidays', args: { line, value: typeText } });
      return;
    }
    overrides.push({ date: d.day, type, name: cellText(cells[cols.name]) });
  });
  return { overrides, problems };
}

// ---- Materials ---------------------------------------------------------------------------

export function readMaterials(table: TableData | null): { materials: Material[]; problems: Problem[] } | null {
  if (!table) return null;
  const materials: Material[] = [];
  const problems: Problem[] = [];
  const cols = locate(table.headers, { id: ['项目编号', 'ID'], slot: ['材料', 'Slot', '栏目'], file: ['文件', 'File', '文件名'], size: ['大小KB', 'Size KB', '大小', 'Size'] });
  table.rows.forEach((cells, i) => {
    const line = i + 2;
    const id = cellText(cells[cols.id]);
    if (id === null) return;
    const size = readNumber(cells[cols.size]);
    if (size === undefined) {
      problems.push({ code: 'material-value', table: 'Materials', args: { line, header: String(table.headers[cols.size] ?? 'Size KB'), value: String(cellText(cells[cols.size])) } });
    }
    materials.push({ id, slot: cellText(cells[cols.slot]), file: cellText(cells[cols.file]), sizeKB: size ?? null, line });
  });
  return { materials, problems };
}
