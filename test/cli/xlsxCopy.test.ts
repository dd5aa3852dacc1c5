/**
 * The checked copy of a workbook written by another tool (ExcelJS, then reshaped the way Excel
 * writes tables, validations, conditional formats, names and revision ids): only the product's
 * cells change, every other part comes out byte for byte, and the parts that are rewritten keep
 * everything the product does not own.
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { run } from '../helpers/cli';
import { findBlock, readBlock } from '../../src/cli/xlsx/blocks';
import { WorkbookPackage } from '../../src/cli/xlsx/package';
import { isKeyHeader } from '../../src/workbook/columns';

let dir: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'lt-copy-'));
});
afterAll(async () => {
  if (process.env.LT_KEEP_XLSX) console.log(`files kept in ${dir}`);
  else await fsp.rm(dir, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));


const SHEET = '客户组合';
const OUTPUT_HEADERS = ['当前阶段', '下一步', '可同时办理', '最近截止', '截止事项', '预计上线', '级别', '提醒', '直播资格', '检查时间'];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

async function replaceEntry(zip: JSZip, name: string, f: (xml: string) => string): Promise<void> {
  const xml = await zip.file(name)!.async('string');
  const next = f(xml);
  if (next === xml) throw new Error(`fixture: ${name} unchanged`);
  zip.file(name, next);
}

/**
 * A portfolio as an account manager has it: a title row, the `Portfolio` table (项目编号, 客户,
 * 版本状态, 版本日期, a calculated 截止 column, the user's own 级别 holding VIP), a note, a
 * hyperlink, an image, a validation, conditional formats, a frozen header, a second sheet.
 */
async function buildPortfolio(target: string, opts: { dynamicFilter?: boolean; totalsRow?: boolean } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  ws.getCell('A1').value = 'Q3 客户组合';
  ws.mergeCells('A1:C1');
  ws.getColumn(1).width = 30;
  const rows: ExcelJS.CellValue[][] = [];
  for (let i = 0; i < 5; i++) {
    rows.push([
      `G-00${i}`,
      `客户${i}`,
      i % 2 ? '审核中' : '已通过',
      utc(2026, 11, 10 + i),
      { formula: `D${3 + i}+30`, result: utc(2026, 12, 10 + i) } as ExcelJS.CellFormulaValue,
      i === 2 ? 'VIP' : '普通',
      i === 2 ? '=SUM(1,2)' : `备注 ${i}`,
    ]);
  }
  ws.addTable({
    name: 'Portfolio',
    ref: 'A2',
    headerRow: true,
    totalsRow: !!opts.totalsRow,
    style: { theme: 'TableStyleMedium9', showRowStripes: true },
    columns: [
      { name: '项目编号', filterButton: true, totalsRowLabel: '合计' },
      { name: '客户', filterButton: true, totalsRowFunction: 'count' },
      { name: '版本状态', filterButton: true },
      { name: '版本日期', filterButton: true },
      { name: '截止', filterButton: true },
      { name: '级别', filterButton: true },
      { name: '客户备注', filterButton: true },
    ],
    rows,
  });
  for (let r = 3; r <= 7; r++) {
    ws.getCell(`D${r}`).numFmt = 'yyyy-mm-dd';
    ws.getCell(`E${r}`).numFmt = 'yyyy/m/d';
    ws.getCell(`G${r}`).border = { left: { style: 'thin' }, right: { style: 'thin' } };
  }
  ws.getCell('A3').font = { bold: true, color: { argb: 'FFFF0000' } };
  ws.getCell('B3').note = '客户联系人: 张三';
  (ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add('C3:C1048576', { type: 'list', allowBlank: true, formulae: ['"已通过,审核中"'] });
  ws.addConditionalFormatting({
    ref: 'D3:D7',
    rules: [{ type: 'expression', priority: 1, formulae: ['D3<TODAY()'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } }],
  });
  ws.getCell('T3').value = { text: '控制台', hyperlink: 'https://mp.weixin.qq.com/' };
  ws.getCell('U3').value = { richText: [{ text: '红', font: { bold: true } }, { text: '字' }] };
  ws.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), 'W2:X4');
  wb.definedNames.add(`'${SHEET}'!$A$3:$A$7`, 'AppNames');
  const data = wb.addWorksheet('Lists');
  data.addRow(['类目', '数量']);
  data.addRow(['小程序', 1]);
  data.addRow(['小游戏', { formula: 'B2*2', result: 2 }]);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const total = opts.totalsRow ? 1 : 0;
  const filter = opts.dynamicFilter ? '<filterColumn colId="3"><dynamicFilter type="thisMonth"/></filterColumn>' : '';
  zip.file(
    'xl/tables/table1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr xr3" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" id="1" xr:uid="{6D2D1A0B-0000-4000-8000-000000000001}" name="Portfolio" displayName="Portfolio" ref="A2:G${7 + total}"${total ? ' totalsRowCount="1"' : ' totalsRowShown="0"'}>` +
      `<autoFilter ref="A2:G7" xr:uid="{6D2D1A0B-0000-4000-8000-000000000002}">${filter}</autoFilter><tableColumns count="7">` +
      `<tableColumn id="1" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000011}" name="项目编号"${total ? ' totalsRowLabel="合计"' : ''}/>` +
      `<tableColumn id="2" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000012}" name="客户"${total ? ' totalsRowFunction="count"' : ''}/>` +
      '<tableColumn id="3" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000013}" name="版本状态"/>' +
      '<tableColumn id="4" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000014}" name="版本日期"/>' +
      '<tableColumn id="5" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000015}" name="截止" dataDxfId="1"><calculatedColumnFormula>Portfolio[[#This Row],[版本日期]]+30</calculatedColumnFormula></tableColumn>' +
      '<tableColumn id="6" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000016}" name="级别"/>' +
      '<tableColumn id="9" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000017}" name="客户备注"/>' +
      '</tableColumns><tableStyleInfo name="TableStyleMedium9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
  );
  await replaceEntry(zip, 'xl/worksheets/sheet1.xml', (xml) =>
    xml
      .replace(/<worksheet [^>]*>/, '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xr:uid="{00000000-0001-0000-0000-000000000000}">')
      .replace('</conditionalFormatting>', '</conditionalFormatting><conditionalFormatting sqref="B3:B7"><cfRule type="duplicateValues" dxfId="1" priority="2"/></conditionalFormatting>')
      .replace(/(<dataValidation [^>]*?)>/, '$1 xr:uid="{0B6F1C2D-0000-4000-8000-000000000001}">')
      .replace(
        '</worksheet>',
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Lists!$A$2:$A$3</xm:f></x14:formula1><xm:sqref>Z6:Z20</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>',
      ),
  );
  await replaceEntry(zip, 'xl/styles.xml', (xml) => xml.replace(/<dxfs count="(\d+)">([\s\S]*?)<\/dxfs>/, (_, n: string, inner: string) => `<dxfs count="${Number(n) + 1}">${inner}<dxf><font><b/><color rgb="FF9C0006"/></font></dxf></dxfs>`));
  await replaceEntry(zip, 'xl/workbook.xml', (xml) => xml.replace('</definedNames>', '<definedName name="CategoryList">OFFSET(Lists!$A$2,0,0,COUNTA(Lists!$A:$A)-1,1)</definedName></definedNames>'));
  await fsp.writeFile(target, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function parts(xlsx: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await fsp.readFile(xlsx));
  const out = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out.set(name, await entry.async('nodebuffer'));
  return out;
}

async function partText(xlsx: string, name: string): Promise<string> {
  const p = (await parts(xlsx)).get(name);
  if (!p) throw new Error(`${name} missing from ${xlsx}`);
  return p.toString('utf8');
}

async function table(xlsx: string, names: string[] = ['Portfolio']) {
  const pkg = await WorkbookPackage.open(xlsx);
  try {
    const block = (await findBlock(pkg, names, isKeyHeader))!;
    const data = await readBlock(pkg, block);
    return { block, headers: data.headers, rows: data.rows, ownership: pkg.ownership?.record ?? null };
  } finally {
    pkg.close();
  }
}

/** ExcelJS's view of every cell (an independent reader): value, formula, number format, font, fill, border. */
async function snapshot(xlsx: string, skip: (sheet: string, col: number) => boolean = () => false) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fsp.readFile(xlsx)) as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'tableParts'] });
  const cells: Record<string, unknown> = {};
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (skip(ws.name, c)) return;
        cells[`${ws.name}!${cell.address}`] = { value: cell.value, formula: cell.formula ?? null, numFmt: cell.numFmt ?? null, font: cell.font ?? null, fill: cell.fill ?? null, border: cell.border ?? null, note: cell.note ?? null };
      }),
    );
  }
  const sheets = Object.fromEntries(wb.worksheets.map((ws) => [ws.name, { views: ws.views, merges: Object.keys((ws as unknown as { _merges: object })._merges).sort() }]));
  return { cells, sheets, names: wb.worksheets.map((w) => w.name) };
}

const REWRITTEN = new Set(['xl/worksheets/sheet1.xml', 'xl/tables/table1.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml']);

describe('a workbook written by ExcelJS and reshaped like Excel', () => {
  let input: string;
  let output: string;
  let result: { code: number; out: string; err: string };
  beforeAll(async () => {
    input = file('in.xlsx');
    output = file('out.xlsx');
    await buildPortfolio(input);
    result = await run('check', input, '--out', output, '--as-of', '2026-11-21');
  }, 30_000);

  test('the check succeeds and says the user column 级别 is kept', () => {
    expect(result.code).toBe(0);
    expect(result.err).toContain('「级别」列是你自己的列');
    expect(result.err).toContain('级别（Launch Tracker）');
  });

  test('every part outside the rewritten set is byte-identical', async () => {
    const before = await parts(input);
    const after = await parts(output);
    for (const [name, bytes] of before) {
      if (REWRITTEN.has(name)) continue;
      expect([name, after.get(name)?.equals(bytes)]).toEqual([name, true]);
    }
    const added = [...after.keys()].filter((n) => !before.has(n)).sort();
    // The summary, the state sheet, the History sheet with its table.
    expect(added).toEqual([
      'customXml/_rels/item1.xml.rels',
      'customXml/item1.xml',
      'customXml/itemProps1.xml',
      'xl/tables/table2.xml',
      'xl/worksheets/_rels/sheet5.xml.rels',
      'xl/worksheets/sheet3.xml',
      'xl/worksheets/sheet4.xml',
      'xl/worksheets/sheet5.xml',
    ]);
  });

  test('every input cell keeps its value, formula and style as ExcelJS reads them; the user column 级别 keeps VIP', async () => {
    const before = await snapshot(input);
    const after = await snapshot(output, (s, c) => s === SHEET && c >= 8 && c <= 17);
    expect(after.names).toEqual([SHEET, 'Lists', '汇总', 'LaunchTrackerState', '变更记录']);
    for (const [k, v] of Object.entries(before.cells)) expect([k, after.cells[k]]).toEqual([k, v]);
    expect(after.sheets[SHEET]).toEqual(before.sheets[SHEET]);
    expect(after.cells[`${SHEET}!F5`]).toMatchObject({ value: 'VIP' });
  });

  test('the outputs are beside the table: real dates, texts, the severity coloured', async () => {
    const t = await table(output);
    expect(t.headers).toEqual(['项目编号', '客户', '版本状态', '版本日期', '截止', '级别', '客户备注', '当前阶段', '下一步', '可同时办理', '最近截止', '截止事项', '预计上线', '级别（Launch Tracker）', '提醒', '直播资格', '检查时间']);
    const col = (h: string) => t.headers.indexOf(h);
    expect(t.rows.map((r) => r[col('级别')])).toEqual(['普通', '普通', 'VIP', '普通', '普通']);
    expect(t.rows.every((r) => typeof r[col('级别（Launch Tracker）')] === 'string')).toBe(true);
    expect(t.rows[0][col('检查时间')]).toEqual(new Date(Date.UTC(2026, 10, 21, 15, 30)));
    const json = JSON.parse((await run('check', input, '--json', '--as-of', '2026-11-21')).out) as { id: string; row: number; dueDate: string | null; nextStep: { text: string } }[];
    expect(json.map((r) => r.row)).toEqual([3, 4, 5, 6, 7]);
    for (const r of json) {
      const cells = t.rows[r.row - 3];
      expect(cells[col('下一步')]).toBe(r.nextStep.text);
      expect(cells[col('最近截止')]).toEqual(r.dueDate === null ? null : new Date(`${r.dueDate}T00:00:00Z`));
    }
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.readFile(output);
    const ws = plain.getWorksheet(SHEET)!;
    expect(ws.getCell('Q3').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('N3').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    // new columns take the left neighbour's border, not its number format
    expect(ws.getCell('H3').border).toEqual(ws.getCell('G3').border);
    const xml = await partText(output, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toMatch(/<c r="[H-Q]\d+"[^>]*>\s*<f>/);
    expect(xml).toMatch(/<row r="3"[^>]*spans="1:21"/);
  });

  test('the table part is grown and keeps what Excel wrote', async () => {
    const xml = await partText(output, 'xl/tables/table1.xml');
    expect(xml).toMatch(/<table [^>]*ref="A2:Q7"/);
    expect(xml).toContain('xr:uid="{6D2D1A0B-0000-4000-8000-000000000001}"');
    expect(xml).toMatch(/<autoFilter ref="A2:Q7" xr:uid="\{6D2D1A0B-0000-4000-8000-000000000002\}">/);
    expect(xml).toContain('<calculatedColumnFormula>Portfolio[[#This Row],[版本日期]]+30</calculatedColumnFormula>');
    const cols = [...xml.matchAll(/<tableColumn\b[^>]*\sid="(\d+)"[^>]*\sname="([^"]*)"/g)].map((m) => [Number(m[1]), m[2]]);
    expect(cols.map((c) => c[1])).toEqual((await table(output)).headers);
    expect(new Set(cols.map((c) => c[0])).size).toBe(cols.length);
    expect(cols.slice(7).map((c) => c[0])).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(xml).toMatch(/<tableColumns count="17">/);
  });

  test('styles are appended, never renumbered: every input style and dxf is where it was', async () => {
    const before = await partText(input, 'xl/styles.xml');
    const after = await partText(output, 'xl/styles.xml');
    const xfs = (s: string) => [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(s)![1].matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    expect(xfs(after).slice(0, xfs(before).length)).toEqual(xfs(before));
    expect(xfs(after).length).toBeGreaterThan(xfs(before).length);
    expect(/<dxfs[\s\S]*<\/dxfs>/.exec(after)![0]).toBe(/<dxfs[\s\S]*<\/dxfs>/.exec(before)![0]);
  });

  test('conditional formats, validations, extLst and the merged title stay verbatim in the rewritten sheet', async () => {
    const inXml = await partText(input, 'xl/worksheets/sheet1.xml');
    const outXml = await partText(output, 'xl/worksheets/sheet1.xml');
    const tail = (x: string) => x.slice(x.indexOf('</sheetData>'));
    expect(tail(outXml)).toBe(tail(inXml));
    expect(outXml.slice(0, outXml.indexOf('<sheetData'))).toContain('<sheetViews>');
  });

  test('formulas over the output columns are recalculated when the copy is opened', async () => {
    const wb = await partText(output, 'xl/workbook.xml');
    expect(wb).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    expect(wb).toContain('<definedName name="CategoryList">OFFSET(Lists!$A$2,0,0,COUNTA(Lists!$A:$A)-1,1)</definedName>');
  });

  test('the ownership record names the columns and the summary sheet', async () => {
    const t = await table(output);
    expect(t.ownership?.portfolio?.table).toBe('Portfolio');
    expect(t.ownership?.portfolio?.columns.severity).toBe('级别（Launch Tracker）');
    expect(t.ownership?.summarySheet).toBe('汇总');
    const ct = await partText(output, '[Content_Types].xml');
    expect(ct).toContain('PartName="/customXml/itemProps1.xml"');
    expect(ct).toContain('PartName="/xl/worksheets/sheet3.xml"');
    const rels = await partText(output, 'xl/_rels/workbook.xml.rels');
    expect(rels).toMatch(/Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/customXml" Target="..\/customXml\/item1.xml"/);
  });

  test('checking the copy again reuses the same columns and the same summary sheet', async () => {
    const again = file('again.xlsx');
    const r = await run('check', output, '--out', again, '--as-of', '2026-11-22');
    expect(r.code).toBe(0);
    const once = await table(output);
    const twice = await table(again);
    expect(twice.headers).toEqual(once.headers);
    expect(twice.rows.map((x) => x[5])).toEqual(once.rows.map((x) => x[5]));
    expect((await snapshot(again)).names).toEqual([SHEET, 'Lists', '汇总', 'LaunchTrackerState', '变更记录']);
    const before = await parts(output);
    const after = await parts(again);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.get('xl/tables/table1.xml')!.equals(before.get('xl/tables/table1.xml')!)).toBe(true);
    expect(r.err).not.toContain('你自己的列');
  });
});

describe('tables and ranges', () => {
  test('an active date filter and a totals row: the totals row is no portfolio row', async () => {
    await buildPortfolio(file('filter.xlsx'), { dynamicFilter: true, totalsRow: true });
    const r = await run('check', file('filter.xlsx'), '--out', file('filter-out.xlsx'), '--as-of', '2026-11-21');
    expect(r.code).toBe(0);
    const xml = await partText(file('filter-out.xlsx'), 'xl/tables/table1.xml');
    expect(xml).toMatch(/<table [^>]*ref="A2:Q8"/);
    expect(xml).toMatch(/<autoFilter ref="A2:Q7"/);
    expect(xml).toContain('<dynamicFilter type="thisMonth"/>');
    expect((await table(file('filter-out.xlsx'))).rows).toHaveLength(5);
  });

  test('refuses, in one line, to add columns over a value to the right of the table', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addTable({ name: 'Portfolio', ref: 'A1', columns: [{ name: '项目编号' }], rows: [['G-1'], ['G-2']] });
    ws.getCell('D3').value = '用户自己的';
    await wb.xlsx.writeFile(file('blocked.xlsx'));
    const r = await run('check', file('blocked.xlsx'), '--out', file('blocked-out.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/D3 is not empty/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    await expect(fsp.access(file('blocked-out.xlsx'))).rejects.toThrow();
  });

  test('refuses a value in the totals row where a new column would go', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addTable({ name: 'Portfolio', ref: 'A1', totalsRow: true, columns: [{ name: '项目编号', totalsRowLabel: '合计' }], rows: [['G-1'], ['G-2']] });
    ws.getCell('C4').value = '用户的合计';
    await wb.xlsx.writeFile(file('totals-blocked.xlsx'));
    const r = await run('check', file('totals-blocked.xlsx'), '--out', file('totals-blocked-out.xlsx'));
    expect(r.err).toMatch(/C4 is not empty/);
    expect(r.code).toBe(2);
    await expect(fsp.access(file('totals-blocked-out.xlsx'))).rejects.toThrow();
  });

  test('a blank cell the user formatted where a new column goes keeps its format', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addTable({ name: 'Portfolio', ref: 'A1', columns: [{ name: '项目编号' }, { name: '客户' }], rows: [['G-1', '甲'], ['G-2', '乙']] });
    ws.getCell('C2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    ws.getCell('C2').font = { italic: true };
    await wb.xlsx.writeFile(file('formatted.xlsx'));
    expect((await run('check', file('formatted.xlsx'), '--out', file('formatted-out.xlsx'), '--as-of', '2026-11-21')).code).toBe(0);
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.readFile(file('formatted-out.xlsx'));
    const out = plain.getWorksheet('S')!;
    expect(out.getCell('C1').value).toBe('当前阶段');
    expect(typeof out.getCell('C2').value).toBe('string');
    expect(out.getCell('C2').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });
    expect(out.getCell('C2').font).toMatchObject({ italic: true });
    expect(out.getCell('C3').fill).not.toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
  });

  test('a plain range with a title row: headers appended, the sheet autofilter and its hidden name grown', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Portfolio');
    ws.addRow(['我的客户']);
    ws.addRow(['项目编号', '客户']);
    ws.addRow(['G-1', 'A']);
    ws.addRow(['G-2', 'B']);
    ws.autoFilter = 'A2:B4';
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    await replaceEntry(zip, 'xl/workbook.xml', (xml) =>
      xml.replace('</sheets>', '</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Portfolio!$A$2:$B$4</definedName></definedNames>'),
    );
    await fsp.writeFile(file('plain.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await run('check', file('plain.xlsx'), '--out', file('plain-out.xlsx'))).code).toBe(0);
    const t = await table(file('plain-out.xlsx'));
    expect(t.block.table).toBeNull();
    expect(t.block.headerRow).toBe(2);
    expect(t.headers).toEqual(['项目编号', '客户', ...OUTPUT_HEADERS]);
    expect(t.rows.map((r) => r.slice(0, 2))).toEqual([['G-1', 'A'], ['G-2', 'B']]);
    expect(await partText(file('plain-out.xlsx'), 'xl/worksheets/sheet1.xml')).toContain('<autoFilter ref="A2:L4"/>');
    expect(await partText(file('plain-out.xlsx'), 'xl/workbook.xml')).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Portfolio!$A$2:$L$4</definedName>');
  });

  test('a workbook an earlier version checked (all ten output headers, its 汇总, no record) is updated in place', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目');
    ws.addTable({
      name: 'Portfolio',
      ref: 'A1',
      columns: ['项目编号', '客户', ...OUTPUT_HEADERS].map((name) => ({ name })),
      rows: [['G-1', '甲', '旧阶段', '旧的下一步', null, null, null, null, '警告', '旧提醒', '否', null]],
    });
    const old = wb.addWorksheet('汇总');
    old.getCell('A1').value = 'Launch Tracker 检查汇总';
    old.getCell('A2').value = '旧的汇总';
    await wb.xlsx.writeFile(file('legacy.xlsx'));
    const r = await run('check', file('legacy.xlsx'), '--out', file('legacy-out.xlsx'), '--as-of', '2026-11-21');
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('你自己的列');
    const t = await table(file('legacy-out.xlsx'));
    expect(t.headers).toEqual(['项目编号', '客户', ...OUTPUT_HEADERS]);
    expect(t.rows[0][3]).not.toBe('旧的下一步');
    expect(t.ownership?.portfolio?.columns.nextStep).toBe('下一步');
    const s = await snapshot(file('legacy-out.xlsx'));
    expect(s.names).toEqual(['项目', '汇总', 'LaunchTrackerState', '变更记录']);
    expect(s.cells['汇总!A2']).not.toMatchObject({ value: '旧的汇总' });
  });

  test('a sheet named 汇总 of the user’s own is kept; the summary goes to 汇总 (2)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('项目').addRows([['项目编号'], ['G-1']]);
    wb.addWorksheet('汇总').getCell('A1').value = '我自己的汇总';
    await wb.xlsx.writeFile(file('own-summary.xlsx'));
    expect((await run('check', file('own-summary.xlsx'), '--out', file('own-summary-out.xlsx'))).code).toBe(0);
    const s = await snapshot(file('own-summary-out.xlsx'));
    expect(s.names).toEqual(['项目', '汇总', '汇总 (2)', 'LaunchTrackerState', '变更记录']);
    expect(s.cells['汇总!A1']).toMatchObject({ value: '我自己的汇总' });
    // and the next check replaces 汇总 (2), which the record names
    expect((await run('check', file('own-summary-out.xlsx'), '--out', file('own-summary-2.xlsx'))).code).toBe(0);
    expect((await snapshot(file('own-summary-2.xlsx'))).names).toEqual(['项目', '汇总', '汇总 (2)', 'LaunchTrackerState', '变更记录']);
  });
});

describe('what real writers put in cells', () => {
  /** A minimal package, written by hand the way other tools write it. */
  async function pkg(target: string, sheetXml: string, opts: { sst?: string; date1904?: boolean; styles?: string; absolute?: boolean; macro?: boolean } = {}): Promise<void> {
    const zip = new JSZip();
    const wbType = opts.macro ? 'application/vnd.ms-excel.sheet.macroEnabled.main+xml' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
    zip.file(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${opts.macro ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' : ''}<Override PartName="/xl/workbook.xml" ContentType="${wbType}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${opts.sst ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}${opts.styles ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' : ''}</Types>`,
    );
    zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
    zip.file(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="项目" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    const target1 = opts.absolute ? '/xl/worksheets/sheet1.xml' : 'worksheets/sheet1.xml';
    zip.file(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target1}"/>${opts.sst ? `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="${opts.absolute ? '/xl/' : ''}sharedStrings.xml"/>` : ''}${opts.styles ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' : ''}${opts.macro ? '<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>' : ''}</Relationships>`,
    );
    zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetXml}</sheetData></worksheet>`);
    if (opts.sst) zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${opts.sst}</sst>`);
    if (opts.styles) zip.file('xl/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${opts.styles}</styleSheet>`);
    if (opts.macro) zip.file('xl/vbaProject.bin', Buffer.from('not really VBA, but bytes that must survive'));
    await fsp.writeFile(target, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  }

  const HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目编号</t></is></c><c r="B1" t="inlineStr"><is><t>客户</t></is></c><c r="C1" t="inlineStr"><is><t>版本日期</t></is></c><c r="D1" t="inlineStr"><is><t>版本状态</t></is></c></row>';
  const DATE_STYLES = '<numFmts count="1"><numFmt numFmtId="164" formatCode="0\\%"/></numFmts><fonts count="1"><font/></fonts><fills count="2"><fill/><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>';

  test('shared strings with rich text and phonetic runs, inline rich text, shared formulas, numbers as text', async () => {
    const sst = '<si><t>G-1</t></si><si><r><rPr><b/></rPr><t>云</t></r><r><t xml:space="preserve">帆 </t></r><rPh sb="0" eb="1"><t>yun</t></rPh></si><si><t>已提交_x000D_</t></si>';
    const rows =
      '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><f>DATE(2026,11,2)</f><v>46328</v></c><c r="D2" t="s"><v>2</v></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><r><t>G-</t></r><r><t>2</t></r></is></c><c r="B3" t="str"><f t="shared" ref="B3:B4" si="0">"客"&amp;"户"</f><v>客户</v></c><c r="C3" t="inlineStr"><is><t>20261102</t></is></c></row>' +
      '<row r="4"><c r="A4" t="inlineStr"><is><t>G-3</t></is></c><c r="B4" t="str"><f t="shared" si="0"/><v>客户</v></c><c r="C4" s="2"><v>35</v></c></row>';
    await pkg(file('writers.xlsx'), HEADER + rows, { sst, styles: DATE_STYLES, absolute: true });
    const t = await table(file('writers.xlsx'), ['项目']);
    expect(t.rows).toEqual([
      ['G-1', '云帆 ', new Date(Date.UTC(2026, 10, 2)), '已提交\r'],
      ['G-2', '客户', '20261102', null],
      ['G-3', '客户', 35, null],
    ]);
    const r = await run('check', file('writers.xlsx'), '--out', file('writers-out.xlsx'), '--as-of', '2026-11-21');
    expect(r.code).toBe(0);
    // the 0\% number format (35 shows as 35%) is untouched, and so is the shared strings part
    expect((await partText(file('writers-out.xlsx'), 'xl/styles.xml')).startsWith((await partText(file('writers.xlsx'), 'xl/styles.xml')).slice(0, 100))).toBe(true);
    expect(await partText(file('writers-out.xlsx'), 'xl/styles.xml')).toContain('formatCode="0\\%"');
    expect((await parts(file('writers-out.xlsx'))).get('xl/sharedStrings.xml')!.equals((await parts(file('writers.xlsx'))).get('xl/sharedStrings.xml')!)).toBe(true);
  });

  test('formulas without cached values read as blank, said once on stderr', async () => {
    const rows = '<row r="2"><c r="A2" t="inlineStr"><is><t>G-1</t></is></c><c r="C2"><f>TODAY()</f></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>G-2</t></is></c><c r="C3"><f>TODAY()-1</f></c></row>';
    await pkg(file('nocache.xlsx'), HEADER + rows);
    const r = await run('check', file('nocache.xlsx'), '--out', file('nocache-out.xlsx'));
    expect(r.code).toBe(0);
    expect(r.err.match(/no saved value/g)).toHaveLength(1);
    expect(r.err).toContain('2 formula cell(s)');
  });

  test('the 1904 date system: dates read and written in it', async () => {
    // 2026-11-02 is serial 46328 in the 1900 system, 44866 in the 1904 system
    const rows = '<row r="2"><c r="A2" t="inlineStr"><is><t>G-1</t></is></c><c r="C2" s="1"><v>44866</v></c><c r="D2" t="inlineStr"><is><t>审核中</t></is></c></row>';
    await pkg(file('1904.xlsx'), HEADER + rows, { date1904: true, styles: DATE_STYLES });
    const t = await table(file('1904.xlsx'), ['项目']);
    expect(t.rows[0][2]).toEqual(new Date(Date.UTC(2026, 10, 2)));
    const json = JSON.parse((await run('check', file('1904.xlsx'), '--json', '--as-of', '2026-11-21')).out);
    expect(json[0].dueDate).not.toBeNull();
    expect((await run('check', file('1904.xlsx'), '--out', file('1904-out.xlsx'), '--as-of', '2026-11-21')).code).toBe(0);
    const out = await table(file('1904-out.xlsx'), ['项目']);
    expect(out.rows[0][out.headers.indexOf('最近截止')]).toEqual(new Date(`${json[0].dueDate}T00:00:00Z`));
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.readFile(file('1904-out.xlsx'));
    expect(plain.properties.date1904).toBe(true);
  });

  test('.xlsm: macros kept byte for byte, the copy keeps the extension, a .xlsx copy is refused', async () => {
    await pkg(file('macro.xlsm'), `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>G-1</t></is></c></row>`, { macro: true });
    const r = await run('check', file('macro.xlsm'));
    expect(r.code).toBe(0);
    expect(r.out).toContain(file('macro.checked.xlsm'));
    const before = await parts(file('macro.xlsm'));
    const after = await parts(file('macro.checked.xlsm'));
    expect(after.get('xl/vbaProject.bin')!.equals(before.get('xl/vbaProject.bin')!)).toBe(true);
    expect(await partText(file('macro.checked.xlsm'), '[Content_Types].xml')).toContain('macroEnabled');
    const refused = await run('check', file('macro.xlsm'), '--out', file('macro.xlsx'));
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--out must end in \.xlsm/);
  });
});

describe('files that are not workbooks', () => {
  test.each([
    ['text renamed .xlsx', 'a,b\n1,2\n', /it is not an Excel file/],
    ['empty file', '', /the file is empty/],
    ['legacy .xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]), /old binary \.xls/],
    ['encrypted .xlsx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100), Buffer.from('EncryptionInfo', 'utf16le')]), /password-protected/],
    ['truncated zip', Buffer.from('PK\u0003\u0004garbage'), /not a readable \.xlsx workbook/],
  ])('%s: one line, exit 2', async (_, content, message) => {
    await fsp.writeFile(file('bad.xlsx'), content);
    const r = await run('check', file('bad.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  test('a zip that is not a workbook, and a binary .xlsb', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('word/document.xml', '<w:document/>');
    await fsp.writeFile(file('doc.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await run('check', file('doc.xlsx'))).err).toMatch(/a zip archive but not an Excel workbook/);
    zip.file('xl/workbook.bin', 'binary');
    await fsp.writeFile(file('book.xlsb'), await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await run('check', file('book.xlsb'))).err).toMatch(/binary \.xlsb/);
  });
});
