/** The portfolio sheet's deflate on several threads: one raw deflate stream, as one zlib stream would make it. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { LEVEL_PARALLEL, ParallelDeflateRaw, useParallelDeflate } from '../../src/cli/xlsx/deflate';

/** Sheet-like XML, 3.5 MB: several blocks, with repeats that reach back across block boundaries. */
function sheetXml(rows: number): Buffer {
  let xml = '<worksheet><sheetData>';
  for (let r = 1; r <= rows; r++) xml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>G-${String(r).padStart(5, '0')} 郑州鼎祥网络科技</t></is></c><c r="B${r}" s="1"><v>${46000 + (r % 400)}</v></c></row>`;
  return Buffer.from(`${xml}</sheetData></worksheet>`, 'utf8');
}

async function deflate(data: Buffer, chunk: number, stream: NodeJS.ReadWriteStream): Promise<Buffer> {
  const pieces: Buffer[] = [];
  const chunks = (function* () {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  })();
  await pipeline(Readable.from(chunks), stream, new Writable({ write: (c: Buffer, _e, cb) => (pieces.push(c), cb()) }));
  return Buffer.concat(pieces);
}

const data = sheetXml(30_000);
jest.setTimeout(30_000);

test.each([1000, 65_536, 300_000])('the blocks, joined, inflate to the data (written in chunks of %i bytes), and compress as one stream does', async (chunk) => {
  const parallel = await deflate(data, chunk, new ParallelDeflateRaw(LEVEL_PARALLEL));
  expect(data.length).toBeGreaterThan(3 << 20);
  expect(zlib.inflateRawSync(parallel).equals(data)).toBe(true);
  // Each block is primed with the 32 KB before it: within 1% of a single stream's size.
  const single = zlib.deflateRawSync(data, { level: LEVEL_PARALLEL });
  expect(Math.abs(parallel.length - single.length) / single.length).toBeLessThan(0.01);
});

test('an empty part is one final empty block', async () => {
  const out = await deflate(Buffer.alloc(0), 10, new ParallelDeflateRaw(LEVEL_PARALLEL));
  expect(zlib.inflateRawSync(out).length).toBe(0);
});

test("yazl's DeflateRaw for the portfolio sheet's level is the parallel one; every other level is zlib's own", () => {
  useParallelDeflate();
  useParallelDeflate();
  const z = require('node:zlib') as typeof zlib;
  // By name: zlib is one module for the whole process, and another test file's copy of deflate.ts may have patched it first.
  expect(new z.DeflateRaw({ level: LEVEL_PARALLEL }).constructor.name).toBe(ParallelDeflateRaw.name);
  const small = new z.DeflateRaw({ level: 6 });
  expect(small.constructor.name).not.toBe(ParallelDeflateRaw.name);
  expect(small).toBeInstanceOf(z.DeflateRaw);
});
