/**
 * Minimal real tables (issue 7 §5): a missing optional column means "unknown", never "not
 * started". No finding accuses a step whose status column the table does not have; it is
 * inferred from later evidence, or stays unknown. A blank cell in a column the table has is
 * still "not started".
 */
import { dayFromYmd } from '../../src/rules/dates';
import type { RowResult, RuleId } from '../../src/rules/types';
import { checkWorkbook } from '../../src/workbook/check';
import type { Cell } from '../../src/workbook/values';

/** 2026-11-21, a Saturday. */
const TODAY = dayFromYmd(2026, 11, 21);

function check(headers: Cell[], rows: Cell[][], language: 'zh-CN' | 'en' = 'zh-CN'): RowResult[] {
  return checkWorkbook({ portfolio: { headers, rows } }, { today: TODAY, language }).results.map((r) => r!);
}

const ruleIds = (r: RowResult): RuleId[] => r.findings.map((f) => f.rule);
const codes = (r: RowResult): string[] => [r.nextStep.code, ...r.nextActions.map((a) => a.code)];

/** Findings about, or naming, registration, name or category. */
function aboutSetUp(r: RowResult): string[] {
  return r.findings
    .filter((f) => f.rule === 'FLOW-PREREQ' || ['register', 'name', 'category'].includes(f.step ?? '') || /注册账号|名称设置|类目设置/.test(f.text))
    .map((f) => `${f.rule}: ${f.text}`);
}

describe('项目编号, 客户, 资质状态, 资质日期, 版本状态: name, category and registration are not tracked', () => {
  const headers: Cell[] = ['项目编号', '客户', '资质状态', '资质日期', '版本状态'];
  const [notStarted, inReview, versionInReview, versionApproved, rejected] = check(headers, [
    ['M-1', '星火网络', null, null, null],
    ['M-2', '云帆互娱', '审核中', '2026-11-17', null],
    ['M-3', '青木游戏', '已通过', '2026-11-10', '审核中'],
    ['M-4', '长风科技', '已通过', '2026-11-02', '已通过'],
    ['M-5', '北辰工作室', '驳回', '2026-11-18', null],
  ]);
  const all = [notStarted, inReview, versionInReview, versionApproved, rejected];

  test('no row has a finding that accuses 注册, 名称 or 类目 (no FLOW-PREREQ at all)', () => {
    for (const r of all) expect([r.id, aboutSetUp(r)]).toEqual([r.id, []]);
  });

  test('no ICP finding: the table has no 备案状态 (a version in review or approved raised ICP-REQUIRED before)', () => {
    for (const r of all) expect(ruleIds(r).filter((id) => id.startsWith('ICP-'))).toEqual([]);
  });

  test('not started: the next step is the tracked one — submit the qualification — not "register"', () => {
    expect(notStarted.nextStep).toEqual({ code: 'qualification.submit', text: '提交资质审核' });
    expect(codes(notStarted)).not.toContain('register.start');
    expect(notStarted.stage).toEqual({ code: 'review', text: '待提交审核' });
    expect(notStarted.findings).toEqual([]);
  });

  test('qualification submitted 2026-11-17 (due 2026-11-20): FLOW-SLA as before, and the version can be submitted', () => {
    expect(ruleIds(inReview)).toEqual(['FLOW-SLA']);
    expect(inReview.findings[0]).toMatchObject({ step: 'qualification', text: '资质审核已超期 1 天（2026-11-17 提交，应于 2026-11-20 前完成）' });
    expect(codes(inReview)).toEqual(['version.submit', 'qualification.await']);
    expect(inReview.dueDate).toBe('2026-11-20');
  });

  test('version in review with no 版本日期 column: no DATA-DATE-MISSING, just wait', () => {
    expect(versionInReview.findings).toEqual([]);
    expect(versionInReview.nextStep).toEqual({ code: 'version.await', text: '等待版本审核结果' });
    expect(versionInReview.stage.code).toBe('review');
  });

  test('version approved: release waits on the untracked filing, so the next step is to confirm it', () => {
    expect(versionApproved.findings).toEqual([]);
    expect(versionApproved.nextStep).toEqual({ code: 'icp.confirm', text: '确认小程序备案是否已完成（表中没有该状态列）' });
    expect(codes(versionApproved)).not.toContain('release.publish');
  });

  test('rejected qualification: FLOW-REJECTED and resubmit, nothing about the set-up', () => {
    expect(ruleIds(rejected)).toEqual(['FLOW-REJECTED']);
    // The version may follow a qualification that went to review; untracked set-up steps hold nothing back.
    expect(codes(rejected)).toEqual(['qualification.resubmit', 'version.submit']);
  });

  test('English texts of the new verb', () => {
    const [r] = check(headers, [['M-4', null, 'approved', '2026-11-02', 'approved']], 'en');
    expect(r.nextStep).toEqual({ code: 'icp.confirm', text: 'Check whether the ICP filing is done (the table has no status column for it)' });
  });
});

describe('blank is not absent', () => {
  test('注册状态 present but blank, verification submitted 2026-11-20: FLOW-PREREQ as before; without the column, none', () => {
    const [blank] = check(['项目编号', '注册状态', '认证状态', '认证日期'], [['V-1', null, '审核中', '2026-11-20']]);
    expect(blank.findings).toMatchObject([{ rule: 'FLOW-PREREQ', severity: 'error', step: 'verify', text: '微信认证已提交，但前置步骤注册账号尚未完成' }]);
    expect(blank.nextStep.code).toBe('register.start');
    expect(blank.stage.code).toBe('registration');
    // The same row without a 注册状态 column: the submitted verification shows the account exists.
    const [absent] = check(['项目编号', '认证状态', '认证日期'], [['V-2', '审核中', '2026-11-20']]);
    expect(absent.findings).toEqual([]);
    expect(absent.nextStep).toMatchObject({ code: 'verify.await', text: '等待微信认证（预计 2026-11-25）' });
    expect(absent.stage.code).toBe('review');
  });

  test('名称状态 blank and 类目状态 absent, qualification submitted: FLOW-PREREQ names the name only', () => {
    const [r] = check(['项目编号', '名称状态', '资质状态', '资质日期'], [['Q-1', null, '审核中', '2026-11-20']]);
    expect(r.findings.filter((f) => f.rule === 'FLOW-PREREQ').map((f) => f.text)).toEqual(['资质审核已提交，但前置步骤名称设置尚未完成']);
  });

  test('a blank 版本日期 cell is still DATA-DATE-MISSING; a table without 版本日期 gets none', () => {
    const [blank] = check(['项目编号', '资质状态', '版本状态', '版本日期'], [['D-1', '已通过', '审核中', null]]);
    expect(ruleIds(blank)).toEqual(['DATA-DATE-MISSING']);
    const [absent] = check(['项目编号', '资质状态', '版本状态'], [['D-2', '已通过', '审核中']]);
    expect(ruleIds(absent)).toEqual([]);
  });
});

describe('项目编号 and 上线日期 only', () => {
  const [recent, legacy, planned] = check(['项目编号', '上线日期'], [
    ['R-1', '2026-10-08'],
    ['R-2', '2023-05-10'],
    ['R-3', null],
  ]);

  test('released rows: no finding (no ICP-RELEASED-UNFILED or ICP-LEGACY-DEADLINE without a 备案状态); the key-only row is planned from registration', () => {
    for (const r of [recent, legacy]) {
      expect(r.stage).toEqual({ code: 'released', text: '已上线' });
      expect(r.findings).toEqual([]);
      expect(r.severity).toBe('ok');
      expect(r.nextStep.code).toBe('none');
      expect(r.dueDate).toBeNull();
    }
    // Nothing else can be recommended for a row the table says nothing about: rules.md §7's planned row.
    expect(planned.stage.code).toBe('planned');
    expect(planned.nextStep).toEqual({ code: 'register.start', text: '注册账号' });
    expect(planned.findings).toEqual([]);
  });
});

describe('other evidence and other absent columns', () => {
  test('an AppID shows the account is registered: the next step is the tracked name', () => {
    const [r] = check(['项目编号', 'AppID', '名称状态'], [['A-1', 'wx0123456789abcdef', null]]);
    expect(r.nextStep).toEqual({ code: 'name.start', text: '设置名称、简称和图标' });
    expect(r.stage.code).toBe('setup');
  });

  test('ICP filing in review with no 认证状态: no ICP-VERIFY-FIRST, no FLOW-PREREQ', () => {
    const [r] = check(['项目编号', '主体类型', '备案状态', '备案日期'], [['I-1', '企业', '平台审核中', '2026-11-20']]);
    expect(r.findings).toEqual([]);
    expect(r.nextStep).toMatchObject({ code: 'icp.await', text: '等待备案平台初审（预计 2026-11-24）' });
  });

  test('ICP in review with no 备案日期 column: no DATA-DATE-MISSING', () => {
    const [r] = check(['项目编号', '主体类型', '备案状态'], [['I-2', '个人', '管局审核中']]);
    expect(r.findings).toEqual([]);
    expect(r.nextStep.code).toBe('icp.await');
  });

  test('no 备案状态 and a target launch: no ICP-START-BY or ICP-REQUIRED; a blank 备案状态 keeps them', () => {
    const [absent] = check(['项目编号', '目标上线日期', '版本状态', '版本日期'], [['T-1', '2026-12-18', '已通过', '2026-11-10']]);
    expect(absent.findings).toEqual([]);
    expect(absent.nextStep.code).toBe('icp.confirm');
    const [blank] = check(['项目编号', '目标上线日期', '版本状态', '版本日期', '备案状态'], [['T-2', '2026-12-18', '已通过', '2026-11-10', null]]);
    expect(ruleIds(blank).sort()).toEqual(['ICP-REQUIRED', 'ICP-START-BY']);
    expect(blank.nextStep.code).toBe('icp.submit');
    // The ETA counts an untracked filing as still to do, as it does a blank one.
    expect(absent.eta).toBe(blank.eta);
  });

  test('virtual payment wanted, no 认证状态 / 实名状态: PAY-PREREQ does not list them; with a blank 实名状态 it lists real-name', () => {
    const headers: Cell[] = ['项目编号', '主体类型', '需要虚拟支付', '资质状态', '资质日期'];
    const [absent] = check(headers, [['P-1', '企业', '是', '已通过', '2026-11-02']]);
    expect(ruleIds(absent)).not.toContain('PAY-PREREQ');
    const [blank] = check([...headers, '实名状态'], [['P-2', '企业', '是', '已通过', '2026-11-02', null]]);
    expect(blank.findings.filter((f) => f.rule === 'PAY-PREREQ').map((f) => f.text)).toEqual(['开通虚拟支付前还需完成：实名认证接入']);
  });
});

describe('the absent-column paths of the rules, each with its counterpart', () => {
  const texts = (r: RowResult, rule: RuleId): string[] => r.findings.filter((f) => f.rule === rule).map((f) => f.text);

  test('名称情形 保护词 / 被占用 with no 名称状态 column: FLOW-NAME-PROTECTED / FLOW-NAME-COMPLAINT (no due: nothing says when it was submitted)', () => {
    const [protectedName, occupied] = check(['项目编号', '名称情形'], [
      ['N-1', '保护词'],
      ['N-2', '被占用'],
    ]);
    expect(protectedName.findings.filter((f) => f.rule.startsWith('FLOW-NAME-'))).toMatchObject([
      { rule: 'FLOW-NAME-PROTECTED', severity: 'info', step: 'name', text: '名称命中保护词：需补充营业执照、版号、商标及相关授权等材料，提交后 3 个工作日内处理' },
    ]);
    expect(occupied.findings.filter((f) => f.rule.startsWith('FLOW-NAME-'))).toMatchObject([
      { rule: 'FLOW-NAME-COMPLAINT', severity: 'info', step: 'name', text: '名称已被占用：侵权投诉约 7 个工作日，成功后名称在 7 天保护期后释放' },
    ]);
  });

  test('the same rows with 资质状态 审核中 (2026-11-20): the qualification needs the name done, so neither fires', () => {
    const [protectedName, occupied] = check(['项目编号', '名称情形', '资质状态', '资质日期'], [
      ['N-3', '保护词', '审核中', '2026-11-20'],
      ['N-4', '被占用', '审核中', '2026-11-20'],
    ]);
    for (const r of [protectedName, occupied]) {
      expect(r.findings).toEqual([]);
      expect(r.nextStep.code).toBe('qualification.await');
    }
  });

  test('类目状态 已通过 says nothing of the name (the category needs only the account): FLOW-NAME-PROTECTED still fires', () => {
    const [r] = check(['项目编号', '名称情形', '类目状态', '类目日期'], [['N-5', '保护词', '已通过', '2026-11-20']]);
    expect(ruleIds(r)).toEqual(['FLOW-NAME-PROTECTED']);
  });

  test('DATA-DATE-MISSING for a rejected step: a blank 资质日期 cell fires it; a table without 资质日期 does not', () => {
    const [blank] = check(['项目编号', '资质状态', '资质日期'], [['R-1', '驳回', null]]);
    expect(blank.findings.map((f) => [f.rule, f.step, f.text])).toEqual([
      ['DATA-DATE-MISSING', 'qualification', '资质审核为“已驳回”但没有日期，无法计算截止日'],
      ['FLOW-REJECTED', 'qualification', '资质审核被驳回：按驳回原因修改后重新提交，时限从重新提交日起算'],
    ]);
    const [absent] = check(['项目编号', '资质状态'], [['R-2', '驳回']]);
    expect(ruleIds(absent)).toEqual(['FLOW-REJECTED']);
    expect(absent.nextStep.code).toBe('qualification.resubmit');
  });

  test('DATA-DATE-MISSING for the filing, rejected and awaiting the SMS: a blank 备案日期 cell fires it; a table without 备案日期 does not', () => {
    const rows: Cell[][] = [
      ['I-3', '企业', '平台驳回'],
      ['I-4', '企业', '管局驳回'],
      ['I-5', '企业', '待短信核验'],
    ];
    const blank = check(['项目编号', '主体类型', '备案状态', '备案日期'], rows.map((r) => [...r, null]));
    expect(blank.map((r) => [r.id, ruleIds(r), texts(r, 'DATA-DATE-MISSING')])).toEqual([
      ['I-3', ['ICP-REJECTED', 'DATA-DATE-MISSING'], ['小程序备案为“已驳回”但没有日期，无法计算截止日']],
      ['I-4', ['ICP-REJECTED', 'DATA-DATE-MISSING'], ['小程序备案为“已驳回”但没有日期，无法计算截止日']],
      ['I-5', ['ICP-SMS-PENDING', 'DATA-DATE-MISSING'], ['小程序备案为“待短信核验”但没有日期，无法计算截止日']],
    ]);
    const absent = check(['项目编号', '主体类型', '备案状态'], rows);
    expect(absent.map((r) => [r.id, ruleIds(r)])).toEqual([
      ['I-3', ['ICP-REJECTED']],
      ['I-4', ['ICP-REJECTED']],
      ['I-5', ['ICP-SMS-PENDING']],
    ]);
    expect(absent.map((r) => r.nextStep.code)).toEqual(['icp.resubmit', 'icp.resubmit', 'icp.verify_sms']);
  });

  test('PAY-PREREQ with no 资质状态 column: the blank 认证状态 and 实名状态 are listed, the untracked qualification is not', () => {
    const [r] = check(['项目编号', '主体类型', '需要虚拟支付', '认证状态', '实名状态'], [['P-3', '企业', '是', null, null]]);
    expect(findingsOf(r, 'PAY-PREREQ')).toMatchObject([{ rule: 'PAY-PREREQ', severity: 'info', step: 'payment', text: '开通虚拟支付前还需完成：微信认证、实名认证接入' }]);
  });

  test('PAY-PREREQ with a blank 资质状态: the qualification is listed too', () => {
    const [r] = check(['项目编号', '主体类型', '需要虚拟支付', '认证状态', '实名状态', '资质状态'], [['P-4', '企业', '是', null, null, null]]);
    expect(texts(r, 'PAY-PREREQ')).toEqual(['开通虚拟支付前还需完成：微信认证、资质审核、实名认证接入']);
  });

  test('项目编号, 上线日期 and a blank 备案状态: ICP-RELEASED-UNFILED after 2023-09-01, ICP-LEGACY-DEADLINE before', () => {
    const [recent, legacy] = check(['项目编号', '上线日期', '备案状态'], [
      ['R-1', '2026-10-08', null],
      ['R-2', '2023-05-10', null],
    ]);
    expect(recent.findings).toMatchObject([
      { rule: 'ICP-RELEASED-UNFILED', severity: 'critical', step: 'icp', text: '2026-10-08 上线但没有备案记录：2023-09-01 起须先备案才能上线，请核对数据或立即备案' },
    ]);
    expect(legacy.findings).toMatchObject([
      { rule: 'ICP-LEGACY-DEADLINE', severity: 'critical', step: 'icp', text: '2023-05-10 已上线但未备案，已过 2024-03-31 备案截止日，2024-04-01 起有被下架风险' },
    ]);
    expect([legacy.dueDate, legacy.icpDeadline]).toEqual(['2024-03-31', '2024-03-31']);
    for (const r of [recent, legacy]) {
      expect(r.severity).toBe('critical');
      expect(r.nextStep.code).toBe('icp.submit');
    }
  });

  test('FLOW-SPECIAL-CATEGORY with no 资质状态 column: it states the condition, so it fires while the version is to be submitted', () => {
    const [r] = check(['项目编号', '类目', '版本状态'], [['S-1', '游戏>棋牌-牌类', null]]);
    expect(r.findings).toMatchObject([{ rule: 'FLOW-SPECIAL-CATEGORY', severity: 'info', step: 'version', text: '特殊类目（游戏>棋牌-牌类）：须资质审核通过后才能提交版本审核' }]);
    expect(r.nextStep.code).toBe('version.submit');
  });

  test('FLOW-SPECIAL-CATEGORY does not fire when a connected real-name shows the untracked qualification approved', () => {
    const [r] = check(['项目编号', '类目', '版本状态', '实名状态'], [['S-2', '游戏>棋牌-牌类', null, '已接入']]);
    expect(r.findings).toEqual([]);
    expect(r.nextStep.code).toBe('version.submit');
  });

  test('a date without its status column is not judged: no DATA-DATE-FUTURE for 资质日期 or 备案日期 after today; with the (blank) status columns, both', () => {
    const [absent] = check(['项目编号', '资质日期', '备案日期'], [['F-1', '2026-12-01', '2026-12-02']]);
    expect(ruleIds(absent)).toEqual([]);
    const [tracked] = check(['项目编号', '资质状态', '资质日期', '备案状态', '备案日期'], [['F-2', null, '2026-12-01', null, '2026-12-02']]);
    expect(texts(tracked, 'DATA-DATE-FUTURE').sort()).toEqual(['小程序备案日期 2026-12-02 晚于今天', '资质审核日期 2026-12-01 晚于今天']);
  });
});

function findingsOf(r: RowResult, rule: RuleId): RowResult['findings'] {
  return r.findings.filter((f) => f.rule === rule);
}
