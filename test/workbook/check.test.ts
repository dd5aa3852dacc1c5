/**
 * checkWorkbook end to end: tables as plain values in, one result per table row out.
 */
import { dayFromYmd, todayInShanghai } from '../../src/rules/dates';
import { actionText, findingText } from '../../src/rules/i18n';
import { checkWorkbook, problemText } from '../../src/workbook/check';
import { generateSample } from '../../src/workbook/sample';

const TODAY = dayFromYmd(2026, 11, 21);

describe('results line up with the table', () => {
  const out = checkWorkbook(
    {
      portfolio: {
        headers: ['My notes', 'ID', 'Kind', 'Subject type', 'Register status', 'Name status', 'Category status', 'Qualification status', 'Qualification date', 'Next step'],
        rows: [
          ['call Tue', 'G-001', 'minigame', 'enterprise', 'approved', 'done', 'done', 'submitted', '2026-11-17', 'old text'],
          ['only a note', null, null, null, null, null, null, null, null, 'old'],
          [null, 'G-002', null, null, null, null, null, null, null, null],
        ],
      },
    },
    { today: TODAY },
  );

  test('a row whose input cells are all blank gets null, even with the user\'s notes and old output', () => {
    expect(out.results[1]).toBeNull();
    expect(out.rows).toHaveLength(2);
  });

  test('each result knows its table row and key', () => {
    expect(out.results[0]).toMatchObject({ id: 'G-001', row: 0 });
    expect(out.results[2]).toMatchObject({ id: 'G-002', row: 2, stage: { code: 'planned' } });
  });

  test('the header map: English input, the product\'s output column, the user\'s column', () => {
    expect(out.headerMap.language).toBe('en');
    expect(out.headerMap.output).toEqual({ nextStep: 9 });
    expect(out.headerMap.other).toEqual([0]);
  });

  test('the rules ran on the typed values', () => {
    expect(out.results[0]!.findings.map((f) => f.rule)).toContain('FLOW-SLA');
    expect(out.problems).toEqual([]);
  });
});

describe('options', () => {
  const portfolio = { headers: ['项目编号', '资质状态', '资质日期'], rows: [['G-001', '审核中', '2026-11-17']] };

  test('options.today wins over the Settings asOf; options.language over the Settings language', () => {
    const out = checkWorkbook({ portfolio, settings: { headers: ['设置', '值'], rows: [['asOf', '2026-11-01'], ['language', 'en']] } }, { today: TODAY, language: 'zh-CN' });
    expect(out.today).toBe(TODAY);
    expect(out.language).toBe('zh-CN');
    expect(out.results[0]!.findings.find((f) => f.rule === 'FLOW-SLA')?.text).toContain('资质审核已超期 1 天');
  });

  test('without either, today is today in Asia/Shanghai', () => {
    expect(checkWorkbook({ portfolio }).today).toBe(todayInShanghai());
  });

  test('todayInShanghai: 16:30 UTC on 2026-11-20 is already 2026-11-21 in China', () => {
    expect(todayInShanghai(Date.UTC(2026, 10, 20, 16, 30))).toBe(TODAY);
    expect(todayInShanghai(Date.UTC(2026, 10, 20, 15, 59))).toBe(TODAY - 1);
  });
});

describe('side tables', () => {
  test('a Holidays table for 2027 removes CAL-UNKNOWN-YEAR and moves the dates', () => {
    const portfolio = { headers: ['项目编号', '主体类型', '备案状态', '备案日期'], rows: [['G-001', '个人', '管局审核中', '2026-12-10']] };
    const today = dayFromYmd(2026, 12, 11);
    const without = checkWorkbook({ portfolio }, { today }).results[0]!;
    expect(without.findings.map((f) => f.rule)).toContain('CAL-UNKNOWN-YEAR');
    expect(without.icpDeadline).toBe('2027-01-07');
    const withHolidays = checkWorkbook({ portfolio, holidays: { headers: ['日期', '类型', '名称'], rows: [['2027-01-01', '休', '元旦']] } }, { today }).results[0]!;
    expect(withHolidays.findings.map((f) => f.rule)).not.toContain('CAL-UNKNOWN-YEAR');
    expect(withHolidays.icpDeadline).toBe('2027-01-08');
  });

  test('materials for a key not in the portfolio are reported; the others are checked', () => {
    const out = checkWorkbook(
      {
        portfolio: { headers: ['项目编号'], rows: [['G-001']] },
        materials: { headers: ['项目编号', '材料', '文件', '大小KB'], rows: [['G-001', '软著', 'a.pdf', 10], ['G-404', '软著', 'b.jpg', 10]] },
      },
      { today: TODAY },
    );
    expect(out.problems).toEqual([{ code: 'material-id', table: 'Materials', args: { line: 3, id: 'G-404' } }]);
    expect(problemText(out.problems[0], 'zh-CN')).toBe('材料表第 3 行：项目编号“G-404”不在项目表中');
    expect(out.results[0]!.findings.map((f) => f.rule)).toEqual(['QUAL-MATERIALS']);
  });

  test('a header typed twice is reported; the first column is read', () => {
    const out = checkWorkbook({ portfolio: { headers: ['项目编号', '名称', 'Name'], rows: [['G-001', '星火消消乐', 'x']] } }, { today: TODAY });
    expect(out.problems).toEqual([{ code: 'header-duplicate', table: 'Portfolio', args: { header: 'Name' } }]);
    expect(out.rows[0].name).toBe('星火消消乐');
  });
});

describe('the generated sample portfolio', () => {
  const asOf = TODAY;

  test('dates as JS Dates or as Excel serials give the same results', () => {
    const a = checkWorkbook({ portfolio: generateSample({ rows: 300, seed: 11, asOf, dates: 'date' }) }, { today: asOf });
    const b = checkWorkbook({ portfolio: generateSample({ rows: 300, seed: 11, asOf, dates: 'serial' }) }, { today: asOf });
    expect(JSON.stringify(b.results)).toBe(JSON.stringify(a.results));
  });

  test('Chinese and English templates give the same codes and dates', () => {
    // A finding's arguments hold the user's own values (a category, a subject name), which the templates write in their language.
    const strip = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'text' || k === 'args' ? undefined : v));
    const zh = checkWorkbook({ portfolio: generateSample({ rows: 300, seed: 5, asOf, language: 'zh-CN' }) }, { today: asOf });
    const en = checkWorkbook({ portfolio: generateSample({ rows: 300, seed: 5, asOf, language: 'en' }) }, { today: asOf, language: 'en' });
    expect(en.headerMap.language).toBe('en');
    expect(strip(en.results)).toBe(strip(zh.results));
  });

  test('a check in one language renders, from its codes and arguments, every text a check in the other writes', () => {
    const portfolio = generateSample({ rows: 2000, seed: 9, asOf });
    const zh = checkWorkbook({ portfolio }, { today: asOf });
    const en = checkWorkbook({ portfolio }, { today: asOf, language: 'en' });
    let dated = 0;
    zh.results.forEach((r, k) => {
      const e = en.results[k];
      if (r === null || e === null) return expect(e).toBe(r);
      if (r.nextStep.due !== undefined) dated++;
      expect([actionText(r.nextStep, 'en'), ...r.nextActions.map((a) => actionText(a, 'en'))]).toEqual([e.nextStep.text, ...e.nextActions.map((a) => a.text)]);
      expect(r.findings.map((f) => findingText(f, 'en'))).toEqual(e.findings.map((f) => f.text));
      expect(e.findings.map((f) => findingText(f, 'zh-CN'))).toEqual(r.findings.map((f) => f.text));
      expect(actionText(e.nextStep, 'zh-CN')).toBe(r.nextStep.text);
    });
    expect(dated).toBeGreaterThan(100); // next steps that name a day ("… by 2026-11-28") are among them
  });

  test('deterministic for a seed', () => {
    expect(generateSample({ rows: 50, seed: 3, asOf })).toEqual(generateSample({ rows: 50, seed: 3, asOf }));
    expect(generateSample({ rows: 50, seed: 3, asOf })).not.toEqual(generateSample({ rows: 50, seed: 4, asOf }));
  });
});
