/**
 * Review times through the command line: the example checked, a colleague's other tool approving
 * G-005's version review (submitted 2026-11-21) on 2026-11-23, checked again (recording it) and once more:
 * the third reads History, measures that review (2 natural days) and writes it on the Summary sheet (read
 * back by openpyxl), and --json says the rules' durations were used (durations.source = rules).
 *
 * Needs /usr/bin/python3 with openpyxl (scripts/ensure-test-tools.sh).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli';
import { dumpWithOpenpyxl, PYTHON } from '../helpers/thirdParty';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'portfolio.xlsx');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-durations-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

function approveVersion(file: string, out: string): void {
  const script = `
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['项目']
headers = {c.value: c.column for c in ws[1]}
for row in ws.iter_rows(min_row=2):
    if row[headers['项目编号'] - 1].value == 'G-005':
        ws.cell(row[0].row, headers['版本状态']).value = '已通过'
        ws.cell(row[0].row, headers['版本日期']).value = datetime.datetime(2026, 11, 23)
for row in wb['设置'].iter_rows(min_row=2):
    if row[0].value in ('asOf', '检查日期'):
        row[1].value = None
wb.save(sys.argv[2])
`;
  execFileSync(PYTHON, ['-c', script, file, out]);
}

test('a review recorded in History is measured on the next check\'s Summary sheet', async () => {
  await run('check', EXAMPLE, '--out', at('a.xlsx'), '--as-of', '2026-11-21');
  approveVersion(at('a.xlsx'), at('edited.xlsx'));
  await run('check', at('edited.xlsx'), '--out', at('b.xlsx'), '--as-of', '2026-11-23');
  // A check measures the History it reads: the review the second check recorded is in the third's figures.
  await run('check', at('b.xlsx'), '--out', at('c.xlsx'), '--as-of', '2026-11-23');
  const cells = (await dumpWithOpenpyxl(at('c.xlsx'))).worksheets['汇总'].cells;
  const rowOf = (text: string) => {
    for (let r = 1; r < 500; r++) if (cells[`A${r}`]?.value === text) return r;
    return -1;
  };
  const line = rowOf('版本审核（小游戏）');
  expect(rowOf('审核用时')).toBeGreaterThan(0);
  expect(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((c) => cells[`${c}${line}`]?.value ?? null)).toEqual(['版本审核（小游戏）', '自然日', 1, 2, 2, 3, '规则默认', '2026-11-23 – 2026-11-23']);
  expect(cells[`C${rowOf('微信认证')}`]?.value).toBe(0);

  const json = await run('check', at('b.xlsx'), '--json', '--as-of', '2026-11-23');
  const results = JSON.parse(json.out) as { id: string; durations: string }[];
  expect(new Set(results.map((r) => r.durations))).toEqual(new Set(['rules']));
}, 90_000);
