import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  decodeCsvBytes,
  encodeCsvText,
  parseCsv,
  parseCsvBuffer,
  parseCsvDocument,
  parseCsvRecords,
  readCsv,
  readCsvDocument,
} from '../../src/cli/csv';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'csv');

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

describe('decoding', () => {
  test('UTF-16LE and UTF-16BE with a BOM, and UTF-16LE without one', () => {
    const text = '项目编号\tID\r\nG-1\t-5\r\n';
    const le = Buffer.from(text, 'utf16le');
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({ text, encoding: 'utf-16le', bom: true });
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]))).toEqual({ text, encoding: 'utf-16be', bom: true });
    expect(decodeCsvBytes(Buffer.from('ID,客户\r\nG-1,云帆\r\n', 'utf16le'))).toMatchObject({ encoding: 'utf-16le', bom: false });
  });

  test('UTF-8 keeps whether it had a BOM; GBK is not mistaken for UTF-16', () => {
    expect(decodeCsvBytes(Buffer.from('\ufeffID\n', 'utf8'))).toEqual({ text: 'ID\n', encoding: 'utf-8', bom: true });
    expect(decodeCsvBytes(Buffer.from('ID\n', 'utf8'))).toEqual({ text: 'ID\n', encoding: 'utf-8', bom: false });
    expect(decodeCsvBytes(fs.readFileSync(path.join(FIXTURES, 'gbk-crlf.csv')))).toMatchObject({ encoding: 'gb18030', bom: false });
  });

  test('decode then encode gives the same bytes, unpaired surrogates and odd UTF-8 included', () => {
    const cases: [Buffer, 'utf-8' | 'utf-16le' | 'utf-16be'][] = [
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x3d, 0xd8, 0x41, 0x00, 0x09, 0x00])]), 'utf-16le'], // lone high surrogate
      [Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from([0xd8, 0x3d, 0x00, 0x41])]), 'utf-16be'],
      [Buffer.from('\ufeff𠮷,é,\u200b,\r\n', 'utf8'), 'utf-8'],
      [Buffer.from('no bom,𠮷\n', 'utf8'), 'utf-8'],
    ];
    for (const [bytes, encoding] of cases) {
      const d = decodeCsvBytes(bytes);
      expect(d.encoding).toBe(encoding);
      expect(encodeCsvText(d.text, encoding, d.bom).equals(bytes)).toBe(true);
    }
  });
});

describe('records with positions', () => {
  test('each span is the field as written; values are unquoted', () => {
    const text = 'a,"b,""c""",d"e\r\n"x\ny"z,\n\nlast';
    const r = parseCsvRecords(text, ',');
    expect(r.values).toEqual([['a', 'b,"c"', 'd"e'], ['x\nyz', ''], [''], ['last']]);
    const raw = r.values.map((_, rec) => {
      const fields: string[] = [];
      for (let k = r.firstField[rec]; k < r.firstField[rec + 1]; k++) fields.push(text.slice(r.spans[2 * k], r.spans[2 * k + 1]));
      return fields;
    });
    expect(raw).toEqual([['a', '"b,""c"""', 'd"e'], ['"x\ny"z', ''], [''], ['last']]);
    expect(Array.from(r.contentEnd, (e, i) => text.slice(e, r.next[i]))).toEqual(['\r\n', '\n', '\n', '']);
    expect(r.firstField).toHaveLength(5);
  });

  test('a limit stops early', () => {
    expect(parseCsvRecords('a\nb\nc\n', ',', 2)).toMatchObject({ values: [['a'], ['b']], end: 4 });
  });
});

describe('readCsvDocument', () => {
  const doc = (name: string) => readCsvDocument(path.join(FIXTURES, name));

  test('UTF-8 with BOM, CRLF, a title and a blank line above the header; rows padded or cut to the header', () => {
    const d = doc('user-fields-crlf-bom.csv');
    expect(d).toMatchObject({ encoding: 'utf-8', bom: true, separator: ',', sepLine: false, headerRecord: 2, firstDataRow: 4, width: 12, lineEnding: '\r\n' });
    expect(d.rows[0]).toEqual(['G-1', '云帆, 互娱', '他说"好"', '-5', '-12.5', '+8613800000000', '-', '@张三 跟进', 'VIP']);
    expect(d.rows[1]).toHaveLength(9); // its two extra fields are not the check's
    expect(d.rows[1][2]).toBe('多行\n备注');
    expect(d.rows[2]).toEqual(['', null, null, null, null, null, null, null, null]);
    expect(d.rows[3]).toEqual(['G-3', '短行', null, null, null, null, null, null, null]);
  });

  test('LF without BOM', () => {
    expect(doc('user-fields-lf.csv')).toMatchObject({ encoding: 'utf-8', bom: false, separator: ',', headerRecord: 0, width: 6, lineEnding: '\n' });
  });

  test('UTF-16LE tab-separated', () => {
    const d = doc('unicode-text.txt');
    expect(d).toMatchObject({ encoding: 'utf-16le', bom: true, separator: '\t', headerRecord: 0 });
    expect(d.headers).toEqual(['项目编号', '客户', '数量', '手机', '备注']);
    expect(d.rows[1]).toEqual(['G-2', '含"引号', '-12.5', '-', '两\n行']);
  });

  test('semicolons, found from the header line; with sep=; the hint decides and the line is not a sheet row', () => {
    const plain = doc('semicolon.csv');
    expect(plain).toMatchObject({ separator: ';', sepLine: false, headerRecord: 0, firstDataRow: 2 });
    expect(plain.rows[0]).toEqual(['G-1', '云帆, 互娱', '已通过', '1,5', 'a;b']);
    const hinted = doc('semicolon-sep.csv');
    expect(hinted).toMatchObject({ separator: ';', sepLine: true, headerRecord: 1, firstDataRow: 2 });
    expect(hinted.headers).toEqual(plain.headers);
  });

  test('the separator is the one that makes an ID header, outside quotes, on the earliest line', () => {
    const sep = (text: string) => parseCsvDocument(Buffer.from(text)).separator;
    expect(sep('导出,2026,共3行\r\n项目编号;客户,备注;状态\r\nG-1;a;b\r\n')).toBe(';');
    expect(sep('项目编号,"客户;名称";x,备注\r\n')).toBe(',');
    expect(sep('"项目编号;客户"\t编号\t备注\n')).toBe('\t');
    expect(sep('ID\nG-1\n')).toBe(',');
    // on the same line, the separator that gives it more fields; then the comma
    expect(sep('x;ID;y;z,ID,w\n')).toBe(';');
    expect(sep('x;ID;y,ID,z\n')).toBe(',');
    expect(sep('sep=\t\nID\tx,Y\n')).toBe('\t');
    // the hint wins even where a comma would also do
    const hinted = parseCsvDocument(Buffer.from('sep=;\nID\nG-1,x;y\n'));
    expect(hinted).toMatchObject({ separator: ';', sepLine: true, headerRecord: 1 });
    expect(hinted.rows).toEqual([['G-1,x']]);
    expect(parseCsvDocument(Buffer.from('ID\nG-1,x;y\n')).separator).toBe(',');
  });

  test('no ID column: one line naming the headers looked for and what was found, split properly', () => {
    expect(() => doc('no-id-semicolon.csv')).toThrow(/no ID column — looked for a header "项目编号", "ID".*; found 客户, 名称, 注册状态 \(line 1, separated by semicolons\)$/);
    expect(() => doc('no-id-semicolon.csv')).not.toThrow(/客户;名称/);
    expect(() => parseCsvDocument(Buffer.from('sep=;\r\n客户;名称\r\n'), 'x.csv')).toThrow(/found 客户, 名称 \(line 2, separated by semicolons\)/);
    expect(() => parseCsvDocument(Buffer.from('\r\n\r\n'), 'x.csv')).toThrow(/x\.csv: no ID column .*the file is empty$/);
    expect(() => parseCsvDocument(Buffer.from('客户,名称\r\n'), 'x.csv')).toThrow(/found 客户, 名称 \(line 1, separated by commas\)/);
  });
});
