import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatCsv, parseCsv, parseCsvBuffer, readCsv, writeCsv } from '../../src/cli/csv';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-csv-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readCsv', () => {
  const rows = [
    ['小程序名称', 'AppID', '备注'],
    ['游戏, 第一版', 'wx1', '他说"好"'],
    ['多行', 'wx2', '第一行\r\n第二行'],
    ['', '', ''],
  ];
  const text = '小程序名称,AppID,备注\r\n"游戏, 第一版",wx1,"他说""好"""\r\n多行,wx2,"第一行\r\n第二行"\r\n,,\r\n';

  test('UTF-8 with BOM (Excel "CSV UTF-8")', () => {
    fs.writeFileSync(path.join(dir, 'bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(readCsv(path.join(dir, 'bom.csv'))).toEqual({ rows, encoding: 'utf-8' });
  });

  test('UTF-8 without BOM', () => {
    expect(parseCsvBuffer(Buffer.from(text))).toEqual({ rows, encoding: 'utf-8' });
  });

  test('GBK / GB18030 as saved by Excel on Chinese Windows', () => {
    // "小程序,审核中\r\n" in GBK
    const gbk = Buffer.from('d0a1b3ccd0f22cc9f3bacbd6d00d0a', 'hex');
    expect(parseCsvBuffer(gbk)).toEqual({ rows: [['小程序', '审核中']], encoding: 'gb18030' });
  });

  test('LF and CR line ends, no final newline, ragged rows, stray quotes', () => {
    expect(parseCsv('a,b\nc\rd,"e"x,f"g')).toEqual([['a', 'b'], ['c'], ['d', 'ex', 'f"g']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\r\n')).toEqual([['']]);
    expect(parseCsv('a,\n')).toEqual([['a', '']]);
  });
});

describe('writeCsv', () => {
  test('BOM, CRLF, quoting only when needed, round trip', () => {
    const p = path.join(dir, 'out.csv');
    const rows = [
      ['名称', '数量', '日期', '时间', '标志'],
      ['a, b', -5, new Date(Date.UTC(2024, 5, 1)), new Date(Date.UTC(2024, 5, 1, 9, 30)), true],
      ['say "hi"', 1.5, null, null, false],
      ['两行\n文本', 0, '', ' padded', 'x'],
    ];
    writeCsv(p, rows);
    const buf = fs.readFileSync(p);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.subarray(3).toString('utf8')).toBe(
      '名称,数量,日期,时间,标志\r\n"a, b",-5,2024-06-01,2024-06-01 09:30,TRUE\r\n"say ""hi""",1.5,,,FALSE\r\n"两行\n文本",0,," padded",x\r\n',
    );
    expect(readCsv(p).rows[3]).toEqual(['两行\n文本', '0', '', ' padded', 'x']);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('text that a spreadsheet would evaluate gets a leading apostrophe', () => {
    expect(formatCsv([['=1+1', '+86 138', '-x', '@SUM(A1)', '\tx', 'a=b', -1]])).toBe(
      "'=1+1,'+86 138,'-x,'@SUM(A1),'\tx,a=b,-1\r\n",
    );
    expect(formatCsv([['=HYPERLINK("http://x","y")']])).toBe('"\'=HYPERLINK(""http://x"",""y"")"\r\n');
  });
});
