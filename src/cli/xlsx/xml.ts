/**
 * XML for the package's small parts (workbook, relationships, content types, styles, tables,
 * custom XML): a light element tree, built by the streaming scanner (scan.ts), that remembers
 * where each element starts and ends in the source text, so an edit splices new text into the
 * part and every byte it does not touch stays as it was. Plus the escaping every writer needs.
 */
import { scanText, XmlScanError } from './scan';

export class XmlReadError extends Error {}

export interface XmlElement {
  /** Qualified name as written, e.g. `x:c`. */
  name: string;
  /** Name without its prefix: OOXML writers may use any prefix for the main namespace. */
  local: string;
  /** Attribute values (entities decoded), in document order. */
  attrs: Record<string, string>;
  /** Index of `<` of the start tag. */
  start: number;
  /** Index just after the start tag's `>`. */
  openEnd: number;
  /** Index of `</` of the end tag; `end` for an empty-element tag. */
  closeStart: number;
  /** Index just after the element. */
  end: number;
  selfClosing: boolean;
  children: XmlElement[];
  /** Text directly inside the element (entities decoded). */
  text: string;
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Parse a whole (small) part. Throws XmlReadError when it is not well-formed. */
export function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  try {
    scanText(text, {
      wantAttributes: () => true,
      open(name, local, attrs, start, openEnd, selfClosing) {
        const el: XmlElement = { name, local, attrs: attrs ?? {}, start, openEnd, closeStart: openEnd, end: openEnd, selfClosing, children: [], text: '' };
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(el);
        else if (root === null) root = el;
        else throw new XmlReadError('more than one root element');
        stack.push(el);
      },
      close(name, _local, closeStart, end) {
        const el = stack.pop();
        if (!el || el.name !== name) throw new XmlReadError(`unexpected end tag </${name}>`);
        el.closeStart = closeStart;
        el.end = end;
      },
      text(t) {
        const top = stack[stack.length - 1];
        if (top) top.text += t;
      },
    });
  } catch (e) {
    if (e instanceof XmlReadError) throw e;
    if (e instanceof XmlScanError) throw new XmlReadError(e.message);
    throw e;
  }
  if (!root || stack.length > 0) throw new XmlReadError('no complete root element');
  return root;
}

export function children(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

/** Every descendant with this local name, in document order. */
export function descendants(el: XmlElement, local: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.local === local) out.push(c);
    descendants(c, local, out);
  }
  return out;
}

/** The prefix bound to a namespace on this element (null: none; '' for the default namespace). */
export function prefixFor(el: XmlElement, uri: string): string | null {
  for (const [k, v] of Object.entries(el.attrs)) {
    if (v !== uri) continue;
    if (k === 'xmlns') return '';
    if (k.startsWith('xmlns:')) return k.slice(6);
  }
  return null;
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Apply non-overlapping edits (any order; equal starts keep their given order). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.start < at) throw new Error('overlapping XML edits');
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Replace an element's start tag by one with these attributes (others kept, in order). */
export function setAttributes(el: XmlElement, values: Record<string, string | null>): Edit {
  const attrs: Record<string, string> = { ...el.attrs };
  for (const [k, v] of Object.entries(values)) {
    if (v === null) delete attrs[k];
    else attrs[k] = v;
  }
  return { start: el.start, end: el.selfClosing ? el.end : el.openEnd, text: startTag(el.name, attrs, el.selfClosing) };
}

export function startTag(name: string, attrs: Record<string, string>, selfClosing = false): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) s += ` ${k}="${escapeAttr(v)}"`;
  return `${s}${selfClosing ? '/>' : '>'}`;
}

/** Insert `text` as the last child of `el` (turning `<a/>` into `<a>…</a>`). */
export function appendChild(el: XmlElement, text: string): Edit {
  if (el.selfClosing) return { start: el.start, end: el.end, text: `${startTag(el.name, el.attrs)}${text}</${el.name}>` };
  return { start: el.closeStart, end: el.closeStart, text };
}

// Characters XML 1.0 does not allow at all (Char production), which Excel stores as _xHHHH_.
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A string for an ST_Xstring (cell text, shared strings): a literal `_xHHHH_` is escaped as
 * `_x005F_xHHHH_` and characters XML cannot carry become `_xHHHH_` (ECMA-376 Part 1 §22.9.2.19).
 */
const NEEDS_XSTRING = /_x[0-9a-fA-F]{4}_|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

export function toXstring(s: string): string {
  if (!NEEDS_XSTRING.test(s)) return s;
  return s
    .replace(/_x[0-9a-fA-F]{4}_/g, (m) => `_x005F${m}`)
    .replace(NOT_XML_CHAR, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** The text an ST_Xstring stands for. */
export function fromXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const NEEDS_ESCAPE = /[&<>]/;

export function escapeText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
    .replace(NOT_XML_CHAR, '');
}
