/**
 * The portfolio sheet of a large check (146 MB of XML at 100,000 rows) deflated on several
 * threads. One zlib stream deflates on one thread of the pool; measured on 2 cores, the copy's
 * main thread then waited a third of the time for it. Here the data is cut into blocks of 1 MB,
 * each deflated by Node's zlib on the thread pool at once, each ending with a sync flush (no
 * final bit, byte-aligned) and primed with the 32 KB before it as its dictionary, so that the
 * blocks joined are one raw deflate stream (RFC 1951), compressed as well as one stream would be —
 * the way pigz does it. A final empty block ends the stream.
 *
 * yazl deflates each part itself with `new zlib.DeflateRaw({ level })`. The portfolio sheet is
 * the only part written at LEVEL_PARALLEL (zip.ts), so yazl's constructor call for that level
 * is given this stream instead: yazl still counts the bytes and takes the CRC-32 of the data it
 * is given, before it is deflated.
 */
import { Transform, TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';

/** The deflate level whose streams are made here (zip.ts uses it for the portfolio sheet only). */
export const LEVEL_PARALLEL = 2;

const BLOCK = 1 << 20;
const WINDOW = 32 * 1024;
/** Blocks being deflated at once: enough to keep 2 cores busy beside the main thread, little memory. */
const IN_FLIGHT = 3;
const FINAL_BLOCK = zlib.deflateRawSync(Buffer.alloc(0));

function deflateBlock(block: Buffer, level: number, dictionary: Buffer | null): Promise<Buffer> {
  const options: zlib.ZlibOptions = { level, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (dictionary !== null) options.dictionary = dictionary;
  return new Promise((resolve, reject) => zlib.deflateRaw(block, options, (err, out) => (err ? reject(err) : resolve(out))));
}

export class ParallelDeflateRaw extends Transform {
  private pieces: Buffer[] = [];
  private size = 0;
  private previous: Buffer | null = null;
  private readonly queue: Promise<Buffer>[] = [];

  constructor(private readonly level: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pieces.push(chunk);
    this.size += chunk.length;
    if (this.size < BLOCK) return callback();
    this.startBlock();
    this.drain(IN_FLIGHT - 1).then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.size > 0) this.startBlock();
    this.drain(0).then(() => {
      this.push(FINAL_BLOCK);
      callback();
    }, callback);
  }

  private startBlock(): void {
    const block = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces, this.size);
    this.pieces = [];
    this.size = 0;
    const dictionary = this.previous === null ? null : this.previous.subarray(Math.max(0, this.previous.length - WINDOW));
    this.queue.push(deflateBlock(block, this.level, dictionary));
    this.previous = block;
  }

  /** Hands on the deflated blocks, in order, until at most `keep` are still being deflated. */
  private async drain(keep: number): Promise<void> {
    while (this.queue.length > keep) this.push(await this.queue.shift()!);
  }
}

/**
 * yazl's `new zlib.DeflateRaw({ level })` for LEVEL_PARALLEL gives a ParallelDeflateRaw; any
 * other level, zlib's own. test/cli/deflate.test.ts checks the joined blocks inflate to the data.
 */
export function useParallelDeflate(): void {
  // The module object itself (as yazl requires it), not the compiled import's read-only view of it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const z = require('node:zlib') as { DeflateRaw: (new (options?: zlib.ZlibOptions) => Transform) & { parallel?: true } };
  if (z.DeflateRaw.parallel) return;
  const Original = z.DeflateRaw;
  function DeflateRaw(this: unknown, options?: zlib.ZlibOptions): Transform {
    return options?.level === LEVEL_PARALLEL ? new ParallelDeflateRaw(LEVEL_PARALLEL) : new Original(options);
  }
  DeflateRaw.prototype = Original.prototype;
  DeflateRaw.parallel = true as const;
  z.DeflateRaw = DeflateRaw as unknown as typeof z.DeflateRaw;
}
