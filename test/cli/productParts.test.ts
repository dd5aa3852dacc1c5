/**
 * The portfolio found by its headers (no table or sheet named as one) is never one of the
 * product's own parts: the History table, the very hidden state sheet, the Summary sheet — all of
 * which have an ID column. Workbooks from a first check, edited with openpyxl (not our writer)
 * as a user would: the portfolio's table and sheet renamed, a part of ours moved before it.
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
const AS_OF = '2026-11-21';

let dir: string;
const at = (name: string) => path.join(dir, name);
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-parts-'));
  const first = await run('check', EXAMPLE, '--out', at('checked.xlsx'), '--as-of', AS_OF);
  expect(first.code).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * With openpyxl: the Portfolio table renamed Apps on a sheet renamed 在办 (no name the command
 * line looks for), `front` moved to be the first sheet, `remove` sheets deleted; the Materials
 * table or its sheet 材料 renamed.
 */
function edit(out: string, options: { front?: string; remove?: string[]; materialsTable?: string; materialsSheet?: string }): void {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
opts = json.loads(sys.argv[3])
ws = wb['项目']
table = ws.tables['Portfolio']
del ws.tables['Portfolio']
table.name = table.displayName = 'Apps'
ws.add_table(table)
ws.title = '在办'
if opts.get('materialsTable'):
    ms = wb['材料']
    mt = ms.tables['Materials']
    del ms.tables['Materials']
    mt.name = mt.displayName = opts['materialsTable']
    ms.add_table(mt)
if opts.get('materialsSheet'):
    wb['材料'].title = opts['materialsSheet']
for name in opts.get('remove', []):
    wb.remove(wb[name])
if opts.get('front'):
    wb.move_sheet(opts['front'], offset=-wb.sheetnames.index(opts['front']))
wb.active = wb.sheetnames.index('在办') if '在办' in wb.sheetnames else 0
wb.save(sys.argv[2])
`;
  execFileSync(PYTHON, ['-c', script, at('checked.xlsx'), out, JSON.stringify(options)]);
}

// 材料 is the user's Materials table, not ours; but the side tables are never the portfolio either (as in the pane).
describe.each(['变更记录', 'LaunchTrackerState', '汇总', '材料'])('%s first in the workbook, the portfolio renamed', (front) => {
  const file = () => at(`front-${front}.xlsx`);
  beforeAll(() => edit(file(), { front }));

  test('the workbook really has that part first, with an ID column', async () => {
    const dump = await dumpWithOpenpyxl(file());
    expect(dump.sheets[0].name).toBe(front);
    const texts = Object.values(dump.worksheets[front].cells).map((c) => c.value);
    expect(texts.some((t) => t === '项目编号' || t === 'id')).toBe(true);
  });

  test('--json checks the 48 rows of Apps, not that part', async () => {
    const r = await run('check', file(), '--json', '--as-of', AS_OF);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { id: string; row: number }[];
    expect(rows.length).toBe(48);
    expect(rows.slice(0, 3).map((x) => [x.row, x.id])).toEqual([[2, 'G-001'], [3, 'G-002'], [4, 'G-003']]);
  });

  test('--out leaves every table as it was (no output columns added to that part), History with its six columns', async () => {
    const r = await run('check', file(), '--out', at(`front-${front}-out.xlsx`), '--as-of', AS_OF);
    expect(r.code).toBe(0);
    const tables = async (f: string) => {
      const dump = await dumpWithOpenpyxl(f);
      return Object.fromEntries(Object.entries(dump.worksheets).flatMap(([sheet, w]) => w.tables.map((t) => [`${sheet}!${t.name}`, t.columns])));
    };
    const after = await tables(at(`front-${front}-out.xlsx`));
    expect(after).toEqual(await tables(file()));
    expect(after['变更记录!History']).toEqual(['时间', '项目编号', '变更项', '原值', '新值', '来源']);
    expect(after['在办!Apps']).toContain('当前阶段');
  });
});

// The command line finds a side table by its table's name, else by its sheet's (the sheet's table): either way it is no portfolio.
test.each([
  ['its table renamed MatList on the sheet 材料', { materialsTable: 'MatList', front: '材料' }],
  ['its sheet renamed 资料 around the table Materials', { materialsSheet: '资料', front: '资料' }],
])('the Materials table first, %s: --json checks the 48 rows of Apps', async (_, options) => {
  const file = at(`materials-${options.front}.xlsx`);
  edit(file, options);
  const r = await run('check', file, '--json', '--as-of', AS_OF);
  expect(r.code).toBe(0);
  const rows = JSON.parse(r.out) as { id: string; row: number }[];
  expect(rows.length).toBe(48);
  expect(rows.slice(0, 2).map((x) => [x.row, x.id])).toEqual([[2, 'G-001'], [3, 'G-002']]);
});

test('no portfolio at all, only the History table, state and Summary of an earlier check: one line, exit 2, nothing written', async () => {
  edit(at('none.xlsx'), { remove: ['在办', '材料'] });
  const r = await run('check', at('none.xlsx'), '--out', at('none-out.xlsx'), '--as-of', AS_OF);
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toContain('none.xlsx: no ID column — looked for a header "项目编号"');
  expect(r.err).toMatch(/the ones with an ID column are Launch Tracker's own, not a portfolio: sheet 汇总, sheet LaunchTrackerState, table History \(sheet 变更记录\)$/m);
  expect(fs.existsSync(at('none-out.xlsx'))).toBe(false);
});
