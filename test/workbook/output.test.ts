/**
 * What is written back (workbook.md "Output columns"): dates as Excel serials, one finding
 * per line with its rule ID, texts in the display language.
 */
import { dayFromYmd } from '../../src/rules/dates';
import { evaluatePortfolio } from '../../src/rules/evaluate';
import { makeRow } from '../../src/rules/row';
import type { Language, RowResult } from '../../src/rules/types';
import { findingLine, OUTPUT_KEYS, outputValues, serialFromIso, severityText } from '../../src/workbook/output';

const d = (y: number, m: number, dd: number) => dayFromYmd(y, m, dd);
const TODAY = d(2026, 11, 21);
/** 2026-11-21 10:30 in China = 02:30 UTC */
const CHECKED = Date.UTC(2026, 10, 21, 2, 30);

function result(language: Language): RowResult {
  const row = makeRow(
    {
      id: 'G-001',
      subjectType: 'enterprise',
      appId: 'wx1',
      steps: {
        register: { status: 'approved', date: d(2026, 9, 1) },
        name: { status: 'approved', date: d(2026, 9, 1) },
        category: { status: 'approved', date: d(2026, 9, 1) },
        verify: { status: 'approved', date: d(2026, 9, 1) },
        qualification: { status: 'submitted', date: d(2026, 11, 17) },
      },
    },
    0,
  );
  return evaluatePortfolio([row], { today: TODAY, language })[0];
}

describe('dates', () => {
  test('ISO → Excel serial: 2026-11-21 → 46347; null stays null; garbage gives null', () => {
    expect(serialFromIso('2026-11-21')).toBe(46347);
    expect(serialFromIso('1900-03-01')).toBe(61);
    expect(serialFromIso('1900-02-28')).toBe(59);
    expect(serialFromIso(null)).toBeNull();
    expect(serialFromIso('2026-02-30')).toBeNull();
  });

  test('due date and ETA are serial numbers, never text', () => {
    const v = outputValues(result('zh-CN'), 'zh-CN', CHECKED);
    expect(v.dueDate).toBe(46346); // 2026-11-20
    expect(v.eta).toBe(serialFromIso(result('zh-CN').eta));
    expect(typeof v.eta).toBe('number');
  });

  test('checked-at is the China time of the check, as a serial with a fraction', () => {
    const v = outputValues(result('zh-CN'), 'zh-CN', CHECKED);
    expect(v.checkedAt).toBeCloseTo(46347 + 10.5 / 24, 9);
  });
});

describe('texts', () => {
  test('Chinese: one finding per line, rule ID in full-width brackets', () => {
    const r = result('zh-CN');
    const v = outputValues(r, 'zh-CN', CHECKED);
    expect(v.findings).toBe(
      ['AppID“wx1”格式不对：应为 wx 加 16 位十六进制字符（DATA-APPID）', '资质审核已超期 1 天（2026-11-17 提交，应于 2026-11-20 前完成）（FLOW-SLA）'].join('\n'),
    );
    expect(v.severity).toBe('警告');
    expect(v.dueFor).toBe('资质审核');
    expect(v.stage).toBe('资质审核中');
    expect(v.nextStep).toBe('提交小程序备案');
    expect(v.nextActions).toBe(r.nextActions.map((a) => a.text).join('\n'));
    expect((v.nextActions as string).split('\n')).toContain('等待资质审核（预计 2026-11-20）');
    expect(v.liveEligible).toBe('否');
  });

  test('English', () => {
    const v = outputValues(result('en'), 'en', CHECKED);
    expect((v.findings as string).split('\n')).toEqual([
      'AppID "wx1" is not "wx" followed by 16 hex digits (DATA-APPID)',
      'Qualification review overdue by 1 day (submitted 2026-11-17, due 2026-11-20) (FLOW-SLA)',
    ]);
    expect(v.severity).toBe('warning');
    expect(v.dueFor).toBe('qualification review');
    expect(v.liveEligible).toBe('no');
  });

  test('severity texts per language', () => {
    expect(['critical', 'error', 'warning', 'info', 'ok'].map((s) => severityText(s as never, 'zh-CN'))).toEqual(['严重', '错误', '警告', '提示', '正常']);
    expect(['critical', 'error', 'warning', 'info', 'ok'].map((s) => severityText(s as never, 'en'))).toEqual(['critical', 'error', 'warning', 'info', 'ok']);
  });

  test('findingLine', () => {
    expect(findingLine({ rule: 'DATA-ID-MISSING', severity: 'error', text: '此行有数据但没有项目编号' }, 'zh-CN')).toBe('此行有数据但没有项目编号（DATA-ID-MISSING）');
    expect(findingLine({ rule: 'DATA-ID-MISSING', severity: 'error', text: 'This row has data but no ID' }, 'en')).toBe('This row has data but no ID (DATA-ID-MISSING)');
  });
});

describe('empty values', () => {
  test('a blank table row gets blanks in every output column', () => {
    const v = outputValues(null, 'zh-CN', CHECKED);
    expect(Object.keys(v).sort()).toEqual([...OUTPUT_KEYS].sort());
    expect(Object.values(v).every((x) => x === null)).toBe(true);
  });

  test('no findings, no other actions, no due date: blank cells, severity 正常', () => {
    const r = evaluatePortfolio([makeRow({ id: 'G-9' }, 0)], { today: TODAY })[0];
    const v = outputValues(r, 'zh-CN', CHECKED);
    expect(v.findings).toBeNull();
    expect(v.nextActions).toBeNull();
    expect(v.dueDate).toBeNull();
    expect(v.dueFor).toBeNull();
    expect(v.severity).toBe('正常');
    expect(v.nextStep).toBe('注册账号');
  });

  test('a live-eligible row says 是 / yes', () => {
    const r = evaluatePortfolio(
      [
        makeRow(
          {
            id: 'P-1',
            kind: 'miniprogram',
            category: '电商平台',
            subjectType: 'enterprise',
            lastPayment: d(2026, 11, 1),
            followers: 500,
            releaseDate: d(2026, 6, 1),
            icp: { status: 'filed', date: d(2026, 5, 1) },
          },
          0,
        ),
      ],
      { today: TODAY },
    )[0];
    expect(outputValues(r, 'zh-CN', CHECKED).liveEligible).toBe('是');
    expect(outputValues(r, 'en', CHECKED).liveEligible).toBe('yes');
  });
});
