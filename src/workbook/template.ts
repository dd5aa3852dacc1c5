/**
 * The portfolio template, as data: the same columns, drop-downs, formats and side tables
 * whether the command line writes it (src/cli/xlsx/newWorkbook.ts) or the task pane builds it with Office.js.
 */
import { SETTING_DEFS, SETTING_KEYS, SettingDef } from '../rules/settings';
import type { Language } from '../rules/types';
import { toIso } from '../rules/dates';
import { ColumnDef, INPUT_COLUMNS, InputKey, OUTPUT_COLUMNS, OutputKey, OutputKind } from './columns';
import { DISPLAY } from './vocab';

export const TABLE_NAMES = { portfolio: 'Portfolio', settings: 'Settings', holidays: 'Holidays', materials: 'Materials' } as const;

/** Sheet names per language; the tables inside keep their English names, which the tools look for. */
export function sheetNames(language: Language) {
  return language === 'en'
    ? { portfolio: 'Portfolio', settings: 'Settings', holidays: 'Holidays', materials: 'Materials', dashboard: 'Dashboard' }
    : { portfolio: '项目', settings: '设置', holidays: '节假日', materials: '材料', dashboard: '仪表板' };
}

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

export interface TemplateColumn {
  header: string;
  /** Input columns are the user's; output columns are the product's own. */
  owner: 'user' | 'product';
  width: number;
  /** Drop-down values (data validation list), when the column has a vocabulary. */
  list?: readonly string[];
  numFmt?: string;
  /** Note shown on the header (input help), in the template language. */
  note?: string;
}

function listFor(def: ColumnDef<InputKey>, language: Language): readonly string[] | undefined {
  const d = DISPLAY[language];
  switch (def.type) {
    case 'status':
      return d.status;
    case 'icpStatus':
      return d.icpStatus;
    case 'kind':
      return d.kind;
    case 'subject':
      return d.subject;
    case 'namePath':
      return d.namePath;
    case 'bool':
      return d.bool;
    default:
      return undefined;
  }
}

function formatFor(kind: OutputKind | 'date' | undefined): string | undefined {
  if (kind === 'date') return DATE_FORMAT;
  if (kind === 'datetime') return DATETIME_FORMAT;
  return undefined;
}

export function portfolioColumns(language: Language): TemplateColumn[] {
  const header = (c: { zh: string; en: string }) => (language === 'en' ? c.en : c.zh);
  const inputs = (INPUT_COLUMNS as readonly ColumnDef<InputKey>[]).map((def) => ({
    header: header(def),
    owner: 'user' as const,
    width: def.width ?? 12,
    list: listFor(def, language),
    numFmt: def.type === 'date' ? DATE_FORMAT : undefined,
  }));
  const outHeaders = outputHeaders(language);
  const outputs = OUTPUT_COLUMNS.map((def) => ({
    header: outHeaders[def.key],
    owner: 'product' as const,
    width: def.width,
    numFmt: formatFor(def.kind),
  }));
  return [...inputs, ...outputs];
}

/**
 * The template's output column headers by key (the headers portfolioColumns gives the ten output
 * columns): what the ownership record stores for a portfolio made from the template.
 */
export function outputHeaders(language: Language): Record<OutputKey, string> {
  return Object.fromEntries(OUTPUT_COLUMNS.map((def) => [def.key, language === 'en' ? def.en : def.zh])) as Record<OutputKey, string>;
}

/** How a default is shown in the Settings sheet's "default" column. */
export function displaySetting(def: SettingDef<unknown>, language: Language): string {
  const value = def.default;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(language === 'en' ? ', ' : '，');
  if (typeof value === 'boolean') return DISPLAY[language].bool[value ? 0 : 1];
  if (def.kind === 'date' && typeof value === 'number') return toIso(value);
  return String(value);
}

export interface SettingsSheet {
  headers: [string, string, string, string];
  /** [key, value (blank: the default applies), default, description] */
  rows: [string, string, string, string][];
}

/** Every setting with its default and a description; the value column starts blank. */
export function settingsSheet(language: Language): SettingsSheet {
  const headers: SettingsSheet['headers'] = language === 'en' ? ['Setting', 'Value', 'Default', 'Description'] : ['设置', '值', '默认值', '说明'];
  const rows = SETTING_KEYS.map((key) => {
    const def = SETTING_DEFS[key] as SettingDef<unknown>;
    // Either name is accepted as the key; the template shows the one in its own language.
    return language === 'en'
      ? ([key, '', displaySetting(def, language), `${def.describe.en} (${def.zh})`] as [string, string, string, string])
      : ([def.zh, '', displaySetting(def, language), `${def.describe['zh-CN']}（${key}）`] as [string, string, string, string]);
  });
  return { headers, rows };
}

export function holidaysHeaders(language: Language): string[] {
  return language === 'en' ? ['Date', 'Type', 'Name'] : ['日期', '类型', '名称'];
}

export function holidayTypes(language: Language): string[] {
  return language === 'en' ? ['holiday', 'workday'] : ['休', '班'];
}

export function materialsHeaders(language: Language): string[] {
  return language === 'en' ? ['ID', 'Slot', 'File', 'Size KB'] : ['项目编号', '材料', '文件', '大小KB'];
}

export function materialSlots(): readonly string[] {
  return SETTING_DEFS['materials.slots'].default;
}
