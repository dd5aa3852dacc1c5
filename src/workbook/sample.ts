/**
 * A realistic generated portfolio, for demos, benchmarks and property tests.
 *
 * Rows move through the flow as real ones do: most are somewhere in set-up or review,
 * some are released (a few before the ICP requirement), a handful carry typing errors.
 * Deterministic for a given seed and as-of date.
 */
import { addMonths, Day, utcDateFromDay } from '../rules/dates';
import type { Language } from '../rules/types';
import { INPUT_COLUMNS, InputKey } from './columns';
import type { TableData } from './tables';
import type { Cell } from './values';
import { DISPLAY } from './vocab';

const BRAND_CHARS = '星云远青海极北知锦白风麦橙木天辰光华瑞宏鼎盛新思源恒嘉博创达泰安和顺祥利鑫诚信德佳';

/** A distinct two- or three-character brand per subject index, as real company names are. */
function brand(i: number): string {
  const n = BRAND_CHARS.length;
  const a = BRAND_CHARS[i % n];
  const b = BRAND_CHARS[Math.floor(i / n) % n];
  return i < n * n ? a + b : a + b + BRAND_CHARS[Math.floor(i / (n * n)) % n];
}

/** mulberry32: a tiny, good-enough seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const GAME_CATEGORIES = ['游戏>休闲', '游戏>休闲-捕鱼', '游戏>棋牌-牌类', '游戏>角色扮演', '游戏>动作', '游戏>策略', '游戏>文化互动', '游戏>模拟'];
const PROGRAM_CATEGORIES = ['商家自营>服装/鞋/箱包', '商家自营>食品', '电商平台', '商家自营>美妆/洗护', '教育>在线教育', '工具>效率', '生活服务>家政', '商家自营>家电/数码/手机'];
const CITY = ['杭州', '深圳', '广州', '成都', '郑州', '武汉', '南京', '厦门', '长沙', '西安'];
const WORD = ['星火', '云帆', '远山', '青木', '海豚', '极光', '北辰', '知行', '锦鲤', '白鹭', '风铃', '麦田', '橙子', '木棉'];
const TRADE = ['网络科技', '文化传媒', '信息技术', '互动娱乐', '电子商务', '数字科技'];
const OWNERS = ['张敏', '李娜', '王强', '刘洋', '陈静', '赵磊'];
const GAME_NAMES = ['消消乐', '大冒险', '合成记', '小镇物语', '跑酷王', '短剧屋', '捕鱼达人', '斗地主', '三国志', '答题王'];
const SHOP_NAMES = ['优选', '好物', '生鲜', '直播间', '会员店', '精选'];

export interface SampleOptions {
  rows: number;
  seed?: number;
  asOf: Day;
  language?: Language;
  /** Dates as JS Dates (for xlsx) or as Excel serial numbers (as Office.js reads them). */
  dates?: 'date' | 'serial';
}

type Status = 'not_started' | 'in_progress' | 'submitted' | 'approved' | 'rejected' | 'withdrawn';
const STATUS_INDEX: Record<Status, number> = { not_started: 0, in_progress: 1, submitted: 2, approved: 3, rejected: 4, withdrawn: 5 };

export function sampleHeaders(language: Language = 'zh-CN'): string[] {
  return INPUT_COLUMNS.map((c) => (language === 'en' ? c.en : c.zh));
}

export function generateSample(options: SampleOptions): TableData {
  const rnd = prng(options.seed ?? 1);
  const lang = options.language ?? 'zh-CN';
  const display = DISPLAY[lang];
  const keys = INPUT_COLUMNS.map((c) => c.key as InputKey);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const chance = (p: number) => rnd() < p;
  const day = (d: Day): Cell => (options.dates === 'serial' ? d + 25_569 : utcDateFromDay(d));
  const ago = (min: number, max: number): Day => options.asOf - min - Math.floor(rnd() * (max - min + 1));
  const status = (s: Status): string => display.status[STATUS_INDEX[s]];
  const yes = (b: boolean) => (b ? display.bool[0] : display.bool[1]);

  // Agencies serve a client across several programs: subjects repeat.
  const subjectCount = Math.max(1, Math.floor(options.rows / 3));
  const subjects = Array.from({ length: subjectCount }, (_, i) => ({
    name: `${pick(CITY)}${brand(i)}${pick(TRADE)}有限公司`,
    type: chance(0.75) ? 2 : chance(0.5) ? 1 : chance(0.6) ? 0 : 5, // index into display.subject
    phone: `1${3 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
  }));

  const rows: Cell[][] = [];
  for (let i = 0; i < options.rows; i++) {
    const v: Partial<Record<InputKey, Cell>> = {};
    const subject = subjects[Math.floor(rnd() * subjects.length)];
    const game = chance(0.7);
    v.id = `${game ? 'G' : 'P'}-${String(i + 1).padStart(5, '0')}`;
    v.client = subject.name.replace(/有限公司$/, '');
    v.name = game ? `${pick(WORD)}${pick(GAME_NAMES)}` : `${pick(WORD)}${pick(SHOP_NAMES)}`;
    v.kind = display.kind[game ? 0 : 1];
    v.subjectType = display.subject[subject.type];
    v.subjectName = subject.name;
    v.adminEmail = `ops${i + 1}@example.com`;
    // Agencies often reuse a client's admin phone, but rarely more than a few times.
    v.adminPhone = chance(0.15) ? subject.phone : `1${3 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
    v.category = game ? pick(GAME_CATEGORIES) : pick(PROGRAM_CATEGORIES);
    v.owner = pick(OWNERS);
    v.urgent = chance(0.1) ? yes(true) : null;
    if (chance(0.5)) v.targetLaunch = day(options.asOf + 10 + Math.floor(rnd() * 80));

    // How far along the row is: 0 planned … 6 released.
    const stage = Math.floor(rnd() * 7);
    const done = (key: InputKey, dateKey: InputKey, min: number, max: number) => {
      v[key] = status('approved');
      v[dateKey] = day(ago(min, max));
    };
    const inFlight = (key: InputKey, dateKey: InputKey) => {
      const r = rnd();
      const s: Status = r < 0.65 ? 'submitted' : r < 0.8 ? 'rejected' : r < 0.9 ? 'in_progress' : 'withdrawn';
      v[key] = status(s);
      if (s !== 'in_progress') v[dateKey] = day(ago(0, 12));
    };
    if (stage === 0 && chance(0.5)) {
      rows.push(keys.map((k) => (k === 'id' ? v.id ?? null : null)));
      continue;
    }
    if (stage >= 1) done('registerStatus', 'registerDate', 60, 400);
    if (stage >= 2) {
      done('nameStatus', 'nameDate', 40, 300);
      done('categoryStatus', 'categoryDate', 40, 300);
      if (chance(0.1)) v.namePath = display.namePath[1];
    } else if (stage === 1 && chance(0.3)) {
      inFlight('nameStatus', 'nameDate');
      v.namePath = display.namePath[chance(0.5) ? 1 : 2];
    }
    if (stage >= 2 && subject.type !== 0) {
      if (chance(0.7)) done('verifyStatus', 'verifyDate', 5, chance(0.9) ? 300 : 400);
      else inFlight('verifyStatus', 'verifyDate');
    }
    if (game && stage >= 3) {
      if (stage >= 4) done('qualificationStatus', 'qualificationDate', 10, 200);
      else inFlight('qualificationStatus', 'qualificationDate');
      v.withPayment = yes(chance(0.4));
      if (v.withPayment === display.bool[0]) v.publisherRelated = yes(chance(0.7));
    }
    if (stage >= 3) {
      if (stage >= 5) done('versionStatus', 'versionDate', 3, 150);
      else if (stage === 4) inFlight('versionStatus', 'versionDate');
    }
    if (game && stage >= 4 && chance(0.6)) done('realnameStatus', 'realnameDate', 5, 150);
    if (stage >= 3) {
      const r = rnd();
      if (stage >= 5 || r < 0.3) {
        v.icpStatus = display.icpStatus[7];
        v.icpDate = day(ago(5, 300));
        v.icpNumber = `粤ICP备${2023000000 + Math.floor(rnd() * 999999)}号-${1 + Math.floor(rnd() * 9)}X`;
      } else if (r < 0.75) {
        v.icpStatus = display.icpStatus[[2, 3, 4, 5, 6][Math.floor(rnd() * 5)]];
        v.icpDate = day(ago(0, 25));
      }
    }
    if (stage >= 6) {
      const legacy = chance(0.08);
      v.releaseDate = day(legacy ? ago(1000, 1400) : ago(1, 300));
      if (legacy && chance(0.5)) {
        v.icpStatus = null;
        v.icpDate = null;
        v.icpNumber = null;
      }
      v.isUpdate = yes(true);
      v.registeredUsers = chance(0.5) ? Math.floor(rnd() * 200_000) : `${(rnd() * 20).toFixed(1)}万`;
      if (chance(0.3)) v.expediteDates = day(ago(0, 60));
      if (!game) {
        v.wantsLive = yes(chance(0.4));
        v.lastPayment = day(ago(0, 150));
        v.lastViolation = chance(0.8) ? (lang === 'en' ? 'none' : '无') : day(ago(0, 300));
        v.followers = Math.floor(rnd() * 3000);
        v.dau7 = Math.floor(rnd() * 500);
        v.adSpend = Math.floor(rnd() * 30_000);
      }
    }
    if (game && stage >= 2 && subject.type >= 1 && subject.type <= 2) v.wantsPayment = yes(chance(0.5));
    if (subject.type !== 0 && v.verifyStatus === display.status[3] && chance(0.1)) v.verifyExpiry = day(addMonths(ago(0, 0), Math.floor(rnd() * 4) - 1));
    if (v.appId === undefined && stage >= 1) v.appId = `wx${Math.floor(rnd() * 2 ** 32).toString(16).padStart(8, '0')}${Math.floor(rnd() * 2 ** 32).toString(16).padStart(8, '0')}`;
    // The odd typing error, as in any hand-kept sheet.
    if (chance(0.01)) v.versionStatus = lang === 'en' ? 'waiting' : '等结果';
    if (chance(0.01)) v.icpDate = '2026/13/45';
    rows.push(keys.map((k) => v[k] ?? null));
  }
  return { headers: sampleHeaders(lang), rows };
}
