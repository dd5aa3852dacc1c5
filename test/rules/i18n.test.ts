/**
 * Texts follow the language; codes and dates do not (workbook.md "Machine-readable result").
 */
import { catalogFor, fmtFor, groupedInteger } from '../../src/rules/i18n';
import { makeRow } from '../../src/rules/row';
import type { Row, RowResult } from '../../src/rules/types';
import { d, evalRows, patch, REVIEWED, SET_UP, SPEC_RULE_IDS } from './helpers';

/** Rows that, between them, raise most rules. */
function kitchenSink(): Row[] {
  const rows = [
    patch(SET_UP, { name: '星', appId: 'wx1', steps: { qualification: { status: 'submitted', date: d('2026-11-17') } }, targetLaunch: d('2026-12-18') }),
    patch(REVIEWED, { releaseDate: d('2023-05-10'), verifyExpiry: d('2026-11-01') }),
    patch(REVIEWED, { icp: { status: 'sms_pending', date: d('2026-11-19') }, wantsPayment: true, subjectType: 'personal', category: '游戏>棋牌-牌类' }),
    patch(SET_UP, { kind: 'miniprogram', category: '教育', wantsLive: true, lastViolation: d('2026-10-01'), icp: { status: 'filed', date: d('2026-10-01') }, steps: { version: { status: 'rejected', date: d('2026-11-10') } } }),
    patch(SET_UP, { isUpdate: false, urgent: true, registeredUsers: 10, namePath: 'occupied', steps: { name: { status: 'submitted', date: d('2026-11-16') }, qualification: { status: 'withdrawn', date: d('2026-11-01') }, verify: { status: 'submitted', date: d('2026-11-01') } }, icp: { status: 'authority_rejected', date: d('2026-11-20') } }),
    { hasData: false },
  ];
  return rows.map((p, i) => makeRow({ id: `R-${i}`, adminPhone: '13800138000', adminEmail: i < 2 ? 'same@example.com' : `x${i}@example.com`, ...p }, i));
}

const strip = (r: RowResult) =>
  JSON.parse(
    JSON.stringify(r, (key, value) => (key === 'text' ? undefined : value)),
  );

describe('catalogs', () => {
  test.each(['zh-CN', 'en'] as const)('%s has a message for every rule of rules.md, and no other', (lang) => {
    expect(Object.keys(catalogFor(lang).finding).sort()).toEqual([...SPEC_RULE_IDS].sort());
  });

  test('severity texts', () => {
    expect(catalogFor('zh-CN').severity).toEqual({ critical: '严重', error: '错误', warning: '警告', info: '提示', ok: '正常' });
    expect(catalogFor('en').severity).toEqual({ critical: 'critical', error: 'error', warning: 'warning', info: 'info', ok: 'ok' });
  });
});

describe('the same portfolio in both languages', () => {
  const zh = evalRows(kitchenSink(), { language: 'zh-CN' });
  const en = evalRows(kitchenSink(), { language: 'en' });

  test('the fixture raises many different rules', () => {
    const raised = new Set(zh.flatMap((r) => r.findings.map((f) => f.rule)));
    expect(raised.size).toBeGreaterThanOrEqual(25);
  });

  test('codes, dates, severities and rule IDs are identical', () => {
    expect(en.map(strip)).toEqual(zh.map(strip));
  });

  test('texts differ, and the English ones hold no Chinese beyond quoted user data and platform names', () => {
    const allowed = /星|游戏|棋牌|牌类|教育|文化互动|游戏运营权|星火|杭州|网络科技有限公司|“|”/g;
    for (let i = 0; i < zh.length; i++) {
      expect(en[i].nextStep.text).not.toBe(zh[i].nextStep.text);
      for (let j = 0; j < en[i].findings.length; j++) {
        expect(en[i].findings[j].text).not.toBe(zh[i].findings[j].text);
        const leftover = en[i].findings[j].text.replace(/"[^"]*"/g, '').replace(allowed, '');
        expect([en[i].findings[j].rule, leftover]).toEqual([en[i].findings[j].rule, expect.not.stringMatching(/[\u4e00-\u9fff]/)]);
      }
    }
  });

  test('every Chinese finding text is non-empty and holds no "undefined" / "NaN" / "[object"', () => {
    for (const r of [...zh, ...en]) {
      for (const f of r.findings) {
        expect(f.text.length).toBeGreaterThan(0);
        expect(f.text).not.toMatch(/undefined|NaN|\[object|null/);
      }
      for (const a of [r.nextStep, ...r.nextActions]) expect(a.text).not.toMatch(/undefined|NaN|\[object|null|^$/);
    }
  });
});

describe('numbers in texts', () => {
  const intl = { en: new Intl.NumberFormat('en-US'), 'zh-CN': new Intl.NumberFormat('zh-CN') } as const;
  const samples = [0, 7, -7, 999, 1000, -1000, 1234, 12345, 123456, 1234567, -9876543, 50000, 100000, 10000000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];

  test.each(['en', 'zh-CN'] as const)('%s: whole numbers are grouped as Intl.NumberFormat groups them', (language) => {
    const f = fmtFor(language);
    for (const n of samples) expect(f.num(n)).toBe(intl[language].format(n));
    expect(f.num(1234567)).toBe('1,234,567');
  });

  test.each(['en', 'zh-CN'] as const)('%s: fractions, -0 and numbers beyond 2^53 still go to Intl', (language) => {
    const f = fmtFor(language);
    for (const n of [0.5, 1234.5678, -0.0004, -0, 2 ** 60, 1e21, Infinity, NaN]) expect(f.num(n)).toBe(intl[language].format(n));
    expect(groupedInteger(-0)).toBeNull();
    expect(groupedInteger(1.5)).toBeNull();
  });
});
