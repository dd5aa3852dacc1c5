/**
 * A small element tree over saxes (already installed: exceljs's XML parser), for reading
 * manifest.xml in tests without a new dependency. Namespace-aware: elements are matched by
 * local name and namespace URI; attributes are kept by the name written in the file.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlElement {
  /** Local name (`Image` for `bt:Image`). */
  local: string;
  /** Name as written (`bt:Image`). */
  name: string;
  uri: string;
  attributes: Record<string, string>;
  /** Expanded attributes: `{uri}local` → value (for xsi:type whatever its prefix). */
  attributesNS: Record<string, string>;
  children: XmlElement[];
  parent: XmlElement | null;
  /** Text directly inside (not in child elements), trimmed. */
  text: string;
  /** 1-based line in the file, for messages. */
  line: number;
}

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const parent = stack[stack.length - 1] ?? null;
    const attributes: Record<string, string> = {};
    const attributesNS: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      attributes[attr.name] = attr.value;
      attributesNS[`{${attr.uri}}${attr.local}`] = attr.value;
    }
    const element: XmlElement = { local: tag.local, name: tag.name, uri: tag.uri, attributes, attributesNS, children: [], parent, text: '', line: parser.line };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text = (current.text + text).trim();
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(source).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** xsi:type, whatever prefix the file uses for the XML Schema instance namespace. */
export function xsiType(element: XmlElement): string | undefined {
  return element.attributesNS[`{${XSI}}type`];
}

/** Child elements with this local name. */
export function children(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((c) => c.local === local);
}

/** The one child with this local name (throws naming the path when there is not exactly one). */
export function child(element: XmlElement, local: string): XmlElement {
  const found = children(element, local);
  if (found.length !== 1) throw new Error(`${pathOf(element)}: expected one <${local}>, found ${found.length}`);
  return found[0];
}

/** Every element below (depth first, document order). */
export function descendants(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(element);
  return out;
}

/** Follows local names down from `element`: path(root, 'VersionOverrides', 'Hosts', 'Host'). */
export function path(element: XmlElement, ...locals: string[]): XmlElement {
  return locals.reduce(child, element);
}

/** `OfficeApp > VersionOverrides > Hosts` (with xsi:type and id where present), for messages. */
export function pathOf(element: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | null = element; e; e = e.parent) {
    const type = xsiType(e);
    const id = e.attributes.id;
    parts.unshift(`${e.local}${type ? `[${type}]` : ''}${id ? `#${id}` : ''}`);
  }
  return parts.join(' > ');
}
