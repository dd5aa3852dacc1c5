/**
 * xl/styles.xml: which cell styles show dates (to read them), and the styles the output cells
 * need (a date format, a severity fill, a bold header), appended — never renumbered, so every
 * `s` index in every sheet keeps meaning what it meant (ECMA-376 Part 1 §18.8).
 */
import { isBuiltInDateFormat, isDateFormatCode } from './numFmt';
import { appendChild, applyEdits, children, child, Edit, parseXml, setAttributes, startTag, xmlAttr, XmlElement } from './xml';

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

interface Xf {
  attrs: Record<string, string>;
  /** The xf's children (alignment, protection) as written. */
  inner: string;
}

export interface StyleChange {
  /** A number format code for the cell ('General' for none). */
  numFmt?: string;
  /** ARGB of a solid fill, or 'none'. */
  fill?: string;
  bold?: boolean;
}

export class Styles {
  /** Whether the part did not exist and must be added to the package. */
  readonly created: boolean;
  private readonly root: XmlElement;
  private readonly formats = new Map<number, string>();
  private readonly xfs: Xf[] = [];
  private readonly dateXf: boolean[] = [];
  private readonly newFormats: { id: number; code: string }[] = [];
  private readonly newFills: string[] = [];
  private readonly newFonts: string[] = [];
  private readonly newXfs: Xf[] = [];
  private readonly memo = new Map<string, number>();
  private fillCount: number;
  private fontCount: number;

  private constructor(
    private readonly text: string,
    created: boolean,
  ) {
    this.created = created;
    this.root = parseXml(text);
    for (const f of children(child(this.root, 'numFmts') ?? this.root, 'numFmt')) {
      this.formats.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? '');
    }
    for (const x of children(child(this.root, 'cellXfs') ?? this.root, 'xf')) {
      this.xfs.push({ attrs: { ...x.attrs }, inner: x.selfClosing ? '' : text.slice(x.openEnd, x.closeStart) });
    }
    if (this.xfs.length === 0) this.xfs.push({ attrs: { numFmtId: '0', fontId: '0', fillId: '0', borderId: '0', xfId: '0' }, inner: '' });
    for (const xf of this.xfs) this.dateXf.push(this.isDateFormatId(Number(xf.attrs.numFmtId ?? 0)));
    this.fillCount = children(child(this.root, 'fills') ?? this.root, 'fill').length;
    this.fontCount = children(child(this.root, 'fonts') ?? this.root, 'font').length;
  }

  /** The styles part's text, or null when the package has none (a minimal one is made, to be added). */
  static parse(text: string | null): Styles {
    return text !== null ? new Styles(text, false) : new Styles(MINIMAL_STYLES, true);
  }

  private isDateFormatId(id: number): boolean {
    const code = this.formats.get(id);
    return code !== undefined ? isDateFormatCode(code) : isBuiltInDateFormat(id);
  }

  /** Does cell style `s` (a cellXfs index) show its number as a date? */
  isDate(s: number): boolean {
    return this.dateXf[s] ?? false;
  }

  /** Which cell styles show dates, for a reader in another thread. */
  dateStyles(): boolean[] {
    return [...this.dateXf];
  }

  /** Whether anything was appended (the part must be rewritten). */
  get changed(): boolean {
    return this.created || this.newXfs.length > 0;
  }

  /** The cellXfs index of style `base` with `change` applied; appended once per combination. */
  derive(base: number, change: StyleChange): number {
    const from = base >= 0 && base < this.xfs.length + this.newXfs.length ? base : 0;
    const key = `${from}|${change.numFmt ?? ''}|${change.fill ?? ''}|${change.bold ? 'b' : ''}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const xf = from < this.xfs.length ? this.xfs[from] : this.newXfs[from - this.xfs.length];
    const attrs = { ...xf.attrs };
    if (change.numFmt !== undefined) {
      attrs.numFmtId = String(this.formatId(change.numFmt));
      attrs.applyNumberFormat = '1';
    }
    if (change.fill !== undefined) {
      attrs.fillId = String(change.fill === 'none' ? 0 : this.fillId(change.fill));
      attrs.applyFill = '1';
    }
    if (change.bold) {
      attrs.fontId = String(this.boldFontId(Number(attrs.fontId ?? 0)));
      attrs.applyFont = '1';
    }
    // A style an earlier check appended is there already: reused, so the part does not grow at every check.
    const existing = this.existingXf(attrs, xf.inner);
    if (existing >= 0) {
      this.memo.set(key, existing);
      return existing;
    }
    const index = this.xfs.length + this.newXfs.length;
    this.newXfs.push({ attrs, inner: xf.inner });
    this.dateXf.push(this.isDateFormatId(Number(attrs.numFmtId ?? 0)));
    this.memo.set(key, index);
    return index;
  }

  private xfIndex: Map<string, number> | null = null;

  private existingXf(attrs: Record<string, string>, inner: string): number {
    const render = (a: Record<string, string>, i: string) => `${JSON.stringify(Object.entries(a).sort())}|${i}`;
    if (this.xfIndex === null) {
      this.xfIndex = new Map();
      this.xfs.forEach((x, i) => {
        const k = render(x.attrs, x.inner);
        if (!this.xfIndex!.has(k)) this.xfIndex!.set(k, i);
      });
    }
    return this.xfIndex.get(render(attrs, inner)) ?? -1;
  }

  private formatId(code: string): number {
    if (code === 'General') return 0;
    for (const [id, c] of this.formats) if (c === code) return id;
    const id = Math.max(163, ...this.formats.keys()) + 1;
    this.newFormats.push({ id, code });
    this.formats.set(id, code);
    return id;
  }

  private fillId(argb: string): number {
    const fills = children(child(this.root, 'fills') ?? this.root, 'fill');
    const solid = (f: XmlElement) => /^<(\w+:)?patternFill patternType="solid"><(\w+:)?fgColor rgb="([0-9A-Fa-f]{8})"\/><(\w+:)?bgColor indexed="64"\/><\/(\w+:)?patternFill>$/.exec(this.text.slice(f.openEnd, f.closeStart))?.[3];
    const had = fills.findIndex((f) => !f.selfClosing && solid(f) === argb);
    if (had >= 0) return had;
    const known = this.newFills.indexOf(argb);
    if (known >= 0) return this.fillCount + known;
    this.newFills.push(argb);
    return this.fillCount + this.newFills.length - 1;
  }

  private boldFontId(fontId: number): number {
    const fonts = children(child(this.root, 'fonts') ?? this.root, 'font');
    const font = fonts[fontId] ?? fonts[0];
    const inner = font && !font.selfClosing ? this.text.slice(font.openEnd, font.closeStart).replace(/<(\w+:)?b(\s+val="[^"]*")?\s*\/>/g, '') : '';
    // CT_Font is a choice of any order: render() puts a <b/> first, which makes the copy bold.
    const p = this.prefix();
    const had = fonts.findIndex((f) => !f.selfClosing && this.text.slice(f.openEnd, f.closeStart) === `<${p}b/>${inner}`);
    if (had >= 0) return had;
    const known = this.newFonts.indexOf(inner);
    if (known >= 0) return this.fontCount + known;
    this.newFonts.push(inner);
    return this.fontCount + this.newFonts.length - 1;
  }

  /** The part's text with the appended styles; every existing element kept as written. */
  render(): string {
    if (!this.changed) return this.text;
    const edits: Edit[] = [];
    const p = this.prefix();
    const section = (local: string, items: string[], total: number, placeBefore: XmlElement | undefined) => {
      if (items.length === 0) return;
      const el = child(this.root, local);
      if (!el) {
        const at = placeBefore ? placeBefore.start : this.root.closeStart;
        edits.push({ start: at, end: at, text: `<${p}${local} count="${total}">${items.join('')}</${p}${local}>` });
      } else if (el.selfClosing) {
        edits.push({ start: el.start, end: el.end, text: `${startTag(el.name, { ...el.attrs, count: String(total) })}${items.join('')}</${el.name}>` });
      } else {
        edits.push(setAttributes(el, { count: String(total) }), appendChild(el, items.join('')));
      }
    };
    section('numFmts', this.newFormats.map((f) => `<${p}numFmt numFmtId="${f.id}" formatCode="${xmlAttr(f.code, false)}"/>`), this.formats.size, this.root.children[0]);
    section('fonts', this.newFonts.map((inner) => `<${p}font><${p}b/>${inner}</${p}font>`), this.fontCount + this.newFonts.length, undefined);
    const fill = (argb: string) => `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
    section('fills', this.newFills.map(fill), this.fillCount + this.newFills.length, undefined);
    const xf = (x: Xf) => `${startTag(`${p}xf`, x.attrs, x.inner === '')}${x.inner ? `${x.inner}</${p}xf>` : ''}`;
    section('cellXfs', this.newXfs.map(xf), this.xfs.length + this.newXfs.length, undefined);
    return applyEdits(this.text, edits);
  }

  /** Elements we add use the prefix the part uses for the main namespace (usually none). */
  private prefix(): string {
    const i = this.root.name.indexOf(':');
    return i < 0 ? '' : this.root.name.slice(0, i + 1);
  }
}
