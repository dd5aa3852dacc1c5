/**
 * A sheet read with the worker thread (src/cli/xlsx/sheetThread.ts): the compiled command line,
 * run as a user runs it, gives the same results and the same copy as read on one thread —
 * split between the threads (LAUNCH_TRACKER_THREADS=2 splits this 6,000-row sheet), or, as this
 * mid-sized sheet is read by default, read whole by the worker while the main thread evaluates
 * each row read (PortfolioEvaluation). (The unit tests run the TypeScript sources, which read
 * every sheet on one thread.) A damaged sheet is reported in one line whichever thread reads it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'launch-tracker.js');
let dir: string;

type Threads = '1' | '2' | 'default';

function env(threads: Threads, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (threads === 'default') delete e.LAUNCH_TRACKER_THREADS;
  else e.LAUNCH_TRACKER_THREADS = threads;
  return e;
}

function cli(args: string[], threads: Threads, extra: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: env(threads, extra), maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
}

function stderrOf(args: string[], threads: Threads): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: env(threads, { LAUNCH_TRACKER_TIMING: '1' }) });
  return r.stderr;
}

/** The portfolio sheet of a copy, the check's own time stamps (检查时间, column BE) masked. */
async function sheetXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  return xml.replace(/(<c r="BE\d+" s="\d+"><v>)[\d.]+(<\/v>)/g, '$1T$2');
}

beforeAll(() => {
  // The worker runs from the compiled command line: build it from the sources under test.
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.cli.json')], { stdio: 'inherit' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-threads-'));
  cli(['sample', path.join(dir, 'big.xlsx'), '--rows', '6000', '--seed', '7', '--as-of', '2026-11-21'], '2');
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the sample is read whole by the worker and checked meanwhile; split between two threads, or read on one, when told', () => {
  const args = ['check', path.join(dir, 'big.xlsx'), '--out', path.join(dir, 'modes.xlsx'), '--as-of', '2026-11-21'];
  const whole = stderrOf(args, 'default');
  expect(whole).toMatch(/^timing read_and_check \d+ ms/m);
  // Progress while it is read: the table's rows are known from its range.
  expect(whole).toMatch(/^checked 5000 of 6000 rows$/m);
  expect(stderrOf(args, '2')).toMatch(/^timing read_2_threads \d+ ms/m);
  expect(stderrOf(args, '1')).toMatch(/^timing read \d+ ms/m);
});

test('results and the copy are the same read on one thread or two', async () => {
  const big = path.join(dir, 'big.xlsx');
  const one = JSON.parse(cli(['check', big, '--json', '--as-of', '2026-11-21'], '1')) as { id: string; row: number }[];
  const two = JSON.parse(cli(['check', big, '--json', '--as-of', '2026-11-21'], '2')) as { id: string; row: number }[];
  const whole = JSON.parse(cli(['check', big, '--json', '--as-of', '2026-11-21'], 'default')) as { id: string; row: number }[];
  expect(two).toHaveLength(6000);
  expect(two).toEqual(one);
  expect(whole).toEqual(one);
  // Rows the rules across rows have a finding for (evaluated again once every row is in) are among them.
  expect(one.filter((r) => JSON.stringify(r).includes('REG-LIMIT-SUBJECT')).length).toBeGreaterThan(0);
  cli(['check', big, '--out', path.join(dir, 'one.xlsx'), '--as-of', '2026-11-21'], '1');
  cli(['check', big, '--out', path.join(dir, 'two.xlsx'), '--as-of', '2026-11-21'], '2');
  cli(['check', big, '--out', path.join(dir, 'whole.xlsx'), '--as-of', '2026-11-21'], 'default');
  const a = await sheetXml(path.join(dir, 'one.xlsx'));
  for (const other of ['two.xlsx', 'whole.xlsx']) {
    const b = await sheetXml(path.join(dir, other));
    expect(b.length).toBe(a.length);
    expect(b === a).toBe(true);
  }
}, 120_000);

/** big.xlsx with row `row`'s first cell closed by a wrong end tag. */
async function damaged(row: number, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'big.xlsx')));
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  const at = xml.indexOf(`<row r="${row}"`);
  const cellEnd = xml.indexOf('</c>', at);
  expect([at, cellEnd].every((i) => i > 0)).toBe(true);
  zip.file('xl/worksheets/sheet1.xml', xml.slice(0, cellEnd) + '</d>' + xml.slice(cellEnd + 4));
  const file = path.join(dir, name);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

test.each([
  ['read whole by the worker', 100, 'default'],
  ['in the worker\'s part of a split read', 100, '2'],
  ['in this thread\'s part of a split read', 5900, '2'],
  ['read on one thread', 100, '1'],
] as const)('a damaged sheet %s: one line, exit 2, no copy written', async (_what, row, threads) => {
  const file = await damaged(row, `damaged-${row}-${threads}.xlsx`);
  const out = path.join(dir, `damaged-${row}-${threads}-out.xlsx`);
  const r = spawnSync(process.execPath, [BIN, 'check', file, '--out', out, '--as-of', '2026-11-21'], { encoding: 'utf8', env: env(threads) });
  expect(r.status).toBe(2);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('launch-tracker:') || /^\s+at |Error:/.test(l));
  expect(lines).toEqual([`launch-tracker: ${file}: not a readable .xlsx workbook (the workbook is damaged or uses a feature that cannot be read): unexpected end tag </d>`]);
  expect(fs.existsSync(out)).toBe(false);
}, 60_000);
