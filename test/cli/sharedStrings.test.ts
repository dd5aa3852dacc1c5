/**
 * The shared string table as it is read from the part's bytes, in chunks of any size: a text,
 * a multi-byte character or an entity split between two chunks reads as when it is whole.
 */
import { Readable } from 'node:stream';
import { readSharedStrings } from '../../src/cli/xlsx/package';
import { TextKeeper } from '../../src/cli/xlsx/sheetRead';

const SST =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7">' +
  '<si><t>项目编号</t></si>' +
  '<si><r><rPr><b/></rPr><t>云</t></r><r><t xml:space="preserve">帆 </t></r><rPh sb="0" eb="1"><t>yun</t></rPh></si>' +
  '<si><t>已提交_x000D_</t></si>' +
  '<si><t>A &amp; B &lt;加急&gt; &#x4E91;</t></si>' +
  '<si><t/></si>' +
  '<si><t><![CDATA[x<y]]></t></si>' +
  '<si><t>厦门泰宏互动娱乐有限公司 — a longer text, kept as a string of its own</t></si>' +
  '</sst>';

const EXPECTED = ['项目编号', '云帆 ', '已提交\r', 'A & B <加急> 云', '', 'x<y', '厦门泰宏互动娱乐有限公司 — a longer text, kept as a string of its own'];

function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

test.each([1, 2, 3, 5, 7, 16, 64, 100_000])('read in chunks of %i bytes', async (size) => {
  expect(await readSharedStrings(chunked(Buffer.from(SST, 'utf8'), size), new TextKeeper())).toEqual(EXPECTED);
});
