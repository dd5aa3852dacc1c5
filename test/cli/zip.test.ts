import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import { useNativeCrc32, writeZip } from '../../src/cli/xlsx/zip';

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
