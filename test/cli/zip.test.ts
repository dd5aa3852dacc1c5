import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import { ZLIB_CHUNK, useLargeDeflateChunks, useNativeCrc32, writeZip } from '../../src/cli/xlsx/zip';

/** yazl's own buffer-crc32, as yazl resolves it. */
const yazlsCrc32 = require(require.resolve('buffer-crc32', { paths: [path.dirname(require.resolve('yazl'))] })) as {
  unsigned: (b: Buffer, previous?: number) => number;
  signed: (b: Buffer, previous?: number) => number;
};

describe('CRC-32 of the parts written', () => {
  it('the native checksum yazl is given equals buffer-crc32 own, chunk after chunk', () => {
    expect(useNativeCrc32()).toBe(true);
    const a = randomBytes(70_001);
    const b = randomBytes(3);
    const javascript = (buf: Buffer, previous?: number) => yazlsCrc32.signed(buf, previous) >>> 0;
    expect(yazlsCrc32.unsigned(a)).toBe(javascript(a));
    expect(yazlsCrc32.unsigned(b, yazlsCrc32.unsigned(a))).toBe(javascript(b, javascript(a)));
    expect(yazlsCrc32.unsigned(Buffer.alloc(0))).toBe(0);
  });

  it('an archive of streamed and buffered parts passes JSZip CRC check', async () => {
    const big = randomBytes(600_000);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeZip(
      [
        { name: 'a.bin', buffer: Buffer.from('hello') },
        { name: 'big.bin', stream: () => Readable.from([big.subarray(0, 1000), big.subarray(1000, 400_000), big.subarray(400_000)]), large: true },
      ],
      out,
    );
    const zip = await JSZip.loadAsync(Buffer.concat(chunks), { checkCRC32: true });
    expect(await zip.file('a.bin')!.async('string')).toBe('hello');
    expect(Buffer.from(await zip.file('big.bin')!.async('uint8array')).equals(big)).toBe(true);
  });
});

describe('deflate of the streamed parts', () => {
  it('yazl\'s DeflateRaw hands back 256 KB chunks, not 16 KB ones; a chunk size asked for is kept', async () => {
    expect(useLargeDeflateChunks()).toBe(false); // installed when the module loaded, once
    // Incompressible bytes: the output is as large as the input, so the chunks show at their full size.
    const input = randomBytes(1_000_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const zlib = require('node:zlib') as typeof import('node:zlib'); // the module yazl requires, not a namespace copy
    const sizes = async (d: import('node:zlib').DeflateRaw) => {
      const out: number[] = [];
      d.on('data', (c: Buffer) => out.push(c.length));
      const ended = new Promise((resolve) => d.on('end', resolve));
      d.end(input);
      await ended;
      return out;
    };
    const large = await sizes(new zlib.DeflateRaw({ level: 2 }));
    expect(Math.max(...large)).toBe(ZLIB_CHUNK);
    expect(large.length).toBeLessThanOrEqual(5);
    const asked = await sizes(new zlib.DeflateRaw({ level: 2, chunkSize: 16 * 1024 }));
    expect(Math.max(...asked)).toBe(16 * 1024);
  });
});
