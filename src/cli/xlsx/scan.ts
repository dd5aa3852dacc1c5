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
 */
import { Tokenizer } from 'htmlparser2';

export interface ScanHandler {
  /** Which elements' attributes to collect (by qualified name as written). */
  wantAttributes(name: string): boolean;
  /** `start`: index of `<`; `openEnd`: index after the start tag's `>`. */
  open(name: string, attrs: Record<string, string> | null, start: number, openEnd: number, selfClosing: boolean): void;
  /** `closeStart`: index of `</` (for an empty-element tag: its end); `end`: index after the element. */
  close(name: string, closeStart: number, end: number): void;
  text?(text: string): void;
}

export class XmlScanError extends Error {}

/** Feeds text chunks to a tokenizer and turns its tokens into ScanHandler events. */
export class XmlScanner {
  private readonly tokenizer: Tokenizer;
  private window = '';
  private windowBase = 0;
  private tagName = '';
  private tagStart = 0;
  private attrs: Record<string, string> | null = null;
  private attrName = '';
  private attrValue = '';
  private wantText = false;
  /** Names of the open elements: an end tag closes the innermost (the XML is well-formed or rejected). */
  private readonly open: string[] = [];
  /** Element names seen, so that a name is one string however often it occurs. */
  private readonly names: string[] = [];

  constructor(private readonly handler: ScanHandler) {
    const self = this;
    this.wantText = handler.text !== undefined;
    this.tokenizer = new Tokenizer(
      { xmlMode: true, decodeEntities: true },
      {
        onopentagname(start, end) {
          self.tagName = self.name(start, end);
          self.tagStart = start - 1;
          self.attrs = handler.wantAttributes(self.tagName) ? {} : null;
        },
        onattribname(start, end) {
          if (self.attrs) {
            self.attrName = self.slice(start, end);
            self.attrValue = '';
          }
        },
        onattribdata(start, end) {
          if (self.attrs) self.attrValue += self.slice(start, end);
        },
        onattribentity(codepoint) {
          if (self.attrs) self.attrValue += String.fromCodePoint(codepoint);
        },
        onattribend() {
          if (self.attrs) self.attrs[self.attrName] = self.attrValue;
        },
        onopentagend(end) {
          self.open.push(self.tagName);
          handler.open(self.tagName, self.attrs, self.tagStart, end + 1, false);
        },
        onselfclosingtag(end) {
          handler.open(self.tagName, self.attrs, self.tagStart, end + 1, true);
          handler.close(self.tagName, end + 1, end + 1);
        },
        onclosetag(start, end) {
          const name = self.open.pop();
          if (name === undefined || !self.isName(start, end, name)) throw new XmlScanError(`unexpected end tag </${self.slice(start, end).trim()}>`);
          handler.close(name, start - 2, end + 1);
        },
        ontext(start, end) {
          if (self.wantText) handler.text!(self.slice(start, end));
        },
        ontextentity(codepoint) {
          if (self.wantText) handler.text!(String.fromCodePoint(codepoint));
        },
        oncdata(start, end, endOffset) {
          if (self.wantText) handler.text!(self.slice(start, end - endOffset + 1));
        },
        oncomment() {},
        ondeclaration() {},
        onprocessinginstruction() {},
        onend() {},
      },
    );
  }

  /** The element name at [start, end), as the one string kept for it. */
  private name(start: number, end: number): string {
    const from = start - this.windowBase;
    const length = end - start;
    for (const n of this.names) {
      if (n.length !== length) continue;
      let same = true;
      for (let i = 0; i < length && same; i++) same = this.window.charCodeAt(from + i) === n.charCodeAt(i);
      if (same) return n;
    }
    const n = this.slice(start, end);
    if (this.names.length < 64) this.names.push(n);
    return n;
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

  write(chunk: string): void {
    // Keep the end of the previous chunk: a tag or attribute name may begin there.
    const keep = this.window.length > 4096 ? this.window.slice(-4096) : this.window;
    this.windowBase += this.window.length - keep.length;
    this.window = keep + chunk;
    this.tokenizer.write(chunk);
  }

  end(): void {
    this.tokenizer.end();
    if (this.open.length !== 0) throw new XmlScanError('the XML ends inside an element');
  }

  /** Absolute position of the next character to be fed. */
  get position(): number {
    return this.windowBase + this.window.length;
  }
}

/** Scan a whole text. */
export function scanText(text: string, handler: ScanHandler): void {
  const scanner = new XmlScanner(handler);
  scanner.write(text);
  scanner.end();
}
