/**
 * Table rows → rules rows: what each typed cell becomes, and what is reported.
 */
import { dayFromYmd } from '../../src/rules/dates';
import { mapHeaders } from '../../src/workbook/columns';
import { bindColumns, isBlankRow, readRow } from '../../src/workbook/readRows';
import type { Cell } from '../../src/workbook/values';

const d = (y: number, m: number, dd: number) => dayFromYmd(y, m, dd);

function read(headers: Cell[], cells: Cell[], usOrder = false) {
  const bound = bindColumns(mapHeaders(headers), headers);
  return readRow(cells, bound, 7, { usOrder });
}

describe('a full Chinese row', () => {
  const headers: Cell[] = [
    '项目编号', '客户', '名称', 'AppID', '类型', '主体类型', '主体名称', '管理员邮箱', '管理员手机', '类目', '负责人', '加急需求', '目标上线日期', '上线日期',
    '注册状态', '注册日期', '名称状态', '名称日期', '认证状态', '认证日期', '资质状态', '资质日期', '版本状态', '版本日期',
    '名称情形', '认证到期日', '申请支付资质', '版号主体关联', '已有过审版本', '累计注册用户', '加急记录', '需要虚拟支付',
    '备案状态', '备案日期', '备案号', '需要直播', '最近严重违规', '最近支付日期', '公众号粉丝数', '近7日DAU', '近一年广告消耗', '我的备注',
  ];
  const cells: Cell[] = [
    'G-017', '星火网络', '星火消消乐', 'wx0123456789abcdef', '小游戏', '企业', '杭州星火网络科技有限公司', 'ops@example.com', '13800138000', '游戏>休闲', '张敏', '是', 46381, new Date(Date.UTC(2026, 0, 5)),
    '已通过', '2025-09-01', '已通过', '2025/09/02', '已认证', '2025.09.10', '审核通过', '2025年9月20日', '审核中', 20261119,
    '保护词', '2026-09-10', '否', 'N', 'true', '5,000人', '2026-10-08、2026-11-02\n2026/11/03', 'Y',
    '管局审核中', '2026-11-02', '浙ICP备2026000001号-1X', '✗', '无', 46300, '0.5万', 120, '¥12,000',
    'anything',
  ];
  const row = read(headers, cells);

  test('identity and text fields', () => {
    expect(row).toMatchObject({
      index: 7,
      id: 'G-017',
      client: '星火网络',
      name: '星火消消乐',
      appId: 'wx0123456789abcdef',
      kind: 'minigame',
      subjectType: 'enterprise',
      subjectName: '杭州星火网络科技有限公司',
      adminEmail: 'ops@example.com',
      adminPhone: '13800138000',
      category: '游戏>休闲',
      owner: '张敏',
      hasData: true,
      readFindings: [],
    });
  });

  test('dates of every form', () => {
    expect(row.targetLaunch).toBe(d(2026, 12, 25)); // serial 46381
    expect(row.releaseDate).toBe(d(2026, 1, 5));
    expect(row.steps.register).toEqual({ status: 'approved', date: d(2025, 9, 1) });
    expect(row.steps.name).toEqual({ status: 'approved', date: d(2025, 9, 2) });
    expect(row.steps.verify).toEqual({ status: 'approved', date: d(2025, 9, 10) });
    expect(row.steps.qualification).toEqual({ status: 'approved', date: d(2025, 9, 20) });
    expect(row.steps.version).toEqual({ status: 'submitted', date: d(2026, 11, 19) });
    // 类目状态 / 类目日期 are not in the table: unknown, not "not started" (issue 7 §5)
    expect(row.steps.category).toEqual({ status: 'unknown', date: null });
    expect(row.absent.has('categoryStatus') && row.absent.has('categoryDate')).toBe(true);
    expect(row.verifyExpiry).toBe(d(2026, 9, 10));
    expect(row.lastPayment).toBe(d(2026, 10, 5)); // serial 46300 = 46347 − 47
  });

  test('yes/no, numbers, lists, ICP', () => {
    expect(row.urgent).toBe(true);
    expect(row.withPayment).toBe(false);
    expect(row.publisherRelated).toBe(false);
    expect(row.isUpdate).toBe(true);
    expect(row.wantsPayment).toBe(true);
    expect(row.wantsLive).toBe(false);
    expect(row.registeredUsers).toBe(5000);
    expect(row.expediteDates).toEqual([d(2026, 10, 8), d(2026, 11, 2), d(2026, 11, 3)]);
    expect(row.icp).toEqual({ status: 'authority_review', date: d(2026, 11, 2), number: '浙ICP备2026000001号-1X' });
    expect(row.namePath).toBe('protected');
    expect(row.lastViolation).toBe('none');
    expect(row.followers).toBe(5000);
    expect(row.dau7).toBe(120);
    expect(row.adSpend).toBe(12_000);
  });
});

describe('defaults and blanks', () => {
  test('only a key: not data (planned), every step not started, ICP unfiled, kind mini-game', () => {
    const row = read(['项目编号', '名称', '版本状态', '备案状态'], ['G-1', null, '  ', '']);
    expect(row.hasData).toBe(false);
    expect(row.kind).toBe('minigame');
    expect(row.steps.version.status).toBe('not_started');
    expect(row.icp.status).toBe('unfiled');
    expect(row.readFindings).toEqual([]);
  });

  test('isBlankRow looks at input columns only', () => {
    const headers: Cell[] = ['项目编号', '名称', '下一步', '备注'];
    const bound = bindColumns(mapHeaders(headers), headers);
    expect(isBlankRow([null, '', '等待…', '用户的备注'], bound)).toBe(true);
    expect(isBlankRow([null, '星火', null, null], bound)).toBe(false);
  });

  test('a key read from a number cell is text', () => {
    expect(read(['ID'], [17]).id).toBe('17');
  });
});

describe('last serious violation: a date, or 无 / none', () => {
  test.each([
    ['无', 'none'],
    ['none', 'none'],
    ['None', 'none'],
    ['没有', 'none'],
    ['2026-05-21', d(2026, 5, 21)],
    [46163, d(2026, 5, 21)], // 46347 − 184
  ] as const)('%p', (cell, expected) => {
    expect(read(['ID', '最近严重违规'], ['G-1', cell]).lastViolation).toBe(expected);
  });

  test('garbage is a DATA-DATE', () => {
    const row = read(['ID', 'Last serious violation'], ['G-1', 'last spring']);
    expect(row.lastViolation).toBeNull();
    expect(row.readFindings).toEqual([{ rule: 'DATA-DATE', severity: 'warning', topic: 'row', args: { header: 'Last serious violation', value: 'last spring', reason: 'invalid' } }]);
  });
});

describe('what cannot be read is reported, never guessed', () => {
  test('an unknown status: DATA-STATUS on its step, status unknown', () => {
    const row = read(['项目编号', '资质状态'], ['G-1', '等结果']);
    expect(row.steps.qualification.status).toBe('unknown');
    expect(row.readFindings).toEqual([{ rule: 'DATA-STATUS', severity: 'warning', topic: 'qualification', args: { header: '资质状态', value: '等结果' } }]);
  });

  test('an unknown ICP status', () => {
    const row = read(['项目编号', 'ICP status'], ['G-1', 'almost']);
    expect(row.icp.status).toBe('unknown');
    expect(row.readFindings[0]).toMatchObject({ rule: 'DATA-STATUS', topic: 'icp', args: { header: 'ICP status', value: 'almost' } });
  });

  test('unknown kind keeps mini-game; unknown subject type stays empty; both reported', () => {
    const row = read(['项目编号', '类型', '主体类型'], ['G-1', '公众号', '合伙企业']);
    expect(row.kind).toBe('minigame');
    expect(row.subjectType).toBeNull();
    expect(row.readFindings.map((f) => [f.rule, f.args?.value])).toEqual([
      ['DATA-STATUS', '公众号'],
      ['DATA-STATUS', '合伙企业'],
    ]);
  });

  test('a bad yes/no and a bad number are reported with their values', () => {
    const row = read(['项目编号', '加急需求', '累计注册用户'], ['G-1', '看情况', '很多']);
    expect(row.urgent).toBeNull();
    expect(row.registeredUsers).toBeNull();
    expect(row.readFindings.map((f) => f.args?.value)).toEqual(['看情况', '很多']);
  });

  test('a bad date quotes the cell as typed, with the reason', () => {
    const row = read(['项目编号', '版本日期'], ['G-1', '11/12/2026']);
    expect(row.steps.version.date).toBeNull();
    expect(row.readFindings).toEqual([{ rule: 'DATA-DATE', severity: 'warning', topic: 'version', args: { header: '版本日期', value: '11/12/2026', reason: 'ambiguous' } }]);
    expect(read(['项目编号', '版本日期'], ['G-1', '11/12/2026'], true).steps.version.date).toBe(d(2026, 11, 12));
  });

  test('an Excel boolean in a date column is reported', () => {
    const row = read(['项目编号', '上线日期'], ['G-1', true]);
    expect(row.releaseDate).toBeNull();
    expect(row.readFindings[0]).toMatchObject({ rule: 'DATA-DATE', args: { value: 'true' } });
  });
});
