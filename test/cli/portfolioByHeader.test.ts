/**
 * A workbook whose portfolio matches no table or sheet name is found by its headers (an ID
 * column) — but never in the product's own parts, which have an ID column too: the History
 * table (项目编号) and the very hidden state sheet (id). Built from a checked copy of the
 * example whose portfolio table and sheet were renamed and whose sheets were reordered so that
 * 变更记录 and LaunchTrackerState come first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yazl from 'yazl';
import { run } from '../helpers/cli';
import { zipParts } from '../helpers/thirdParty';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'portfolio.xlsx');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-byheader-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function writeParts(parts: Map<string, Buffer>, file: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of parts) zip.addBuffer(bytes, name);
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject));
}

/** The checked copy with `edit` applied to its parts. */
async function variant(name: string, edit: (parts: Map<string, Buffer>) => void): Promise<string> {
  const checked = path.join(dir, 'checked.xlsx');
  if (!fs.existsSync(checked)) expect((await run('check', EXAMPLE, '--out', checked)).code).toBe(0);
  const parts = await zipParts(checked);
  edit(parts);
  const file = path.join(dir, name);
  await writeParts(parts, file);
  return file;
}

const text = (parts: Map<string, Buffer>, name: string) => parts.get(name)!.toString('utf8');

/** Renames the table Portfolio and the sheet 项目 (nothing matches the portfolio's names), and puts the history's sheets first. */
function hidePortfolioNames(parts: Map<string, Buffer>): void {
  for (const [name, bytes] of parts) {
    if (!/^xl\/tables\/table\d+\.xml$/.test(name)) continue;
    const xml = bytes.toString('utf8');
    if (/ name="Portfolio"/.test(xml)) parts.set(name, Buffer.from(xml.replace(/ name="Portfolio"/, ' name="客户表"').replace(/ displayName="Portfolio"/, ' displayName="客户表"')));
  }
  let workbook = text(parts, 'xl/workbook.xml').replace(/<sheet name="项目"/, '<sheet name="客户清单"').replace(/'?项目'?!/g, '客户清单!');
  const sheets = [...workbook.matchAll(/<sheet [^>]*\/>/g)].map((m) => m[0]);
  const first = sheets.filter((s) => /name="(变更记录|LaunchTrackerState)"/.test(s));
  const reordered = [...first, ...sheets.filter((s) => !first.includes(s))].join('');
  workbook = workbook.replace(/<sheets>.*<\/sheets>/s, `<sheets>${reordered}</sheets>`).replace(/activeTab="\d+"/, 'activeTab="2"');
  parts.set('xl/workbook.xml', Buffer.from(workbook));
}

test('the portfolio is found by its headers, not in the History table or the state sheet before it', async () => {
  const file = await variant('renamed.xlsx', hidePortfolioNames);
  const before = JSON.parse((await run('check', EXAMPLE, '--json')).out) as { id: string; row: number; nextStep: { code: string } }[];
  const result = await run('check', file, '--json');
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const after = JSON.parse(result.out) as typeof before;
  expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
  expect(after.find((r) => r.id === 'G-003')).toMatchObject({ row: before.find((r) => r.id === 'G-003')!.row, nextStep: { code: before.find((r) => r.id === 'G-003')!.nextStep.code } });
  // A second check of its copy compares with the state the first one recorded: the History is still the product's.
  const copy = path.join(dir, 'renamed.checked.xlsx');
  const again = await run('check', file, '--out', copy);
  expect(again.code).toBe(0);
  expect(again.out).toMatch(/自上次检查以来（2026-11-21 15:30，命令行）/);
});

test('the Summary sheet the record names, retitled and first: still not the portfolio (the next copy rewrites it)', async () => {
  const file = await variant('summary-first.xlsx', (parts) => {
    hidePortfolioNames(parts);
    const workbook = text(parts, 'xl/workbook.xml');
    const summary = workbook.match(/<sheet name="汇总"[^>]*\/>/)![0];
    parts.set('xl/workbook.xml', Buffer.from(workbook.replace(summary, '').replace('<sheets>', `<sheets>${summary}`)));
    const sheet = [...parts.keys()].find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && text(parts, n).includes('Launch Tracker 检查汇总'))!;
    parts.set(sheet, Buffer.from(text(parts, sheet).replace('Launch Tracker 检查汇总', '本周情况')));
  });
  const before = JSON.parse((await run('check', EXAMPLE, '--json')).out) as { id: string }[];
  const result = await run('check', file, '--json');
  expect(result.code).toBe(0);
  expect((JSON.parse(result.out) as typeof before).map((r) => r.id)).toEqual(before.map((r) => r.id));
});

test('a workbook whose only ID column is in the product\'s History and state: one line, exit 2', async () => {
  const file = await variant('no-portfolio.xlsx', (parts) => {
    hidePortfolioNames(parts);
    // The portfolio's ID header becomes a plain word: no sheet of the user's has an ID column any
    // more (the Materials table keeps its own; it is a side table, never the portfolio).
    for (const [name, bytes] of parts) {
      if (!/^xl\/(worksheets\/sheet\d+|sharedStrings|tables\/table\d+)\.xml$/.test(name)) continue;
      const xml = bytes.toString('utf8');
      const portfolio = name === 'xl/worksheets/sheet1.xml' || /name="客户表"/.test(xml);
      if (portfolio) parts.set(name, Buffer.from(xml.replace(/项目编号/g, '序列')));
    }
  });
  const result = await run('check', file);
  expect(result.code).toBe(2);
  expect(result.err.trim().split('\n')).toHaveLength(1);
  expect(result.err).toMatch(/no ID column|没有.*项目编号|ID/);
  // Why the History and the state sheet were not taken, though they have one.
  expect(result.err).toMatch(/the ones with an ID column are Launch Tracker's own, not a portfolio: sheet LaunchTrackerState, table History \(sheet 变更记录\), sheet 汇总$/m);
  expect(result.err).not.toMatch(/\n\s+at /);
});
