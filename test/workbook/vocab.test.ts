/**
 * The vocabularies of workbook.md: every listed spelling, case- and width-insensitive.
 */
import { DISPLAY, icpStatusVocab, kindVocab, namePathVocab, stepStatusVocab, subjectVocab } from '../../src/workbook/vocab';

const STEP_TABLE: Record<string, string[]> = {
  not_started: ['未开始', '未办理', 'not started', 'todo'],
  in_progress: ['进行中', '准备中', '填写中', 'in progress', 'preparing'],
  submitted: ['已提交', '审核中', '待审核', '提交审核', 'submitted', 'in review', 'under review', 'pending'],
  approved: ['已通过', '通过', '审核通过', '已完成', '完成', '已认证', '已开通', '已接入', 'done', 'approved', 'passed', 'complete'],
  rejected: ['驳回', '已驳回', '未通过', '审核失败', 'rejected', 'failed'],
  withdrawn: ['撤回', '已撤回', 'withdrawn'],
  not_applicable: ['不适用', '无需', 'N/A', 'na'],
};

const ICP_TABLE: Record<string, string[]> = {
  unfiled: ['未备案'],
  preparing: ['准备中', '填写中'],
  platform_review: ['平台审核中', '初审中'],
  platform_rejected: ['平台驳回', '平台审核驳回'],
  sms_pending: ['待短信核验', '短信核验'],
  authority_review: ['管局审核中'],
  authority_rejected: ['管局驳回', '管局审核驳回'],
  filed: ['已备案', '备案完成'],
};

/** Upper case, full-width and padded variants of a spelling. */
function variants(word: string): string[] {
  const fullWidth = [...word].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c === ' ' ? '\u3000' : c)).join('');
  return [word, word.toUpperCase(), `  ${word} `, fullWidth];
}

describe('step status vocabulary', () => {
  for (const [code, words] of Object.entries(STEP_TABLE)) {
    test.each(words.flatMap(variants))(`%p → ${code}`, (word) => {
      expect(stepStatusVocab.get(word)).toBe(code);
    });
  }

  test('multiple spaces inside an English spelling still match', () => {
    expect(stepStatusVocab.get('In   Review')).toBe('submitted');
  });

  test('unknown words are unknown (undefined), not guessed', () => {
    for (const w of ['等结果', 'waiting', 'approve', '通', 'submitted?', '已提交了']) expect([w, stepStatusVocab.get(w)]).toEqual([w, undefined]);
  });
});

describe('ICP status vocabulary', () => {
  for (const [code, words] of Object.entries(ICP_TABLE)) {
    test.each(words.flatMap(variants))(`%p → ${code}`, (word) => {
      expect(icpStatusVocab.get(word)).toBe(code);
    });
  }

  test('the platform status codes of workbook.md', () => {
    for (let c = 1024; c <= 1031; c++) expect(icpStatusVocab.get(String(c))).toBe('unfiled');
    expect(icpStatusVocab.get('2')).toBe('platform_review');
    expect(icpStatusVocab.get('3')).toBe('platform_rejected');
    expect(icpStatusVocab.get('4')).toBe('authority_review');
    expect(icpStatusVocab.get('5')).toBe('authority_rejected');
    expect(icpStatusVocab.get('6')).toBe('filed');
  });

  test('a step status is not an ICP status', () => {
    expect(icpStatusVocab.get('审核中')).toBeUndefined();
    expect(icpStatusVocab.get('已通过')).toBeUndefined();
  });
});

describe('other vocabularies', () => {
  test('kind', () => {
    for (const w of ['小游戏', 'minigame', 'MiniGame']) expect(kindVocab.get(w)).toBe('minigame');
    for (const w of ['小程序', 'miniprogram', 'MINIPROGRAM']) expect(kindVocab.get(w)).toBe('miniprogram');
  });

  test('subject type in Chinese and English', () => {
    const table: [string, string, string][] = [
      ['个人', 'personal', 'personal'],
      ['个体工商户', 'individual business', 'individual'],
      ['企业', 'enterprise', 'enterprise'],
      ['政府', 'government', 'government'],
      ['媒体', 'media', 'media'],
      ['其他组织', 'other organization', 'other'],
    ];
    for (const [zh, en, code] of table) {
      expect(subjectVocab.get(zh)).toBe(code);
      expect(subjectVocab.get(en)).toBe(code);
      expect(subjectVocab.get(en.toUpperCase())).toBe(code);
    }
  });

  test('name case', () => {
    for (const [zh, en, code] of [
      ['正常', 'normal', 'normal'],
      ['保护词', 'protected', 'protected'],
      ['被占用', 'occupied', 'occupied'],
    ]) {
      expect(namePathVocab.get(zh)).toBe(code);
      expect(namePathVocab.get(en)).toBe(code);
    }
  });
});

describe('drop-down values read back to their codes (template round trip)', () => {
  const STATUS = ['not_started', 'in_progress', 'submitted', 'approved', 'rejected', 'withdrawn', 'not_applicable'];
  const ICP = ['unfiled', 'preparing', 'platform_review', 'platform_rejected', 'sms_pending', 'authority_review', 'authority_rejected', 'filed'];

  test.each(['zh-CN', 'en'] as const)('%s', (lang) => {
    expect(DISPLAY[lang].status.map((w) => stepStatusVocab.get(w))).toEqual(STATUS);
    expect(DISPLAY[lang].icpStatus.map((w) => icpStatusVocab.get(w))).toEqual(ICP);
    expect(DISPLAY[lang].kind.map((w) => kindVocab.get(w))).toEqual(['minigame', 'miniprogram']);
    expect(DISPLAY[lang].subject.map((w) => subjectVocab.get(w))).toEqual(['personal', 'individual', 'enterprise', 'government', 'media', 'other']);
    expect(DISPLAY[lang].namePath.map((w) => namePathVocab.get(w))).toEqual(['normal', 'protected', 'occupied']);
  });
});
