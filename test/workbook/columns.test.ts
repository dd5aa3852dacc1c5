/**
 * Header matching (workbook.md): Chinese or English, any order, ignoring case, spaces,
 * full-width/half-width and the punctuation ()（）/:：_- ; extra columns are the user's.
 */
import { INPUT_COLUMNS, inputColumnFor, isKeyHeader, mapHeaders, normalizeHeader, OUTPUT_COLUMNS, outputColumnFor } from '../../src/workbook/columns';

/** workbook.md's input table: field → [Chinese, English]. */
const SPEC_HEADERS: [string, string, string][] = [
  ['id', '项目编号', 'ID'],
  ['client', '客户', 'Client'],
  ['name', '名称', 'Name'],
  ['appId', 'AppID', 'AppID'],
  ['kind', '类型', 'Kind'],
  ['subjectType', '主体类型', 'Subject type'],
  ['subjectName', '主体名称', 'Subject'],
  ['adminEmail', '管理员邮箱', 'Admin email'],
  ['adminPhone', '管理员手机', 'Admin phone'],
  ['category', '类目', 'Category'],
  ['owner', '负责人', 'Owner'],
  ['urgent', '加急需求', 'Urgent'],
  ['targetLaunch', '目标上线日期', 'Target launch'],
  ['releaseDate', '上线日期', 'Released on'],
  ['registerStatus', '注册状态', 'Register status'],
  ['registerDate', '注册日期', 'Register date'],
  ['nameStatus', '名称状态', 'Name status'],
  ['nameDate', '名称日期', 'Name date'],
  ['categoryStatus', '类目状态', 'Category status'],
  ['categoryDate', '类目日期', 'Category date'],
  ['verifyStatus', '认证状态', 'Verify status'],
  ['verifyDate', '认证日期', 'Verify date'],
  ['qualificationStatus', '资质状态', 'Qualification status'],
  ['qualificationDate', '资质日期', 'Qualification date'],
  ['versionStatus', '版本状态', 'Version status'],
  ['versionDate', '版本日期', 'Version date'],
  ['realnameStatus', '实名状态', 'Realname status'],
  ['realnameDate', '实名日期', 'Realname date'],
  ['paymentStatus', '支付状态', 'Payment status'],
  ['paymentDate', '支付日期', 'Payment date'],
  ['namePath', '名称情形', 'Name case'],
  ['verifyExpiry', '认证到期日', 'Verification expiry'],
  ['withPayment', '申请支付资质', 'With payment'],
  ['publisherRelated', '版号主体关联', 'Publisher related'],
  ['isUpdate', '已有过审版本', 'Is update'],
  ['registeredUsers', '累计注册用户', 'Registered users'],
  ['expediteDates', '加急记录', 'Expedite dates'],
  ['wantsPayment', '需要虚拟支付', 'Wants payment'],
  ['icpStatus', '备案状态', 'ICP status'],
  ['icpDate', '备案日期', 'ICP date'],
  ['icpNumber', '备案号', 'ICP number'],
  ['wantsLive', '需要直播', 'Wants live'],
  ['lastViolation', '最近严重违规', 'Last serious violation'],
  ['lastPayment', '最近支付日期', 'Last payment'],
  ['followers', '公众号粉丝数', 'Followers'],
  ['dau7', '近7日DAU', '7-day DAU'],
  ['adSpend', '近一年广告消耗', 'Ad spend (12 months)'],
];

const SPEC_OUTPUT: [string, string, string][] = [
  ['stage', '当前阶段', 'Stage'],
  ['nextStep', '下一步', 'Next step'],
  ['nextActions', '可同时办理', 'Also possible now'],
  ['dueDate', '最近截止', 'Due'],
  ['dueFor', '截止事项', 'Due for'],
  ['eta', '预计上线', 'ETA'],
  ['severity', '级别', 'Severity'],
  ['findings', '提醒', 'Findings'],
  ['liveEligible', '直播资格', 'Live eligible'],
  ['checkedAt', '检查时间', 'Checked'],
];

describe('every header of workbook.md', () => {
  test.each(SPEC_HEADERS)('%s: %s / %s', (key, zh, en) => {
    expect(inputColumnFor(zh)?.key).toBe(key);
    expect(inputColumnFor(en)?.key).toBe(key);
  });

  test.each(SPEC_OUTPUT)('output %s: %s / %s', (key, zh, en) => {
    expect(outputColumnFor(zh)?.key).toBe(key);
    expect(outputColumnFor(en)?.key).toBe(key);
    expect(inputColumnFor(zh)).toBeUndefined();
    expect(inputColumnFor(en)).toBeUndefined();
  });

  test('the column definitions are exactly the spec table (no field missing)', () => {
    expect(INPUT_COLUMNS.map((c) => c.key).sort()).toEqual(SPEC_HEADERS.map(([k]) => k).sort());
    expect(OUTPUT_COLUMNS.map((c) => c.key)).toEqual(SPEC_OUTPUT.map(([k]) => k));
  });

  test('no two columns share a normalised header (an alias never steals another column)', () => {
    for (const def of INPUT_COLUMNS) {
      for (const h of [def.zh, def.en, def.key, ...((def as { aliases?: readonly string[] }).aliases ?? [])]) {
        expect([h, inputColumnFor(h)?.key]).toEqual([h, def.key]);
        expect([h, outputColumnFor(h)?.key]).toEqual([h, undefined]);
      }
    }
  });
});

describe('normalisation', () => {
  test.each([
    ['subjectType', ['subject type', 'SUBJECT TYPE', 'SubjectType', 'subject_type', 'subject-type', 'Subject/Type', 'Subject: type', 'Subject：type', '(Subject) type', '（Subject）type', ' Subject  Type ', 'Ｓｕｂｊｅｃｔ　Ｔｙｐｅ']],
    ['dau7', ['近７日ＤＡＵ', '近 7 日 DAU', '7 day DAU', '7-Day-DAU', '7_day_dau']],
    ['adSpend', ['Ad spend（12 months）', 'ad spend 12 months', 'AD-SPEND (12-MONTHS)']],
    ['id', ['id', ' I D ', 'Ｉ Ｄ', '项目 编号', '项目编号：']],
    ['versionStatus', ['版本 状态', 'version_status', 'VERSION-STATUS', '版本（状态）']],
    ['icpStatus', ['ICP-Status', 'icp status', 'ＩＣＰ　ｓｔａｔｕｓ']],
  ])('%s', (key, headers) => {
    for (const h of headers) expect([h, inputColumnFor(h)?.key]).toEqual([h, key]);
  });

  test('normalizeHeader drops exactly the listed punctuation', () => {
    expect(normalizeHeader('A (b)（c）/d:e：f_g-h i')).toBe('abcdefghi');
    expect(normalizeHeader('a.b')).toBe('a.b');
  });

  test('a different word is a different column', () => {
    expect(inputColumnFor('Subjects')).toBeUndefined();
    expect(inputColumnFor('版本')).toBeUndefined();
    expect(inputColumnFor('备注')).toBeUndefined();
  });

  test('isKeyHeader', () => {
    expect(isKeyHeader('项目编号')).toBe(true);
    expect(isKeyHeader('ID')).toBe(true);
    expect(isKeyHeader('名称')).toBe(false);
  });
});

describe('mapHeaders', () => {
  test('any order; extra columns are the user\'s; output columns found; language by majority', () => {
    const map = mapHeaders(['备注', '版本状态', 'ID', null, '下一步', 'Client', '项目编号', '名称', '类目']);
    expect(map.input).toEqual({ versionStatus: 1, id: 2, client: 5, name: 7, category: 8 });
    expect(map.output).toEqual({ nextStep: 4 });
    expect(map.other).toEqual([0, 3, 6]);
    expect(map.duplicates).toEqual(['项目编号']);
    expect(map.language).toBe('zh-CN');
  });

  test('English headers make English output columns', () => {
    expect(mapHeaders(['ID', 'Name', 'Kind', 'Version status', '类目']).language).toBe('en');
  });

  test('numbers and dates as headers are just other columns', () => {
    const map = mapHeaders([2026, 'ID', true]);
    expect(map.input).toEqual({ id: 1 });
    expect(map.other).toEqual([0, 2]);
  });
});
