/**
 * Third-party readers for the tests: what openpyxl and LibreOffice — not our own reader — see in
 * a workbook, and the raw parts of its package. They prove that a checked copy is the user's
 * file unchanged apart from the product's output columns.
 *
 * Needs Debian's /usr/bin/python3 with openpyxl and LibreOffice's soffice
 * (scripts/ensure-test-tools.sh installs both).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';

export const PYTHON = '/usr/bin/python3';
export const DUMP_CELLS = path.join(__dirname, '..', 'fixtures', 'tools', 'dump_cells.py');
export const SOFFICE = 'soffice';
/** LibreOffice's CSV export of every sheet (token 12 = -1), UTF-8, comma, double quote, raw values. */
export const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
export const XLSX_FILTER = 'xlsx:Calc MS Excel 2007 XML';

// ---- openpyxl ------------------------------------------------------------------------------

export interface Color {
  type: string;
  rgb?: string | null;
  theme?: number;
  indexed?: number;
  auto?: boolean;
  tint?: number;
  error?: string;
}

export interface CellDump {
  /** The cached value (dates and times as ISO text), as openpyxl reads it with data_only. */
  value: string | number | boolean | null;
  /** openpyxl's data type: n, s, d, b, e, f (formula), inlineStr… */
  type: string;
  formula: string | null;
  numberFormat: string;
  font: { name: string | null; size: number | null; bold: boolean; italic: boolean; underline: string | null; strike: boolean; color: Color | null; vertAlign: string | null } | null;
  fill: Record<string, unknown> | null;
  border: Record<string, unknown> | null;
  alignment: Record<string, unknown> | null;
  protection: { locked: boolean; hidden: boolean } | null;
  /** Rich text runs [properties, text], read from the XML (openpyxl 3.0 keeps only the text). */
  rich?: [string, string][];
}

export interface TableDump {
  name: string;
  displayName: string;
  ref: string;
  columns: string[];
  headerRowCount: number;
  totalsRowCount: number;
  style: string | null;
  autoFilter: string | null;
}

export interface WorksheetDump {
  cells: Record<string, CellDump>;
  merged: string[];
  validations: ({ sqref: string } & Record<string, unknown>)[];
  conditionalFormats: { sqref: string; rules: Record<string, unknown>[] }[];
  x14ConditionalFormats: { sqref: string | null; types: string[] }[];
  x14Validations: { sqref: string | null; type: string | null; formula1: string | null }[];
  hyperlinks: { ref: string; target: string | null; location: string | null; display: string | null; tooltip: string | null }[];
  comments: { ref: string; text: string; author: string | null }[];
  tables: TableDump[];
  columns: { min: number; max: number; width: number | null; customWidth: boolean; hidden: boolean; outlineLevel: number }[];
  rowHeights: Record<string, number>;
  freezePanes: string | null;
  autoFilter: string | null;
  printArea: string | null;
  printTitles: string | null;
  charts: number;
  images: number;
  pivots: number;
  dimensions: string | null;
  /** Set on chartsheets, which have no cells. */
  chartsheet?: boolean;
}

export interface Dump {
  file: string;
  epoch: '1900' | '1904' | null;
  sheets: { name: string; kind: 'worksheet' | 'chartsheet'; state: string; index: number }[];
  definedNames: { name: string; value: string; localSheetId: number | null; hidden: boolean }[];
  /** The style of a cell with no style of its own. */
  defaultStyle?: Pick<CellDump, 'numberFormat' | 'font' | 'fill' | 'border' | 'alignment' | 'protection'> | null;
  worksheets: Record<string, WorksheetDump>;
  /** What openpyxl failed on (per workbook, sheet, cell or item); the rest is still dumped. */
  errors: string[];
  warnings: string[];
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** What openpyxl sees in `file`: every cell with its value, formula and style, and the sheet features. */
export async function dumpWithOpenpyxl(file: string): Promise<Dump> {
  return (await dumpManyWithOpenpyxl([file])).get(file) as Dump;
}

/** The same for several files in one Python process (faster than one call each). */
export async function dumpManyWithOpenpyxl(files: string[], timeoutMs = 120_000): Promise<Map<string, Dump>> {
  const out = new Map<string, Dump>();
  if (files.length === 0) return out;
  const { stdout } = await run(PYTHON, [DUMP_CELLS, ...files], timeoutMs);
  const parsed = JSON.parse(stdout) as Dump | Record<string, Dump>;
  if (files.length === 1) out.set(files[0], parsed as Dump);
  else for (const f of files) out.set(f, (parsed as Record<string, Dump>)[f]);
  return out;
}

// ---- LibreOffice -----------------------------------------------------------------------------

export interface ConvertOptions {
  /** Kill soffice after this long; default 60 s, plus 3 s a file beyond the first. */
  timeoutMs?: number;
}

/**
 * Converts with `soffice --headless --convert-to` in a private LibreOffice profile (so parallel
 * runs do not collide), into `outDir`. 'csv' exports every sheet as `<base>-<sheet>.csv`;
 * 'xlsx' writes `<base>.xlsx`. Several files go in one soffice call. Returns the files written.
 */
export async function convertWithLibreOffice(file: string | string[], format: 'csv' | 'xlsx', outDir: string, options: ConvertOptions = {}): Promise<string[]> {
  const files = Array.isArray(file) ? file : [file];
  fs.mkdirSync(outDir, { recursive: true });
  const before = new Set(fs.readdirSync(outDir));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-soffice-'));
  const timeoutMs = options.timeoutMs ?? 60_000 + 3_000 * Math.max(0, files.length - 1);
  try {
    await run(
      SOFFICE,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', format === 'csv' ? CSV_ALL_SHEETS : XLSX_FILTER, '--outdir', outDir, ...files],
      timeoutMs,
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return fs
    .readdirSync(outDir)
    .filter((f) => !before.has(f))
    .map((f) => path.join(outDir, f));
}

/** The sheets LibreOffice exported for `file` into `outDir` (after a 'csv' conversion): sheet name → rows. */
export function readLibreOfficeCsv(outDir: string, file: string): Map<string, string[][]> {
  const base = path.basename(file, path.extname(file));
  const out = new Map<string, string[][]>();
  for (const f of fs.readdirSync(outDir)) {
    if (!f.startsWith(`${base}-`) || !f.endsWith('.csv')) continue;
    out.set(f.slice(base.length + 1, -4), parseCsv(fs.readFileSync(path.join(outDir, f), 'utf8')));
  }
  return out;
}

/** RFC 4180 CSV (quotes doubled, line breaks inside quotes); a BOM and a last empty line are dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ---- the package ------------------------------------------------------------------------------

/** The uncompressed bytes of every part (directory entries left out), by the name stored in the zip. */
export function zipParts(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error(`cannot open ${file}`));
      const parts = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(parts));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** A relationship target resolved against the part that holds it ("/xl/x.xml" or "../x.xml"). */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.replace(/^\/+/, '');
  return path.posix.normalize(path.posix.join(path.posix.dirname(sourcePart), target)).replace(/^\/+/, '');
}

export function relsPartOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? xmlUnescape(m[2] ?? m[3] ?? '') : null;
}

/** The relationships of `part` (from its .rels part), targets resolved to part names. */
export function relationshipsOf(parts: Map<string, Buffer>, part: string): Relationship[] {
  const rels = findPart(parts, relsPartOf(part));
  if (!rels) return [];
  const out: Relationship[] = [];
  for (const m of parts.get(rels)!.toString('utf8').matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const external = attr(m[0], 'TargetMode') === 'External';
    const target = attr(m[0], 'Target') ?? '';
    out.push({ id: attr(m[0], 'Id') ?? '', type: attr(m[0], 'Type') ?? '', target: external ? target : resolveTarget(part, target), external });
  }
  return out;
}

/** The stored name of a part, matched case-insensitively (OPC part names are). */
export function findPart(parts: Map<string, Buffer>, name: string): string | null {
  const clean = name.replace(/^\/+/, '');
  if (parts.has(clean)) return clean;
  const lower = clean.toLowerCase();
  for (const k of parts.keys()) if (k.toLowerCase() === lower) return k;
  return null;
}

export interface SheetPart {
  name: string;
  /** The worksheet (or chartsheet) part. */
  part: string;
  /** Table parts related to the sheet. */
  tables: string[];
}

/** The workbook part and its sheets in order, each with its part and table parts. */
export function sheetParts(parts: Map<string, Buffer>): { workbook: string; sheets: SheetPart[] } {
  const root = relationshipsOf(parts, '').find((r) => r.type.endsWith('/officeDocument'));
  const workbook = findPart(parts, root?.target ?? 'xl/workbook.xml') ?? 'xl/workbook.xml';
  const rels = new Map(relationshipsOf(parts, workbook).map((r) => [r.id, r]));
  const xml = parts.get(workbook)?.toString('utf8') ?? '';
  const sheets: SheetPart[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const rel = rid ? rels.get(rid) : undefined;
    if (!name || !rel) continue;
    const part = findPart(parts, rel.target) ?? rel.target;
    const tables = relationshipsOf(parts, part)
      .filter((r) => r.type.endsWith('/table'))
      .map((r) => findPart(parts, r.target) ?? r.target);
    sheets.push({ name, part, tables });
  }
  return { workbook, sheets };
}

// ---- comparing two dumps ------------------------------------------------------------------------

export interface DiffOptions {
  /**
   * Per sheet, the column letters whose content may differ (the product's output columns):
   * their cells, widths, comments and links are not compared, and merges, validations,
   * conditional formats, a table or an autofilter may extend into them.
   */
  ignoreColumns?: Record<string, string[]>;
  /** Sheets not compared, which `after` may add (the Summary sheet the check writes). */
  ignoreSheets?: string[];
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function columnLetters(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function parseRef(ref: string): Area | null {
  const m = /^\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})?\$?(\d+)?)?$/i.exec(ref.trim().replace(/^.*!/, ''));
  if (!m) return null;
  const left = m[1] ? columnIndex(m[1]) : 1;
  const top = m[2] ? Number(m[2]) : 1;
  const right = m[3] ? columnIndex(m[3]) : m[4] === undefined && m[3] === undefined ? (m[1] ? left : 16384) : 16384;
  const bottom = m[4] ? Number(m[4]) : m[3] === undefined && m[4] === undefined ? (m[2] ? top : 1048576) : 1048576;
  return { top, left, bottom, right };
}

function areas(sqref: string | null): Area[] {
  return (sqref ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map(parseRef)
    .filter((a): a is Area => a !== null);
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

const STYLE_KEYS = ['numberFormat', 'font', 'fill', 'border', 'alignment', 'protection'] as const;

function cellText(c: CellDump): string {
  return stable({ value: c.value, type: c.type, formula: c.formula, rich: c.rich ?? null, ...Object.fromEntries(STYLE_KEYS.map((k) => [k, c[k]])) });
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

/**
 * The differences between two dumps that a user would notice, one line each ("项目!C3 value:
 * "a" → "b""): sheets and their order and state, the date system, defined names, and per
 * sheet every cell's value, formula and style, merged cells, validations, conditional formats
 * (also the x14 ones), hyperlinks, comments, tables, column widths, row heights, frozen panes,
 * autofilter, print settings, and how many charts, images and pivot tables openpyxl sees.
 */
export function diffDumps(before: Dump, after: Dump, options: DiffOptions = {}): string[] {
  const out: string[] = [];
  const skipSheets = new Set(options.ignoreSheets ?? []);
  for (const [what, d] of [
    ['before', before],
    ['after', after],
  ] as const) {
    for (const e of d.errors) out.push(`openpyxl error reading ${what}: ${e}`);
  }
  if (before.epoch !== after.epoch) out.push(`date system: ${before.epoch} → ${after.epoch}`);

  const sheetsBefore = before.sheets.filter((s) => !skipSheets.has(s.name));
  const sheetsAfter = after.sheets.filter((s) => !skipSheets.has(s.name));
  const describe = (s: Dump['sheets'][number]) => `${s.name} (${s.kind}${s.state !== 'visible' ? `, ${s.state}` : ''})`;
  if (stable(sheetsBefore.map(describe)) !== stable(sheetsAfter.map(describe))) {
    out.push(`sheets: ${show(sheetsBefore.map(describe))} → ${show(sheetsAfter.map(describe))}`);
  }

  const names = (d: Dump) => new Set(d.definedNames.map((n) => stable({ ...n, localSheet: n.localSheetId === null ? null : d.sheets[n.localSheetId]?.name, localSheetId: undefined })));
  const namesBefore = names(before);
  const namesAfter = names(after);
  for (const n of namesBefore) if (!namesAfter.has(n)) out.push(`defined name missing or changed: ${n}`);
  for (const n of namesAfter) if (!namesBefore.has(n)) out.push(`defined name added or changed: ${n}`);

  for (const s of sheetsBefore) {
    const a = before.worksheets[s.name];
    const b = after.worksheets[s.name];
    if (!a) continue;
    if (!b) {
      out.push(`${s.name}: sheet missing`);
      continue;
    }
    out.push(...diffSheet(s.name, a, b, new Set((options.ignoreColumns?.[s.name] ?? []).map(columnIndex)), before, after));
  }
  return out;
}

function diffSheet(name: string, a: WorksheetDump, b: WorksheetDump, ignored: Set<number>, before: Dump, after: Dump): string[] {
  const out: string[] = [];
  if (a.chartsheet || b.chartsheet) {
    if (a.charts !== b.charts) out.push(`${name}: charts ${a.charts} → ${b.charts}`);
    return out;
  }
  const colOf = (ref: string) => columnIndex(/^[A-Z]+/i.exec(ref)?.[0] ?? 'A');
  const inIgnored = (area: Area) => ignored.size > 0 && Array.from({ length: Math.min(area.right, 16384) - area.left + 1 }, (_, i) => area.left + i).every((c) => ignored.has(c));
  const allIgnored = (sqref: string | null) => {
    const as = areas(sqref);
    return as.length > 0 && as.every(inIgnored);
  };

  // Cells.
  const defaultA = blankStyle(before);
  const defaultB = blankStyle(after);
  const refs = new Set([...Object.keys(a.cells ?? {}), ...Object.keys(b.cells ?? {})]);
  for (const ref of [...refs].sort(compareRefs)) {
    if (ignored.has(colOf(ref))) continue;
    const ca = a.cells?.[ref];
    const cb = b.cells?.[ref];
    if (ca && cb) {
      if (cellText(ca) === cellText(cb)) continue;
      for (const k of ['value', 'type', 'formula', 'rich', ...STYLE_KEYS] as const) {
        if (stable(ca[k] ?? null) !== stable(cb[k] ?? null)) out.push(`${name}!${ref} ${k}: ${show(ca[k] ?? null)} → ${show(cb[k] ?? null)}`);
      }
    } else if (ca && !isBlank(ca, defaultA)) out.push(`${name}!${ref}: cell missing (was ${show(ca.value)}, ${show(ca.numberFormat)})`);
    else if (cb && !isBlank(cb, defaultB)) out.push(`${name}!${ref}: cell added (${show(cb.value)}, ${show(cb.numberFormat)})`);
  }

  // Lists of ranged items: every item of before unchanged; after may add items only in ignored columns.
  const ranged = <T>(what: string, xs: T[], ys: T[], sqref: (x: T) => string | null) => {
    const key = (x: T) => stable(x);
    const ka = new Set(xs.map(key));
    const kb = new Set(ys.map(key));
    for (const x of xs) if (!kb.has(key(x)) && !allIgnored(sqref(x))) out.push(`${name}: ${what} missing or changed: ${show(x)}`);
    for (const y of ys) if (!ka.has(key(y)) && !allIgnored(sqref(y))) out.push(`${name}: ${what} added or changed: ${show(y)}`);
  };
  ranged('merged cells', a.merged ?? [], b.merged ?? [], (x) => x);
  ranged('data validation', a.validations ?? [], b.validations ?? [], (x) => x.sqref);
  ranged('conditional format', a.conditionalFormats ?? [], b.conditionalFormats ?? [], (x) => x.sqref);
  ranged('x14 conditional format', a.x14ConditionalFormats ?? [], b.x14ConditionalFormats ?? [], (x) => x.sqref);
  ranged('x14 data validation', a.x14Validations ?? [], b.x14Validations ?? [], (x) => x.sqref);
  ranged('hyperlink', a.hyperlinks ?? [], b.hyperlinks ?? [], (x) => x.ref);
  ranged('comment', a.comments ?? [], b.comments ?? [], (x) => x.ref);

  // Tables: the same, except that a table may grow to the right into ignored columns.
  const tablesB = new Map((b.tables ?? []).map((t) => [t.name, t]));
  for (const t of a.tables ?? []) {
    const u = tablesB.get(t.name);
    if (!u) {
      out.push(`${name}: table ${t.name} missing`);
      continue;
    }
    tablesB.delete(t.name);
    const grown = grewRight(t.ref, u.ref, ignored);
    if (t.ref !== u.ref && !grown) out.push(`${name}: table ${t.name} ref ${t.ref} → ${u.ref}`);
    const extra = u.columns.length - t.columns.length;
    if (stable(u.columns.slice(0, t.columns.length)) !== stable(t.columns) || (extra !== 0 && !grown)) {
      out.push(`${name}: table ${t.name} columns ${show(t.columns)} → ${show(u.columns)}`);
    }
    if (t.autoFilter !== u.autoFilter && !(t.autoFilter && u.autoFilter && grewRight(t.autoFilter, u.autoFilter, ignored))) {
      out.push(`${name}: table ${t.name} autofilter ${t.autoFilter} → ${u.autoFilter}`);
    }
    for (const k of ['displayName', 'headerRowCount', 'totalsRowCount', 'style'] as const) {
      if (t[k] !== u[k]) out.push(`${name}: table ${t.name} ${k} ${show(t[k])} → ${show(u[k])}`);
    }
  }
  for (const u of tablesB.values()) if (!allIgnored(u.ref)) out.push(`${name}: table ${u.name} added (${u.ref})`);

  // Column widths, per column up to a little past the last cell either side has.
  const lastCol = Math.max(1, ...[...refs].map(colOf)) + 8;
  const widthsA = expandColumns(a.columns ?? [], lastCol);
  const widthsB = expandColumns(b.columns ?? [], lastCol);
  for (let c = 1; c <= lastCol; c++) {
    if (ignored.has(c)) continue;
    const wa = widthsA.get(c) ?? null;
    const wb = widthsB.get(c) ?? null;
    if (stable(wa) !== stable(wb)) out.push(`${name}: column ${columnLetters(c)} ${show(wa)} → ${show(wb)}`);
  }
  if (stable(a.rowHeights ?? {}) !== stable(b.rowHeights ?? {})) out.push(`${name}: row heights ${show(a.rowHeights)} → ${show(b.rowHeights)}`);

  for (const k of ['freezePanes', 'printArea', 'printTitles', 'charts', 'images', 'pivots'] as const) {
    if (stable(a[k] ?? null) !== stable(b[k] ?? null)) out.push(`${name}: ${k} ${show(a[k] ?? null)} → ${show(b[k] ?? null)}`);
  }
  if (a.autoFilter !== b.autoFilter && !(a.autoFilter && b.autoFilter && grewRight(a.autoFilter, b.autoFilter, ignored))) {
    out.push(`${name}: autoFilter ${a.autoFilter} → ${b.autoFilter}`);
  }
  return out;
}

/** `to` is `from` with columns added on the right, all of them ignored ones. */
function grewRight(from: string, to: string, ignored: Set<number>): boolean {
  const f = parseRef(from);
  const t = parseRef(to);
  if (!f || !t || f.top !== t.top || f.left !== t.left || f.bottom !== t.bottom || t.right < f.right) return false;
  for (let c = f.right + 1; c <= t.right; c++) if (!ignored.has(c)) return false;
  return true;
}

function expandColumns(cols: WorksheetDump['columns'], last: number): Map<number, unknown> {
  const out = new Map<number, unknown>();
  for (const c of cols) {
    for (let i = c.min; i <= Math.min(c.max, last); i++) out.set(i, { width: c.width, customWidth: c.customWidth, hidden: c.hidden, outlineLevel: c.outlineLevel });
  }
  return out;
}

function compareRefs(x: string, y: string): number {
  const [, cx, rx] = /^([A-Z]+)(\d+)$/i.exec(x) ?? [x, x, '0'];
  const [, cy, ry] = /^([A-Z]+)(\d+)$/i.exec(y) ?? [y, y, '0'];
  return Number(rx) - Number(ry) || columnIndex(cx) - columnIndex(cy);
}

function blankStyle(d: Dump): string | null {
  return d.defaultStyle ? stable(d.defaultStyle) : null;
}

/** An empty cell with the default style: not something a user sees, whether it is written or not. */
function isBlank(c: CellDump, defaultStyle: string | null): boolean {
  if ((c.value !== null && c.value !== '') || c.formula) return false;
  return stable(Object.fromEntries(STYLE_KEYS.map((s) => [s, c[s]]))) === defaultStyle;
}
