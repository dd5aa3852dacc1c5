/**
 * History through the command line: `check --out` / `--in-place` on the example and on a corpus
 * workbook, read back by openpyxl (not our reader); an edit made by another tool between two
 * checks; a second check appending only what changed; `--json` changes; CSV saying it cannot.
 *
 * Needs /usr/bin/python3 with openpyxl (scripts/ensure-test-tools.sh).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli';
import { dumpWithOpenpyxl, findPart, PYTHON, zipParts } from '../helpers/thirdParty';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'portfolio.xlsx');
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'xlsx', 'openpyxl-table-comments-chart.xlsx');
const AS_OF = '2026-11-21';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-history-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

/** Set cells of the row with this ID (by header) with openpyxl: what a colleague's other tool does between two checks. */
function editWithOpenpyxl(file: string, out: string, sheet: string, id: string, values: Record<string, string>): void {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[3]]
headers = {c.value: c.column for c in ws[1]}
values = json.loads(sys.argv[5])
for row in ws.iter_rows(min_row=2):
    if row[headers['项目编号'] - 1].value == sys.argv[4]:
        for h, v in values.items():
            ws.cell(row[0].row, headers[h]).value = v
wb.save(sys.argv[2])
`;
  execFileSync(PYTHON, ['-c', script, file, out, sheet, id, JSON.stringify(values)]);
}

/** The History table's rows as openpyxl reads them (header first). */
async function historyOf(file: string): Promise<{ rows: unknown[][]; dump: Awaited<ReturnType<typeof dumpWithOpenpyxl>> }> {
  const dump = await dumpWithOpenpyxl(file);
  const name = Object.keys(dump.worksheets).find((n) => dump.worksheets[n].tables.some((t) => t.name === 'History'))!;
  const cells = dump.worksheets[name].cells;
  const rows: unknown[][] = [];
  for (let r = 1; cells[`A${r}`] || cells[`B${r}`]; r++) rows.push(['A', 'B', 'C', 'D', 'E', 'F'].map((c) => cells[`${c}${r}`]?.value ?? null));
  return { rows, dump };
}

describe('the example, checked twice with an edit by another tool in between', () => {
  let first: Awaited<ReturnType<typeof run>>;
  let second: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    first = await run('check', EXAMPLE, '--out', at('a.xlsx'), '--as-of', AS_OF);
    editWithOpenpyxl(at('a.xlsx'), at('edited.xlsx'), '项目', 'G-005', { 版本状态: '已通过', 版本日期: '2026-11-21' });
    second = await run('check', at('edited.xlsx'), '--out', at('b.xlsx'), '--as-of', AS_OF);
  }, 60_000);

  test('the first check records one baseline row in a real table named History on 变更记录, and a veryHidden state sheet', async () => {
    expect(first.code).toBe(0);
    expect(first.out).toContain('自上次检查以来：首次检查，变更记录从此开始（基线）');
    const { rows, dump } = await historyOf(at('a.xlsx'));
    expect(dump.sheets.map((s) => [s.name, s.state]).slice(-2)).toEqual([
      ['LaunchTrackerState', 'veryHidden'],
      ['变更记录', 'visible'],
    ]);
    const table = dump.worksheets['变更记录'].tables[0];
    expect(table).toMatchObject({ name: 'History', ref: 'A1:F2', columns: ['时间', '项目编号', '变更项', '原值', '新值', '来源'] });
    expect(rows).toEqual([
      ['时间', '项目编号', '变更项', '原值', '新值', '来源'],
      ['2026-11-21T15:30:00', null, '基线', null, '45 个项目', '命令行'],
    ]);
    expect(dump.worksheets['变更记录'].cells.A2.numberFormat).toBe('yyyy-mm-dd hh:mm');
    const state = dump.worksheets.LaunchTrackerState.cells;
    expect([state.A1.value, state.B1.value, state.A2.value, state.A3.value]).toEqual(['launch-tracker-state', '3', 'id', 'G-001']);
  });

  test('every part of the example outside the rewritten set is byte-identical in the copy', async () => {
    const before = await zipParts(EXAMPLE);
    const after = await zipParts(at('a.xlsx'));
    const rewritten = /^(xl\/worksheets\/sheet1\.xml|xl\/styles\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|customXml\/item1\.xml)$/;
    const changed = [...before].filter(([name, bytes]) => !after.get(findPart(after, name) ?? '')?.equals(bytes)).map(([name]) => name);
    expect(changed.filter((n) => !rewritten.test(n))).toEqual([]);
  });

  test('the edit made in openpyxl between the checks is in History, and only it', async () => {
    expect(second.code).toBe(0);
    const { rows } = await historyOf(at('b.xlsx'));
    expect(rows[1][2]).toBe('基线');
    const added = rows.slice(2);
    expect(added.length).toBeGreaterThanOrEqual(1);
    expect(new Set(added.map((r) => r[1]))).toEqual(new Set(['G-005']));
    expect(added).toContainEqual(['2026-11-21T15:30:00', 'G-005', '版本状态', '审核中', '已通过', '命令行']);
    // The date typed was the one the cell held: no record for it.
    expect(added.find((r) => r[2] === '版本日期')).toBeUndefined();
  });

  test('stdout and the Summary sheet give the since-last-check counts and first lines', async () => {
    expect(second.out).toMatch(/自上次检查以来（2026-11-21 15:30，命令行）：记录 \d+ 项变更/);
    expect(second.out).toMatch(/审核通过\s+1\s+G-005（版本审核）/);
    const dump = await dumpWithOpenpyxl(at('b.xlsx'));
    const cells = dump.worksheets['汇总'].cells;
    const texts = Object.values(cells).map((c) => c.value);
    expect(texts.some((t) => typeof t === 'string' && t.startsWith('自上次检查以来（2026-11-21 15:30，命令行）'))).toBe(true);
    const row = Object.entries(cells).find(([, c]) => c.value === '审核通过')![0].slice(1);
    expect([cells[`B${row}`].value, cells[`C${row}`].value]).toEqual([1, 'G-005（版本审核）']);
  });

  test('--json gives each row its changes since the previous check: the edited row its own, the others none', async () => {
    const r = await run('check', at('edited.xlsx'), '--json', '--as-of', AS_OF);
    const rows = JSON.parse(r.out) as { id: string; changes: { field: string; from: string | null; to: string | null }[] | null }[];
    expect(rows.find((x) => x.id === 'G-005')!.changes).toContainEqual({ field: 'version.status', from: 'submitted', to: 'approved' });
    expect(rows.find((x) => x.id === 'G-001')!.changes).toEqual([]);
    const first = JSON.parse((await run('check', EXAMPLE, '--json', '--as-of', AS_OF)).out) as { changes: unknown }[];
    expect(first.every((x) => x.changes === null)).toBe(true);
  });
});

describe('--in-place, checked again: History grows by the changes only', () => {
  test('a second check with nothing changed appends nothing; every part but ours stays byte-identical', async () => {
    const file = at('inplace.xlsx');
    fs.copyFileSync(FIXTURE, file);
    expect((await run('check', file, '--in-place', '--no-backup', '--as-of', AS_OF)).code).toBe(0);
    const once = await zipParts(file);
    const r = await run('check', file, '--in-place', '--no-backup', '--as-of', AS_OF);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/自上次检查以来|Since last check/);
    const twice = await zipParts(file);
    const { rows } = await historyOf(file);
    expect(rows.length).toBe(2);
    // The second check rewrites the same parts again, byte for byte (same clock): styles are reused, not appended again;
    // only the Summary sheet says something new (since the last check instead of the baseline).
    const changed = [...once].filter(([name, bytes]) => !twice.get(name)?.equals(bytes)).map(([name]) => name);
    expect(changed).toHaveLength(1);
    expect(twice.get(changed[0])!.toString('utf8')).toContain('自上次检查以来（2026-11-21 15:30，命令行）：记录 0 项变更');
  });
});

describe('an English workbook', () => {
  test('gets its History on a sheet "Change history" (Excel reserves the sheet name History), English headers and texts', async () => {
    const file = at('en.xlsx');
    expect((await run('sample', file, '--rows', '20', '--seed', '7', '--as-of', AS_OF, '--lang', 'en')).code).toBe(0);
    const r = await run('check', file, '--out', at('en.checked.xlsx'), '--as-of', AS_OF, '--lang', 'en');
    expect(r.out).toContain('Since last check: first check — history starts here (baseline)');
    const { rows, dump } = await historyOf(at('en.checked.xlsx'));
    expect(dump.sheets.map((s) => s.name)).toContain('Change history');
    expect(rows).toEqual([
      ['When', 'ID', 'What', 'From', 'To', 'Source'],
      ['2026-11-21T15:30:00', null, 'Baseline', null, '20 rows', 'command line'],
    ]);
  });
});

describe('CSV', () => {
  test('says once on stderr that history needs a workbook, and gives null changes', async () => {
    const csv = at('p.csv');
    fs.writeFileSync(csv, '项目编号,类型\nG-1,小游戏\n');
    const r = await run('check', csv, '--out', at('p.checked.csv'), '--as-of', AS_OF);
    expect(r.err.match(/History/g)).toHaveLength(1);
    expect(r.err).toContain('need an .xlsx or .xlsm workbook');
    const j = JSON.parse((await run('check', csv, '--json', '--as-of', AS_OF)).out) as { changes: unknown }[];
    expect(j[0].changes).toBeNull();
  });
});
