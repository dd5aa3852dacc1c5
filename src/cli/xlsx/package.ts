/**
 * An .xlsx / .xlsm package opened for reading: where the workbook, its sheets, tables, shared
 * strings, styles and the ownership record are (Open Packaging Conventions: [Content_Types].xml,
 * relationship parts with relative or absolute targets), read part by part on demand.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { TextPieces, XmlScanner } from './scan';
import { columnLetters, parseAddress, Rect, rectAddress } from '../../workbook/address';
import { OWNERSHIP_NAMESPACE, OwnershipRecord, parseOwnership } from '../../workbook/ownership';
import { Styles } from './styles';
import { TextKeeper } from './sheetRead';
import { children, child, fromXstring, localName, parseXml, XmlElement } from './xml';
import { ZipReadError, ZipSource } from './zip';

export type NotAWorkbookReason = 'empty' | 'xls' | 'encrypted' | 'xlsb' | 'not-zip' | 'not-xlsx' | 'unreadable';

const REASON_TEXT: Record<NotAWorkbookReason, string> = {
  empty: 'the file is empty',
  xls: 'it is an old binary .xls file; save it as .xlsx in Excel',
  encrypted: 'it is password-protected; remove the password in Excel first',
  xlsb: 'it is a binary .xlsb workbook; save it as .xlsx in Excel',
  'not-zip': 'it is not an Excel file',
  'not-xlsx': 'it is a zip archive but not an Excel workbook',
  unreadable: 'the workbook is damaged or uses a feature that cannot be read',
};

export class NotAWorkbookError extends Error {
  constructor(
    readonly filePath: string,
    readonly reason: NotAWorkbookReason,
    detail?: string,
  ) {
    super(`${filePath}: not a readable .xlsx workbook (${REASON_TEXT[reason]})${detail ? `: ${detail}` : ''}`);
  }
}

export const REL = {
  officeDocument: '/officeDocument',
  worksheet: '/worksheet',
  chartsheet: '/chartsheet',
  table: '/table',
  sharedStrings: '/sharedStrings',
  styles: '/styles',
  customXml: '/customXml',
  customXmlProps: '/customXmlProps',
  calcChain: '/calcChain',
} as const;

/** Relationship types end in these words in both transitional and strict OOXML. */
function isType(rel: Relationship, kind: string): boolean {
  return rel.type.endsWith(kind);
}

export interface Relationship {
  id: string;
  type: string;
  /** Target as written. */
  rawTarget: string;
  /** Part name it points at (no leading "/"), or null for an external target. */
  target: string | null;
}

export interface RelsPart {
  /** Part name of the .rels part. */
  name: string;
  text: string | null;
  root: XmlElement | null;
  items: Relationship[];
}

export function relsPartName(part: string): string {
  const dir = path.posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${path.posix.basename(part)}.rels`;
}

function resolveTarget(source: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURI(target);
  } catch {
    // keep as written
  }
  if (decoded.startsWith('/')) return decoded.replace(/^\/+/, '');
  const base = path.posix.dirname(source);
  return path.posix.normalize(path.posix.join(base === '.' ? '' : base, decoded)).replace(/^\/+/, '');
}

export interface SheetInfo {
  name: string;
  /** 0-based position in the workbook (localSheetId). */
  index: number;
  sheetId: number;
  relId: string;
  /** Worksheet part, or null (chartsheets, dialog sheets, missing parts). */
  part: string | null;
  isWorksheet: boolean;
}

export interface TableInfo {
  name: string;
  part: string;
  sheet: SheetInfo;
  text: string;
  root: XmlElement;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRowCount: number;
  totalsRowCount: number;
  columns: string[];
}

export interface OwnershipPart {
  record: OwnershipRecord;
  /** The custom XML part holding it. */
  part: string;
}

export class WorkbookPackage {
  private strings: string[] | null = [];

  /** The shared string table, as read; an error once released (a read after it would see blanks). */
  get sharedStrings(): string[] {
    if (this.strings === null) throw new Error('the shared strings were released before every sheet was read');
    return this.strings;
  }

  set sharedStrings(strings: string[]) {
    this.strings = strings;
  }

  /**
   * Lets the shared strings go once every sheet the check reads has been read: the copy's write
   * needs none of them, and 100,000 rows hold half a million — less for the garbage collector to
   * go through while the copy is written.
   */
  releaseSharedStrings(): void {
    this.strings = null;
  }
  styles!: Styles;
  stylesPart: string | null = null;
  sharedStringsPart: string | null = null;
  contentTypes!: { text: string; root: XmlElement };
  workbookPart!: string;
  workbook!: { text: string; root: XmlElement };
  workbookRels!: RelsPart;
  sheets: SheetInfo[] = [];
  tables: TableInfo[] = [];
  date1904 = false;
  ownership: OwnershipPart | null = null;
  /** One string per repeated cell text across the package's reads. */
  readonly texts = new TextKeeper();

  private constructor(
    readonly filePath: string,
    readonly zip: ZipSource,
  ) {}

  static async open(filePath: string): Promise<WorkbookPackage> {
    await sniff(filePath);
    let zip: ZipSource;
    try {
      zip = await ZipSource.open(filePath);
    } catch (e) {
      throw new NotAWorkbookError(filePath, 'not-zip', (e as Error).message);
    }
    const pkg = new WorkbookPackage(filePath, zip);
    try {
      await pkg.load();
    } catch (e) {
      zip.close();
      if (e instanceof NotAWorkbookError) throw e;
      throw new NotAWorkbookError(filePath, 'unreadable', (e as Error).message);
    }
    return pkg;
  }

  close(): void {
    this.zip.close();
  }

  private async load(): Promise<void> {
    const { zip, filePath } = this;
    if (!zip.has('[Content_Types].xml')) throw new NotAWorkbookError(filePath, 'not-xlsx');
    const rootRels = await this.rels('');
    const office = rootRels.items.find((r) => isType(r, REL.officeDocument) && r.target !== null);
    const workbookPart = office?.target ?? 'xl/workbook.xml';
    if (!zip.has(workbookPart)) throw new NotAWorkbookError(filePath, zip.has('xl/workbook.bin') ? 'xlsb' : 'not-xlsx');
    if (workbookPart.toLowerCase().endsWith('.bin')) throw new NotAWorkbookError(filePath, 'xlsb');
    this.workbookPart = zip.resolve(workbookPart)!;
    const ctText = await zip.text('[Content_Types].xml');
    this.contentTypes = { text: ctText, root: parseXml(ctText) };
    const wbText = await zip.text(this.workbookPart);
    this.workbook = { text: wbText, root: parseXml(wbText) };
    this.workbookRels = await this.rels(this.workbookPart);
    const pr = child(this.workbook.root, 'workbookPr');
    this.date1904 = pr !== undefined && /^(1|true)$/i.test(pr.attrs.date1904 ?? '');
    this.readSheets();
    await this.readStyles();
    await this.readSharedStrings();
    for (const sheet of this.sheets) await this.readTables(sheet);
    await this.readOwnership();
  }

  /** The relationships of a part ('' for the package). */
  async rels(part: string): Promise<RelsPart> {
    const name = part === '' ? '_rels/.rels' : relsPartName(part);
    const stored = this.zip.resolve(name);
    if (stored === null) return { name, text: null, root: null, items: [] };
    const text = await this.zip.text(stored);
    const root = parseXml(text);
    const items = children(root, 'Relationship').map((r) => {
      const external = (r.attrs.TargetMode ?? '').toLowerCase() === 'external';
      const rawTarget = r.attrs.Target ?? '';
      const resolved = external ? null : resolveTarget(part, rawTarget);
      return { id: r.attrs.Id ?? '', type: r.attrs.Type ?? '', rawTarget, target: resolved === null ? null : this.zip.resolve(resolved) ?? resolved };
    });
    return { name: stored, text, root, items };
  }

  contentTypeOf(part: string): string {
    const name = `/${part}`.toLowerCase();
    for (const o of children(this.contentTypes.root, 'Override')) if ((o.attrs.PartName ?? '').toLowerCase() === name) return o.attrs.ContentType ?? '';
    const ext = path.posix.extname(part).slice(1).toLowerCase();
    for (const d of children(this.contentTypes.root, 'Default')) if ((d.attrs.Extension ?? '').toLowerCase() === ext) return d.attrs.ContentType ?? '';
    return '';
  }

  private readSheets(): void {
    const sheetsEl = child(this.workbook.root, 'sheets');
    (sheetsEl ? children(sheetsEl, 'sheet') : []).forEach((el, index) => {
      const relId = Object.entries(el.attrs).find(([k]) => localName(k) === 'id' && k.includes(':'))?.[1] ?? '';
      const rel = this.workbookRels.items.find((r) => r.id === relId);
      const part = rel?.target ? this.zip.resolve(rel.target) : null;
      this.sheets.push({ name: el.attrs.name ?? '', index, sheetId: Number(el.attrs.sheetId ?? 0), relId, part, isWorksheet: rel !== undefined && isType(rel, REL.worksheet) && part !== null });
    });
  }

  private async readStyles(): Promise<void> {
    const rel = this.workbookRels.items.find((r) => isType(r, REL.styles) && r.target !== null && this.zip.has(r.target));
    this.stylesPart = rel ? rel.target : null;
    this.styles = Styles.parse(this.stylesPart ? await this.zip.text(this.stylesPart) : null);
  }

  private async readSharedStrings(): Promise<void> {
    const rel = this.workbookRels.items.find((r) => isType(r, REL.sharedStrings) && r.target !== null && this.zip.has(r.target));
    if (!rel) return;
    this.sharedStringsPart = rel.target;
    this.sharedStrings = await readSharedStrings(await this.zip.stream(this.sharedStringsPart!), this.texts);
  }

  private async readTables(sheet: SheetInfo): Promise<void> {
    if (!sheet.isWorksheet || !sheet.part) return;
    const rels = await this.rels(sheet.part);
    for (const rel of rels.items) {
      if (!isType(rel, REL.table) || rel.target === null || !this.zip.has(rel.target)) continue;
      const part = rel.target;
      const text = await this.zip.text(part);
      const root = parseXml(text);
      const ref = parseRange(root.attrs.ref ?? '');
      if (!ref) continue;
      const cols = child(root, 'tableColumns');
      this.tables.push({
        name: root.attrs.displayName ?? root.attrs.name ?? '',
        part,
        sheet,
        text,
        root,
        ...ref,
        headerRowCount: root.attrs.headerRowCount === undefined ? 1 : Number(root.attrs.headerRowCount),
        totalsRowCount: root.attrs.totalsRowCount === undefined ? 0 : Number(root.attrs.totalsRowCount),
        columns: cols ? children(cols, 'tableColumn').map((c) => fromXstring(c.attrs.name ?? '')) : [],
      });
    }
  }

  private async readOwnership(): Promise<void> {
    for (const rel of this.workbookRels.items) {
      if (!isType(rel, REL.customXml) || rel.target === null || !this.zip.has(rel.target)) continue;
      const part = rel.target;
      if (this.zip.size(part) > 1_000_000) continue;
      const text = await this.zip.text(part);
      if (!text.includes(OWNERSHIP_NAMESPACE)) continue;
      const record = parseOwnership(text);
      if (record) {
        this.ownership = { record, part };
        return;
      }
    }
  }
}

/** Refuse files that are not a zip package before opening them, with the reason a user can act on. */
async function sniff(filePath: string): Promise<void> {
  const handle = await fsp.open(filePath, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead === 0) throw new NotAWorkbookError(filePath, 'empty');
    if (bytesRead >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
      // OLE2 compound file: a legacy .xls, or an encrypted OOXML package (its EncryptionInfo stream).
      const all = await handle.readFile();
      throw new NotAWorkbookError(filePath, all.includes(Buffer.from('EncryptionInfo', 'utf16le')) ? 'encrypted' : 'xls');
    }
    if (bytesRead < 4 || head.readUInt32LE(0) !== 0x04034b50) throw new NotAWorkbookError(filePath, 'not-zip');
  } finally {
    await handle.close();
  }
}

export { ZipReadError };

/** A range as OOXML's refs are reasoned about here: 1-based rows and columns, bottom and right included. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A1:C9" (or "A1") → its area; null when it is not a cell range. */
export function parseRange(ref: string): Area | null {
  let r: Rect;
  try {
    r = parseAddress(ref);
  } catch {
    return null;
  }
  return { top: r.top + 1, left: r.left + 1, bottom: r.top + r.rows, right: r.left + r.cols };
}

/** The address module's 0-based rectangle of an area. */
export function areaRect(a: Area): Rect {
  return { top: a.top - 1, left: a.left - 1, rows: a.bottom - a.top + 1, cols: a.right - a.left + 1 };
}

export function rangeRef(a: Area): string {
  return rectAddress(areaRect(a));
}

/** Letters of a 1-based column. */
export function columnName(c: number): string {
  return columnLetters(c - 1);
}

/** The shared string table (§18.4): each <si>'s text, rich runs joined, phonetic runs left out. */
export async function readSharedStrings(stream: NodeJS.ReadableStream, texts: TextKeeper): Promise<string[]> {
  const out: string[] = [];
  let inT = false;
  let phonetic = 0;
  const scanner = new XmlScanner(
    {
    wantAttributes: () => false,
    open(_name, local, _attrs, _start, _openEnd, selfClosing) {
      if (local === 'si') item.clear();
      else if (local === 'rPh') phonetic++;
      else if (local === 't' && phonetic === 0) inT = !selfClosing;
    },
    textAt(start, end) {
      if (inT) item.at(start, end);
    },
    // An entity or CDATA.
    text(t) {
      if (inT) item.add(t);
    },
    close(_name, local) {
      if (local === 't') inT = false;
      else if (local === 'rPh') phonetic--;
      else if (local === 'si') {
        out.push(fromXstring(item.decoded(texts)));
        item.clear();
      }
    },
    },
    { bytes: true },
  );
  const item = new TextPieces(scanner);
  for await (const chunk of stream) {
    scanner.writeBytes(chunk as Buffer);
    item.keep();
  }
  scanner.end();
  return out;
}
