/**
 * New workbooks (template, sample) as files: read back with jszip and an XML parser, not with
 * the writer's own code — the package's parts and relationships, the tables, drop-downs,
 * conditional formats, frozen panes, number formats, dates, and the ownership record.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { main, Io } from '../../src/cli/main';
import { writeNewWorkbook } from '../../src/cli/xlsx/newWorkbook';
import { dayFromYmd } from '../../src/rules/dates';
import { OUTPUT_COLUMNS } from '../../src/workbook/columns';
import { SEVERITY_FILL } from '../../src/workbook/output';
import { OWNERSHIP_NAMESPACE, parseOwnership } from '../../src/workbook/ownership';
import { generateSample } from '../../src/workbook/sample';
import { holidaysHeaders, materialsHeaders, portfolioColumns, settingsSheet } from '../../src/workbook/template';
import type { Cell } from '../../src/workbook/values';

const NOW = Date.UTC(2026, 10, 21, 7, 30);
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-newwb-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<number> {
  const io: Io = { stdout: () => undefined, stderr: () => undefined, stderrIsTty: false, now: () => NOW };
  return main(argv, io);
}

// --- a small XML tree, text kept exactly as parsed -------------------------------------------

interface El {
  local: string;
  uri: string;
  attr: Record<string, string>;
  children: El[];
  text: string;
}

function parse(xml: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let root: El | null = null;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attr: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attr[a.name] = a.value;
    const el: El = { local: tag.local, uri: tag.uri, attr, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root!;
}

const kids = (el: El, local: string) => el.children.filter((c) => c.local === local);
const kid = (el: El, local: string) => {
  const found = kids(el, local);
  if (found.length !== 1) throw new Error(`<${el.local}>: ${found.length} <${local}>`);
  return found[0];
};

/** ST_Xstring decoding, as Excel reads cell text. */
const fromXstring = (s: string) => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

interface Pkg {
  zip: JSZip;
  text(name: string): Promise<string>;
  xml(name: string): Promise<El>;
}

async function open(file: string): Promise<Pkg> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const text = async (name: string) => {
    const f = zip.file(name);
    if (!f) throw new Error(`no part ${name}`);
    return f.async('string');
  };
  return { zip, text, xml: async (name) => parse(await text(name)) };
}

/** Relationships of a part, by Id; targets resolved to part names. */
async function rels(pkg: Pkg, part: string): Promise<Map<string, { type: string; target: string }>> {
  const relsName = path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
  const out = new Map<string, { type: string; target: string }>();
  for (const r of kids(await pkg.xml(relsName), 'Relationship')) {
    out.set(r.attr.Id, { type: r.attr.Type, target: path.posix.normalize(path.posix.join(path.posix.dirname(part), r.attr.Target)) });
  }
  return out;
}

interface SheetInfo {
  name: string;
  part: string;
  root: El;
  table: El;
  /** The workbook's shared string table, as the sheet's t="s" cells index it. */
  strings: string[];
}

/** The shared string table the workbook's relationships name (none: empty). */
async function sharedStrings(pkg: Pkg, workbookRels: Map<string, { type: string; target: string }>): Promise<string[]> {
  const rel = [...workbookRels.values()].find((r) => r.type === 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings');
  if (!rel) return [];
  return kids(await pkg.xml(rel.target), 'si').map((si) => fromXstring(kid(si, 't').text));
}

async function sheets(pkg: Pkg): Promise<SheetInfo[]> {
  const workbookRels = await rels(pkg, 'xl/workbook.xml');
  const workbook = await pkg.xml('xl/workbook.xml');
  const strings = await sharedStrings(pkg, workbookRels);
  const out: SheetInfo[] = [];
  for (const s of kids(kid(workbook, 'sheets'), 'sheet')) {
    const part = workbookRels.get(s.attr['r:id'])!.target;
    const root = await pkg.xml(part);
    const sheetRels = await rels(pkg, part);
    const tablePart = kid(kid(root, 'tableParts'), 'tablePart');
    const rel = sheetRels.get(tablePart.attr['r:id'])!;
    expect(rel.type).toBe('http://schemas.openxmlformats.org/officeDocument/2006/relationships/table');
    out.push({ name: s.attr.name, part, root, table: await pkg.xml(rel.target), strings });
  }
  return out;
}

interface Styles {
  /** cellXfs index → number format code ('General' for 0). */
  numFmt(index: number): string;
  xf(index: number): El;
  font(index: number): El;
  root: El;
}

async function styles(pkg: Pkg): Promise<Styles> {
  const root = await pkg.xml('xl/styles.xml');
  const codes = new Map<number, string>([[0, 'General'], [14, 'mm-dd-yy']]);
  for (const f of kids(root, 'numFmts').flatMap((n) => kids(n, 'numFmt'))) codes.set(Number(f.attr.numFmtId), f.attr.formatCode);
  const xfs = kids(kid(root, 'cellXfs'), 'xf');
  const fonts = kids(kid(root, 'fonts'), 'font');
  return {
    root,
    xf: (i) => xfs[i],
    numFmt: (i) => codes.get(Number(xfs[i].attr.numFmtId))!,
    font: (i) => fonts[i],
  };
}

/** Cells of a sheet by reference: style index, type, value or text (shared or inline). */
function cells(sheet: SheetInfo): Map<string, { s: number; t?: string; v?: string; text?: string }> {
  const out = new Map<string, { s: number; t?: string; v?: string; text?: string }>();
  for (const row of kids(kid(sheet.root, 'sheetData'), 'row')) {
    for (const c of kids(row, 'c')) {
      const is = kids(c, 'is')[0];
      const v = kids(c, 'v')[0]?.text;
      out.set(c.attr.r, {
        s: Number(c.attr.s ?? 0),
        t: c.attr.t,
        v,
        text: is ? fromXstring(kid(is, 't').text) : c.attr.t === 's' ? sheet.strings[Number(v)] : undefined,
      });
    }
  }
  return out;
}

function letters(i: number): string {
  let s = '';
  for (let c = i + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const WORKSHEET_ORDER = ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
const STYLES_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

function expectInOrder(el: El, order: string[]): void {
  const at = el.children.map((c) => order.indexOf(c.local));
  expect(at.every((i) => i >= 0)).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
}

const DAY_MS = 86_400_000;

describe('the template', () => {
  let pkg: Pkg;
  let all: SheetInfo[];
  let st: Styles;
  const columns = portfolioColumns('zh-CN');
  beforeAll(async () => {
    const file = path.join(dir, 'template.xlsx');
    expect(await run('template', file)).toBe(0);
    pkg = await open(file);
    all = await sheets(pkg);
    st = await styles(pkg);
  });

  test('every part is declared in [Content_Types].xml, and every relationship target exists', async () => {
    const types = await pkg.xml('[Content_Types].xml');
    const defaults = Object.fromEntries(kids(types, 'Default').map((d) => [d.attr.Extension, d.attr.ContentType]));
    expect(defaults).toEqual({ rels: 'application/vnd.openxmlformats-package.relationships+xml', xml: 'application/xml' });
    const overrides = Object.fromEntries(kids(types, 'Override').map((o) => [o.attr.PartName, o.attr.ContentType]));
    for (const name of Object.keys(overrides)) expect(pkg.zip.file(name.slice(1))).not.toBeNull();
    expect(overrides['/customXml/itemProps1.xml']).toBe('application/vnd.openxmlformats-officedocument.customXmlProperties+xml');
    expect(overrides['/xl/workbook.xml']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml');
    for (const name of Object.keys(pkg.zip.files)) {
      if (pkg.zip.files[name].dir) continue;
      const ext = name.split('.').pop()!;
      expect([name, overrides[`/${name}`] ?? defaults[ext]]).toEqual([name, expect.any(String)]);
    }
    for (const part of ['', 'xl/workbook.xml', 'customXml/item1.xml', ...all.map((s) => s.part)]) {
      for (const r of (await rels(pkg, part)).values()) expect([r.target, pkg.zip.file(r.target) !== null]).toEqual([r.target, true]);
    }
    const root = [...(await rels(pkg, '')).values()];
    expect(root.find((r) => r.type.endsWith('/officeDocument'))!.target).toBe('xl/workbook.xml');
  });

  test('the ownership record: customXml/item1.xml, its properties part, relationships and content types', async () => {
    const workbookRels = [...(await rels(pkg, 'xl/workbook.xml')).values()];
    const custom = workbookRels.filter((r) => r.type === 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml');
    expect(custom).toEqual([{ type: expect.any(String), target: 'customXml/item1.xml' }]);
    const raw = (await pkg.text('xl/_rels/workbook.xml.rels')).match(/Type="[^"]*\/customXml" Target="([^"]*)"/);
    expect(raw![1]).toBe('../customXml/item1.xml');
    const props = [...(await rels(pkg, 'customXml/item1.xml')).values()];
    expect(props).toEqual([{ type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps', target: 'customXml/itemProps1.xml' }]);
    const item = await pkg.xml('customXml/itemProps1.xml');
    expect(item.local).toBe('datastoreItem');
    expect(item.uri).toBe('http://schemas.openxmlformats.org/officeDocument/2006/customXml');
    expect(item.attr['ds:itemID']).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    expect(kid(item, 'schemaRefs').children).toEqual([]);
    const xml = await pkg.text('customXml/item1.xml');
    expect(parse(xml).uri).toBe(OWNERSHIP_NAMESPACE);
    expect(parseOwnership(xml)).toEqual({
      portfolio: { table: 'Portfolio', sheet: '项目', columns: Object.fromEntries(OUTPUT_COLUMNS.map((c) => [c.key, c.zh])) },
      summarySheet: null,
    });
  });

  test('the Portfolio table: ref, columns, style with stripes and filter buttons, header cells', () => {
    const p = all[0];
    expect(p.name).toBe('项目');
    const last = letters(columns.length - 1);
    expect(p.table.attr).toMatchObject({ name: 'Portfolio', displayName: 'Portfolio', ref: `A1:${last}2` });
    expect(p.table.attr.headerRowCount ?? '1').toBe('1');
    expect(kid(p.table, 'autoFilter').attr.ref).toBe(`A1:${last}2`);
    expect(kids(kid(p.table, 'tableColumns'), 'tableColumn').map((c) => c.attr.name)).toEqual(columns.map((c) => c.header));
    expect(kid(p.table, 'tableStyleInfo').attr).toMatchObject({ name: 'TableStyleMedium2', showRowStripes: '1' });
    const header = cells(p);
    columns.forEach((c, i) => expect(header.get(`${letters(i)}1`)!.text).toBe(c.header));
    expect(kid(p.root, 'dimension').attr.ref).toBe(`A1:${last}2`);
    const ids = all.map((s) => s.table.attr.id);
    expect(new Set(ids).size).toBe(4);
  });

  test('worksheet and styles elements follow the schema order', () => {
    for (const s of all) expectInOrder(s.root, WORKSHEET_ORDER);
    expectInOrder(st.root, STYLES_ORDER);
  });

  test('frozen header and ID column; side sheets freeze the header', () => {
    const pane = (s: SheetInfo) => kid(kid(kid(s.root, 'sheetViews'), 'sheetView'), 'pane').attr;
    expect(pane(all[0])).toMatchObject({ xSplit: '1', ySplit: '1', topLeftCell: 'B2', state: 'frozen', activePane: 'bottomRight' });
    for (const s of all.slice(1)) {
      expect(pane(s)).toMatchObject({ ySplit: '1', topLeftCell: 'A2', state: 'frozen', activePane: 'bottomLeft' });
      expect(pane(s).xSplit).toBeUndefined();
    }
  });

  test('columns: widths, number formats (dates yyyy-mm-dd), product columns wrapped with a grey bold header', () => {
    const cols = kids(kid(all[0].root, 'cols'), 'col');
    const header = cells(all[0]);
    columns.forEach((c, i) => {
      const col = cols.find((x) => Number(x.attr.min) <= i + 1 && i + 1 <= Number(x.attr.max))!;
      expect([c.header, Number(col.attr.width)]).toEqual([c.header, c.width]);
      const style = Number(col.attr.style ?? 0);
      expect([c.header, st.numFmt(style)]).toEqual([c.header, c.numFmt ?? 'General']);
      const alignment = kids(st.xf(style), 'alignment')[0]?.attr;
      if (c.owner === 'product') {
        expect(alignment).toMatchObject({ wrapText: '1', vertical: 'top' });
        const font = st.font(Number(st.xf(header.get(`${letters(i)}1`)!.s).attr.fontId));
        expect(kids(font, 'b')).toHaveLength(1);
        expect(kid(font, 'color').attr.rgb).toBe('FF595959');
      } else expect(alignment).toBeUndefined();
    });
    expect(columns.filter((c) => c.numFmt === 'yyyy-mm-dd').length).toBeGreaterThan(10);
  });

  test('drop-downs: an inline list per column with a vocabulary, over rows 2..1048576', () => {
    const dv = kid(all[0].root, 'dataValidations');
    const list = kids(dv, 'dataValidation');
    expect(Number(dv.attr.count)).toBe(list.length);
    const expected = columns.flatMap((c, i) => (c.list ? [[`${letters(i)}2:${letters(i)}1048576`, `"${c.list.join(',')}"`]] : []));
    expect(expected).toHaveLength(18);
    expect(list.map((v) => [v.attr.sqref, kid(v, 'formula1').text])).toEqual(expected);
    for (const v of list) {
      expect(v.attr).toMatchObject({ type: 'list', allowBlank: '1' });
      expect(kid(v, 'formula1').text.length).toBeLessThanOrEqual(257);
    }
  });

  test('severity cells coloured by containsText rules with the severity fills', () => {
    const at = columns.findIndex((c) => c.header === '级别');
    const l = letters(at);
    const cf = kid(all[0].root, 'conditionalFormatting');
    expect(cf.attr.sqref).toBe(`${l}2:${l}1048576`);
    const rules = kids(cf, 'cfRule');
    const texts = { critical: '严重', error: '错误', warning: '警告', info: '提示', ok: '正常' };
    expect(rules.map((r) => [r.attr.type, r.attr.operator, r.attr.text, r.attr.priority, kid(r, 'formula').text])).toEqual(
      Object.values(texts).map((t, i) => ['containsText', 'containsText', t, String(i + 1), `NOT(ISERROR(SEARCH("${t}",${l}2)))`]),
    );
    const fills = rules.map((r) => {
      const dxf = kids(kid(st.root, 'dxfs'), 'dxf')[Number(r.attr.dxfId)];
      return kid(kid(kid(dxf, 'fill'), 'patternFill'), 'bgColor').attr.rgb;
    });
    expect(fills).toEqual(Object.keys(texts).map((k) => SEVERITY_FILL[k as keyof typeof texts]));
  });

  test('Settings, Holidays and Materials: tables, widths, date format, drop-downs', () => {
    const [, settings, holidays, materials] = all;
    const s = settingsSheet('zh-CN');
    expect([settings.name, settings.table.attr.name, settings.table.attr.ref]).toEqual(['设置', 'Settings', `A1:D${s.rows.length + 1}`]);
    expect(kid(settings.table, 'tableStyleInfo').attr.name).toBe('TableStyleLight9');
    const settingCells = cells(settings);
    s.rows.forEach((r, i) => {
      expect(settingCells.get(`A${i + 2}`)!.text).toBe(r[0]);
      expect(settingCells.get(`B${i + 2}`)).toBeUndefined();
    });
    expect([holidays.name, holidays.table.attr.name, holidays.table.attr.ref]).toEqual(['节假日', 'Holidays', 'A1:C2']);
    expect(kids(kid(holidays.table, 'tableColumns'), 'tableColumn').map((c) => c.attr.name)).toEqual(holidaysHeaders('zh-CN'));
    const holidayCols = kids(kid(holidays.root, 'cols'), 'col');
    expect(st.numFmt(Number(holidayCols[0].attr.style))).toBe('yyyy-mm-dd');
    expect(holidayCols.map((c) => Number(c.attr.width))).toEqual([14, 10, 24]);
    expect(kids(kid(holidays.root, 'dataValidations'), 'dataValidation').map((v) => [v.attr.sqref, kid(v, 'formula1').text])).toEqual([['B2:B1048576', '"休,班"']]);
    expect([materials.name, materials.table.attr.name]).toEqual(['材料', 'Materials']);
    expect(kids(kid(materials.table, 'tableColumns'), 'tableColumn').map((c) => c.attr.name)).toEqual(materialsHeaders('zh-CN'));
    expect(kid(kid(kid(materials.root, 'dataValidations'), 'dataValidation'), 'formula1').text).toMatch(/^"版本号文件,.*,其他"$/);
  });

  test('in English: English sheet names, headers and ownership record', async () => {
    const file = path.join(dir, 'template-en.xlsx');
    expect(await run('template', file, '--lang', 'en')).toBe(0);
    const en = await open(file);
    expect((await sheets(en)).map((s) => s.name)).toEqual(['Portfolio', 'Settings', 'Holidays', 'Materials']);
    expect(parseOwnership(await en.text('customXml/item1.xml'))!.portfolio).toEqual({
      table: 'Portfolio',
      sheet: 'Portfolio',
      columns: Object.fromEntries(OUTPUT_COLUMNS.map((c) => [c.key, c.en])),
    });
  });
});

describe('a 2,000-row sample', () => {
  const options = { rows: 2000, seed: 5, asOf: dayFromYmd(2026, 11, 21)!, language: 'zh-CN' as const, dates: 'date' as const };
  let pkg: Pkg;
  let sheet: SheetInfo;
  let st: Styles;
  beforeAll(async () => {
    const file = path.join(dir, 'sample.xlsx');
    expect(await run('sample', file, '--rows', '2000', '--seed', '5', '--as-of', '2026-11-21')).toBe(0);
    pkg = await open(file);
    sheet = (await sheets(pkg))[0];
    st = await styles(pkg);
  });

  test('the table covers every row; rows are written in order', () => {
    const last = letters(portfolioColumns('zh-CN').length - 1);
    expect(sheet.table.attr.ref).toBe(`A1:${last}2001`);
    expect(kid(sheet.table, 'autoFilter').attr.ref).toBe(`A1:${last}2001`);
    const rows = kids(kid(sheet.root, 'sheetData'), 'row').map((r) => Number(r.attr.r));
    expect(rows).toEqual(Array.from({ length: 2001 }, (_, i) => i + 1));
  });

  test('texts are shared strings, as Excel writes them: each once in the table, whose counts are right', async () => {
    const all = await sheets(pkg);
    const textCells = all.flatMap((s) => kids(kid(s.root, 'sheetData'), 'row').flatMap((r) => kids(r, 'c'))).filter((c) => c.attr.t === 's');
    const sst = await pkg.xml('xl/sharedStrings.xml');
    expect(Number(sst.attr.count)).toBe(textCells.length);
    expect(Number(sst.attr.uniqueCount)).toBe(sheet.strings.length);
    expect(new Set(sheet.strings).size).toBe(sheet.strings.length);
    expect(all.flatMap((s) => kids(kid(s.root, 'sheetData'), 'row').flatMap((r) => kids(r, 'c'))).filter((c) => c.attr.t === 'inlineStr')).toEqual([]);
  });

  test('every value comes back: text, numbers, and each date as the same day with a date format', () => {
    const table = generateSample(options);
    const got = cells(sheet);
    let dates = 0;
    const wrong: unknown[] = [];
    const check = (ref: string, got: unknown[], want: unknown[]) => {
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push({ ref, got, want });
    };
    table.rows.forEach((row, i) => {
      row.forEach((v: Cell, j) => {
        const ref = `${letters(j)}${i + 2}`;
        const c = got.get(ref);
        if (v === null || v === undefined || v === '') return check(ref, [c], [undefined]);
        if (typeof v === 'string') return check(ref, [c?.t, c?.text], ['s', v]);
        if (typeof v === 'number') return check(ref, [c?.t, Number(c?.v)], [undefined, v]);
        if (!(v instanceof Date)) return check(ref, [c], ['a Date']);
        dates++;
        // Excel's 1900 system from 1900-03-01 on: serial 25569 is 1970-01-01.
        const back = new Date((Number(c?.v) - 25_569) * DAY_MS);
        check(ref, [c?.t, back.toISOString().slice(0, 10), st.numFmt(c?.s ?? 0)], [undefined, v.toISOString().slice(0, 10), 'yyyy-mm-dd']);
      });
    });
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(dates).toBeGreaterThan(2000);
  });
});

describe('text the writer has to make safe', () => {
  const tricky = [
    'a & b < c > d "q" \'s\'',
    'ctrl\u0001\u001fend',
    'line1\r\nline2\nline3\ttab',
    '  leading and trailing  ',
    'looks escaped _x0041_ and _x005F_',
    'lone \uD800 high, lone \uDC00 low',
    'emoji 😀 pair',
    'non-characters \uFFFE\uFFFF',
    '=SUM(A1) is text',
  ];

  test('cell text, a user header and values of every type read back exactly (ST_Xstring decoding)', async () => {
    const file = path.join(dir, 'tricky.xlsx');
    const width = portfolioColumns('zh-CN').filter((c) => c.owner === 'user').length;
    const header = 'my note _x0041_\u0002';
    const base: Cell[] = new Array(width).fill(null);
    const rows: Cell[][] = tricky.map((t, i) => {
      const r = [...base];
      r[0] = `T-${i}`;
      r[width] = t;
      return r;
    });
    rows.push(Object.assign([...base], { 0: 'T-n', [width]: 12.5 }));
    rows.push(Object.assign([...base], { 0: 'T-b', [width]: true }));
    rows.push(Object.assign([...base], { 0: 'T-d', [width]: new Date(Date.UTC(1900, 2, 1)) }));
    await writeNewWorkbook(file, 'zh-CN', { portfolio: rows, userColumns: [header] });
    const pkg = await open(file);
    const [p] = await sheets(pkg);
    const got = cells(p);
    const l = letters(width);
    expect(got.get(`${l}1`)!.text).toBe(header);
    expect(fromXstring(kids(kid(p.table, 'tableColumns'), 'tableColumn')[width].attr.name)).toBe(header);
    tricky.forEach((t, i) => expect(got.get(`${l}${i + 2}`)!.text).toBe(t));
    const n = tricky.length + 2;
    expect(got.get(`${l}${n}`)).toMatchObject({ v: '12.5' });
    expect(got.get(`${l}${n + 1}`)).toMatchObject({ t: 'b', v: '1' });
    expect(got.get(`${l}${n + 2}`)).toMatchObject({ v: '61' }); // 1900-03-01
  });

  test('a cell over 32,767 characters is refused, and an existing file is left as it was', async () => {
    const file = path.join(dir, 'too-long.xlsx');
    fs.writeFileSync(file, 'old');
    await expect(writeNewWorkbook(file, 'zh-CN', { portfolio: [['X-1', 'x'.repeat(32_768)]] })).rejects.toThrow(/32767/);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir).filter((f) => f.includes('too-long') && f !== 'too-long.xlsx')).toEqual([]);
  });
});
