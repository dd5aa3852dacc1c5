/**
 * Settings (rules.md preamble, workbook.md "Settings"): every default can be overridden
 * from the workbook's Settings table; an unknown key or a bad value is reported by name and
 * the default is kept.
 */
import { defaultSettings, SETTING_DEFS, SETTING_KEYS } from '../../src/rules/settings';
import { checkWorkbook, problemText } from '../../src/workbook/check';
import { readSettings, settingKeyFor } from '../../src/workbook/tables';
import type { Cell } from '../../src/workbook/values';
import { d, findings, rules, TODAY } from './helpers';

const settingsTable = (...rows: Cell[][]) => ({ headers: ['设置', '值'] as Cell[], rows });

function run(portfolio: { headers: Cell[]; rows: Cell[][] }, settings: Cell[][] | null, materials?: { headers: Cell[]; rows: Cell[][] }) {
  return checkWorkbook({ portfolio, settings: settings === null ? null : settingsTable(...settings), materials }, { today: TODAY });
}

describe('defaults', () => {
  test('the numbers of rules.md', () => {
    const s = defaultSettings();
    expect(s['expedite.perQuarter']).toBe(2);
    expect(s['expedite.minUsers']).toBe(5000);
    expect(s['materials.maxSizeKB']).toBe(2048);
    expect(s['materials.formats']).toEqual(['jpg', 'bmp', 'png']);
    expect(s['categories.special']).toEqual(['棋牌-牌类', '休闲-捕鱼', '文化互动']);
    expect(s['duration.icp.platform']).toBe(2);
    expect(s['duration.icp.authority']).toBe(20);
    expect(s['live.paused']).toBe(false);
    expect(s['icp.requiredFrom']).toBe(d('2023-09-01'));
    expect(s['icp.legacyDeadline']).toBe(d('2024-03-31'));
    expect(s['limit.phone']).toBe(5);
    expect(s.language).toBe('zh-CN');
    expect(s.asOf).toBeNull();
  });

  test('defaultSettings() hands out fresh lists: changing one does not change the next', () => {
    const a = defaultSettings();
    a['categories.special'].pop();
    expect(defaultSettings()['categories.special']).toHaveLength(3);
  });

  test('every setting has a distinct Chinese name that the table accepts as its key', () => {
    const zh = SETTING_KEYS.map((k) => SETTING_DEFS[k].zh);
    expect(new Set(zh).size).toBe(zh.length);
    for (const key of SETTING_KEYS) {
      expect(settingKeyFor(key)).toBe(key);
      expect(settingKeyFor(SETTING_DEFS[key].zh)).toBe(key);
    }
  });
});

describe('overrides change the outcome', () => {
  test('expedite.perQuarter = 1: one expedite in Q4 uses the quota up', () => {
    const portfolio = {
      headers: ['项目编号', '注册状态', '名称状态', '类目状态', '资质状态', '资质日期', '版本状态', '版本日期', '已有过审版本', '累计注册用户', '加急记录'] as Cell[],
      rows: [['G-001', '已通过', '已通过', '已通过', '已通过', '2026-11-02', '审核中', '2026-11-17', '是', '1.2万', '2026-11-02']] as Cell[][],
    };
    const byDefault = run(portfolio, null).results[0]!;
    expect(byDefault.expedite).toEqual({ eligible: true, remaining: 1, refreshes: '2027-01-01' });
    expect(rules(byDefault)).toContain('EXP-ELIGIBLE');
    const one = run(portfolio, [['每季度加急次数', 1]]).results[0]!;
    expect(one.expedite).toEqual({ eligible: false, remaining: 0, refreshes: '2027-01-01' });
    expect(rules(one)).toContain('EXP-QUOTA');
  });

  test('materials.maxSizeKB = 5120: a 4 MB file passes', () => {
    const portfolio = { headers: ['项目编号', '资质状态', '资质日期'] as Cell[], rows: [['G-001', '审核中', '2026-11-20']] as Cell[][] };
    const materials = { headers: ['项目编号', '材料', '文件', '大小KB'] as Cell[], rows: [['G-001', '软著', '软著证书.jpg', '4096']] as Cell[][] };
    expect(findings(run(portfolio, null, materials).results[0]!, 'QUAL-MATERIALS')).toHaveLength(1);
    expect(findings(run(portfolio, [['materials.maxSizeKB', '5120']], materials).results[0]!, 'QUAL-MATERIALS')).toHaveLength(0);
  });

  test('live.paused = 是: an eligible program gets LIVE-PAUSED', () => {
    const portfolio = {
      headers: ['项目编号', '类型', '主体类型', '类目', '上线日期', '备案状态', '需要直播', '最近严重违规', '最近支付日期', '近7日DAU'] as Cell[],
      rows: [['P-001', '小程序', '企业', '商家自营>食品', '2026-06-01', '已备案', '是', '无', '2026-11-01', '300']] as Cell[][],
    };
    expect(rules(run(portfolio, null).results[0]!)).not.toContain('LIVE-PAUSED');
    const paused = run(portfolio, [['直播权限暂停开放', '是']]).results[0]!;
    expect(paused.live.eligible).toBe(true);
    expect(rules(paused)).toContain('LIVE-PAUSED');
  });

  test('categories.special without 休闲-捕鱼: a fishing game may submit its version with the qualification only submitted', () => {
    const portfolio = {
      headers: ['项目编号', '类目', '注册状态', '名称状态', '类目状态', '资质状态', '资质日期', '版本状态', '版本日期'] as Cell[],
      rows: [['G-001', '游戏>休闲-捕鱼', '已通过', '已通过', '已通过', '审核中', '2026-11-19', '审核中', '2026-11-20']] as Cell[][],
    };
    expect(rules(run(portfolio, null).results[0]!)).toContain('FLOW-PREREQ');
    expect(rules(run(portfolio, [['特殊类目', '棋牌-牌类，文化互动']]).results[0]!)).not.toContain('FLOW-PREREQ');
  });

  test('duration.icp.authority = 10: an administration review submitted 2026-11-02 is overdue (due 11-16)', () => {
    const portfolio = { headers: ['项目编号', '主体类型', '备案状态', '备案日期'] as Cell[], rows: [['G-001', '个人', '管局审核中', '2026-11-02']] as Cell[][] };
    const byDefault = run(portfolio, null).results[0]!;
    expect(byDefault.icpDeadline).toBe('2026-11-30');
    expect(rules(byDefault)).not.toContain('ICP-SLA');
    const ten = run(portfolio, [['duration.icp.authority', 10]]).results[0]!;
    expect(ten.icpDeadline).toBe('2026-11-16');
    expect(rules(ten)).toContain('ICP-SLA');
  });

  test('asOf sets "today"; language = en switches every text', () => {
    const portfolio = { headers: ['项目编号', '资质状态', '资质日期'] as Cell[], rows: [['G-001', '审核中', '2026-11-17']] as Cell[][] };
    const out = checkWorkbook({ portfolio, settings: settingsTable(['检查日期', '2026-11-20'], ['语言', 'English']) });
    expect(out.today).toBe(d('2026-11-20'));
    expect(out.language).toBe('en');
    const r = out.results[0]!;
    expect(rules(r)).not.toContain('FLOW-SLA'); // due 11-20 = asOf
    expect(r.nextStep.text).toMatch(/^[\x20-\x7e]+$/);
  });

  test('dates.usOrder is applied before the other dates of the table, wherever it stands', () => {
    const { settings, problems } = readSettings(settingsTable(['asOf', '11/12/2026'], ['dates.usOrder', 'yes']));
    expect(problems).toEqual([]);
    expect(settings.asOf).toBe(d('2026-11-12'));
  });
});

describe('readSettings problems', () => {
  test('an unknown key is reported by name and line; everything else still applies', () => {
    const { settings, problems } = readSettings(settingsTable(['expedite.perMonth', 3], ['每季度加急次数', 1]));
    expect(problems).toEqual([{ code: 'setting-unknown', table: 'Settings', args: { line: 2, key: 'expedite.perMonth' } }]);
    expect(problemText(problems[0], 'zh-CN')).toBe('设置表第 2 行：没有“expedite.perMonth”这项设置，已忽略');
    expect(problemText(problems[0], 'en')).toBe('Settings row 2: there is no setting "expedite.perMonth"; ignored');
    expect(settings['expedite.perQuarter']).toBe(1);
  });

  test.each([
    ['expedite.perQuarter', '两次', 2, '2'],
    ['expedite.perQuarter', 2.5, 2, '2'],
    ['expedite.perQuarter', -1, 2, '2'],
    ['expedite.perQuarter', 101, 2, '2'],
    ['live.paused', 'maybe', false, 'false'],
    ['language', 'fr', 'zh-CN', 'zh-CN'],
  ] as const)('%s = %p is a bad value: reported, default %p kept', (key, value, kept, shown) => {
    const { settings, problems } = readSettings(settingsTable(['asOf', null], [key, value]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'setting-value', table: 'Settings', args: { line: 3, key, value: String(value) } });
    expect(settings[key]).toEqual(kept);
    const text = problemText(problems[0], 'zh-CN');
    expect(text).toContain(`“${key}”`);
    expect(text).toContain(`仍用默认值 ${shown}`);
  });

  test('a bad date value is reported and the default date kept', () => {
    const { settings, problems } = readSettings(settingsTable(['icp.legacyDeadline', '2024-02-30']));
    expect(problems[0]).toMatchObject({ code: 'setting-value', args: { line: 2, key: 'icp.legacyDeadline', value: '2024-02-30' } });
    expect(settings['icp.legacyDeadline']).toBe(d('2024-03-31'));
  });

  // Was a bug (fixed): src/workbook/tables.ts displayDefault — it treats numbers between 20,000 and 60,000 as
  // dates, as if they were Excel serials, but a Day counts from 1970, so the default of a date
  // setting (2024-03-31 = day 19813) is shown as "19813" in the problem message.
  test('the message shows the kept default date as a date, not a day number', () => {
    const { problems } = readSettings(settingsTable(['icp.legacyDeadline', '2024-02-30']));
    expect(problemText(problems[0], 'zh-CN')).toBe('设置表第 2 行：“icp.legacyDeadline”的值“2024-02-30”无效（应为日期），仍用默认值 2024-03-31');
  });

  test('the English message names the key, the value and the default', () => {
    const { problems } = readSettings(settingsTable(['expedite.perQuarter', 'two']));
    expect(problemText(problems[0], 'en')).toBe('Settings row 2: "two" is not a valid value for "expedite.perQuarter" (expected a whole number); the default 2 is kept');
  });

  test('keys match ignoring case, spaces and width; English or Chinese headers', () => {
    const { settings, problems } = readSettings({ headers: ['Setting', 'Value'], rows: [[' Expedite.PerQuarter ', '1'], ['ｌｉｖｅ．ｐａｕｓｅｄ', 'TRUE']] });
    expect(problems).toEqual([]);
    expect(settings['expedite.perQuarter']).toBe(1);
    expect(settings['live.paused']).toBe(true);
  });

  test('a blank value keeps the default silently; no table at all gives the defaults', () => {
    expect(readSettings(settingsTable(['expedite.perQuarter', null]))).toEqual({ settings: defaultSettings(), problems: [], explicit: new Set() });
    expect(readSettings(null)).toEqual({ settings: defaultSettings(), problems: [], explicit: new Set() });
  });

  test('the keys given a valid value are named as explicit (the language the pane must not override)', () => {
    expect(readSettings(settingsTable(['语言', 'en'], ['expedite.perQuarter', 'many'])).explicit).toEqual(new Set(['language']));
  });

  test('a pane language applies only when the Settings choose none', () => {
    const base = { portfolio: { headers: ['项目编号'], rows: [['G-001']] } };
    expect(checkWorkbook(base, { today: TODAY, defaultLanguage: 'en' }).language).toBe('en');
    expect(checkWorkbook({ ...base, settings: settingsTable(['语言', 'zh-CN']) }, { today: TODAY, defaultLanguage: 'en' }).language).toBe('zh-CN');
    expect(checkWorkbook({ ...base, settings: settingsTable(['语言', 'zh-CN']) }, { today: TODAY, language: 'en' }).language).toBe('en');
  });

  test('checkWorkbook passes the problems on', () => {
    const out = checkWorkbook({ portfolio: { headers: ['项目编号'], rows: [['G-001']] }, settings: settingsTable(['no.such.key', 1]) }, { today: TODAY });
    expect(out.problems.map((p) => p.code)).toEqual(['setting-unknown']);
  });
});
