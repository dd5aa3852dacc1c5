/**
 * Escaping text for the XML of a workbook, shared by everything that writes it: the command
 * line's copy and new workbooks, and the ownership record (which the add-in writes too).
 */

/**
 * Characters XML 1.0 does not allow (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; surrogates
 * not in a pair), and CR, which an XML parser would turn into LF.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Text that a reader would take for an ST_Xstring escape: its underscore is escaped itself. */
const LOOKS_ESCAPED = /_x[0-9A-Fa-f]{4}_/g;
/** Anything needing work in a text node; a string without these is written as it is. */
const NEEDS_TEXT_WORK = /[&<>_\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NEEDS_ATTR_WORK = /[&<>"_\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * ST_Xstring (ECMA-376 Part 1, §22.9.2.19): a character XML cannot carry becomes `_xHHHH_`
 * (its UTF-16 code unit), and a literal `_xHHHH_` in the text gets its underscore escaped as
 * `_x005F_`, so readers decode exactly the original string.
 */
export function toXstring(s: string): string {
  if (s.indexOf('_x') >= 0) s = s.replace(LOOKS_ESCAPED, (m) => `_x005F_${m.slice(1)}`);
  return s.replace(NOT_XML, (c) => `_x${hex4(c.charCodeAt(0))}_`);
}

/** The text an ST_Xstring stands for. */
export function fromXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Text content: & < > escaped; with `xstring`, also made an ST_Xstring. */
export function xmlText(s: string, xstring = true): string {
  if (!NEEDS_TEXT_WORK.test(s)) return s;
  if (xstring) s = toXstring(s);
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An attribute value in double quotes: also ", and tab and LF as character references (an XML
 * parser would turn them into spaces). With `xstring` (ST_Xstring attributes such as table
 * column names) characters XML cannot carry, CR included, become `_xHHHH_`; without, CR is
 * written as a character reference and other such characters are not allowed.
 */
export function xmlAttr(s: string, xstring = true): string {
  if (!NEEDS_ATTR_WORK.test(s)) return s;
  if (xstring) s = toXstring(s);
  else if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(s)) throw new RangeError(`not allowed in XML: ${JSON.stringify(s)}`);
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
