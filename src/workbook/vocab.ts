/**
 * The vocabularies of workbook.md: step status, ICP status, kind, subject type, name case.
 * `accepted` lists every spelling read; `display` is what the template's drop-downs offer.
 */
import type { IcpStatus, Kind, Language, NamePath, StepStatus, SubjectType } from '../rules/types';
import { Vocabulary } from './values';

type Canonical<T extends string> = Exclude<T, 'unknown'>;

export const STEP_STATUS_WORDS: Record<Canonical<StepStatus>, readonly string[]> = {
  not_started: ['未开始', '未办理', 'not started', 'todo', 'to do'],
  in_progress: ['进行中', '准备中', '填写中', 'in progress', 'preparing'],
  submitted: ['已提交', '审核中', '待审核', '提交审核', 'submitted', 'in review', 'under review', 'pending'],
  approved: ['已通过', '通过', '审核通过', '已完成', '完成', '已认证', '已开通', '已接入', '已注册', '已设置', 'done', 'approved', 'passed', 'complete', 'completed'],
  rejected: ['驳回', '已驳回', '未通过', '审核失败', '被驳回', 'rejected', 'failed'],
  withdrawn: ['撤回', '已撤回', 'withdrawn'],
  not_applicable: ['不适用', '无需', 'N/A', 'na', 'not applicable'],
};

export const ICP_STATUS_WORDS: Record<Canonical<IcpStatus>, readonly string[]> = {
  unfiled: ['未备案', 'unfiled', 'not filed', '1024', '1025', '1026', '1027', '1028', '1029', '1030', '1031'],
  preparing: ['准备中', '填写中', 'preparing', 'in progress'],
  platform_review: ['平台审核中', '初审中', 'platform review', '2'],
  platform_rejected: ['平台驳回', '平台审核驳回', 'platform rejected', '3'],
  sms_pending: ['待短信核验', '短信核验', '短信核验中', 'sms pending', 'sms verification'],
  authority_review: ['管局审核中', 'authority review', 'administration review', '4'],
  authority_rejected: ['管局驳回', '管局审核驳回', 'authority rejected', 'administration rejected', '5'],
  filed: ['已备案', '备案完成', '备案成功', 'filed', '6'],
};

export const KIND_WORDS: Record<Kind, readonly string[]> = {
  minigame: ['小游戏', '游戏', 'mini-game', 'mini game', 'minigame', 'game'],
  miniprogram: ['小程序', 'mini-program', 'mini program', 'miniprogram', 'program', 'app'],
};

export const SUBJECT_WORDS: Record<SubjectType, readonly string[]> = {
  personal: ['个人', 'personal', 'person', 'individual person'],
  individual: ['个体工商户', '个体户', '个体', 'individual business', 'individual', 'sole proprietor'],
  enterprise: ['企业', '公司', 'enterprise', 'company'],
  government: ['政府', '政府机关', 'government'],
  media: ['媒体', 'media'],
  other: ['其他组织', '其他', '组织', 'other organization', 'other organisation', 'other', 'organization'],
};

export const NAME_PATH_WORDS: Record<NamePath, readonly string[]> = {
  normal: ['正常', '常规', 'normal'],
  protected: ['保护词', '命中保护词', 'protected', 'protected word'],
  occupied: ['被占用', '占用', '名称被占用', 'occupied', 'taken'],
};

/** 最近严重违规: 无 / none means "no violation", not "unknown". */
export const NO_VIOLATION_WORDS = ['无', '没有', '否', 'none', 'no', 'n/a', '-', '—'];

export const stepStatusVocab = new Vocabulary(STEP_STATUS_WORDS);
export const icpStatusVocab = new Vocabulary(ICP_STATUS_WORDS);
export const kindVocab = new Vocabulary(KIND_WORDS);
export const subjectVocab = new Vocabulary(SUBJECT_WORDS);
export const namePathVocab = new Vocabulary(NAME_PATH_WORDS);

/** What the template's drop-downs offer, per language (the first spelling of each code). */
export const DISPLAY: Record<Language, Record<'status' | 'icpStatus' | 'kind' | 'subject' | 'namePath' | 'bool', string[]>> = {
  'zh-CN': {
    status: ['未开始', '进行中', '审核中', '已通过', '已驳回', '已撤回', '不适用'],
    icpStatus: ['未备案', '准备中', '平台审核中', '平台驳回', '待短信核验', '管局审核中', '管局驳回', '已备案'],
    kind: ['小游戏', '小程序'],
    subject: ['个人', '个体工商户', '企业', '政府', '媒体', '其他组织'],
    namePath: ['正常', '保护词', '被占用'],
    bool: ['是', '否'],
  },
  en: {
    status: ['not started', 'in progress', 'submitted', 'approved', 'rejected', 'withdrawn', 'N/A'],
    icpStatus: ['unfiled', 'preparing', 'platform review', 'platform rejected', 'sms pending', 'authority review', 'authority rejected', 'filed'],
    kind: ['minigame', 'miniprogram'],
    subject: ['personal', 'individual business', 'enterprise', 'government', 'media', 'other organization'],
    namePath: ['normal', 'protected', 'occupied'],
    bool: ['yes', 'no'],
  },
};
