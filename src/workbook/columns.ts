/**
 * The portfolio table's columns (workbook.md): the ones users type, in Chinese or English,
 * and the ones the product owns and writes. Header matching ignores case, spaces,
 * full-width/half-width differences and the punctuation ()（）/:：_-.
 */
import { STEP_IDS, StepId } from '../rules/types';
import type { Cell } from './values';

export type FieldType =
  | 'id'
  | 'text'
  | 'kind'
  | 'subject'
  | 'bool'
  | 'date'
  | 'number'
  | 'status'
  | 'icpStatus'
  | 'namePath'
  | 'dateList'
  | 'violation';

export interface ColumnDef<K extends string> {
  key: K;
  zh: string;
  en: string;
  /** Other headers accepted for this column. */
  aliases?: readonly string[];
  type: FieldType;
  step?: StepId | 'icp';
  /** Template column width, in characters. */
  width?: number;
}

const STEP_WORDS: Record<StepId, { zh: string; en: string; aliases?: string[] }> = {
  register: { zh: '注册', en: 'Register', aliases: ['Registration'] },
  name: { zh: '名称', en: 'Name' },
  category: { zh: '类目', en: 'Category' },
  verify: { zh: '认证', en: 'Verify', aliases: ['Verification', '微信认证'] },
  qualification: { zh: '资质', en: 'Qualification', aliases: ['资质审核'] },
  version: { zh: '版本', en: 'Version', aliases: ['版本审核', 'Code review'] },
  realname: { zh: '实名', en: 'Realname', aliases: ['Real name', '实名认证'] },
  payment: { zh: '支付', en: 'Payment', aliases: ['虚拟支付', 'Virtual payment'] },
};

type StepColumnKey = `${StepId}Status` | `${StepId}Date`;

function stepColumns(): ColumnDef<StepColumnKey>[] {
  const out: ColumnDef<StepColumnKey>[] = [];
  for (const step of STEP_IDS) {
    const w = STEP_WORDS[step];
    const aliasStatus = (w.aliases ?? []).map((a) => (/[一-龥]/.test(a) ? `${a}状态` : `${a} status`));
    const aliasDate = (w.aliases ?? []).map((a) => (/[一-龥]/.test(a) ? `${a}日期` : `${a} date`));
    out.push({ key: `${step}Status`, zh: `${w.zh}状态`, en: `${w.en} status`, aliases: aliasStatus, type: 'status', step, width: 10 });
    out.push({ key: `${step}Date`, zh: `${w.zh}日期`, en: `${w.en} date`, aliases: aliasDate, type: 'date', step, width: 12 });
  }
  return out;
}

export const INPUT_COLUMNS = [
  { key: 'id', zh: '项目编号', en: 'ID', aliases: ['编号', '项目ID', 'Project ID', 'Key'], type: 'id', width: 10 },
  { key: 'client', zh: '客户', en: 'Client', aliases: ['客户名称'], type: 'text', width: 16 },
  { key: 'name', zh: '名称', en: 'Name', aliases: ['小程序名称', '游戏名称', 'Program name'], type: 'text', width: 16 },
  { key: 'appId', zh: 'AppID', en: 'AppID', aliases: ['App ID'], type: 'text', width: 20 },
  { key: 'kind', zh: '类型', en: 'Kind', aliases: ['Type'], type: 'kind', width: 8 },
  { key: 'subjectType', zh: '主体类型', en: 'Subject type', type: 'subject', width: 10 },
  { key: 'subjectName', zh: '主体名称', en: 'Subject', aliases: ['Subject name'], type: 'text', width: 20 },
  { key: 'adminEmail', zh: '管理员邮箱', en: 'Admin email', aliases: ['邮箱', 'Email'], type: 'text', width: 22 },
  { key: 'adminPhone', zh: '管理员手机', en: 'Admin phone', aliases: ['手机', 'Phone'], type: 'text', width: 14 },
  { key: 'category', zh: '类目', en: 'Category', type: 'text', width: 20 },
  { key: 'owner', zh: '负责人', en: 'Owner', type: 'text', width: 10 },
  { key: 'urgent', zh: '加急需求', en: 'Urgent', type: 'bool', width: 8 },
  { key: 'targetLaunch', zh: '目标上线日期', en: 'Target launch', type: 'date', width: 12 },
  { key: 'releaseDate', zh: '上线日期', en: 'Released on', aliases: ['Release date'], type: 'date', width: 12 },
  ...stepColumns(),
  { key: 'namePath', zh: '名称情形', en: 'Name case', type: 'namePath', step: 'name', width: 10 },
  { key: 'verifyExpiry', zh: '认证到期日', en: 'Verification expiry', type: 'date', step: 'verify', width: 12 },
  { key: 'withPayment', zh: '申请支付资质', en: 'With payment', type: 'bool', step: 'qualification', width: 8 },
  { key: 'publisherRelated', zh: '版号主体关联', en: 'Publisher related', type: 'bool', step: 'qualification', width: 8 },
  { key: 'isUpdate', zh: '已有过审版本', en: 'Is update', type: 'bool', step: 'version', width: 8 },
  { key: 'registeredUsers', zh: '累计注册用户', en: 'Registered users', type: 'number', width: 10 },
  { key: 'expediteDates', zh: '加急记录', en: 'Expedite dates', type: 'dateList', step: 'version', width: 16 },
  { key: 'wantsPayment', zh: '需要虚拟支付', en: 'Wants payment', type: 'bool', step: 'payment', width: 8 },
  { key: 'icpStatus', zh: '备案状态', en: 'ICP status', type: 'icpStatus', step: 'icp', width: 12 },
  { key: 'icpDate', zh: '备案日期', en: 'ICP date', type: 'date', step: 'icp', width: 12 },
  { key: 'icpNumber', zh: '备案号', en: 'ICP number', type: 'text', step: 'icp', width: 18 },
  { key: 'wantsLive', zh: '需要直播', en: 'Wants live', type: 'bool', width: 8 },
  { key: 'lastViolation', zh: '最近严重违规', en: 'Last serious violation', type: 'violation', width: 12 },
  { key: 'lastPayment', zh: '最近支付日期', en: 'Last payment', type: 'date', width: 12 },
  { key: 'followers', zh: '公众号粉丝数', en: 'Followers', type: 'number', width: 10 },
  { key: 'dau7', zh: '近7日DAU', en: '7-day DAU', type: 'number', width: 10 },
  { key: 'adSpend', zh: '近一年广告消耗', en: 'Ad spend (12 months)', aliases: ['Ad spend'], type: 'number', width: 12 },
] as const satisfies readonly ColumnDef<string>[];

export type InputKey = (typeof INPUT_COLUMNS)[number]['key'];

export type OutputKind = 'text' | 'date' | 'datetime';

export interface OutputColumnDef {
  key: OutputKey;
  zh: string;
  en: string;
  kind: OutputKind;
  width: number;
}

export const OUTPUT_COLUMNS = [
  { key: 'stage', zh: '当前阶段', en: 'Stage', kind: 'text', width: 14 },
  { key: 'nextStep', zh: '下一步', en: 'Next step', kind: 'text', width: 28 },
  { key: 'nextActions', zh: '可同时办理', en: 'Also possible now', kind: 'text', width: 28 },
  { key: 'dueDate', zh: '最近截止', en: 'Due', kind: 'date', width: 12 },
  { key: 'dueFor', zh: '截止事项', en: 'Due for', kind: 'text', width: 12 },
  { key: 'eta', zh: '预计上线', en: 'ETA', kind: 'date', width: 12 },
  { key: 'severity', zh: '级别', en: 'Severity', kind: 'text', width: 8 },
  { key: 'findings', zh: '提醒', en: 'Findings', kind: 'text', width: 48 },
  { key: 'liveEligible', zh: '直播资格', en: 'Live eligible', kind: 'text', width: 8 },
  { key: 'checkedAt', zh: '检查时间', en: 'Checked', kind: 'datetime', width: 17 },
] as const;

export type OutputKey = 'stage' | 'nextStep' | 'nextActions' | 'dueDate' | 'dueFor' | 'eta' | 'severity' | 'findings' | 'liveEligible' | 'checkedAt';

/** Header normal form: NFKC folds full-width to half-width; then case, spaces and ()/:_- go. */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s()（）/:：_\-]+/g, '');
}

function buildIndex<T extends { key: string; zh: string; en: string; aliases?: readonly string[] }>(defs: readonly T[]) {
  const index = new Map<string, T>();
  for (const def of defs) for (const h of [def.zh, def.en, def.key, ...(def.aliases ?? [])]) index.set(normalizeHeader(h), def);
  return index;
}

const INPUT_INDEX = buildIndex<ColumnDef<InputKey>>(INPUT_COLUMNS as readonly ColumnDef<InputKey>[]);
const OUTPUT_INDEX = buildIndex<(typeof OUTPUT_COLUMNS)[number]>(OUTPUT_COLUMNS);

export function inputColumnFor(header: string): ColumnDef<InputKey> | undefined {
  return INPUT_INDEX.get(normalizeHeader(header));
}

export function outputColumnFor(header: string): (typeof OUTPUT_COLUMNS)[number] | undefined {
  return OUTPUT_INDEX.get(normalizeHeader(header));
}

export function isKeyHeader(header: string): boolean {
  return inputColumnFor(header)?.key === 'id';
}

/** Headers accepted for the key column, for messages that say what was looked for. */
export const KEY_HEADERS: readonly string[] = [INPUT_COLUMNS[0].zh, INPUT_COLUMNS[0].en, ...INPUT_COLUMNS[0].aliases];

export interface HeaderMap {
  /** Column index (0-based) of each input field found; the first match wins. */
  input: Partial<Record<InputKey, number>>;
  output: Partial<Record<OutputKey, number>>;
  /** Columns that are neither: the user's own, never touched. */
  other: number[];
  /** Headers found twice (the second is ignored), for a warning. */
  duplicates: string[];
  /** The language most headers are written in: new output columns follow it. */
  language: 'zh-CN' | 'en';
}

export function mapHeaders(headers: readonly Cell[]): HeaderMap {
  const map: HeaderMap = { input: {}, output: {}, other: [], duplicates: [], language: 'zh-CN' };
  let zh = 0;
  let en = 0;
  headers.forEach((cell, i) => {
    const header = typeof cell === 'string' ? cell : cell === null || cell === undefined ? '' : String(cell);
    const input = header.trim() === '' ? undefined : inputColumnFor(header);
    const output = input ? undefined : header.trim() === '' ? undefined : outputColumnFor(header);
    const def = input ?? output;
    if (!def) {
      map.other.push(i);
      return;
    }
    const target = (input ? map.input : map.output) as Record<string, number>;
    if (target[def.key] !== undefined) {
      map.duplicates.push(header);
      map.other.push(i);
      return;
    }
    target[def.key] = i;
    if (normalizeHeader(header) === normalizeHeader(def.en) && def.en !== def.zh) en++;
    else if (normalizeHeader(header) === normalizeHeader(def.zh) && def.en !== def.zh) zh++;
  });
  map.language = en > zh ? 'en' : 'zh-CN';
  return map;
}
