/**
 * A large sheet is read on two threads (src/cli/xlsx/sheetThread.ts): the compiled command line,
 * run as a user runs it, gives the same results and the same copy with and without the worker
 * (LAUNCH_TRACKER_THREADS=2 splits this 6,000-row sheet, which by size would be read on one).
 * (The unit tests run the TypeScript sources, which read every sheet on one thread.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'launch-tracker.js');
let dir: string;

function cli(args: string[], threads: '1' | '2', extra: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LAUNCH_TRACKER_THREADS: threads, ...extra }, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
}

function stderrOf(args: string[], threads: '1' | '2'): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LAUNCH_TRACKER_THREADS: threads, LAUNCH_TRACKER_TIMING: '1' } });
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

test('the sample is read on two threads, or on one when told', () => {
  const args = ['check', path.join(dir, 'big.xlsx'), '--json', '--as-of', '2026-11-21'];
  expect(stderrOf(args, '2')).toMatch(/^timing read_2_threads \d+ ms/m);
  expect(stderrOf(args, '1')).toMatch(/^timing read \d+ ms/m);
});

test('results and the copy are the same read on one thread or two', async () => {
  const big = path.join(dir, 'big.xlsx');
  const one = JSON.parse(cli(['check', big, '--json', '--as-of', '2026-11-21'], '1')) as { id: string; row: number }[];
  const two = JSON.parse(cli(['check', big, '--json', '--as-of', '2026-11-21'], '2')) as { id: string; row: number }[];
  expect(two).toHaveLength(6000);
  expect(two).toEqual(one);
  cli(['check', big, '--out', path.join(dir, 'one.xlsx'), '--as-of', '2026-11-21'], '1');
  cli(['check', big, '--out', path.join(dir, 'two.xlsx'), '--as-of', '2026-11-21'], '2');
  const a = await sheetXml(path.join(dir, 'one.xlsx'));
  const b = await sheetXml(path.join(dir, 'two.xlsx'));
  expect(b.length).toBe(a.length);
  expect(b === a).toBe(true);
}, 120_000);
