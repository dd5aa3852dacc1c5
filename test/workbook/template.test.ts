/**
 * The template as data: columns, drop-downs and the Settings sheet must read back as what
 * they say.
 */
import { SETTING_DEFS, SETTING_KEYS, SettingDef } from '../../src/rules/settings';
import { inputColumnFor, outputColumnFor } from '../../src/workbook/columns';
import { parseSettingValue, readSettings } from '../../src/workbook/tables';
import { DATE_FORMAT, holidaysHeaders, holidayTypes, materialsHeaders, portfolioColumns, settingsSheet } from '../../src/workbook/template';
import { readHolidays, readMaterials } from '../../src/workbook/tables';

describe.each(['zh-CN', 'en'] as const)('template in %s', (lang) => {
  const columns = portfolioColumns(lang);

  test('every user column header reads back as an input column, every product column as an output column', () => {
    for (const c of columns) {
      if (c.owner === 'user') expect([c.header, inputColumnFor(c.header)]).toEqual([c.header, expect.anything()]);
      else expect([c.header, outputColumnFor(c.header)]).toEqual([c.header, expect.anything()]);
    }
    expect(columns.filter((c) => c.owner === 'product')).toHaveLength(10);
  });

  test('date columns carry a date format', () => {
    const due = columns.find((c) => outputColumnFor(c.header)?.key === 'dueDate')!;
    expect(due.numFmt).toBe(DATE_FORMAT);
    const target = columns.find((c) => inputColumnFor(c.header)?.key === 'targetLaunch')!;
    expect(target.numFmt).toBe(DATE_FORMAT);
  });

  test('the Settings sheet lists every setting, and every shown default reads back as the default', () => {
    const sheet = settingsSheet(lang);
    expect(sheet.rows).toHaveLength(SETTING_KEYS.length);
    for (const [i, key] of SETTING_KEYS.entries()) {
      const [name, value, shown] = sheet.rows[i];
      expect(value).toBe('');
      const def = SETTING_DEFS[key] as SettingDef<unknown>;
      if (shown === '') {
        expect(def.default).toBeNull();
        continue;
      }
      expect([key, parseSettingValue(def, shown)]).toEqual([key, def.default]);
      // and the sheet itself, with its defaults typed into the value column, reads without a problem
      const { settings, problems } = readSettings({ headers: sheet.headers, rows: [[name, shown]] });
      expect([key, problems]).toEqual([key, []]);
      expect(settings[key]).toEqual(def.default);
    }
  });

  test('side tables: their own headers read back', () => {
    const holidays = readHolidays({ headers: holidaysHeaders(lang), rows: holidayTypes(lang).map((t, i) => [`2027-01-0${i + 1}`, t, 'x']) });
    expect(holidays.problems).toEqual([]);
    expect(holidays.overrides.map((o) => o.type)).toEqual(['holiday', 'workday']);
    const materials = readMaterials({ headers: materialsHeaders(lang), rows: [['G-1', '软著', 'a.jpg', 10]] })!;
    expect(materials.materials).toEqual([{ id: 'G-1', slot: '软著', file: 'a.jpg', sizeKB: 10, line: 2 }]);
  });
});
