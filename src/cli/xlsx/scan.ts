/**
 * Streaming XML for the package's parts, on htmlparser2's Tokenizer in XML mode: it reports
 * every tag, attribute and text run as absolute character positions in the text fed to it,
 * allocates nothing per token, and is the fastest well-kept JavaScript XML tokenizer we measured
 * (a worksheet of 11.6 MB: 170 ms, against 250–440 ms for saxes and 900+ ms for sax-wasm).
 * Positions are what the copy needs: it splices the part's text at them, so every byte it does
 * not change stays as it was.
 *
 * The scanner turns tokens into element events; attributes are collected only for the elements
 * the caller asks for.
 *
 * Byte mode, for the large parts (worksheets, shared strings): the part's bytes are fed as
 * Latin-1 text, one character per byte. XML's markup is ASCII, so the tokenizer sees the same
 * document; every position is then a byte offset into the part (the copy splices the part's
 * bytes without decoding or re-encoding them), decoding is 3–10× cheaper than UTF-8's, and the
 * text of a value comes out as its UTF-8 bytes, which `bytesToText` turns into the text — only for
 * the values kept.
 */
import * as path from 'node:path';
import type { Tokenizer as TokenizerType } from 'htmlparser2';

/**
 * htmlparser2's Tokenizer alone, from its own file: the package's entry point also loads its
 * Parser, domhandler, domutils and dom-serializer, which the scanner does not use — about 30 ms
 * of every command's start (and of the reading thread's) on this machine. The package's `exports` do not list the file, so it
 * is found beside the entry point.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Tokenizer = (require(path.join(path.dirname(require.resolve('htmlparser2')), 'Tokenizer.js')) as { default: typeof TokenizerType }).default;

export interface ScanHandler {
  /** Which elements' attributes to collect (asked once per element name). */
  wantAttributes(name: string, local: string): boolean;
  /**
   * Which elements' attributes to hand over one by one, without an object or a string each
   * (asked once per element name; a worksheet has millions of cells): `attribute` is called for
   * each, before `open`, with `text` null when the value is [start, end) of the part as written
   * (read it with `XmlScanner.code`/`text`), else the value (it held an entity or spanned chunks).
   */
  rawAttributes?(name: string, local: string): boolean;
  attribute?(local: string, start: number, end: number, text: string | null): void;
  /**
   * `name` as written (`x:c`), `local` without its prefix (`c`): OOXML writers may use any prefix
   * for the main namespace. `start`: index of `<`; `openEnd`: index after the start tag's `>`.
   */
  open(name: string, local: string, attrs: Record<string, string> | null, start: number, openEnd: number, selfClosing: boolean): void;
  /** `closeStart`: index of `</` (for an empty-element tag: its end); `end`: index after the element. */
  close(name: string, local: string, closeStart: number, end: number): void;
  /**
   * A piece of text. `start`/`end`: where it is in the part (for an entity or CDATA, -1): in byte
   * mode, a value made of one such piece is decoded straight from the part's bytes (`decode`).
   */
  text?(text: string, start: number, end: number): void;
  /**
   * Instead of `text` for a piece without entities: only where it is ([start, end) as reported),
   * with no string made — a worksheet has millions of values. Read it with `XmlScanner.code`,
   * `text` or `decode` before the next chunk is written. Entities and CDATA still go to `text`.
   */
  textAt?(start: number, end: number): void;
}

/** Names seen, each kept once with its local part and whether its attributes are wanted. */
class NameTable {
  readonly names: string[] = [];
  readonly locals: string[] = [];
  readonly wanted: boolean[] = [];
  readonly raw: boolean[] = [];
  /** Ids by length and first and last character: a name is found by comparing one or two candidates. */
  readonly byShape = new Map<number, number[]>();
}

const MAX_NAMES = 256;

export class XmlScanError extends Error {}

/** Feeds text chunks to a tokenizer and turns its tokens into ScanHandler events. */
export class XmlScanner {
  private readonly tokenizer: TokenizerType;
  private window = '';
  private windowBase = 0;
  private tag = 0;
  private tagStart = 0;
  private attrs: Record<string, string> | null = null;
  private attrName = '';
  private attrValue = '';
  private attrLocal = '';
  /** Raw attributes: the current value's one piece [start, end), or -1; whether it is more than one piece. */
  private rawMode = false;
  private pieceStart = -1;
  private pieceEnd = -1;
  private pieces = false;
  private wantText = false;
  /** The open elements (name ids): an end tag closes the innermost (the XML is well-formed or rejected). */
  private readonly open: number[] = [];
  private readonly elements = new NameTable();
  private readonly attributes = new NameTable();

  /** Added to every position reported: where the text fed begins in the part. */
  private readonly offset: number;
  /** Characters fed so far; in byte mode, the current chunk's bytes and where they begin. */
  private fed = 0;
  private raw: Buffer | null = null;
  private rawBase = 0;
  private readonly partial: boolean;

  /**
   * `offset`: the position of the first character fed, in the part (a scan that starts in the
   * middle); `context`: the elements already open there, outermost first; `partial`: the text
   * fed may stop inside elements (a scan of the first part of a document).
   */
  constructor(
    handler: ScanHandler,
    options: { bytes?: boolean; offset?: number; context?: string[]; partial?: boolean } = {},
  ) {
    const self = this;
    this.offset = options.offset ?? 0;
    this.partial = options.partial ?? false;
    const entity = options.bytes ? utf8AsLatin1 : String.fromCodePoint;
    this.wantText = handler.text !== undefined;
    const textAt = handler.textAt?.bind(handler);
    this.tokenizer = new Tokenizer(
      { xmlMode: true, decodeEntities: true },
      {
        onopentagname(start, end) {
          const t = self.elements;
          const id = self.nameId(t, start, end);
          self.tag = id;
          self.tagStart = start - 1;
          let raw = t.raw[id];
          if (raw === undefined) raw = t.raw[id] = handler.rawAttributes?.(t.names[id], t.locals[id]) ?? false;
          self.rawMode = raw;
          let want = t.wanted[id];
          if (want === undefined) want = t.wanted[id] = !raw && handler.wantAttributes(t.names[id], t.locals[id]);
          self.attrs = want ? {} : null;
        },
        onattribname(start, end) {
          if (self.rawMode) {
            self.attrLocal = self.attributes.locals[self.nameId(self.attributes, start, end)];
            self.pieceStart = -1;
            self.pieces = false;
            self.attrValue = '';
          } else if (self.attrs) {
            self.attrName = self.attributes.names[self.nameId(self.attributes, start, end)];
            self.attrValue = '';
          }
        },
        onattribdata(start, end) {
          if (self.rawMode) {
            if (self.pieceStart < 0 && !self.pieces) {
              self.pieceStart = start;
              self.pieceEnd = end;
              return;
            }
            if (!self.pieces) self.attrValue = self.pieceStart < 0 ? '' : self.slice(self.pieceStart, self.pieceEnd);
            self.pieces = true;
            self.attrValue += self.slice(start, end);
          } else if (self.attrs) self.attrValue += self.slice(start, end);
        },
        onattribentity(codepoint) {
          if (self.rawMode) {
            if (!self.pieces) self.attrValue = self.pieceStart < 0 ? '' : self.slice(self.pieceStart, self.pieceEnd);
            self.pieces = true;
            self.attrValue += entity(codepoint);
          } else if (self.attrs) self.attrValue += entity(codepoint);
        },
        onattribend() {
          if (self.rawMode) {
            const at = self.offset;
            if (self.pieces) handler.attribute!(self.attrLocal, -1, -1, self.attrValue);
            else if (self.pieceStart < 0) handler.attribute!(self.attrLocal, -1, -1, '');
            else handler.attribute!(self.attrLocal, self.pieceStart + at, self.pieceEnd + at, null);
          } else if (self.attrs) self.attrs[self.attrName] = self.attrValue;
        },
        onopentagend(end) {
          const t = self.elements;
          self.open.push(self.tag);
          const at = self.offset;
          handler.open(t.names[self.tag], t.locals[self.tag], self.attrs, self.tagStart + at, end + 1 + at, false);
        },
        onselfclosingtag(end) {
          const t = self.elements;
          const at = self.offset;
          handler.open(t.names[self.tag], t.locals[self.tag], self.attrs, self.tagStart + at, end + 1 + at, true);
          handler.close(t.names[self.tag], t.locals[self.tag], end + 1 + at, end + 1 + at);
        },
        onclosetag(start, end) {
          const t = self.elements;
          const id = self.open.pop();
          if (id === undefined || !self.isName(start, end, t.names[id])) throw new XmlScanError(`unexpected end tag </${self.slice(start, end).trim()}>`);
          handler.close(t.names[id], t.locals[id], start - 2 + self.offset, end + 1 + self.offset);
        },
        ontext(start, end) {
          if (textAt) textAt(start + self.offset, end + self.offset);
          else if (self.wantText) handler.text!(self.slice(start, end), start + self.offset, end + self.offset);
        },
        ontextentity(codepoint) {
          if (self.wantText) handler.text!(entity(codepoint), -1, -1);
        },
        oncdata(start, end, endOffset) {
          // The CDATA section's text is [start, end - endOffset) (htmlparser2's Parser slices it so).
          if (self.wantText) handler.text!(self.slice(start, end - endOffset), -1, -1);
        },
        oncomment() {},
        ondeclaration() {},
        onprocessinginstruction() {},
        onend() {},
      },
    );
    for (const name of options.context ?? []) this.open.push(this.addName(this.elements, name));
  }

  private addName(table: NameTable, n: string): number {
    const known = table.names.indexOf(n);
    if (known >= 0) return known;
    const id = table.names.push(n) - 1;
    const colon = n.indexOf(':');
    table.locals.push(colon < 0 ? n : n.slice(colon + 1));
    const shape = (n.length << 16) | (n.charCodeAt(0) << 8) | n.charCodeAt(n.length - 1);
    const same = table.byShape.get(shape);
    if (same) same.push(id);
    else table.byShape.set(shape, [id]);
    return id;
  }

  /** The id of the name at [start, end) in a table (added when new). */
  private nameId(table: NameTable, start: number, end: number): number {
    const w = this.window;
    const from = start - this.windowBase;
    const length = end - start;
    const shape = (length << 16) | (w.charCodeAt(from) << 8) | w.charCodeAt(from + length - 1);
    const candidates = table.byShape.get(shape);
    if (candidates !== undefined) {
      for (let k = 0; k < candidates.length; k++) {
        const n = table.names[candidates[k]];
        let same = true;
        for (let i = 1; i < length - 1 && same; i++) same = w.charCodeAt(from + i) === n.charCodeAt(i);
        if (same) return candidates[k];
      }
    }
    if (table.names.length >= MAX_NAMES) throw new XmlScanError('more different element or attribute names than a part of a workbook has');
    return this.addName(table, this.slice(start, end));
  }

  /** Is the end tag's name at [start, end) (maybe followed by spaces) this name? */
  private isName(start: number, end: number, name: string): boolean {
    const from = start - this.windowBase;
    for (let i = 0; i < name.length; i++) if (this.window.charCodeAt(from + i) !== name.charCodeAt(i)) return false;
    for (let i = from + name.length; i < end - this.windowBase; i++) {
      const c = this.window.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
    }
    return true;
  }

  /** Text between two absolute positions; positions before the current chunk reach back into the kept tail. */
  private slice(start: number, end: number): string {
    const from = start - this.windowBase;
    if (from < 0) throw new XmlScanError('a token is longer than the scanner keeps');
    return this.window.slice(from, end - this.windowBase);
  }

  /** The character (byte, in byte mode) at a position reported for the current token. */
  code(at: number): number {
    return this.window.charCodeAt(at - this.offset - this.windowBase);
  }

  /** The text between two positions reported for the current token. */
  text(start: number, end: number): string {
    return this.slice(start - this.offset, end - this.offset);
  }

  /** The part's bytes, in byte mode. */
  writeBytes(bytes: Buffer): void {
    this.raw = bytes;
    this.rawBase = this.fed;
    this.write(bytes.toString('latin1'));
  }

  /**
   * The text of the part's bytes [start, end) (positions as reported), when they are in the
   * chunk being scanned; else null (the caller decodes the pieces it collected).
   */
  decode(start: number, end: number): string | null {
    const from = start - this.offset - this.rawBase;
    const to = end - this.offset - this.rawBase;
    if (this.raw === null || from < 0 || to > this.raw.length) return null;
    return this.raw.toString('utf8', from, to);
  }

  write(chunk: string): void {
    this.fed += chunk.length;
    // Keep the end of the previous chunk: a tag or attribute name may begin there.
    const keep = this.window.length > 4096 ? this.window.slice(-4096) : this.window;
    this.windowBase += this.window.length - keep.length;
    this.window = keep + chunk;
    this.tokenizer.write(chunk);
  }

  end(): void {
    this.tokenizer.end();
    if (this.open.length !== 0 && !this.partial) throw new XmlScanError('the XML ends inside an element');
  }

}

/**
 * One element's text as a byte-mode scanner reports it (a cell's value, a shared string): while
 * it is one piece without entities, only where it is in the current chunk (`start`..`end`) —
 * most are read from there with no string made; else its pieces as Latin-1 text (the bytes),
 * joined. `keep()` after each chunk: a text that goes on in the next keeps what it has of this one.
 */
export class TextPieces {
  start = -1;
  end = -1;
  pieces: string | null = null;

  constructor(private readonly scanner: XmlScanner) {}

  clear(): void {
    this.start = -1;
    this.pieces = null;
  }

  /** A piece at positions (the scanner's textAt). */
  at(start: number, end: number): void {
    if (this.start < 0 && this.pieces === null) {
      this.start = start;
      this.end = end;
      return;
    }
    this.keep();
    this.pieces += this.scanner.text(start, end);
  }

  /** A piece as text (an entity or CDATA, the scanner's text). */
  add(text: string): void {
    this.keep();
    this.pieces = (this.pieces ?? '') + text;
  }

  /** The pending piece as text of its own, before the chunk it is in is let go. */
  keep(): void {
    if (this.start < 0) return;
    this.pieces = (this.pieces ?? '') + this.scanner.text(this.start, this.end);
    this.start = -1;
  }

  /** The text as written (its bytes as Latin-1). */
  raw(): string {
    this.keep();
    return this.pieces ?? '';
  }

  /** The text decoded: straight from the part's bytes when it is one piece; else the pieces, through `texts.keep` (sheetRead's TextKeeper). */
  decoded(texts: { keep(text: string): string }): string {
    if (this.pieces === null && this.start >= 0) {
      const direct = this.scanner.decode(this.start, this.end);
      if (direct !== null) return direct;
    }
    return texts.keep(bytesToText(this.raw()));
  }
}

/** A code point as its UTF-8 bytes, one Latin-1 character each (byte mode). */
function utf8AsLatin1(cp: number): string {
  return cp < 0x80 ? String.fromCharCode(cp) : Buffer.from(String.fromCodePoint(cp), 'utf8').toString('latin1');
}

const NON_ASCII = /[\u0080-\u00ff]/;

/** The text a byte-mode value stands for (its UTF-8 bytes, read as Latin-1). */
export function bytesToText(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

/** Scan a whole text. */
export function scanText(text: string, handler: ScanHandler): void {
  const scanner = new XmlScanner(handler);
  scanner.write(text);
  scanner.end();
}
