/**
 * The xlsx package as a ZIP archive: yauzl reads it (entries listed from the central
 * directory, each part inflated on demand as a stream, zip64 included), yazl writes the copy
 * (parts streamed in, deflated by Node's zlib). Neither holds the whole archive in memory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';

export class ZipReadError extends Error {}

/** Output chunk of zlib's streams, inflating the input's parts and deflating the copy's (useLargeDeflateChunks). */
export const ZLIB_CHUNK = 1 << 18;

/** Archives up to this size are read into memory whole (ZipSource.open). */
const IN_MEMORY_MAX = 64 * 1024 * 1024;

/** An opened package: its part names, in archive order, and their bytes on demand. */
export class ZipSource {
  /** Stored names by their lower-case form: OPC part names are case-insensitive. */
  private readonly byLowerCase = new Map<string, string>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {
    for (const key of entries.keys()) if (!this.byLowerCase.has(key.toLowerCase())) this.byLowerCase.set(key.toLowerCase(), key);
  }

  static async open(filePath: string): Promise<ZipSource> {
    const options = { lazyEntries: true, autoClose: false, decodeStrings: true, strictFileNames: false };
    const opened = (resolve: (z: yauzl.ZipFile) => void, reject: (e: Error) => void) => (err: Error | null, z?: yauzl.ZipFile) =>
      err || !z ? reject(new ZipReadError(err?.message ?? 'cannot open')) : resolve(z);
    // A file up to 64 MB (a 100,000-row portfolio is 13–30 MB) is read whole, once: its parts are
    // then inflated from memory. Read through the file, each pass over a part is hundreds of
    // small reads, queued on the thread pool behind the deflating of the copy being written.
    const size = fs.statSync(filePath).size;
    const whole = size <= IN_MEMORY_MAX ? await fs.promises.readFile(filePath) : null;
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      whole ? yauzl.fromBuffer(whole, options, opened(resolve, reject)) : yauzl.open(filePath, options, opened(resolve, reject)),
    );
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if ((entry.generalPurposeBitFlag & 1) !== 0) {
          reject(new ZipReadError('encrypted zip entry'));
          return;
        }
        // Part names are case-insensitive (OPC); a leading "/" is not part of the name.
        if (!entry.fileName.endsWith('/')) entries.set(entry.fileName.replace(/^\/+/, ''), entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (e: Error) => reject(new ZipReadError(e.message)));
      zip.readEntry();
    });
    return new ZipSource(zip, entries);
  }

  /** Part names in archive order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The stored name of a part, matched case-insensitively as OPC part names are. */
  resolve(name: string): string | null {
    const clean = name.replace(/^\/+/, '');
    if (this.entries.has(clean)) return clean;
    return this.byLowerCase.get(clean.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.resolve(name) !== null;
  }

  size(name: string): number {
    const key = this.resolve(name);
    return key === null ? 0 : this.entries.get(key)!.uncompressedSize;
  }

  modified(name: string): Date {
    const key = this.resolve(name);
    return key === null ? new Date() : this.entries.get(key)!.getLastModDate();
  }

  async stream(name: string): Promise<Readable> {
    const key = this.resolve(name);
    if (key === null) throw new ZipReadError(`no part ${name}`);
    const entry = this.entries.get(key)!;
    const deflated = entry.compressionMethod === 8;
    if (!deflated && entry.compressionMethod !== 0) throw new ZipReadError(`${name} uses zip compression method ${entry.compressionMethod}`);
    const raw = await new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry, { decompress: deflated ? false : null } as yauzl.ZipFileOptions, (err, stream) =>
        err || !stream ? reject(new ZipReadError(err?.message ?? `cannot read ${name}`)) : resolve(stream),
      ),
    );
    if (!deflated) return raw;
    // Inflated here rather than by yauzl: larger chunks mean fewer hand-offs for a 100 MB sheet.
    const inflate = zlib.createInflateRaw({ chunkSize: ZLIB_CHUNK });
    raw.on('error', (e) => inflate.destroy(e));
    return raw.pipe(inflate);
  }

  /** The first bytes of a part, as Latin-1 text (to look at its root element). */
  async peek(name: string, bytes: number): Promise<string> {
    const stream = await this.stream(name);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= bytes) break;
    }
    stream.destroy();
    return Buffer.concat(chunks).subarray(0, bytes).toString('latin1');
  }

  async buffer(name: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.stream(name)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async text(name: string): Promise<string> {
    return decodeXmlBytes(await this.buffer(name));
  }

  close(): void {
    this.zip.close();
  }
}

/** XML parts are UTF-8 (a BOM is dropped); UTF-16 parts are decoded by their BOM. */
export function decodeXmlBytes(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return buf.toString('utf8', start);
}

/** One part of the copy: bytes, a stream made when the writer reaches it, or the input's part as it is. */
export type ZipOut =
  | { name: string; buffer: Buffer; modified?: Date }
  | { name: string; stream: () => Promise<Readable> | Readable; modified?: Date; large?: boolean }
  | { name: string; copy: ZipSource };

/**
 * Deflate level: 6 (zlib's default) for small parts; the rewritten portfolio sheet, which can
 * be 100 MB of XML, at 2 — three times as fast (123 MB of sheet: 0.5 s against 1.5 s) for a fifth more bytes.
 */
const LEVEL_SMALL = 6;
const LEVEL_LARGE = 2;
/**
 * Parts from this size on are deflated at LEVEL_LARGE too (the shared strings, the state sheet,
 * History, a large sheet copied as it is): 100,000 rows' 15.6 MB of shared strings take 134 ms
 * instead of 336 ms for 3.30 MB instead of 2.99 MB, their 24 MB state sheet 157 ms instead of 472 ms.
 */
const LARGE_PART_BYTES = 1 << 20;

function levelFor(size: number): number {
  return size >= LARGE_PART_BYTES ? LEVEL_LARGE : LEVEL_SMALL;
}

type Crc32 = (data: Buffer, value?: number) => number;

/**
 * yazl takes each part's CRC-32 from buffer-crc32, a JavaScript loop over a table: 0.4 s of a
 * 100,000-row check. Node's zlib has the same checksum natively (`zlib.crc32`, Node 20.15 and
 * later), so yazl's own copy of buffer-crc32 (resolved from yazl, as yazl resolves it) is pointed
 * at it; on an older Node nothing changes. test/cli/zip.test.ts checks both give the same sums.
 */
export function useNativeCrc32(): boolean {
  const native = (zlib as unknown as { crc32?: Crc32 }).crc32;
  if (typeof native !== 'function') return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yazlsCrc32 = require(require.resolve('buffer-crc32', { paths: [path.dirname(require.resolve('yazl'))] })) as { unsigned: Crc32 };
  yazlsCrc32.unsigned = (data, previous) => native(data, previous ?? 0);
  return true;
}
useNativeCrc32();


/**
 * yazl deflates each streamed part with `new zlib.DeflateRaw({ level })`, whose output chunk is
 * zlib's default 16 KB: every 16 KB of output is a round trip from the thread pool to this
 * thread, which is busy splicing the sheet, so the deflate waits on it (10,000 rows: 14 MB of
 * sheet, 150 round trips; write 569 → 485 ms, median of 8 alternating runs, with 256 KB). yazl
 * takes no zlib options, so the constructor it calls is given a default chunk size; a caller
 * that gives its own keeps it. Nothing else in the command line makes a DeflateRaw.
 */
export function useLargeDeflateChunks(): boolean {
  // The module object itself, as yazl's require sees it (an `import *` namespace is a copy of it).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const z = require('node:zlib') as { DeflateRaw: typeof zlib.DeflateRaw & { largeChunks?: boolean } };
  if (z.DeflateRaw.largeChunks) return false;
  const Base = z.DeflateRaw;
  class LargeChunks extends Base {
    static override largeChunks = true;
    constructor(options?: zlib.ZlibOptions) {
      super({ chunkSize: ZLIB_CHUNK, ...options });
    }
  }
  z.DeflateRaw = LargeChunks;
  return true;
}
useLargeDeflateChunks();

/** Write the parts, in order, to `destination` (a stream the caller owns and has opened). */
export async function writeZip(parts: readonly ZipOut[], destination: NodeJS.WritableStream): Promise<void> {
  const zip = new yazl.ZipFile();
  let fail: (e: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    fail = (e: Error) => {
      reject(e);
      (destination as unknown as { destroy?: (e: Error) => void }).destroy?.(e);
    };
    zip.outputStream.on('error', fail);
    destination.on('error', fail);
    destination.on('finish', () => resolve());
  });
  zip.outputStream.pipe(destination);
  const lazy = (make: () => Promise<Readable> | Readable) => (cb: (err: Error | null, stream: Readable) => void) => {
    Promise.resolve()
      .then(make)
      .then(
        (s) => {
          s.on('error', fail);
          cb(null, s);
        },
        (e: Error) => {
          fail(e);
          cb(e, Readable.from([]));
        },
      );
  };
  for (const part of parts) {
    if ('buffer' in part) {
      zip.addBuffer(part.buffer, part.name, { mtime: part.modified ?? new Date(), compressionLevel: levelFor(part.buffer.length) });
    } else if ('stream' in part) {
      const level = part.large ? LEVEL_LARGE : LEVEL_SMALL;
      zip.addReadStreamLazy(part.name, { mtime: part.modified ?? new Date(), compressionLevel: level }, lazy(part.stream));
    } else {
      zip.addReadStreamLazy(part.name, { mtime: part.copy.modified(part.name), compressionLevel: levelFor(part.copy.size(part.name)) }, lazy(() => part.copy.stream(part.name)));
    }
  }
  zip.end();
  await done;
}
