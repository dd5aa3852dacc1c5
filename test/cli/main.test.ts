/**
 * The command line end to end, on real files: the bundled example, a template, a sample,
 * a GBK CSV as Excel on Chinese Windows saves it, and every exit code.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli';
import JSZip from 'jszip';
import { readTable, sheetNames } from '../../src/cli/xlsx/index';
import { readCsv } from '../../src/cli/csv';
import { SETTING_KEYS } from '../../src/rules/settings';
import { outputColumnFor } from '../../src/workbook/columns';
import { RULE_IDS, RowResult } from '../../src/rules/types';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'portfolio.xlsx');
const GBK_CSV = path.join(__dirname, '..', 'fixtures', 'portfolio-gbk.csv');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));


function tmp(name: string): string {
  return path.join(dir, name);
}

describe('check on the bundled example', () => {
  let out: string;
  let result: { code: number; out: string; err: string };
  beforeAll(async () => {
    out = tmp('example.checked.xlsx');
    result = await run('check', EXAMPLE, '--out', out);
  }, 60_000);

  test('prints the summary with counts and the file written', () => {
    expect(result.code).toBe(0);
    expect(result.out).toContain('检查日期 2026-11-21');
    expect(result.out).toMatch(/严重\s+4/);
    expect(result.out).toContain(`已写入: ${out}`);
  });

  test('every input cell, the user column and the other tables come out identical', async () => {
    const a = (await readTable(EXAMPLE, ['Portfolio']))!;
    const b = (await readTable(out, ['Portfolio']))!;
    expect(b.rows).toHaveLength(a.rows.length);
    expect(b.headers).toEqual(a.headers); // the example already has the (empty) output columns
    const inputs = a.headers.map((h, j) => (outputColumnFor(h) ? -1 : j)).filter((j) => j >= 0);
    expect(inputs.length).toBe(48); // 47 input columns and the user's own 情形 column
    b.rows.forEach((row, i) => expect(inputs.map((j) => row[j])).toEqual(inputs.map((j) => a.rows[i][j])));
    for (const name of ['Settings', 'Holidays', 'Materials']) {
      expect((await readTable(out, [name]))!.rows).toEqual((await readTable(EXAMPLE, [name]))!.rows);
    }
  });

  test('writes the output columns: real dates, texts, severity, a Summary sheet', async () => {
    const b = (await readTable(out, ['Portfolio']))!;
    const col = (h: string) => b.headers.indexOf(h);
    const g018 = b.rows.find((r) => r[0] === 'G-018')!;
    expect(g018[col('级别')]).toBe('严重');
    expect(g018[col('下一步')]).toBe('提交小程序备案');
    expect(g018[col('最近截止')]).toEqual(new Date(Date.UTC(2024, 2, 31)));
    expect(String(g018[col('提醒')])).toContain('ICP-LEGACY-DEADLINE');
    const g016 = b.rows.find((r) => r[0] === 'G-016')!;
    expect(g016[col('下一步')]).toBe('发布上线');
    expect(g016[col('预计上线')]).toEqual(new Date(Date.UTC(2026, 10, 21)));
    // Checked at 15:30 China time, stored as Excel shows it.
    expect(g016[col('检查时间')]).toEqual(new Date(Date.UTC(2026, 10, 21, 15, 30)));
    expect(await sheetNames(out)).toContain('汇总');
  });

  test('checking the checked copy again updates the output columns in place', async () => {
    const again = tmp('example.twice.xlsx');
    expect((await run('check', out, '--out', again)).code).toBe(0);
    const once = (await readTable(out, ['Portfolio']))!;
    const twice = (await readTable(again, ['Portfolio']))!;
    expect(twice.headers).toEqual(once.headers);
  });
});

describe('--json', () => {
  test('prints one result per row, covering every rule ID of rules.md, and writes no file', async () => {
    const { code, out } = await run('check', EXAMPLE, '--json');
    expect(code).toBe(0);
    const results = JSON.parse(out) as RowResult[];
    expect(results).toHaveLength(48);
    const rules = new Set<string>(results.flatMap((r) => r.findings.map((f) => f.rule)));
    for (const id of RULE_IDS) expect([id, rules.has(id)]).toEqual([id, true]);
    expect(fs.existsSync(path.join(path.dirname(EXAMPLE), 'portfolio.checked.xlsx.json'))).toBe(false);
  });

  test('findings and actions keep their documented fields (no internal day numbers or message arguments)', async () => {
    const results = JSON.parse((await run('check', EXAMPLE, '--json')).out) as RowResult[];
    const keys = new Set(results.flatMap((r) => r.findings.flatMap((f) => Object.keys(f))));
    expect([...keys].sort()).toEqual(['rule', 'severity', 'step', 'text']);
    const actionKeys = new Set(results.flatMap((r) => [r.nextStep, ...r.nextActions].flatMap((a) => Object.keys(a))));
    expect([...actionKeys].sort()).toEqual(['code', 'text']);
    expect(results.some((r) => /\d{4}-\d{2}-\d{2}/.test(r.nextStep.text))).toBe(true);
  });

  test('--lang en gives English texts with the same codes', async () => {
    const zh = JSON.parse((await run('check', EXAMPLE, '--json')).out) as RowResult[];
    const en = JSON.parse((await run('check', EXAMPLE, '--json', '--lang', 'en')).out) as RowResult[];
    expect(en.map((r) => r.nextStep.code)).toEqual(zh.map((r) => r.nextStep.code));
    expect(en.find((r) => r.id === 'G-018')!.nextStep.text).toBe('Submit the ICP filing');
  });

  test('--as-of moves "today": the SMS deadline of P-020 is missed a day later', async () => {
    const later = JSON.parse((await run('check', EXAMPLE, '--json', '--as-of', '2026-11-23')).out) as RowResult[];
    const p020 = later.find((r) => r.id === 'P-020')!;
    expect(p020.findings.find((f) => f.rule === 'ICP-SMS-PENDING')!.text).toContain('已超时');
  });
});

describe('exit codes', () => {
  test('1 when a finding at or above --fail-on exists, 0 when none', async () => {
    expect((await run('check', EXAMPLE, '--json', '--fail-on', 'critical')).code).toBe(1);
    const clean = tmp('clean.csv');
    fs.writeFileSync(clean, '项目编号,客户\r\nG-1,\r\n');
    expect((await run('check', clean, '--json', '--fail-on', 'warning')).code).toBe(0);
  });

  test.each([
    [['check', 'no-such-file.xlsx'], /no such file: no-such-file\.xlsx/],
    [['check', EXAMPLE, '--fail-on', 'sometimes'], /--fail-on must be critical, error or warning/],
    [['check', EXAMPLE, '--as-of', '2026-13-01'], /--as-of must be a date as YYYY-MM-DD/],
    [['check', EXAMPLE, '--lang', 'fr'], /--lang must be zh-CN or en/],
    [['check', EXAMPLE, '--colour'], /Unknown option '--colour'/],
    [['check'], /check takes exactly one FILE/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['sample', 'x.xlsx'], /sample needs --rows N/],
    [['sample', 'x.xlsx', '--rows', 'ten'], /--rows must be a whole number/],
  ])('2 with a one-line reason: %j', async (argv, message) => {
    const { code, err } = await run(...(argv as string[]));
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  test('2 for a file that is not a workbook', async () => {
    const fake = tmp('notes.xlsx');
    fs.writeFileSync(fake, 'just some text, not a spreadsheet');
    const { code, err } = await run('check', fake);
    expect(code).toBe(2);
    expect(err).toMatch(/not a readable \.xlsx workbook/);
  });

  test('2 when no ID column exists, naming the headers looked for and found', async () => {
    const csv = tmp('no-id.csv');
    fs.writeFileSync(csv, '客户,名称\r\n云帆,消消乐\r\n');
    const { code, err } = await run('check', csv);
    expect(code).toBe(2);
    expect(err).toContain('"项目编号", "ID"');
    expect(err).toContain('found 客户, 名称');
  });

  test('--help for every command exits 0', async () => {
    for (const cmd of ['check', 'template', 'sample']) {
      const { code, out } = await run(cmd, '--help');
      expect(code).toBe(0);
      expect(out).toContain(`launch-tracker ${cmd}`);
    }
  });
});

describe('CSV input', () => {
  test('GBK/GB18030 as Excel saves it on Chinese Windows: read, checked, written back as UTF-8', async () => {
    const out = tmp('gbk.checked.csv');
    const { code } = await run('check', GBK_CSV, '--out', out, '--as-of', '2026-11-21');
    expect(code).toBe(0);
    const { rows, encoding } = readCsv(out);
    expect(encoding).toBe('utf-8');
    expect(rows[0].slice(0, 3)).toEqual(['项目编号', '客户', '名称']);
    const header = rows[0];
    const g103 = rows.find((r) => r[0] === 'G-103')!;
    expect(g103[header.indexOf('客户')]).toBe('老客户方舟');
    expect(g103[header.indexOf('级别')]).toBe('严重');
    expect(g103[header.indexOf('最近截止')]).toBe('2024-03-31');
    const g101 = rows.find((r) => r[0] === 'G-101')!;
    expect(g101[header.indexOf('提醒')]).toContain('FLOW-SLA');
  });
});

describe('template and sample', () => {
  test('template: the Portfolio table with every column, Settings with every key', async () => {
    const file = tmp('template.xlsx');
    expect((await run('template', file)).code).toBe(0);
    const portfolio = (await readTable(file, ['Portfolio']))!;
    expect(portfolio.sheetName).toBe('项目');
    expect(portfolio.headers.slice(0, 3)).toEqual(['项目编号', '客户', '名称']);
    expect(portfolio.headers).toContain('最近截止');
    const settings = (await readTable(file, ['Settings']))!;
    expect(settings.rows).toHaveLength(SETTING_KEYS.length);
    expect(settings.rows.find((r) => r[0] === '每季度加急次数')![2]).toBe('2');
    expect((await readTable(file, ['Holidays']))!.headers).toEqual(['日期', '类型', '名称']);
    expect((await readTable(file, ['Materials']))!.headers).toEqual(['项目编号', '材料', '文件', '大小KB']);
  });

  test('template: drop-downs for statuses, kinds, subjects and yes/no; date formats; frozen header', async () => {
    const file = tmp('template-xml.xlsx');
    await run('template', file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const lists = [...sheet.matchAll(/<dataValidation [^>]*type="list"[^>]*sqref="([A-Z]+)2:[A-Z]+1048576"[^>]*>\s*<formula1>([^<]*)<\/formula1>/g)].map((m) => [m[1], m[2].replace(/&quot;/g, '"')]);
    const byColumn = Object.fromEntries(lists);
    expect(byColumn.E).toBe('"小游戏,小程序"'); // 类型
    expect(byColumn.F).toBe('"个人,个体工商户,企业,政府,媒体,其他组织"'); // 主体类型
    expect(byColumn.L).toBe('"是,否"'); // 加急需求
    expect(byColumn.O).toBe('"未开始,进行中,审核中,已通过,已驳回,已撤回,不适用"'); // 注册状态
    expect(lists.length).toBe(18); // kind, subject, urgent, 8 step statuses, name case, 5 other yes/no, ICP status
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toContain('formatCode="yyyy-mm-dd"');
  });

  test('template --lang en has English headers and sheet names', async () => {
    const file = tmp('template-en.xlsx');
    await run('template', file, '--lang', 'en');
    const portfolio = (await readTable(file, ['Portfolio']))!;
    expect(portfolio.sheetName).toBe('Portfolio');
    expect(portfolio.headers.slice(0, 3)).toEqual(['ID', 'Client', 'Name']);
  });

  test('sample: N rows, the same for the same seed, and checkable', async () => {
    const a = tmp('sample-a.xlsx');
    const b = tmp('sample-b.xlsx');
    await run('sample', a, '--rows', '120', '--seed', '9', '--as-of', '2026-11-21');
    await run('sample', b, '--rows', '120', '--seed', '9', '--as-of', '2026-11-21');
    const rowsA = (await readTable(a, ['Portfolio']))!.rows;
    expect(rowsA).toHaveLength(120);
    expect((await readTable(b, ['Portfolio']))!.rows).toEqual(rowsA);
    const { code, out } = await run('check', a, '--json', '--as-of', '2026-11-21');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toHaveLength(120);
  });
});
