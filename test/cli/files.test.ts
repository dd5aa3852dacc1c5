/**
 * Files and paths of `check`: which copy, refusals in one line (exit 2, nothing half-written),
 * and --in-place for a nightly job on a shared drive.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli';
import { readTable } from '../../src/cli/xlsx/index';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'portfolio.xlsx');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-files-'));
});
afterEach(() => {
  for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
  fs.chmodSync(dir, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});
const at = (name: string) => path.join(dir, name);


function input(name = 'book.xlsx'): string {
  fs.copyFileSync(EXAMPLE, at(name));
  return at(name);
}

async function refused(argv: string[], message: RegExp): Promise<void> {
  const before = fs.readdirSync(dir).sort();
  const r = await run(...argv);
  expect(r.err).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  // nothing written, not even a temporary file
  expect(fs.readdirSync(dir).sort()).toEqual(before);
}

describe('--out', () => {
  test.each([
    ['book.csv', /--out must end in \.xlsx \(the copy of a workbook is a workbook\)/],
    ['book.xlsm', /--out must end in \.xlsx \(a workbook without macros cannot be named \.xlsm\)/],
    ['book.ods', /--out must end in \.xlsx/],
    ['book', /--out must end in \.xlsx/],
  ])('a copy named %s is refused: its format follows the input', async (out, message) => {
    await refused(['check', input(), '--out', at(out)], message);
  });

  test('a CSV input gives a CSV copy only', async () => {
    fs.writeFileSync(at('p.csv'), '项目编号,客户\r\nG-1,甲\r\n');
    await refused(['check', at('p.csv'), '--out', at('p.xlsx')], /--out must end in \.csv/);
  });

  test('the input itself, through a symbolic link or a hard link, is refused', async () => {
    const file = input();
    fs.symlinkSync(file, at('link.xlsx'));
    fs.linkSync(file, at('hard.xlsx'));
    await refused(['check', file, '--out', file], /must not be the input file itself/);
    await refused(['check', file, '--out', at('link.xlsx')], /must not be the input file itself/);
    await refused(['check', file, '--out', at('hard.xlsx')], /must not be the input file itself/);
    await refused(['check', at('link.xlsx'), '--out', file], /must not be the input file itself/);
  });

  test('a missing folder, a folder as --out, a read-only copy (and, when not root, an unwritable folder)', async () => {
    const file = input();
    await refused(['check', file, '--out', at('no/such/dir/x.xlsx')], /no such folder: .*no\/such\/dir/);
    fs.mkdirSync(at('folder.xlsx'));
    await refused(['check', file, '--out', at('folder.xlsx')], /--out is a folder/);
    fs.rmdirSync(at('folder.xlsx'));
    fs.writeFileSync(at('ro.xlsx'), 'old copy');
    fs.chmodSync(at('ro.xlsx'), 0o444);
    await refused(['check', file, '--out', at('ro.xlsx')], /ro\.xlsx is read-only/);
    expect(fs.readFileSync(at('ro.xlsx'), 'utf8')).toBe('old copy');
    if (process.getuid?.() !== 0) {
      fs.mkdirSync(at('locked'));
      fs.chmodSync(at('locked'), 0o555);
      await refused(['check', file, '--out', at('locked/x.xlsx')], /cannot write in .*locked: permission denied/);
    }
  });

  test('an unreadable input and a folder as input', async () => {
    fs.mkdirSync(at('d.xlsx'));
    await refused(['check', at('d.xlsx')], /is a folder, not a workbook/);
    fs.rmdirSync(at('d.xlsx'));
    if (process.getuid?.() !== 0) {
      const file = input();
      fs.chmodSync(file, 0o000);
      await refused(['check', file], /cannot read .*permission denied/);
    }
  });

  test('an existing copy is replaced whole, keeping its file mode', async () => {
    const file = input();
    fs.writeFileSync(at('copy.xlsx'), 'stale');
    fs.chmodSync(at('copy.xlsx'), 0o640);
    expect((await run('check', file, '--out', at('copy.xlsx'))).code).toBe(0);
    expect((await readTable(at('copy.xlsx'), ['Portfolio']))!.rows).toHaveLength(48);
    expect(fs.statSync(at('copy.xlsx')).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('--in-place', () => {
  test('writes the result into FILE, keeps FILE.bak, leaves nothing else', async () => {
    const file = input();
    const original = fs.readFileSync(file);
    const r = await run('check', file, '--in-place');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(at('book.xlsx.bak')).equals(original)).toBe(true);
    const t = (await readTable(file, ['Portfolio']))!;
    expect(t.rows.find((row) => row[0] === 'G-018')![t.headers.indexOf('级别')]).toBe('严重');
    expect(fs.readdirSync(dir).sort()).toEqual(['book.xlsx', 'book.xlsx.bak']);
    // and again: the record of our columns keeps the copy stable
    expect((await run('check', file, '--in-place', '--no-backup')).code).toBe(0);
    expect((await readTable(file, ['Portfolio']))!.headers).toEqual(t.headers);
  });

  test('--no-backup keeps no FILE.bak', async () => {
    const file = input();
    expect((await run('check', file, '--in-place', '--no-backup')).code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['book.xlsx']);
  });

  test('refused while Excel or WPS has the file open (~$FILE beside it), and with --out', async () => {
    const file = input();
    fs.writeFileSync(at('~$book.xlsx'), 'owner');
    const before = fs.readFileSync(file);
    await refused(['check', file, '--in-place'], /is open in Excel or WPS \(~\$book\.xlsx is beside it\)/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    fs.rmSync(at('~$book.xlsx'));
    await refused(['check', file, '--in-place', '--out', at('x.xlsx')], /--in-place and --out cannot be used together/);
  });

  test('a CSV in place', async () => {
    fs.writeFileSync(at('p.csv'), '项目编号,客户\r\nG-1,甲\r\n');
    expect((await run('check', at('p.csv'), '--in-place', '--as-of', '2026-11-21')).code).toBe(0);
    expect(fs.readFileSync(at('p.csv'), 'utf8')).toContain('当前阶段');
    expect(fs.readFileSync(at('p.csv.bak'), 'utf8')).toBe('项目编号,客户\r\nG-1,甲\r\n');
  });
});

describe('--json', () => {
  test('row is the sheet row as Excel shows it; index the 0-based data row', async () => {
    const results = JSON.parse((await run('check', EXAMPLE, '--json')).out) as { id: string; row: number; index: number }[];
    expect(results[0]).toMatchObject({ row: 2, index: 0 });
    expect(results[47]).toMatchObject({ row: 49, index: 47 });
    const t = (await readTable(EXAMPLE, ['Portfolio']))!;
    for (const r of results) expect(t.rows[r.row - t.headerRow - 1][0]).toBe(r.id);
  });
});
