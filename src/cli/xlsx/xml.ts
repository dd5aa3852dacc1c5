/**
 * XML for the package's small parts (workbook, relationships, content types, styles, tables,
 * custom XML): a light element tree, built by the streaming scanner (scan.ts), that remembers
 * where each element starts and ends in the source text, so an edit splices new text into the
 * part and every byte it does not touch stays as it was. Plus the escaping every writer needs.
 */
import { xmlAttr } from '../../workbook/xmlText';
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
  for (const [k, v] of Object.entries(attrs)) s += ` ${k}="${xmlAttr(v, false)}"`;
  return `${s}${selfClosing ? '/>' : '>'}`;
}

/** Insert `text` as the last child of `el` (turning `<a/>` into `<a>…</a>`). */
export function appendChild(el: XmlElement, text: string): Edit {
  if (el.selfClosing) return { start: el.start, end: el.end, text: `${startTag(el.name, el.attrs)}${text}</${el.name}>` };
  return { start: el.closeStart, end: el.closeStart, text };
}

export { fromXstring, toXstring, xmlAttr, xmlText } from '../../workbook/xmlText';
