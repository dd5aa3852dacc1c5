import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip'; // ExcelJS's own dependency: an independent zip implementation for the structural checks
import {
  findSheetByHeader,
  findTable,
  loadXlsx,
  NotAWorkbookError,
  OutputAreaNotEmptyError,
  replaceSheet,
  saveXlsx,
  writeOutputs,
  type OutputColumn,
} from '../../src/cli/xlsx';

let dir: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'lt-xlsx-'));
});
afterAll(async () => {
  if (process.env.LT_KEEP_XLSX) console.log(`xlsx test files kept in ${dir}`);
  else await fsp.rm(dir, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const SHEET = '客户组合';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

/**
 * A portfolio workbook as an account manager would have it: a title row, the `Portfolio` table with Chinese headers,
 * dates, a formula column, a user column, data validation lists, conditional formatting, frozen header, notes,
 * a hyperlink, an image, a second sheet with data. Built with ExcelJS, then reshaped the way Excel writes it
 * (table part without headerRowCount, calculated column, revision ids, x14 list validation pointing at another sheet,
 * a duplicateValues rule, an OFFSET defined name) because that is what ExcelJS gets wrong.
 */
async function buildPortfolio(target: string, opts: { dynamicFilter?: boolean; totalsRow?: boolean } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  ws.getCell('A1').value = 'Q3 客户组合';
  ws.mergeCells('A1:C1');
  ws.getColumn(1).width = 30;
  ws.getColumn(4).width = 14;
  const rows: ExcelJS.CellValue[][] = [];
  for (let i = 0; i < 5; i++) {
    rows.push([
      `小程序${i}`,
      `wx${i}abc`,
      i % 2 ? '小游戏' : '小程序',
      utc(2024, 1, 10 + i),
      { formula: `D${3 + i}+30`, result: utc(2024, 2, 9 + i) } as ExcelJS.CellFormulaValue,
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
      { name: '小程序名称', filterButton: true, totalsRowLabel: '合计' },
      { name: 'AppID', filterButton: true, totalsRowFunction: 'count' },
      { name: '类目', filterButton: true },
      { name: '提审日期', filterButton: true },
      { name: '截止', filterButton: true },
      { name: '客户备注', filterButton: true },
    ],
    rows,
  });
  for (let r = 3; r <= 7; r++) {
    ws.getCell(`D${r}`).numFmt = 'yyyy-mm-dd';
    ws.getCell(`E${r}`).numFmt = 'yyyy/m/d';
  }
  ws.getCell('A3').font = { bold: true, color: { argb: 'FFFF0000' } };
  ws.getCell('A3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell('B3').note = '客户联系人: 张三';
  ws.getRow(3).height = 25;
  (ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add('C3:C1048576', { type: 'list', allowBlank: true, formulae: ['"小程序,小游戏"'] });
  ws.addConditionalFormatting({
    ref: 'D3:D7',
    rules: [{ type: 'expression', priority: 1, formulae: ['D3<TODAY()'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } }],
  });
  // far to the right of the table: hyperlink, shared formula, rich text, errors, image
  ws.getCell('L3').value = { text: '控制台', hyperlink: 'https://mp.weixin.qq.com/' };
  ws.getCell('M3').value = { formula: 'A3&"x"', result: '小程序0x', shareType: 'shared', ref: 'M3:M5' } as ExcelJS.CellValue;
  ws.getCell('M4').value = { sharedFormula: 'M3', result: '小程序1x' } as ExcelJS.CellValue;
  ws.getCell('M5').value = { sharedFormula: 'M3', result: '小程序2x' } as ExcelJS.CellValue;
  ws.getCell('N3').value = { richText: [{ text: '红', font: { bold: true } }, { text: '字' }] };
  ws.getCell('N4').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  ws.getCell('N5').value = { formula: 'NA()', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue;
  ws.getColumn(14).hidden = true;
  ws.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), 'P2:Q4');
  wb.definedNames.add(`'${SHEET}'!$A$3:$A$7`, 'AppNames');
  const data = wb.addWorksheet('Lists');
  data.addRow(['类目', '数量']);
  data.addRow(['小程序', 1]);
  data.addRow(['小游戏', { formula: 'B2*2', result: 2 }]);
  const exceljsBuf = Buffer.from(await wb.xlsx.writeBuffer());

  // Reshape to Excel's way of writing these parts.
  const zip = await JSZip.loadAsync(exceljsBuf);
  const total = opts.totalsRow ? 1 : 0;
  const ref = `A2:F${7 + total}`;
  const filter = opts.dynamicFilter ? '<filterColumn colId="3"><dynamicFilter type="thisMonth"/></filterColumn>' : '';
  await replaceEntry(zip, 'xl/tables/table1.xml', () =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr xr3" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" id="1" xr:uid="{6D2D1A0B-0000-4000-8000-000000000001}" name="Portfolio" displayName="Portfolio" ref="${ref}"${total ? ' totalsRowCount="1"' : ' totalsRowShown="0"'}>` +
    `<autoFilter ref="A2:F7" xr:uid="{6D2D1A0B-0000-4000-8000-000000000002}">${filter}</autoFilter><tableColumns count="6">` +
    `<tableColumn id="1" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000011}" name="小程序名称"${total ? ' totalsRowLabel="合计"' : ''}/>` +
    `<tableColumn id="2" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000012}" name="AppID"${total ? ' totalsRowFunction="count"' : ''}/>` +
    '<tableColumn id="3" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000013}" name="类目"/>' +
    '<tableColumn id="4" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000014}" name="提审日期"/>' +
    '<tableColumn id="5" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000015}" name="截止" dataDxfId="1"><calculatedColumnFormula>Portfolio[[#This Row],[提审日期]]+30</calculatedColumnFormula></tableColumn>' +
    '<tableColumn id="6" xr3:uid="{6D2D1A0B-0000-4000-8000-000000000016}" name="客户备注"/>' +
    '</tableColumns><tableStyleInfo name="TableStyleMedium9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
  );
  await replaceEntry(zip, 'xl/worksheets/sheet1.xml', (xml) =>
    xml
      .replace(
        /<worksheet [^>]*>/,
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" xr:uid="{00000000-0001-0000-0000-000000000000}">',
      )
      .replace(
        '</conditionalFormatting>',
        '</conditionalFormatting><conditionalFormatting sqref="B3:B7"><cfRule type="duplicateValues" dxfId="1" priority="2"/></conditionalFormatting>' +
          '<conditionalFormatting sqref="F3:F7"><cfRule type="containsText" dxfId="0" priority="3" stopIfTrue="1" operator="containsText" text="急"><formula>NOT(ISERROR(SEARCH("急",F3)))</formula></cfRule></conditionalFormatting>',
      )
      .replace(/(<dataValidation [^>]*?)>/, '$1 xr:uid="{0B6F1C2D-0000-4000-8000-000000000001}">')
      .replace(
        '</worksheet>',
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>Lists!$A$2:$A$3</xm:f></x14:formula1><xm:sqref>R6:R20</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>',
      ),
  );
  await replaceEntry(zip, 'xl/styles.xml', (xml) =>
    xml.replace(/<dxfs count="(\d+)">([\s\S]*?)<\/dxfs>/, (_, n: string, inner: string) => `<dxfs count="${Number(n) + 1}">${inner}<dxf><font><b/><color rgb="FF9C0006"/></font></dxf></dxfs>`),
  );
  await replaceEntry(zip, 'xl/workbook.xml', (xml) =>
    xml.replace('</definedNames>', '<definedName name="CategoryList">OFFSET(Lists!$A$2,0,0,COUNTA(Lists!$A:$A)-1,1)</definedName></definedNames>'),
  );
  await fsp.writeFile(target, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function replaceEntry(zip: JSZip, name: string, f: (xml: string) => string): Promise<void> {
  const xml = await zip.file(name)!.async('string');
  const next = f(xml);
  if (next === xml && name !== 'xl/tables/table1.xml') throw new Error(`fixture: ${name} unchanged`);
  zip.file(name, next);
}

async function partText(xlsx: string, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fsp.readFile(xlsx));
  const f = zip.file(name);
  if (!f) throw new Error(`${name} missing from ${xlsx}`);
  return f.async('string');
}

/** Plain ExcelJS view of a workbook's cells (the reference for "unchanged"). */
async function snapshot(xlsx: string, skipCols: (sheet: string, col: number) => boolean = () => false) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fsp.readFile(xlsx)) as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'] });
  const cells: Record<string, unknown> = {};
  const sheets: Record<string, unknown> = {};
  for (const ws of wb.worksheets) {
    sheets[ws.name] = {
      views: ws.views,
      widths: ws.columns?.map((c) => [c.width ?? null, c.hidden ?? false]),
      merges: Object.keys((ws as unknown as { _merges: object })._merges).sort(),
      heights: [1, 2, 3, 4].map((r) => ws.getRow(r).height ?? null),
    };
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (skipCols(ws.name, c)) return;
        cells[`${ws.name}!${cell.address}`] = {
          value: cell.value,
          type: cell.type,
          formula: cell.formula ?? null,
          numFmt: cell.numFmt ?? null,
          font: cell.font ?? null,
          fill: cell.fill ?? null,
          note: cell.note ?? null,
          r,
        };
      }),
    );
  }
  return { cells, sheets, sheetNames: wb.worksheets.map((w) => w.name) };
}

const hasFill = (cell: ExcelJS.Cell) => !!cell.fill && (cell.fill as ExcelJS.FillPattern).pattern !== 'none';

const OUTPUTS: OutputColumn[] = [
  { header: '下一步', kind: 'text' },
  { header: '到期日', kind: 'date' },
  { header: '更新时间', kind: 'datetime' },
];

function outputValues(n: number) {
  return Array.from({ length: n }, (_, i) => [
    i === 1 ? '=HYPERLINK("http://evil")' : i === 3 ? '+86 138' : `提交审核 ${i}`,
    i === 4 ? null : utc(2024, 6, 1 + i),
    new Date(Date.UTC(2024, 5, 1, 9, 30)),
  ]);
}

describe('reading', () => {
  test('findTable reads an Excel-written Portfolio table (header row, dates, cached formula results)', async () => {
    await buildPortfolio(file('read.xlsx'));
    const wb = await loadXlsx(file('read.xlsx'));
    const block = findTable(wb, ['PORTFOLIO'])!;
    expect(block).toMatchObject({ sheetName: SHEET, tableName: 'Portfolio', headerRow: 2, firstCol: 1 });
    // ExcelJS alone reads this table as header-less and loses every column after the calculated one
    expect(block.headers).toEqual(['小程序名称', 'AppID', '类目', '提审日期', '截止', '客户备注']);
    expect(block.rows).toHaveLength(5);
    expect(block.rows[0]).toEqual(['小程序0', 'wx0abc', '小程序', utc(2024, 1, 10), utc(2024, 2, 9), '备注 0']);
    expect(block.rows[2][5]).toBe('=SUM(1,2)');
    expect(wb.warnings).toEqual([]);
  });

  test('plain ranges, title rows, rich text, hyperlinks, errors', async () => {
    const wb0 = new ExcelJS.Workbook();
    const ws = wb0.addWorksheet('Portfolio');
    ws.getCell('B1').value = '我的客户';
    ws.addRow([]);
    ws.getRow(3).values = [null, 'AppID', '名称', '链接', '状态'];
    ws.getRow(4).values = [null, 'wx1', { richText: [{ text: '甲' }, { text: '乙' }] }, { text: '官网', hyperlink: 'https://a.cn' }, { error: '#N/A' }];
    ws.getRow(5).values = [null, 'wx2', 'B', null, { formula: '1+1', result: 2 }];
    ws.getRow(8).values = [null, null, null, null, null];
    await wb0.xlsx.writeFile(file('range.xlsx'));
    const wb = await loadXlsx(file('range.xlsx'));
    const first = findTable(wb, ['portfolio'])!;
    expect(first.headerRow).toBe(1); // first non-empty row, as specified
    const block = findTable(wb, ['x', 'Portfolio'], (h) => h === 'AppID')!;
    expect(block).toMatchObject({ tableName: null, headerRow: 3, firstCol: 2, headers: ['AppID', '名称', '链接', '状态'] });
    expect(block.rows).toEqual([
      ['wx1', '甲乙', '官网', '#N/A'],
      ['wx2', 'B', null, 2],
    ]);
    expect(findSheetByHeader(wb, (h) => h === '名称')?.headerRow).toBe(3);
    expect(findSheetByHeader(wb, (h) => h === 'nope')).toBeNull();
    expect(findTable(wb, ['nope'])).toBeNull();
  });
});

describe('round trip', () => {
  let input: string;
  let output: string;
  beforeAll(async () => {
    input = file('in.xlsx');
    output = file('out.xlsx');
    await buildPortfolio(input);
    const wb = await loadXlsx(input);
    const block = findTable(wb, ['Portfolio'])!;
    const fills = block.rows.map((_, i) => [null, i === 0 ? 'FFFFC7CE' : null, null]);
    writeOutputs(wb, block, OUTPUTS, outputValues(block.rows.length), fills);
    expect(block.headers.slice(6)).toEqual(['下一步', '到期日', '更新时间']);
    replaceSheet(wb, 'Summary', [['指标', '数量', '日期'], ['逾期', 2, utc(2024, 6, 1)], ['=cmd', null, null]], {
      boldFirstRow: true,
      columnWidths: [20, 10, 12],
    });
    await saveXlsx(wb, output);
  });

  test('every input cell, style, width, view and merge is unchanged', async () => {
    const before = await snapshot(input);
    const after = await snapshot(output, (s, c) => s === SHEET && c >= 7 && c <= 9);
    expect(after.sheetNames).toEqual([SHEET, 'Lists', 'Summary']);
    for (const [k, v] of Object.entries(before.cells)) expect([k, after.cells[k]]).toEqual([k, v]);
    const sheetsBefore = before.sheets as Record<string, { widths: unknown[] }>;
    const sheetsAfter = after.sheets as Record<string, { widths: unknown[] }>;
    expect(sheetsAfter[SHEET]).toEqual({ ...sheetsBefore[SHEET], widths: expect.any(Array) });
    expect(sheetsAfter[SHEET].widths.slice(0, 6)).toEqual(sheetsBefore[SHEET].widths.slice(0, 6));
    expect(sheetsAfter[SHEET].widths.slice(9)).toEqual(sheetsBefore[SHEET].widths.slice(9));
    expect(sheetsAfter.Lists).toEqual(sheetsBefore.Lists);
  });

  test('outputs are real dates, strings stay strings, fills are applied', async () => {
    const wb = await loadXlsx(output);
    const block = findTable(wb, ['Portfolio'])!;
    expect(block.headers).toEqual(['小程序名称', 'AppID', '类目', '提审日期', '截止', '客户备注', '下一步', '到期日', '更新时间']);
    expect(block.rows.map((r) => r.slice(6))).toEqual(outputValues(5));

    const plain = new ExcelJS.Workbook();
    await plain.xlsx.readFile(output);
    const ws = plain.getWorksheet(SHEET)!;
    expect(ws.getCell('H3').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('I3').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('H3').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(hasFill(ws.getCell('H4'))).toBe(false);
    expect(ws.getCell('G4').type).toBe(ExcelJS.ValueType.String);

    const sheetXml = await partText(output, 'xl/worksheets/sheet1.xml');
    // no formula was created from text, dates are serial numbers
    expect(sheetXml).not.toMatch(/<c r="G\d+"[^>]*>\s*<f>/);
    expect(sheetXml).toMatch(/<c r="H3" s="\d+"><v>45444<\/v><\/c>/);
    expect(sheetXml).toMatch(/<c r="I3" s="\d+"><v>45444\.39583333\d*<\/v><\/c>/);
    const summary = plain.getWorksheet('Summary')!;
    expect(summary.getCell('A3').value).toBe('=cmd');
    expect(summary.getCell('C2').value).toEqual(utc(2024, 6, 1));
    expect(summary.getCell('A1').font).toMatchObject({ bold: true });
    expect(summary.getColumn(1).width).toBe(20);
  });

  test('the table part is grown consistently and keeps what Excel wrote', async () => {
    const zip = await JSZip.loadAsync(await fsp.readFile(output));
    const tables = Object.keys(zip.files).filter((n) => /^xl\/tables\/.+\.xml$/.test(n));
    expect(tables).toHaveLength(1);
    const xml = await zip.file(tables[0])!.async('string');
    const attr = (tag: string, name: string) => new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1];
    expect(attr('table', 'ref')).toBe('A2:I7');
    expect(attr('table', 'name')).toBe('Portfolio');
    expect(attr('table', 'headerRowCount')).toBeUndefined(); // i.e. the default 1, not ExcelJS's "0"
    expect(attr('autoFilter', 'ref')).toBe('A2:I7');
    expect(xml).not.toMatch(/hiddenButton="1"/);
    const cols = [...xml.matchAll(/<tableColumn\b[^>]*\sid="(\d+)"[^>]*\sname="([^"]*)"/g)].map((m) => [Number(m[1]), m[2]]);
    expect(Number(attr('tableColumns', 'count'))).toBe(cols.length);
    expect(cols.map((c) => c[1])).toEqual(['小程序名称', 'AppID', '类目', '提审日期', '截止', '客户备注', '下一步', '到期日', '更新时间']);
    expect(new Set(cols.map((c) => c[0])).size).toBe(cols.length);
    expect(xml).toContain('<calculatedColumnFormula>Portfolio[[#This Row],[提审日期]]+30</calculatedColumnFormula>');
    // its dxf id points at the same differential format as before
    const dxfId = Number(/name="截止" dataDxfId="(\d+)"/.exec(xml)![1]);
    const dxfs = [...(await partText(output, 'xl/styles.xml')).matchAll(/<dxf>[\s\S]*?<\/dxf>/g)].map((m) => m[0]);
    const inputDxfs = [...(await partText(input, 'xl/styles.xml')).matchAll(/<dxf>[\s\S]*?<\/dxf>/g)].map((m) => m[0]);
    expect(dxfs[dxfId]).toBe(inputDxfs[1]);
    // header cells match the column names
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.readFile(output);
    const headerRow = plain.getWorksheet(SHEET)!.getRow(2);
    expect(cols.map((_, j) => headerRow.getCell(1 + j).value)).toEqual(cols.map((c) => c[1]));
    // the sheet refers to the table part, once
    const sheetXml = await partText(output, 'xl/worksheets/sheet1.xml');
    expect(sheetXml.match(/<tablePart /g)).toHaveLength(1);
  });

  test('conditional formats, validations, names and notes survive verbatim and in schema order', async () => {
    const inXml = await partText(input, 'xl/worksheets/sheet1.xml');
    const outXml = await partText(output, 'xl/worksheets/sheet1.xml');
    const pick = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[0].replace(/ xr:uid="[^"]*"/g, ''));
    const cf = /<conditionalFormatting[\s\S]*?<\/conditionalFormatting>/g;
    expect(pick(outXml, cf)).toEqual(pick(inXml, cf)); // no ExcelJS CF of its own here, so dxf ids are unchanged
    expect(pick(outXml, cf).join('')).toContain('type="duplicateValues"');
    const dv = /<dataValidations[\s\S]*?<\/dataValidations>/g;
    expect(pick(outXml, dv)).toEqual(pick(inXml, dv));
    expect(pick(outXml, dv)[0]).toContain('sqref="C3:C1048576"');
    expect(outXml).toContain('<xm:f>Lists!$A$2:$A$3</xm:f></x14:formula1><xm:sqref>R6:R20</xm:sqref>');
    // CT_Worksheet order: ... mergeCells, conditionalFormatting, dataValidations, hyperlinks, ..., drawing, legacyDrawing, tableParts, extLst
    const order = ['<mergeCells', '<conditionalFormatting', '<dataValidations', '<hyperlinks', '<pageMargins', '<drawing', '<legacyDrawing', '<tableParts', '<extLst'];
    const positions = order.map((t) => outXml.indexOf(t));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // every prefix used is declared
    for (const prefix of new Set([...outXml.matchAll(/<\/?([a-z0-9]+):/gi)].map((m) => m[1]))) {
      expect(outXml).toMatch(new RegExp(`xmlns:${prefix}=`));
    }

    const names = await partText(output, 'xl/workbook.xml');
    expect(names).toContain('<definedName name="CategoryList">OFFSET(Lists!$A$2,0,0,COUNTA(Lists!$A:$A)-1,1)</definedName>');
    expect(names).toMatch(/<definedName name="AppNames">[^<]*\$A\$3:\$A\$7<\/definedName>/);
    expect(names).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  test('running again overwrites the output columns in place', async () => {
    const wb = await loadXlsx(output);
    const block = findTable(wb, ['Portfolio'])!;
    const values = block.rows.map(() => ['完成', null, null] as (string | Date | null)[]);
    writeOutputs(wb, block, OUTPUTS, values, block.rows.map(() => [null, null, null]));
    await saveXlsx(wb, file('out2.xlsx'));
    const again = findTable(await loadXlsx(file('out2.xlsx')), ['Portfolio'])!;
    expect(again.headers).toHaveLength(9);
    expect(again.rows.map((r) => r.slice(6))).toEqual(values);
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.readFile(file('out2.xlsx'));
    expect(hasFill(plain.getWorksheet(SHEET)!.getCell('H3'))).toBe(false);
    expect(await partText(file('out2.xlsx'), 'xl/tables/table1.xml')).toMatch(/ref="A2:I7"/);
    expect(plain.worksheets.map((w) => w.name)).toEqual([SHEET, 'Lists', 'Summary']);
  });
});

describe('tables Excel writes that ExcelJS cannot read', () => {
  test('an active date filter (ExcelJS throws) and a totals row', async () => {
    await buildPortfolio(file('filter.xlsx'), { dynamicFilter: true, totalsRow: true });
    await expect(new ExcelJS.Workbook().xlsx.readFile(file('filter.xlsx'))).rejects.toThrow(/dynamicFilter/);
    const wb = await loadXlsx(file('filter.xlsx'));
    const block = findTable(wb, ['Portfolio'])!;
    expect(block.rows).toHaveLength(5); // totals row excluded
    writeOutputs(wb, block, [{ header: '下一步', kind: 'text' }], block.rows.map((_, i) => [`s${i}`]));
    await saveXlsx(wb, file('filter-out.xlsx'));
    const xml = await partText(file('filter-out.xlsx'), 'xl/tables/table1.xml');
    expect(xml).toMatch(/<table [^>]*ref="A2:G8"/);
    expect(xml).toMatch(/<autoFilter ref="A2:G7">/);
    expect(xml).toContain('<dynamicFilter type="thisMonth"/>');
    expect(xml).toMatch(/totalsRowCount="1"/);
    expect(xml).toMatch(/<tableColumns count="7">/);
    const again = findTable(await loadXlsx(file('filter-out.xlsx')), ['Portfolio'])!;
    expect(again.rows.map((r) => r[6])).toEqual(['s0', 's1', 's2', 's3', 's4']);
  });
});

describe('writing guards', () => {
  test('refuses to overwrite a value to the right of the table', async () => {
    const wb0 = new ExcelJS.Workbook();
    const ws = wb0.addWorksheet('S');
    ws.addTable({ name: 'Portfolio', ref: 'A1', columns: [{ name: 'AppID' }], rows: [['wx1'], ['wx2']] });
    ws.getCell('C3').value = '用户自己的';
    await wb0.xlsx.writeFile(file('blocked.xlsx'));
    const wb = await loadXlsx(file('blocked.xlsx'));
    const block = findTable(wb, ['Portfolio'])!;
    expect(() => writeOutputs(wb, block, OUTPUTS, [['a', null, null], ['b', null, null]])).toThrow(OutputAreaNotEmptyError);
    expect(() => writeOutputs(wb, block, OUTPUTS.slice(0, 1), [['a'], ['b']])).not.toThrow();
    expect(() => writeOutputs(wb, block, OUTPUTS.slice(0, 1), [['a']])).toThrow(/1 value rows for 2 data rows/);
  });

  test('plain range: headers appended and the sheet autofilter grown', async () => {
    const wb0 = new ExcelJS.Workbook();
    const ws = wb0.addWorksheet('Portfolio');
    ws.addRow(['AppID', '名称']);
    ws.addRow(['wx1', 'A']);
    ws.addRow(['wx2', 'B']);
    ws.autoFilter = 'A1:B3';
    // as Excel writes an active filter: criteria, the hidden name, plus an ignored-errors block
    const zip = await JSZip.loadAsync(await wb0.xlsx.writeBuffer());
    await replaceEntry(zip, 'xl/worksheets/sheet1.xml', (xml) =>
      xml
        .replace('<autoFilter ref="A1:B3"/>', '<autoFilter ref="A1:B3"><filterColumn colId="1"><filters><filter val="A"/></filters></filterColumn></autoFilter>')
        .replace('</worksheet>', '<ignoredErrors><ignoredError sqref="A2:A3" numberStoredAsText="1"/></ignoredErrors></worksheet>'),
    );
    await replaceEntry(zip, 'xl/workbook.xml', (xml) =>
      xml.replace('</sheets>', '</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Portfolio!$A$1:$B$3</definedName></definedNames>'),
    );
    await fsp.writeFile(file('plain.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    const wb = await loadXlsx(file('plain.xlsx'));
    const block = findTable(wb, ['Portfolio'])!;
    writeOutputs(wb, block, OUTPUTS.slice(0, 2), [['x', utc(2024, 1, 2)], ['y', null]]);
    await saveXlsx(wb, file('plain-out.xlsx'));
    const out = findTable(await loadXlsx(file('plain-out.xlsx')), ['Portfolio'])!;
    expect(out.headers).toEqual(['AppID', '名称', '下一步', '到期日']);
    expect(out.rows).toEqual([
      ['wx1', 'A', 'x', utc(2024, 1, 2)],
      ['wx2', 'B', 'y', null],
    ]);
    const sheetXml = await partText(file('plain-out.xlsx'), 'xl/worksheets/sheet1.xml');
    expect(sheetXml).toContain('<autoFilter ref="A1:D3"><filterColumn colId="1"><filters><filter val="A"/></filters></filterColumn></autoFilter>');
    expect(sheetXml).toMatch(/<\/autoFilter>.*<pageMargins.*<ignoredErrors>.*<\/ignoredErrors><\/worksheet>/);
    expect(await partText(file('plain-out.xlsx'), 'xl/workbook.xml')).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Portfolio'!$A$1:$D$3</definedName>`,
    );
  });

  test('replaceSheet keeps the position of an existing Summary sheet and drops its old content', async () => {
    const wb0 = new ExcelJS.Workbook();
    wb0.addWorksheet('Portfolio').addRow(['AppID']);
    const old = wb0.addWorksheet('Summary');
    old.getCell('Z99').value = 'old';
    old.addConditionalFormatting({ ref: 'A1', rules: [{ type: 'expression', priority: 1, formulae: ['TRUE'], style: {} }] });
    wb0.addWorksheet('Notes').addRow(['n']);
    await wb0.xlsx.writeFile(file('summary.xlsx'));
    const wb = await loadXlsx(file('summary.xlsx'));
    replaceSheet(wb, 'Summary', [['new']]);
    await saveXlsx(wb, file('summary-out.xlsx'));
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.readFile(file('summary-out.xlsx'));
    expect(plain.worksheets.map((w) => w.name)).toEqual(['Portfolio', 'Summary', 'Notes']);
    expect(plain.getWorksheet('Summary')!.getCell('Z99').value).toBeNull();
    expect(plain.getWorksheet('Summary')!.getCell('A1').value).toBe('new');
    const zip = await JSZip.loadAsync(await fsp.readFile(file('summary-out.xlsx')));
    const sheetXmls = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/sheet')).map((n) => zip.file(n)!.async('string')));
    expect(sheetXmls.join('')).not.toContain('conditionalFormatting');
  });
});

describe('files that are not workbooks', () => {
  test.each([
    ['text renamed .xlsx', 'a,b\n1,2\n', 'not-zip'],
    ['empty file', '', 'empty'],
    ['legacy .xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]), 'xls'],
    ['encrypted .xlsx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100), Buffer.from('EncryptionInfo', 'utf16le')]), 'encrypted'],
    ['truncated zip', Buffer.from('PK\u0003\u0004garbage'), 'not-zip'],
  ])('%s', async (_, content, reason) => {
    await fsp.writeFile(file('bad.xlsx'), content);
    const err = await loadXlsx(file('bad.xlsx')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotAWorkbookError);
    expect((err as NotAWorkbookError).reason).toBe(reason);
  });

  test('a zip that is not a workbook', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    await fsp.writeFile(file('doc.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    await expect(loadXlsx(file('doc.xlsx'))).rejects.toMatchObject({ reason: 'not-xlsx' });
  });

  test('missing file is an ordinary ENOENT', async () => {
    await expect(loadXlsx(file('nope.xlsx'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
