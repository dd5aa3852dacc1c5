/**
 * Every default of rules.md, by key, with where it comes from.
 *
 * The platform changes its rules, and users must not wait for a release to follow them, so
 * each number, list and switch here can be overridden in the workbook's Settings table
 * (workbook.md). Keys are stable English identifiers; each also has a Chinese name that
 * the Settings table accepts in its place. Reading and validating the table is the
 * workbook layer's job; this module only knows the schema and the defaults.
 */
import type { Day } from './dates';
import { dayFromYmd } from './dates';
import type { DurationSource } from './reviewTimes';
import type { Language } from './types';

export type SettingKind = 'int' | 'number' | 'bool' | 'date' | 'optionalDate' | 'list' | 'language' | 'durationSource';

export interface SettingDef<T> {
  kind: SettingKind;
  default: T;
  /** Chinese name, accepted as the key in the Settings table. */
  zh: string;
  /** One-line description (zh-CN, en), shown in the template's Settings sheet. */
  describe: { 'zh-CN': string; en: string };
  /** Where the default comes from (rules.md and its sources). */
  source: string;
  min?: number;
  max?: number;
}

type Text = { 'zh-CN': string; en: string };
const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

function int(def: number, zh: string, describe: Text, source: string, min = 0, max = 10_000): SettingDef<number> {
  return { kind: 'int', default: def, zh, describe, source, min, max };
}
function num(def: number, zh: string, describe: Text, source: string): SettingDef<number> {
  return { kind: 'number', default: def, zh, describe, source, min: 0, max: 1e12 };
}
function bool(def: boolean, zh: string, describe: Text, source: string): SettingDef<boolean> {
  return { kind: 'bool', default: def, zh, describe, source };
}
function date(def: Day, zh: string, describe: Text, source: string): SettingDef<Day> {
  return { kind: 'date', default: def, zh, describe, source };
}
function list(def: string[], zh: string, describe: Text, source: string): SettingDef<string[]> {
  return { kind: 'list', default: def, zh, describe, source };
}

/** 商家自营 second-level categories eligible for live streaming (rules.md §4 LIVE-CATEGORY). */
const LIVE_SELF_OPERATED = [
  '百货',
  '食品',
  '初级食用农产品',
  '酒/盐',
  '图书报刊/音像/影视/游戏/动漫',
  '服装/鞋/箱包',
  '玩具/母婴用品',
  '家电/数码/手机',
  '美妆/洗护',
  '珠宝/饰品/眼镜/钟表',
  '运动/户外/乐器',
  '鲜花/园艺/工艺品',
  '家居/家饰/家纺/建材',
  '汽车/其他交通工具的配件',
  '宠物(非活体)',
  '办公/文具',
  '机械/电子器件',
];

export const SETTING_DEFS = {
  asOf: {
    kind: 'optionalDate',
    default: null as Day | null,
    zh: '检查日期',
    describe: t('按此日期检查（留空 = 今天，中国时间）', 'Check as of this date (blank = today, China time)'),
    source: 'rules.md §0',
  } as SettingDef<Day | null>,
  language: {
    kind: 'language',
    default: 'zh-CN' as Language,
    zh: '语言',
    describe: t('输出语言：zh-CN 或 en', 'Output language: zh-CN or en'),
    source: 'README.md (spec)',
  } as SettingDef<Language>,
  'dates.usOrder': bool(
    false,
    '日期按月/日/年',
    t('把 11/12/2026 这类日期按美式 月/日/年 读取（否则报 DATA-DATE）', 'Read ambiguous dates like 11/12/2026 as US month/day/year (else DATA-DATE)'),
    'workbook.md Dates',
  ),

  'duration.name.protected': int(3, '名称保护词审核工作日', t('命中名称保护词：审核最长工作日', 'Name hit a protected word: review, working days'), 'seed 000 第二步 办结时限 b'),
  'duration.name.complaint': int(7, '名称侵权投诉工作日', t('名称被占用：侵权投诉处理工作日', 'Name occupied: complaint handling, working days'), 'seed 000 第二步 办结时限 c'),
  'duration.name.releaseDays': int(7, '名称释放保护期自然日', t('投诉成功后名称保护期（自然日）', 'After a successful complaint, protection period before release, calendar days'), 'seed 000 第二步 办结时限 c'),
  'duration.verify': int(3, '微信认证审核工作日', t('微信认证最长工作日', 'WeChat verification, working days'), 'seed 000 第四步'),
  'duration.qualification': int(3, '资质审核自然日', t('资质审核最长自然日', 'Qualification review, calendar days'), 'seed 000 第五步'),
  'duration.version.minigame': int(3, '小游戏版本审核自然日', t('小游戏版本审核最长自然日', 'Mini-game version review, calendar days'), 'seed 000 第六步'),
  'duration.version.miniprogram': int(3, '小程序代码审核工作日', t('小程序代码审核最长工作日', 'Mini-program code review, working days'), 'seed 003 五、审核流程'),
  'duration.realname': int(1, '实名系统接入工作日', t('中宣部实名认证系统接入工作日', 'Real-name system integration, working days'), 'seed 000 第七步'),
  'duration.icp.platform': int(2, '备案平台初审工作日', t('小程序备案：平台初审最长工作日', 'ICP filing: platform review, working days'), 'platform docs (小程序备案)'),
  'duration.icp.sms': int(1, '备案短信核验天数', t('工信部短信核验须在收到短信后几天内完成', 'MIIT SMS verification due this many days after the SMS'), 'platform docs: 24 小时内'),
  'duration.icp.authority': int(20, '备案管局审核工作日', t('通信管理局审核最长工作日', 'Communications administration review, working days'), 'platform docs (1–20 个工作日)'),
  'durations.source': {
    kind: 'durationSource',
    default: 'rules' as DurationSource,
    zh: '审核用时来源',
    describe: t(
      '截止日期和预计上线所用的审核用时：rules（规则默认值）或 measured（实测：变更记录中至少 10 次审核的步骤用其第 90 百分位，其余用默认值）',
      'Review times for due dates and the ETA: rules (the defaults) or measured (a step with at least 10 reviews in History uses their 90th percentile; the others the default)',
    ),
    source: 'issue 10',
  } as SettingDef<DurationSource>,
  'window.resubmit.miniprogram': int(7, '小程序驳回重新提交天数', t('小程序审核被驳回后可修改重新提交的天数', 'Days after a mini-program rejection to fix and resubmit'), 'seed 003 五、审核流程'),

  'categories.special': list(
    ['棋牌-牌类', '休闲-捕鱼', '文化互动'],
    '特殊类目',
    t('须资质审核通过后才能提交版本审核的类目', 'Categories whose version review needs the qualification approved first'),
    'seed 000 一、流程图 (2); 注意事项二 lists only 牌类、文化互动',
  ),
  'categories.personalForbidden': list(
    // 角色扮演 as well as 角色: a level must be the category or end in it (rules.md §9), and the
    // platform's mini-game category is named 角色扮演, which "角色" alone no longer matches.
    ['文化互动', '角色', '角色扮演', '牌类'],
    '个人主体不可选类目',
    t('个人主体不能选择的类目', 'Categories a personal subject cannot choose'),
    'platform docs (小游戏类目)',
  ),
  'flow.miniprogramVersionAfterIcp': bool(
    true,
    '小程序备案后提审',
    t('小程序须先完成备案再提交代码审核（规格流程顺序）', 'A mini-program files ICP before submitting code review (the spec flow order)'),
    'rules.md §2 flow order',
  ),

  'expedite.perQuarter': int(2, '每季度加急次数', t('每个账号每季度可用加急次数（2019 年公告为 1）', 'Expedites per account per quarter (a 2019 notice said 1)'), 'seed 000 加急流程 (2)', 0, 100),
  'expedite.minUsers': int(5000, '加急累计注册用户门槛', t('累计注册用户须超过此数才能加急', 'Registered users must exceed this to expedite'), 'seed 000 加急流程 (3)', 0, 1e9),

  'materials.formats': list(['jpg', 'bmp', 'png'], '资质材料格式', t('资质材料允许的文件格式（2021 指引：jpg, jpeg, bmp, gif, png）', 'Allowed material file formats (2021 guide: jpg, jpeg, bmp, gif, png)'), 'seed 000 第五步 (2)a'),
  'materials.maxSizeKB': int(2048, '资质材料大小上限KB', t('单个文件大小上限（KB；2021 指引为 5120）', 'Largest file, KB (2021 guide: 5120)'), 'seed 000 第五步 (2)b', 1, 1_000_000),
  'materials.slots': list(
    ['版本号文件', '版本号授权书', '软著', '软著授权书', '自审自查报告', '其他授权书', '其他'],
    '资质材料栏目',
    t('资质材料的栏目名称（错位上传会被驳回）', 'Known material slots (materials in the wrong slot are rejected)'),
    'seed 000 第五步 注意事项 (1)',
  ),
  'materials.singleFileSlots': list(
    ['版本号文件', '版本号授权书', '软著', '软著授权书'],
    '申请支付时限一个文件的栏目',
    t('同时申请支付时每栏最多 1 个文件', 'With payment, at most one file in each of these slots'),
    'seed 000 第五步 (2)c–f',
  ),

  'icp.requiredFrom': date(dayFromYmd(2023, 9, 1), '备案要求生效日', t('此日起未上架的小程序须先备案', 'From this day unreleased programs must file before release'), 'seed 001'),
  'icp.legacyDeadline': date(dayFromYmd(2024, 3, 31), '存量小程序备案截止日', t('此前已上架的小程序备案截止日', 'Filing deadline for programs released before the requirement'), 'seed 001'),

  'live.categories': list(
    ['电商平台', ...LIVE_SELF_OPERATED.map((c) => `商家自营>${c}`)],
    '直播可开通类目',
    t('可申请小程序直播的类目', 'Categories eligible for mini-program live streaming'),
    'platform docs via secondary sources (seed 004 shows it only as an image)',
  ),
  'live.violationMonths': int(6, '直播违规回看月数', t('近几个月内无严重违规', 'No serious violation in this many months'), 'seed 004'),
  'live.paymentDays': int(90, '直播支付回看天数', t('近几天内有支付行为', 'A payment within this many days'), 'seed 004'),
  'live.minFollowers': num(100, '直播公众号粉丝门槛', t('公众号累计粉丝须超过此数', 'Official-account followers must exceed this'), 'seed 004'),
  'live.minDau': num(100, '直播7日DAU门槛', t('近 7 日 DAU 须超过此数', '7-day DAU must exceed this'), 'seed 004'),
  'live.minAdSpend': num(10_000, '直播广告消耗门槛', t('近一年广告消耗须超过此数（元）', 'Ad spend in the last year must exceed this (yuan)'), 'seed 004'),
  'live.paused': bool(false, '直播权限暂停开放', t('平台暂停开通新的直播权限（268489001）时打开', 'Switch on while the platform grants no new live permissions (268489001)'), 'platform API docs'),

  'verify.validMonths': int(12, '认证有效月数', t('微信认证有效期（月）', 'WeChat verification validity, months'), 'seed 002 (300 元/年)', 1, 120),
  'verify.infoDays': int(90, '认证到期提示天数', t('到期前多少天起提示', 'Remind (info) this many days before expiry'), 'platform reminders (secondary sources)'),
  'verify.warnDays': int(30, '认证到期警告天数', t('到期前多少天起警告', 'Warn this many days before expiry'), 'platform reminders (secondary sources)'),

  'limit.subject.organization': int(50, '企业类主体注册上限', t('企业、政府、媒体、其他组织可注册小程序数', 'Programs per enterprise, government, media or other organization'), 'seed 000 注册上限 (platform FAQ)'),
  'limit.subject.individual': int(5, '个体工商户注册上限', t('个体工商户可注册小程序数', 'Programs per individual business'), 'seed 000 注册上限 (platform FAQ)'),
  'limit.subject.personal': int(5, '个人注册上限', t('个人（同一身份证）可注册小程序数', 'Programs per person (ID card)'), 'seed 000 注册上限 (platform FAQ)'),
  'limit.phone': int(5, '管理员手机绑定上限', t('同一管理员手机号可绑定数', 'Programs per admin phone number'), 'seed 000 绑定上限 (platform FAQ)'),
  'limit.email': int(1, '邮箱注册上限', t('同一邮箱可注册小程序数', 'Programs per email address'), 'seed 000 注册上限 (platform FAQ)'),

  'name.minLength': int(4, '名称最短字符', t('名称最短字符数（汉字计 2）', 'Shortest name, characters (a Chinese character counts 2)'), 'platform docs'),
  'name.maxLength': int(30, '名称最长字符', t('名称最长字符数（汉字计 2）', 'Longest name, characters (a Chinese character counts 2)'), 'platform docs'),
  'name.forbiddenWords': list(['小程序'], '名称禁用词', t('名称中不能出现的词', 'Words a name may not contain'), 'platform docs'),

  'summary.dueWithinDays': int(14, '汇总临近天数', t('汇总表列出多少天内到期的事项', 'Summary lists items due within this many days'), 'issue #2', 1, 366),
} as const;

export type SettingKey = keyof typeof SETTING_DEFS;
type ValueOf<D> = D extends SettingDef<infer T> ? T : never;
export type Settings = { -readonly [K in SettingKey]: ValueOf<(typeof SETTING_DEFS)[K]> };

export const SETTING_KEYS = Object.keys(SETTING_DEFS) as SettingKey[];

export function defaultSettings(): Settings {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = SETTING_DEFS[key].default;
    out[key] = Array.isArray(value) ? [...value] : value;
  }
  // A spread copy has fast properties; the object built key by key above is a slow dictionary,
  // and the rules read settings on every row.
  return { ...out } as Settings;
}
