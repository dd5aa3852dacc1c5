/**
 * The corpus: workbooks written by other tools (openpyxl, LibreOffice, Excel — see
 * test/fixtures/xlsx/manifest.json and excel/README.md), each checked by the command line, and
 * the copy compared with the input by readers that are not ours:
 *
 *  (a) exit code 0, or 2 with one line for a file without an ID column;
 *  (b) every zip part outside the rewritten set is byte-identical;
 *  (c) openpyxl sees every input cell's value, formula and style unchanged — apart from the
 *      product's output columns and the added Summary sheet — and the same merged cells,
 *      validations, conditional formats, names, hyperlinks, comments, tables (the portfolio
 *      table may grow to take the output columns), column widths and frozen panes;
 *  (d) the user's own 级别 / 下一步 columns keep their values;
 *  (e) LibreOffice opens the copy, and its CSV export of the input columns matches the input's;
 *  (f) in the 1904 date system, the due dates LibreOffice shows are the ones `--json` gives.
 *
 * Needs /usr/bin/python3 with openpyxl and soffice (scripts/ensure-test-tools.sh).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, Io } from '../../src/cli/main';
import {
  columnIndex,
  columnLetters,
  convertWithLibreOffice,
  diffDumps,
  Dump,
  dumpManyWithOpenpyxl,
  findPart,
  readLibreOfficeCsv,
  relationshipsOf,
  relsPartOf,
  sheetParts,
  zipParts,
} from '../helpers/thirdParty';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'xlsx');
/** 2026-11-21 15:30 in China. */
const NOW = Date.UTC(2026, 10, 21, 7, 30);
const AS_OF = '2026-11-21';

interface Entry {
  file: string;
  tool: string;
  covers: string[];
  portfolioSheet: string | null;
  expect: 'checked' | 'no-id';
  userColumns: string[];
  date1904: boolean;
}

const MANIFEST: Entry[] = (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as { fixtures: Entry[] }).fixtures;

function listFixtures(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFixtures(path.join(dir, e.name), rel));
    else if (/\.xls[xm]$/i.test(e.name)) out.push(rel);
  }
  return out.sort();
}
const FILES = listFixtures(FIXTURES);

/** Header normal form, as the product matches headers: NFKC, case, spaces and ()（）/:：_- ignored. */
const norm = (h: unknown) =>
  String(h ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s()（）/:：_\-]+/g, '');
const KEY_HEADERS = new Set(['项目编号', 'ID', '编号', '项目ID', 'Project ID', 'Key'].map(norm));
const OUTPUT_HEADERS = [
  ['当前阶段', 'Stage'],
  ['下一步', 'Next step'],
  ['可同时办理', 'Also possible now'],
  ['最近截止', 'Due'],
  ['截止事项', 'Due for'],
  ['预计上线', 'ETA'],
  ['级别', 'Severity'],
  ['提醒', 'Findings'],
  ['直播资格', 'Live eligible'],
  ['检查时间', 'Checked'],
];
const OUTPUT_SET = new Set(OUTPUT_HEADERS.flat().flatMap((h) => [norm(h), norm(`${h}（Launch Tracker）`)]));
const DUE_SET = new Set(['最近截止', 'Due'].flatMap((h) => [norm(h), norm(`${h}（Launch Tracker）`)]));
/** Sheets the check adds: the Summary, the History (变更记录) and the hidden state sheet. */
const SUMMARY_SHEET = /^(汇总|Summary|变更记录|Change history|LaunchTrackerState$)/;
/** Parts the writer rewrites besides the portfolio sheet and its table (and customXml/, and new parts). */
const REWRITTEN = ['xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'docProps/app.xml', 'docProps/core.xml'];

interface Outcome {
  code: number | null;
  out: string;
  err: string;
  thrown: string | null;
  copy: string;
}

interface JsonRow {
  id: string;
  dueDate: string | null;
}

let work: string;
const outcomes = new Map<string, Outcome>();
const jsonResults = new Map<string, JsonRow[]>();
const staged = new Map<string, { input: string; copy: string }>();
let dumps = new Map<string, Dump>();
let dumpError: string | null = null;
let csvDir: string;
let libreOfficeError: string | null = null;

async function runCli(argv: string[]): Promise<Omit<Outcome, 'copy'>> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTty: false, now: () => NOW };
  try {
    const code = await main(argv, io);
    return { code, out, err, thrown: null };
  } catch (e) {
    return { code: null, out, err, thrown: (e as Error).stack ?? String(e) };
  }
}

const entryOf = (rel: string) => MANIFEST.find((e) => e.file === rel);
const idOf = (rel: string) => rel.replace(/[\\/]/g, '__').replace(/\.xls[xm]$/i, '');
const fixturePath = (rel: string) => path.join(FIXTURES, rel);

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-corpus-'));
  const outDir = path.join(work, 'out');
  const loIn = path.join(work, 'lo-in');
  csvDir = path.join(work, 'csv');
  fs.mkdirSync(outDir);
  fs.mkdirSync(loIn);
  for (const rel of FILES) {
    const entry = entryOf(rel);
    const ext = path.extname(rel);
    const copy = path.join(outDir, `${idOf(rel)}.out${ext}`);
    outcomes.set(rel, { ...(await runCli(['check', fixturePath(rel), '--out', copy, '--as-of', AS_OF])), copy });
    if (entry?.date1904) {
      const r = await runCli(['check', fixturePath(rel), '--json', '--as-of', AS_OF]);
      if (r.code === 0) jsonResults.set(rel, JSON.parse(r.out) as JsonRow[]);
    }
    if (entry?.expect === 'checked') {
      const input = path.join(loIn, `${idOf(rel)}.in${ext}`);
      fs.copyFileSync(fixturePath(rel), input);
      staged.set(rel, { input, copy });
    }
  }
  const copies = [...outcomes.values()].map((o) => o.copy).filter((f) => fs.existsSync(f));
  try {
    dumps = await dumpManyWithOpenpyxl([...FILES.map(fixturePath), ...copies]);
  } catch (e) {
    dumpError = String(e);
  }
  // One soffice call for every input and every copy (LibreOffice starts once).
  const toConvert = [...staged.values()].flatMap((s) => [s.input, ...(fs.existsSync(s.copy) ? [s.copy] : [])]);
  try {
    await convertWithLibreOffice(toConvert, 'csv', csvDir, { timeoutMs: 150_000 });
  } catch (e) {
    libreOfficeError = String(e);
  }
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('every fixture is described in manifest.json, and every manifest entry exists', () => {
  expect(FILES.filter((f) => !entryOf(f))).toEqual([]);
  expect(MANIFEST.map((e) => e.file).filter((f) => !FILES.includes(f))).toEqual([]);
  expect(FILES.length).toBeGreaterThanOrEqual(15);
});

function dumpOf(file: string): Dump {
  if (dumpError) throw new Error(`openpyxl dump failed: ${dumpError}`);
  const d = dumps.get(file);
  if (!d) throw new Error(`no openpyxl dump of ${file}`);
  return d;
}

function copyOf(rel: string): string {
  const o = outcomes.get(rel)!;
  if (!fs.existsSync(o.copy)) {
    throw new Error(`no copy was written (exit ${o.code}${o.thrown ? `, threw ${o.thrown.split('\n').slice(0, 3).join(' ')}` : ''}; stderr: ${o.err.trim() || '(empty)'})`);
  }
  return o.copy;
}

/** The header row of the portfolio sheet: the first of 30 rows holding an ID header. */
function headerRow(d: Dump, sheet: string): { row: number; headers: Map<string, string> } | null {
  const cells = d.worksheets[sheet]?.cells ?? {};
  for (let row = 1; row <= 30; row++) {
    const headers = new Map<string, string>();
    for (const [ref, c] of Object.entries(cells)) {
      const m = /^([A-Z]+)(\d+)$/.exec(ref);
      if (m && Number(m[2]) === row && c.value !== null && c.value !== '') headers.set(m[1], String(c.value));
    }
    if ([...headers.values()].some((h) => KEY_HEADERS.has(norm(h)))) return { row, headers };
  }
  return null;
}

/** The product's output columns in the copy: output headers, except the user's own columns of the input. */
function productColumns(entry: Entry, before: Dump, after: Dump): string[] {
  const sheet = entry.portfolioSheet!;
  const a = headerRow(before, sheet);
  const b = headerRow(after, sheet);
  if (!b) return [];
  const userOwned = new Set(
    [...(a?.headers ?? new Map<string, string>()).entries()].filter(([, h]) => entry.userColumns.some((u) => norm(u) === norm(h))).map(([col]) => col),
  );
  return [...b.headers.entries()]
    .filter(([col, h]) => OUTPUT_SET.has(norm(h)) && !(userOwned.has(col) && b.headers.get(col) === a?.headers.get(col)))
    .map(([col]) => col)
    .sort((x, y) => columnIndex(x) - columnIndex(y));
}

function addedSummarySheets(before: Dump, after: Dump): string[] {
  const had = new Set(before.sheets.map((s) => s.name));
  return after.sheets.map((s) => s.name).filter((n) => !had.has(n) && SUMMARY_SHEET.test(n));
}

/** Rows of a CSV export with the given 1-based columns left out and trailing empty cells and rows dropped. */
function withoutColumns(rows: string[][], drop: Set<number>): string[][] {
  const out = rows.map((r) => {
    const kept = r.filter((_, j) => !drop.has(j + 1));
    while (kept.length && kept[kept.length - 1] === '') kept.pop();
    return kept;
  });
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}

function parseShownDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/.exec(t);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t);
  if (m) return `${m[3].length === 2 ? `20${m[3]}` : m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  return null;
}

describe.each(FILES)('%s', (rel) => {
  const entry = entryOf(rel) ?? ({ file: rel, tool: '?', covers: [], portfolioSheet: null, expect: 'checked', userColumns: [], date1904: false } as Entry);

  if (entry.expect === 'no-id') {
    test('(a) is refused with exit code 2 and one line naming the missing ID column', () => {
      const o = outcomes.get(rel)!;
      expect({ code: o.code, thrown: o.thrown }).toEqual({ code: 2, thrown: null });
      const lines = o.err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/no ID column/);
      expect(fs.existsSync(o.copy)).toBe(false);
    });
    return;
  }

  test('(a) is checked with exit code 0', () => {
    const o = outcomes.get(rel)!;
    expect({ code: o.code, thrown: o.thrown, stderr: o.code === 0 ? '' : o.err.trim() }).toEqual({ code: 0, thrown: null, stderr: '' });
    expect(fs.existsSync(o.copy)).toBe(true);
  });

  test('(b) every part outside the rewritten set is byte-identical', async () => {
    const copy = copyOf(rel);
    const before = await zipParts(fixturePath(rel));
    const after = await zipParts(copy);
    const { sheets } = sheetParts(before);
    const portfolio = sheets.find((s) => s.name === entry.portfolioSheet);
    expect(portfolio).toBeDefined();
    const rewritten = new Set(REWRITTEN.map((p) => p.toLowerCase()));
    for (const p of [portfolio!.part, ...portfolio!.tables]) rewritten.add(p.toLowerCase());
    // The workbook part and its relationships wherever the package keeps them.
    const root = relationshipsOf(before, '').find((r) => r.type.endsWith('/officeDocument'));
    if (root) {
      rewritten.add(root.target.toLowerCase());
      rewritten.add(relsPartOf(root.target).toLowerCase());
      for (const r of relationshipsOf(before, root.target)) if (r.type.endsWith('/styles')) rewritten.add(r.target.toLowerCase());
    }
    const problems: string[] = [];
    for (const [name, bytes] of before) {
      if (rewritten.has(name.toLowerCase()) || /^customXml\//i.test(name)) continue;
      const other = findPart(after, name);
      if (!other) problems.push(`${name}: missing from the copy`);
      else if (!after.get(other)!.equals(bytes)) problems.push(`${name}: changed (${bytes.length} → ${after.get(other)!.length} bytes)`);
    }
    expect(problems).toEqual([]);
  });

  test('(c) openpyxl sees every input cell, style and sheet feature unchanged', () => {
    const copy = copyOf(rel);
    const before = dumpOf(fixturePath(rel));
    const after = dumpOf(copy);
    const product = productColumns(entry, before, after);
    // The ten output columns are on the portfolio's header row (else nothing below would be ignored).
    expect({ sheet: entry.portfolioSheet, outputColumns: product.length }).toEqual({ sheet: entry.portfolioSheet, outputColumns: OUTPUT_HEADERS.length });
    const diffs = diffDumps(before, after, { ignoreColumns: { [entry.portfolioSheet!]: product }, ignoreSheets: addedSummarySheets(before, after) });
    expect(diffs).toEqual([]);
  });

  if (entry.userColumns.length > 0) {
    test(`(d) the user's own ${entry.userColumns.join(' and ')} columns keep their values`, () => {
      const before = dumpOf(fixturePath(rel));
      const after = dumpOf(copyOf(rel));
      const sheet = entry.portfolioSheet!;
      const hb = headerRow(before, sheet)!;
      const found: string[] = [];
      for (const [col, h] of hb.headers) {
        if (!entry.userColumns.some((u) => norm(u) === norm(h))) continue;
        found.push(h);
        const column = (d: Dump) =>
          Object.entries(d.worksheets[sheet].cells)
            .filter(([ref]) => new RegExp(`^${col}\\d+$`).test(ref))
            .map(([ref, c]) => [ref, c.value])
            .sort(([x], [y]) => Number(String(x).slice(col.length)) - Number(String(y).slice(col.length)));
        expect([h, column(after)]).toEqual([h, column(before)]);
      }
      expect(found.sort()).toEqual([...entry.userColumns].sort());
    });
  }

  test('(e) LibreOffice opens the copy and exports the input columns as it exports the input', () => {
    const copy = copyOf(rel);
    if (libreOfficeError) throw new Error(`LibreOffice failed: ${libreOfficeError}`);
    const s = staged.get(rel)!;
    const before = readLibreOfficeCsv(csvDir, s.input);
    const after = readLibreOfficeCsv(csvDir, copy);
    expect(before.size).toBeGreaterThan(0);
    expect({ copyOpened: after.size > 0 }).toEqual({ copyOpened: true });
    const product = new Set(productColumns(entry, dumpOf(fixturePath(rel)), dumpOf(copy)).map(columnIndex));
    const problems: string[] = [];
    for (const [sheet, rows] of before) {
      const other = after.get(sheet);
      if (!other) {
        problems.push(`${sheet}: not in LibreOffice's export of the copy (sheets: ${[...after.keys()].join(', ')})`);
        continue;
      }
      const drop = sheet === entry.portfolioSheet ? product : new Set<number>();
      const a = withoutColumns(rows, drop);
      const b = withoutColumns(other, drop);
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const x = JSON.stringify(a[i] ?? []);
        const y = JSON.stringify(b[i] ?? []);
        if (x !== y) problems.push(`${sheet} row ${i + 1}: ${x} → ${y}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('(f) dates written into a 1904 date system workbook', () => {
  const files = MANIFEST.filter((e) => e.date1904 && e.expect === 'checked').map((e) => e.file);

  test('the corpus has 1904 fixtures', () => expect(files.length).toBeGreaterThanOrEqual(2));

  test.each(files)('%s: LibreOffice and openpyxl show the due dates --json gives', (rel) => {
    const entry = entryOf(rel)!;
    const json = jsonResults.get(rel);
    expect(json).toBeDefined();
    const due = new Map(json!.map((r) => [r.id, r.dueDate]));
    expect([...due.values()].filter((d) => d !== null).length).toBeGreaterThanOrEqual(3);
    const copy = copyOf(rel);
    if (libreOfficeError) throw new Error(`LibreOffice failed: ${libreOfficeError}`);

    // LibreOffice's export of the copy.
    const rows = readLibreOfficeCsv(csvDir, copy).get(entry.portfolioSheet!) ?? [];
    const h = rows.findIndex((r) => r.some((c) => KEY_HEADERS.has(norm(c))));
    expect(h).toBeGreaterThanOrEqual(0);
    const idAt = rows[h].findIndex((c) => KEY_HEADERS.has(norm(c)));
    const dueAt = rows[h].findIndex((c) => DUE_SET.has(norm(c)));
    expect(dueAt).toBeGreaterThanOrEqual(0);
    const shown = rows
      .slice(h + 1)
      .filter((r) => due.has(r[idAt]))
      .map((r) => [r[idAt], r[dueAt] ? (parseShownDate(r[dueAt]) ?? `unreadable: ${r[dueAt]}`) : null]);
    expect(shown).toEqual(shown.map(([id]) => [id, due.get(id as string) ?? null]));
    expect(shown.length).toBe(due.size);

    // openpyxl's reading of the same cells (it converts serials with the workbook's epoch).
    const after = dumpOf(copy);
    const hr = headerRow(after, entry.portfolioSheet!)!;
    const idCol = [...hr.headers].find(([, v]) => KEY_HEADERS.has(norm(v)))![0];
    const dueCol = [...hr.headers].find(([, v]) => DUE_SET.has(norm(v)))?.[0];
    expect(dueCol).toBeDefined();
    const cells = after.worksheets[entry.portfolioSheet!].cells;
    const seen: [string, string | null][] = [];
    for (let r = hr.row + 1; cells[`${idCol}${r}`]; r++) {
      const id = String(cells[`${idCol}${r}`].value);
      const v = cells[`${dueCol}${r}`]?.value ?? null;
      seen.push([id, v === null || v === '' ? null : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : `not a date: ${JSON.stringify(v)}`]);
    }
    expect(seen).toEqual(seen.map(([id]) => [id, due.get(id) ?? null]));
  });
});

// Keep the helpers' column arithmetic honest (the diff relies on it).
test('column letters round-trip', () => {
  for (const n of [1, 26, 27, 52, 53, 702, 703, 16384]) expect(columnIndex(columnLetters(n))).toBe(n);
});
