/**
 * Writes NEW workbooks — the template, generated samples and the bundled example — as a
 * small, explicit SpreadsheetML package: the same content the task pane's "Create portfolio"
 * builds (the Portfolio table with drop-downs, date formats, frozen header and ID column,
 * coloured severities; the Settings, Holidays and Materials tables) and the ownership record
 * (a custom XML part saying which columns are the product's, src/workbook/ownership.ts).
 *
 * The package is zipped with yazl. Small parts go in as buffers; the Portfolio sheet, the only
 * big one (100 000 rows ≈ 120 MB of XML), is generated lazily row by row into 64 KB chunks and
 * streamed through zlib, so memory holds the rows given and no sheet-sized string.
 *
 * Cell strings go into the shared string table (t="s"), as Excel, WPS, LibreOffice and openpyxl
 * write them: a sample is then a workbook like the ones users have, and a third smaller. The table
 * is built while the sheets stream and written after them (the zip asks for its parts in order).
 *
 * Element order follows the schema (ECMA-376 Part 1, §18.3.1.99 CT_Worksheet: dimension,
 * sheetViews, sheetFormatPr, cols, sheetData, conditionalFormatting, dataValidations,
 * pageMargins, tableParts; §18.8.39 CT_Stylesheet: numFmts, fonts, fills, borders,
 * cellStyleXfs, cellXfs, cellStyles, dxfs, tableStyles).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { dayFromUtcDate, excelSerialFromDay } from '../../rules/dates';
import { columnLetters } from '../../workbook/address';
import { outputColumnFor } from '../../workbook/columns';
import { SEVERITY_FILL } from '../../workbook/output';
import { OWNERSHIP_NAMESPACE, serializeOwnership } from '../../workbook/ownership';
import {
  DATE_FORMAT,
  holidaysHeaders,
  holidayTypes,
  materialSlots,
  materialsHeaders,
  outputHeaders,
  portfolioColumns,
  settingsSheet,
  sheetNames,
  TABLE_NAMES,
  TemplateColumn,
} from '../../workbook/template';
import type { Cell } from '../../workbook/values';
import { xmlAttr, xmlText } from '../../workbook/xmlText';
import { writeAtomically } from '../files';
import { writeZip, ZipOut } from './zip';
import { isDateFormatCode } from './numFmt';
import { catalogFor } from '../../rules/i18n';
import type { Language, RowSeverity } from '../../rules/types';

/** Content for a filled workbook (samples, the bundled example); the template has none. */
export interface WorkbookContent {
  /** Rows of input values (and then values of `userColumns`, in order). */
  portfolio?: Cell[][];
  /** The user's own extra columns, placed after the input columns. */
  userColumns?: string[];
  /** Setting key (English or Chinese name, as in the sheet) → value typed in the Value column. */
  settings?: Record<string, Cell>;
  holidays?: Cell[][];
  materials?: Cell[][];
}

export interface WriteOptions {
  /** The document's creation time (docProps/core.xml and the zip entries' times); default now. */
  created?: Date;
}


const LAST_ROW = 1_048_576;
/** Excel's limit on the text of one cell. */
const MAX_CELL_TEXT = 32_767;
/** Excel's limit on an inline (comma-separated) list of a list data validation. */
const MAX_INLINE_LIST = 255;
const CHUNK = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// XML text

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  theme: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  customXml: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml',
  customXmlProps: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
} as const;
const CT = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  customXmlProps: 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  rels: 'application/vnd.openxmlformats-package.relationships+xml',
} as const;
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------------------------------------------------------------------------------------------
// Cell values

const MS_PER_DAY = 86_400_000;

/** A JS Date (UTC midnight = the day; a time of day as the fraction) as an Excel serial; null before 1900. */
function excelSerial(date: Date): number | null {
  const t = date.getTime();
  if (Number.isNaN(t)) return null;
  const day = dayFromUtcDate(date);
  const serial = excelSerialFromDay(day) + (t - day * MS_PER_DAY) / MS_PER_DAY;
  return serial < 1 ? null : serial;
}

/** The number as xsd:double text (JS exponents such as 1e+21 are valid xsd:double). */
function numberText(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

// ---------------------------------------------------------------------------------------------
// Styles

interface XfSpec {
  numFmt?: string;
  productHeader?: boolean;
  wrapTop?: boolean;
}

const BUILTIN_NUMFMT: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, 'mm-dd-yy': 14, '@': 49 };


class Styles {
  private readonly numFmts = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly index = new Map<string, number>([['0|0|0', 0]]);
  readonly dxfs: string[] = [];

  private numFmtId(code: string | undefined): number {
    if (code === undefined) return 0;
    if (code in BUILTIN_NUMFMT) return BUILTIN_NUMFMT[code];
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = 164 + this.numFmts.size));
    return id;
  }

  /** The cellXfs index of a format, added on first use. */
  xf(spec: XfSpec): number {
    const numFmtId = this.numFmtId(spec.numFmt);
    const fontId = spec.productHeader ? 1 : 0;
    const key = `${numFmtId}|${fontId}|${spec.wrapTop ? 1 : 0}`;
    let at = this.index.get(key);
    if (at !== undefined) return at;
    const applied = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${spec.wrapTop ? ' applyAlignment="1"' : ''}`;
    const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${applied}`;
    this.xfs.push(spec.wrapTop ? `${open}><alignment vertical="top" wrapText="1"/></xf>` : `${open}/>`);
    this.index.set(key, (at = this.xfs.length - 1));
    return at;
  }

  /** A differential format filling the cell (conditional formatting); its dxfId. */
  fillDxf(argb: string): number {
    this.dxfs.push(`<dxf><fill><patternFill patternType="solid"><bgColor rgb="${xmlAttr(argb)}"/></patternFill></fill></dxf>`);
    return this.dxfs.length - 1;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code, false)}"/>`);
    return [
      DECLARATION,
      `<styleSheet xmlns="${NS_MAIN}">`,
      numFmts.length > 0 ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '',
      '<fonts count="2">',
      '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
      '<font><b/><sz val="11"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
      '</fonts>',
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>',
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>`,
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join('')}</dxfs>`,
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>',
      '</styleSheet>',
    ].join('');
  }
}

/**
 * A small Office theme (the default colours and fonts, with the East Asian fonts Excel uses for
 * Chinese text): the table styles and the default font refer to the theme's colours and fonts.
 */
function themeXml(): string {
  const fonts = (latin: string, hans: string) =>
    `<a:latin typeface="${latin}"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Jpan" typeface="游ゴシック"/><a:font script="Hang" typeface="맑은 고딕"/><a:font script="Hans" typeface="${hans}"/><a:font script="Hant" typeface="新細明體"/>`;
  const colors: [string, string][] = [
    ['dk2', '44546A'], ['lt2', 'E7E6E6'], ['accent1', '4472C4'], ['accent2', 'ED7D31'], ['accent3', 'A5A5A5'],
    ['accent4', 'FFC000'], ['accent5', '5B9BD5'], ['accent6', '70AD47'], ['hlink', '0563C1'], ['folHlink', '954F72'],
  ];
  const solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  const three = (s: string) => s + s + s;
  return [
    DECLARATION,
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>',
    '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>',
    colors.map(([n, rgb]) => `<a:${n}><a:srgbClr val="${rgb}"/></a:${n}>`).join(''),
    '</a:clrScheme>',
    `<a:fontScheme name="Office"><a:majorFont>${fonts('Calibri Light', '等线 Light')}</a:majorFont><a:minorFont>${fonts('Calibri', '等线')}</a:minorFont></a:fontScheme>`,
    '<a:fmtScheme name="Office">',
    `<a:fillStyleLst>${three(solid)}</a:fillStyleLst>`,
    `<a:lnStyleLst>${three(`<a:ln w="6350" cap="flat" cmpd="sng" algn="ctr">${solid}<a:prstDash val="solid"/></a:ln>`)}</a:lnStyleLst>`,
    `<a:effectStyleLst>${three('<a:effectStyle><a:effectLst/></a:effectStyle>')}</a:effectStyleLst>`,
    `<a:bgFillStyleLst>${three(solid)}</a:bgFillStyleLst>`,
    '</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>',
  ].join('');
}

// ---------------------------------------------------------------------------------------------
// Sheets as data

interface ColumnSpec {
  header: string;
  width: number;
  numFmt?: string;
  list?: readonly string[];
  /** A product column: grey bold header, wrapped top-aligned cells. */
  product?: boolean;
}

interface SheetSpec {
  name: string;
  tableName: string;
  tableStyle: string;
  columns: ColumnSpec[];
  rows: Cell[][];
  freezeFirstColumn: boolean;
  /** Column (0-based) whose cells are coloured by severity, with the texts of each level. */
  severity?: { col: number; texts: Record<RowSeverity, string> };
}

/** A column laid out for writing: its letters and the styles of its cells. */
interface ColumnOut extends ColumnSpec {
  letters: string;
  /** ` s="n"` for the column's cells (empty for the default style). */
  s: string;
  /** ` s="n"` for a date in the column: the column's own when it shows dates, else yyyy-mm-dd. */
  dateS: string;
  headerS: string;
  styleIndex: number;
}

function sAttr(index: number): string {
  return index === 0 ? '' : ` s="${index}"`;
}

function layoutColumns(columns: ColumnSpec[], styles: Styles): ColumnOut[] {
  return columns.map((c, i) => {
    const wrapTop = c.product === true;
    const styleIndex = styles.xf({ numFmt: c.numFmt, wrapTop });
    const dateIndex = c.numFmt !== undefined && isDateFormatCode(c.numFmt) ? styleIndex : styles.xf({ numFmt: DATE_FORMAT, wrapTop });
    const headerIndex = c.product ? styles.xf({ productHeader: true, wrapTop }) : 0;
    return { ...c, letters: columnLetters(i), s: sAttr(styleIndex), dateS: sAttr(dateIndex), headerS: sAttr(headerIndex), styleIndex };
  });
}

/** Table column names: unique (case-insensitively) and not empty, as Excel requires; the header cells show the same. */
function tableColumnNames(headers: readonly string[]): string[] {
  const used = new Set<string>();
  return headers.map((h, i) => {
    let name = h === '' ? `Column${i + 1}` : h;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${h === '' ? `Column${i + 1}` : h}${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** The shared string table (ECMA-376 Part 1 §18.4.9 sst): each text once, cells refer to it by index. */
class SharedStrings {
  private readonly indexes = new Map<string, number>();
  private readonly texts: string[] = [];
  private references = 0;

  index(text: string): number {
    this.references++;
    let i = this.indexes.get(text);
    if (i === undefined) {
      i = this.texts.push(text) - 1;
      this.indexes.set(text, i);
    }
    return i;
  }

  /** The part, in chunks of about 64 KB: called once every sheet has been written. */
  *chunks(): Generator<Buffer> {
    let buf = `${DECLARATION}<sst xmlns="${NS_MAIN}" count="${this.references}" uniqueCount="${this.texts.length}">`;
    for (const text of this.texts) {
      buf += `<si><t${/^\s|\s$|[\t\n\r]/.test(text) ? ' xml:space="preserve"' : ''}>${xmlText(text)}</t></si>`;
      if (buf.length >= CHUNK) {
        yield Buffer.from(buf, 'utf8');
        buf = '';
      }
    }
    yield Buffer.from(`${buf}</sst>`, 'utf8');
  }
}

function textCellXml(ref: string, s: string, text: string, strings: SharedStrings): string {
  if (text.length > MAX_CELL_TEXT) throw new RangeError(`cell ${ref}: ${text.length} characters, more than Excel's ${MAX_CELL_TEXT} in a cell`);
  return `<c r="${ref}"${s} t="s"><v>${strings.index(text)}</v></c>`;
}

function cellXml(ref: string, value: Cell, col: ColumnOut, strings: SharedStrings): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value === '' ? '' : textCellXml(ref, col.s, value, strings);
    case 'number':
      return Number.isFinite(value) ? `<c r="${ref}"${col.s}><v>${numberText(value)}</v></c>` : '';
    case 'boolean':
      return `<c r="${ref}"${col.s} t="b"><v>${value ? 1 : 0}</v></c>`;
    default: {
      if (!(value instanceof Date)) return '';
      const serial = excelSerial(value);
      if (serial !== null) return `<c r="${ref}"${col.dateS}><v>${numberText(serial)}</v></c>`;
      // Before 1900 (or an invalid date): Excel has no serial for it; the ISO text keeps the day.
      return Number.isNaN(value.getTime()) ? '' : cellXml(ref, value.toISOString().slice(0, 10), col, strings);
    }
  }
}

function paneXml(freezeFirstColumn: boolean): string {
  return freezeFirstColumn
    ? '<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>' +
        '<selection pane="topRight" activeCell="B1" sqref="B1"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
        '<selection pane="bottomRight" activeCell="B2" sqref="B2"/>'
    : '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>';
}

function listValidationXml(col: ColumnOut): string {
  const list = col.list!;
  const joined = list.join(',');
  if (list.some((v) => v.includes(',') || v.includes('"')) || joined.length > MAX_INLINE_LIST) {
    throw new RangeError(`drop-down of ${col.header}: an inline list must be at most ${MAX_INLINE_LIST} characters, without commas or quotes in its values`);
  }
  const sqref = `${col.letters}2:${col.letters}${LAST_ROW}`;
  return `<dataValidation type="list" allowBlank="1" sqref="${sqref}"><formula1>${xmlText(`"${joined}"`)}</formula1></dataValidation>`;
}

function conditionalXml(sheet: SheetSpec, cols: ColumnOut[], styles: Styles): string {
  if (!sheet.severity) return '';
  const letters = cols[sheet.severity.col].letters;
  const levels: RowSeverity[] = ['critical', 'error', 'warning', 'info', 'ok'];
  const rules: string[] = [];
  for (const level of levels) {
    const fill = SEVERITY_FILL[level];
    if (fill === null) continue;
    const text = sheet.severity.texts[level];
    const formula = `NOT(ISERROR(SEARCH("${text.replace(/"/g, '""')}",${letters}2)))`;
    rules.push(
      `<cfRule type="containsText" dxfId="${styles.fillDxf(fill)}" priority="${rules.length + 1}" operator="containsText" text="${xmlAttr(text)}">` +
        `<formula>${xmlText(formula)}</formula></cfRule>`,
    );
  }
  return `<conditionalFormatting sqref="${letters}2:${letters}${LAST_ROW}">${rules.join('')}</conditionalFormatting>`;
}

interface PreparedSheet {
  spec: SheetSpec;
  cols: ColumnOut[];
  names: string[];
  /** The table's last row (1-based): a table has at least one data row, blank in a template. */
  lastRow: number;
  head: string;
  tail: string;
}

function prepareSheet(spec: SheetSpec, styles: Styles, strings: SharedStrings, selected: boolean): PreparedSheet {
  const cols = layoutColumns(spec.columns, styles);
  const names = tableColumnNames(spec.columns.map((c) => c.header));
  spec.rows.forEach((r, i) => {
    if (r.length > cols.length) throw new RangeError(`${spec.name}, row ${i + 2}: ${r.length} values for ${cols.length} columns`);
  });
  const lastRow = 1 + Math.max(1, spec.rows.length);
  const ref = `A1:${cols[cols.length - 1].letters}${lastRow}`;
  const colsXml = cols.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.styleIndex ? ` style="${c.styleIndex}"` : ''} customWidth="1"/>`).join('');
  const header = cols.map((c, i) => textCellXml(`${c.letters}1`, c.headerS, names[i], strings)).join('');
  const validations = cols.filter((c) => c.list !== undefined).map(listValidationXml);
  const head = [
    DECLARATION,
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">`,
    `<dimension ref="${ref}"/>`,
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">${paneXml(spec.freezeFirstColumn)}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    `<cols>${colsXml}</cols>`,
    `<sheetData><row r="1">${header}</row>`,
  ].join('');
  const tail = [
    '</sheetData>',
    conditionalXml(spec, cols, styles),
    validations.length > 0 ? `<dataValidations count="${validations.length}">${validations.join('')}</dataValidations>` : '',
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>',
    '</worksheet>',
  ].join('');
  return { spec, cols, names, lastRow, head, tail };
}

/** The sheet's XML in chunks of about 64 KB, generated as the zip asks for it. */
function* sheetChunks(sheet: PreparedSheet, strings: SharedStrings): Generator<Buffer> {
  const { cols, spec } = sheet;
  let buf = sheet.head;
  for (let i = 0; i < spec.rows.length; i++) {
    const row = spec.rows[i];
    const r = i + 2;
    let cells = '';
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (v !== null && v !== undefined) cells += cellXml(cols[j].letters + r, v, cols[j], strings);
    }
    buf += cells === '' ? '' : `<row r="${r}">${cells}</row>`;
    if (buf.length >= CHUNK) {
      yield Buffer.from(buf, 'utf8');
      buf = '';
    }
  }
  yield Buffer.from(buf + sheet.tail, 'utf8');
}

function tableXml(sheet: PreparedSheet, id: number): string {
  const ref = `A1:${sheet.cols[sheet.cols.length - 1].letters}${sheet.lastRow}`;
  const columns = sheet.names.map((n, i) => `<tableColumn id="${i + 1}" name="${xmlAttr(n)}"/>`).join('');
  return (
    `${DECLARATION}<table xmlns="${NS_MAIN}" id="${id}" name="${xmlAttr(sheet.spec.tableName)}" displayName="${xmlAttr(sheet.spec.tableName)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${sheet.names.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${xmlAttr(sheet.spec.tableStyle)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

// ---------------------------------------------------------------------------------------------
// The four sheets of the template

function portfolioSpec(language: Language, rows: Cell[][] | undefined, userHeaders: readonly string[]): SheetSpec {
  const all = portfolioColumns(language);
  const firstOutput = all.findIndex((c) => c.owner === 'product');
  // The user's own columns sit between the input and the output columns.
  const extra: TemplateColumn[] = userHeaders.map((header) => ({ header, owner: 'user', width: 30 }));
  const columns = [...all.slice(0, firstOutput), ...extra, ...all.slice(firstOutput)];
  const cat = catalogFor(language);
  const severityCol = columns.findIndex((c) => c.owner === 'product' && outputColumnFor(c.header)?.key === 'severity');
  return {
    name: sheetNames(language).portfolio,
    tableName: TABLE_NAMES.portfolio,
    tableStyle: 'TableStyleMedium2',
    columns: columns.map((c) => ({ header: c.header, width: c.width, numFmt: c.numFmt, list: c.list, product: c.owner === 'product' })),
    rows: rows ?? [],
    freezeFirstColumn: true,
    severity: severityCol < 0 ? undefined : { col: severityCol, texts: cat.severity },
  };
}

/** The output columns' headers by key, as the ownership record stores them. */
function sideSpecs(language: Language, content: WorkbookContent): SheetSpec[] {
  const names = sheetNames(language);
  const settings = settingsSheet(language);
  const values = content.settings ?? {};
  const widths = (ws: number[], headers: readonly string[]): ColumnSpec[] => headers.map((header, i) => ({ header, width: ws[i] }));
  const holidays = widths([14, 10, 24], holidaysHeaders(language));
  holidays[0].numFmt = DATE_FORMAT;
  holidays[1].list = holidayTypes(language);
  const materials = widths([12, 16, 32, 10], materialsHeaders(language));
  materials[1].list = materialSlots();
  const side = { tableStyle: 'TableStyleLight9', freezeFirstColumn: false };
  return [
    {
      ...side,
      name: names.settings,
      tableName: TABLE_NAMES.settings,
      columns: widths([32, 18, 36, 70], settings.headers),
      rows: settings.rows.map(([key, , def, description]) => [key, values[key] ?? null, def, description]),
    },
    { ...side, name: names.holidays, tableName: TABLE_NAMES.holidays, columns: holidays, rows: content.holidays ?? [] },
    { ...side, name: names.materials, tableName: TABLE_NAMES.materials, columns: materials, rows: content.materials ?? [] },
  ];
}

// ---------------------------------------------------------------------------------------------
// Package parts

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  return `${DECLARATION}<Relationships xmlns="${NS_PKG_RELS}">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlAttr(r.target, false)}"/>`).join('')}</Relationships>`;
}

/** A fixed GUID for the ownership part's data store item, derived from its namespace (name-based, SHA-1). */
export const OWNERSHIP_ITEM_ID = (() => {
  const h = createHash('sha1').update(`customXml:${OWNERSHIP_NAMESPACE}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex').toUpperCase();
  return `{${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}}`;
})();

function w3cdtf(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

function coreXml(created: Date): string {
  return (
    `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>Launch Tracker</dc:creator><cp:lastModifiedBy>Launch Tracker</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(created)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(created)}</dcterms:modified></cp:coreProperties>`
  );
}

function appXml(sheets: string[]): string {
  return (
    `${DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>Launch Tracker</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${xmlText(s, false)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>'
  );
}

/** The package parts in the order they are zipped; the Portfolio sheet is a lazy stream. */
interface Part {
  name: string;
  data: string | (() => Readable);
}

function workbookParts(language: Language, content: WorkbookContent): Part[] {
  const styles = new Styles();
  const strings = new SharedStrings();
  const specs = [portfolioSpec(language, content.portfolio, content.userColumns ?? []), ...sideSpecs(language, content)];
  const sheets = specs.map((s, i) => prepareSheet(s, styles, strings, i === 0));
  const n = sheets.length;
  const sheetRels = sheets.map((_, i) => ({ id: `rId${i + 1}`, type: REL.worksheet, target: `worksheets/sheet${i + 1}.xml` }));
  const ownership = serializeOwnership({
    portfolio: { table: TABLE_NAMES.portfolio, sheet: specs[0].name, columns: outputHeaders(language) },
    summarySheet: null,
  });
  const overrides: [string, string][] = [
    ['/xl/workbook.xml', CT.workbook],
    ...sheets.map((_, i): [string, string] => [`/xl/worksheets/sheet${i + 1}.xml`, CT.worksheet]),
    ...sheets.map((_, i): [string, string] => [`/xl/tables/table${i + 1}.xml`, CT.table]),
    ['/xl/styles.xml', CT.styles],
    ['/xl/sharedStrings.xml', CT.sharedStrings],
    ['/xl/theme/theme1.xml', CT.theme],
    ['/docProps/core.xml', CT.core],
    ['/docProps/app.xml', CT.app],
    ['/customXml/itemProps1.xml', CT.customXmlProps],
  ];
  const contentTypes =
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="${CT.rels}"/><Default Extension="xml" ContentType="application/xml"/>` +
    `${overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join('')}</Types>`;
  const workbook =
    `${DECLARATION}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>` +
    `<sheets>${sheets.map((s, i) => `<sheet name="${xmlAttr(s.spec.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
    '<calcPr calcId="191029"/></workbook>';

  const parts: Part[] = [
    { name: '[Content_Types].xml', data: contentTypes },
    {
      name: '_rels/.rels',
      data: relsXml([
        { id: 'rId1', type: REL.officeDocument, target: 'xl/workbook.xml' },
        { id: 'rId2', type: REL.coreProperties, target: 'docProps/core.xml' },
        { id: 'rId3', type: REL.extendedProperties, target: 'docProps/app.xml' },
      ]),
    },
    { name: 'docProps/app.xml', data: appXml(specs.map((s) => s.name)) },
    { name: 'xl/workbook.xml', data: workbook },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: relsXml([
        ...sheetRels,
        { id: `rId${n + 1}`, type: REL.styles, target: 'styles.xml' },
        { id: `rId${n + 2}`, type: REL.theme, target: 'theme/theme1.xml' },
        { id: `rId${n + 3}`, type: REL.customXml, target: '../customXml/item1.xml' },
        { id: `rId${n + 4}`, type: REL.sharedStrings, target: 'sharedStrings.xml' },
      ]),
    },
    // The sheets' tails (conditional formats) register their dxfs, so styles.xml comes after prepareSheet.
    { name: 'xl/styles.xml', data: styles.xml() },
    { name: 'xl/theme/theme1.xml', data: themeXml() },
  ];
  sheets.forEach((sheet, i) => {
    parts.push({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: i === 0 ? () => Readable.from(sheetChunks(sheet, strings), { objectMode: false }) : Buffer.concat([...sheetChunks(sheet, strings)]).toString('utf8'),
    });
    parts.push({ name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels`, data: relsXml([{ id: 'rId1', type: REL.table, target: `../tables/table${i + 1}.xml` }]) });
    parts.push({ name: `xl/tables/table${i + 1}.xml`, data: tableXml(sheet, i + 1) });
  });
  parts.push(
    { name: 'customXml/item1.xml', data: ownership },
    {
      name: 'customXml/itemProps1.xml',
      data: `${DECLARATION}<ds:datastoreItem ds:itemID="${OWNERSHIP_ITEM_ID}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
    },
    { name: 'customXml/_rels/item1.xml.rels', data: relsXml([{ id: 'rId1', type: REL.customXmlProps, target: 'itemProps1.xml' }]) },
    // Last: the portfolio sheet, streamed before it, has added its texts.
    { name: 'xl/sharedStrings.xml', data: () => Readable.from(strings.chunks(), { objectMode: false }) },
  );
  return parts;
}

/**
 * Writes the template workbook to `file`; with content, a workbook already filled in (samples,
 * the example). The file appears complete or not at all (files.ts writeAtomically). Every part
 * is deflated at zlib's default level 6: on the 100,000-row sample (123 MB of sheet XML) level 1
 * saves 0.8 s for a file 3.5 MB larger, and the sample is far inside its 15 s anyway.
 */
export async function writeNewWorkbook(file: string, language: Language, content: WorkbookContent = {}, options: WriteOptions = {}): Promise<void> {
  const created = options.created ?? new Date();
  const parts = workbookParts(language, content);
  const coreAt = parts.findIndex((p) => p.name === 'docProps/app.xml');
  parts.splice(coreAt, 0, { name: 'docProps/core.xml', data: coreXml(created) });
  const zipParts: ZipOut[] = parts.map(({ name, data }) =>
    typeof data === 'string' ? { name, buffer: Buffer.from(data, 'utf8'), modified: created } : { name, stream: data, modified: created },
  );
  await writeAtomically(file, (tmp) => writeZip(zipParts, fs.createWriteStream(tmp)));
}
