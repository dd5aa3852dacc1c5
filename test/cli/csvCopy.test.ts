/**
 * The CSV copy, on real bytes: every field the user wrote comes out as the same bytes (the same text for GBK
 * input), outputs go where the ownership plan says, only output texts are escaped.
 *
 * The byte spans are found by `rawRecords` below, a scanner written for these tests independently of the
 * parser in src/cli/csv.ts, so a parser bug cannot hide itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCsvDocument, parseCsvDocument } from '../../src/cli/csv';
import { formatCsvCopy, isoDateTime, outputField, planCsvOutputs, writeCsvCopy } from '../../src/cli/csvCopy';
import { dayFromYmd, excelSerialFromDay, excelSerialFromInstant } from '../../src/rules/dates';
import { checkWorkbook } from '../../src/workbook/check';
import { OUTPUT_COLUMNS } from '../../src/workbook/columns';
import { OUTPUT_KEYS, outputValues, OutputValue } from '../../src/workbook/output';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'csv');
const fixture = (name: string) => path.join(FIXTURES, name);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-csvcopy-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// ---- an independent scanner over code units (bytes, or 16-bit units for UTF-16LE) ----------------

interface RawRecord {
  fields: Buffer[];
  content: Buffer;
  lineBreak: Buffer;
}

function rawRecords(bytes: Buffer, unit: 1 | 2, sep: string): RawRecord[] {
  const at = (p: number) => (unit === 1 ? bytes[p] : bytes.readUInt16LE(p));
  const S = sep.charCodeAt(0);
  const Q = 0x22;
  const records: RawRecord[] = [];
  let p = 0;
  while (p < bytes.length) {
    const recordStart = p;
    const fields: Buffer[] = [];
    let fieldStart = p;
    let inQuotes = false;
    let atFieldStart = true;
    let done = false;
    while (!done) {
      if (p >= bytes.length) {
        fields.push(bytes.subarray(fieldStart, p));
        records.push({ fields, content: bytes.subarray(recordStart, p), lineBreak: bytes.subarray(p, p) });
        done = true;
        break;
      }
      const c = at(p);
      if (inQuotes) {
        if (c === Q && p + unit < bytes.length && at(p + unit) === Q) p += 2 * unit;
        else {
          if (c === Q) inQuotes = false;
          p += unit;
        }
        continue;
      }
      if (c === Q && atFieldStart) {
        inQuotes = true;
        atFieldStart = false;
        p += unit;
      } else if (c === S) {
        fields.push(bytes.subarray(fieldStart, p));
        p += unit;
        fieldStart = p;
        atFieldStart = true;
      } else if (c === 0x0d || c === 0x0a) {
        fields.push(bytes.subarray(fieldStart, p));
        const end = p;
        p += c === 0x0d && p + unit < bytes.length && at(p + unit) === 0x0a ? 2 * unit : unit;
        records.push({ fields, content: bytes.subarray(recordStart, end), lineBreak: bytes.subarray(end, p) });
        done = true;
      } else {
        atFieldStart = false;
        p += unit;
      }
    }
  }
  return records;
}

type Codec = { unit: 1 | 2; bom: number; text?: (b: Buffer) => string };
const UTF8: Codec = { unit: 1, bom: 0 };

/**
 * Every field of `input` that `ours` does not claim, and every line break, is in `output` at the same record and
 * field: the same bytes, or with `text` codecs the same text. Lines in `whole` are identical as lines.
 */
function expectUserFieldsKept(
  input: Buffer,
  inCodec: Codec,
  output: Buffer,
  outCodec: Codec,
  sep: string,
  ours: (record: number, field: number) => boolean,
  whole: (record: number) => boolean = () => false,
): { input: RawRecord[]; output: RawRecord[] } {
  const a = rawRecords(input.subarray(inCodec.bom), inCodec.unit, sep);
  const b = rawRecords(output.subarray(outCodec.bom), outCodec.unit, sep);
  const show = (codec: Codec, buf: Buffer) => (codec.text ? codec.text(buf) : codec.unit === 2 ? buf.toString('utf16le') : buf.toString('utf8'));
  const same = (x: Buffer, y: Buffer) => (inCodec.text || outCodec.text ? show(inCodec, x) === show(outCodec, y) : x.equals(y));
  expect(b).toHaveLength(a.length);
  let compared = 0;
  a.forEach((rec, r) => {
    const out = b[r];
    if (!same(rec.lineBreak, out.lineBreak)) throw new Error(`record ${r}: line break ${JSON.stringify(show(inCodec, rec.lineBreak))} became ${JSON.stringify(show(outCodec, out.lineBreak))}`);
    if (whole(r) && !same(rec.content, out.content)) throw new Error(`record ${r}: line ${JSON.stringify(show(inCodec, rec.content))} became ${JSON.stringify(show(outCodec, out.content))}`);
    rec.fields.forEach((field, f) => {
      if (ours(r, f)) return;
      const got = out.fields[f];
      if (got === undefined || !same(field, got)) {
        throw new Error(`record ${r} field ${f}: ${JSON.stringify(show(inCodec, field))} became ${got === undefined ? 'nothing' : JSON.stringify(show(outCodec, got))}`);
      }
      compared++;
    });
  });
  expect(compared).toBeGreaterThan(0);
  return { input: a, output: b };
}

// ---- outputs ----------------------------------------------------------------------------------

const NOV21 = excelSerialFromDay(dayFromYmd(2026, 11, 21));
const CHECKED_AT = excelSerialFromInstant(Date.UTC(2026, 10, 21, 7, 30, 40)); // 15:30:40 in China

/** Output values that need every kind of care, in OUTPUT_COLUMNS order. */
function hostileOutputs(i: number): OutputValue[] {
  const byKey: Record<string, OutputValue> = {
    stage: '=HYPERLINK("http://x","y")',
    nextStep: i % 2 === 0 ? '-提交备案' : -3,
    nextActions: '提交A\n提交B',
    dueDate: NOV21,
    dueFor: '+86 备案; 短信',
    eta: null,
    severity: '严重',
    findings: '@提醒, 两条\t制表',
    liveEligible: '否',
    checkedAt: CHECKED_AT,
  };
  return OUTPUT_COLUMNS.map((c) => byKey[c.key]);
}

const outputsFor = (rows: (string | null)[][]) => rows.map((r, i) => (r.every((v) => v === null || v.trim() === '') ? null : hostileOutputs(i)));
const COL = (key: string) => OUTPUT_COLUMNS.findIndex((c) => c.key === key);

describe('output fields', () => {
  test('texts a spreadsheet would evaluate get an apostrophe; numbers and dates never do', () => {
    expect(outputField('=1+1', 'text', ',')).toBe("'=1+1");
    expect(outputField('+86', 'text', ',')).toBe("'+86");
    expect(outputField('-x', 'text', ',')).toBe("'-x");
    expect(outputField('@a', 'text', ',')).toBe("'@a");
    expect(outputField('\tx', 'text', ',')).toBe("'\tx");
    expect(outputField('\rx', 'text', ',')).toBe('"\'\rx"');
    expect(outputField('a=b', 'text', ',')).toBe('a=b');
    expect(outputField(-5, 'text', ',')).toBe('-5');
    expect(outputField(-12.5, 'text', ',')).toBe('-12.5');
    expect(outputField(NOV21, 'date', ',')).toBe('2026-11-21');
    expect(outputField(CHECKED_AT, 'datetime', ',')).toBe('2026-11-21 15:30');
    expect(outputField(null, 'date', ',')).toBe('');
  });

  test('quoted when they hold the separator, a quote, a line break or edge spaces', () => {
    expect(outputField('a,b', 'text', ',')).toBe('"a,b"');
    expect(outputField('a,b', 'text', ';')).toBe('a,b');
    expect(outputField('a;b', 'text', ';')).toBe('"a;b"');
    expect(outputField('a\tb', 'text', '\t')).toBe('"a\tb"');
    expect(outputField('say "hi"', 'text', ',')).toBe('"say ""hi"""');
    expect(outputField('两\n行', 'text', ',')).toBe('"两\n行"');
    expect(outputField(' x', 'text', ',')).toBe('" x"');
  });

  test('date-times to the minute, across midnight and before 1900-03-01', () => {
    expect(isoDateTime(excelSerialFromInstant(Date.UTC(2026, 10, 21, 15, 59, 59)))).toBe('2026-11-21 23:59');
    expect(isoDateTime(excelSerialFromInstant(Date.UTC(2026, 10, 21, 16, 0, 0)))).toBe('2026-11-22 00:00');
    expect(isoDateTime(NOV21 + 0.5)).toBe('2026-11-21 12:00');
    expect(isoDateTime(1.25)).toBe('1900-01-01 06:00');
  });
});

describe('UTF-8 with BOM, CRLF: a title above the header, user values that look like formulas, long and short rows', () => {
  const file = fixture('user-fields-crlf-bom.csv');
  const input = fs.readFileSync(file);
  const doc = readCsvDocument(file);
  const plan = planCsvOutputs(doc);
  const { bytes, result } = formatCsvCopy(doc, outputsFor(doc.rows), plan);

  test('the document', () => {
    expect(doc.headerRecord).toBe(2);
    expect(doc.headers).toEqual(['项目编号', '客户', '名称', '数量', '金额', '手机', '负责人', '备注', '级别']);
    expect(doc.width).toBe(12); // G-4 has 12 fields
    expect(plan.basis).toBe('none');
    expect(result.clashes).toEqual([{ key: 'severity', userHeader: '级别', header: '级别（Launch Tracker）' }]);
  });

  test('every user field and line break is byte-identical; the title and blank lines are untouched', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { output } = expectUserFieldsKept(input, { unit: 1, bom: 3 }, bytes, { unit: 1, bom: 3 }, ',', () => false, (r) => r < 2 || r === 5 || r === 7);
    // each rewritten line is its input line, then fields of ours only
    expect(output[3].content.toString()).toMatch(/^G-1,"云帆, 互娱","他说""好""",-5,-12\.5,\+8613800000000,-,@张三 跟进,VIP,,,,/);
    expect(bytes.toString('utf8')).not.toMatch(/'-5|'-12\.5|'\+86138|'@张三|'=1\+1|,'-,/);
    expect(output.every((r) => r.lineBreak.toString() === '\r\n')).toBe(true);
  });

  test('outputs after the widest row, under their headers; the extra fields of a long row are kept', () => {
    const text = bytes.subarray(3).toString('utf8');
    const back = parseCsvDocument(bytes);
    const header = back.headers;
    expect(header.slice(9, 12)).toEqual(['', '', '']);
    expect(header.slice(12)).toEqual(OUTPUT_COLUMNS.map((c) => (c.key === 'severity' ? '级别（Launch Tracker）' : c.zh)));
    expect(result.columns.stage).toBe(12);
    expect(result.columns.severity).toBe(18);
    const g2 = back.source.records.values[4];
    expect(g2.slice(8, 11)).toEqual(['VIP', '额外1', '额外,2']);
    expect(g2[11]).toBe('');
    expect(g2[12]).toBe("'=HYPERLINK(\"http://x\",\"y\")");
    // the user's 级别 keeps VIP, ours is beside it
    expect(back.source.records.values[3][8]).toBe('VIP');
    expect(back.source.records.values[3][18]).toBe('严重');
    // the short row is padded so its outputs line up
    const g3 = back.source.records.values[6];
    expect(g3).toHaveLength(22);
    expect(g3.slice(0, 2)).toEqual(['G-3', '短行']);
    expect(g3[12 + COL('dueDate')]).toBe('2026-11-21');
    expect(text).toContain(`,"'=HYPERLINK(""http://x"",""y"")",'-提交备案,"提交A\n提交B",2026-11-21,'+86 备案; 短信,,严重,"'@提醒, 两条\t制表",否,2026-11-21 15:30\r\n`);
    expect(text).toContain(',-3,'); // a number in a text column stays a number
  });

  test('blank lines and a separators-only line in the data stay as they were', () => {
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Launch Tracker 导出,2026-11-20');
    expect(lines[1]).toBe('');
    expect(lines).toContain(',,,,,,,,');
  });
});

describe('UTF-8 without BOM, LF, no final line break', () => {
  const file = fixture('user-fields-lf.csv');
  const input = fs.readFileSync(file);
  const doc = readCsvDocument(file);
  const { bytes } = formatCsvCopy(doc, outputsFor(doc.rows), planCsvOutputs(doc));

  test('no BOM added, LF kept, the last line still without a line break, user bytes identical', () => {
    expect(bytes[0]).not.toBe(0xef);
    const { output } = expectUserFieldsKept(input, UTF8, bytes, UTF8, ',', () => false, (r) => r === 2);
    expect(output.slice(0, -1).every((r) => r.lineBreak.toString() === '\n')).toBe(true);
    expect(output[output.length - 1].lineBreak).toHaveLength(0);
    expect(bytes.toString('utf8')).toContain('"x\r\ny",多出来的,');
    // outputs after the widest row (G-2: 6 fields), headers there too
    expect(parseCsvDocument(bytes).headers[6]).toBe('当前阶段');
    expect(parseCsvDocument(bytes).headers[5]).toBe('');
  });
});

describe('GBK input', () => {
  const file = fixture('gbk-crlf.csv');
  const input = fs.readFileSync(file);
  const doc = readCsvDocument(file);
  const plan = planCsvOutputs(doc);
  const { bytes, result } = formatCsvCopy(doc, outputsFor(doc.rows), plan);

  test('written as UTF-8 with BOM; every user field is the same text; CRLF kept', () => {
    expect(doc.encoding).toBe('gb18030');
    expect(result).toMatchObject({ encoding: 'utf-8', bom: true });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const gbk = (b: Buffer) => new TextDecoder('gb18030').decode(b);
    const utf8 = (b: Buffer) => b.toString('utf8');
    expectUserFieldsKept(input, { unit: 1, bom: 0, text: gbk }, bytes, { unit: 1, bom: 3, text: utf8 }, ',', () => false);
    expect(utf8(bytes.subarray(3))).toMatch(/^项目编号,客户,数量,手机,备注,级别,,当前阶段,/);
    expect(utf8(bytes.subarray(3))).toContain('G-1,"云帆, 互娱",-5,+8613800000000,@张三 跟进,VIP,,');
    expect(result.clashes.map((c) => c.userHeader)).toEqual(['级别']);
  });
});

describe('UTF-16LE tab-separated ("Unicode text" from Excel)', () => {
  const file = fixture('unicode-text.txt');
  const input = fs.readFileSync(file);
  const doc = readCsvDocument(file);
  const { bytes, result } = formatCsvCopy(doc, outputsFor(doc.rows), planCsvOutputs(doc));

  test('stays UTF-16LE with BOM and tabs; user bytes identical; output texts with a tab are quoted', () => {
    expect(doc).toMatchObject({ encoding: 'utf-16le', bom: true, separator: '\t' });
    expect(result).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const u16: Codec = { unit: 2, bom: 2 };
    expectUserFieldsKept(input, u16, bytes, u16, '\t', () => false);
    const text = bytes.subarray(2).toString('utf16le');
    expect(text.split('\r\n')[0]).toBe(['项目编号', '客户', '数量', '手机', '备注', ...OUTPUT_COLUMNS.map((c) => c.zh)].join('\t'));
    expect(text).toContain('G-1\t云帆, 互娱\t-5\t+8613800000000\t@张三 跟进\t');
    expect(text).toContain('\t"\'@提醒, 两条\t制表"\t');
    expect(text).toContain("\t'+86 备案; 短信\t"); // a semicolon needs no quotes here
  });
});

describe('semicolon-separated, with and without sep=;', () => {
  test.each(['semicolon.csv', 'semicolon-sep.csv'])('%s: same separator, sep line kept, user bytes identical', (name) => {
    const file = fixture(name);
    const input = fs.readFileSync(file);
    const doc = readCsvDocument(file);
    expect(doc.separator).toBe(';');
    const { bytes } = formatCsvCopy(doc, outputsFor(doc.rows), planCsvOutputs(doc));
    const hinted = name === 'semicolon-sep.csv';
    expectUserFieldsKept(input, UTF8, bytes, UTF8, ';', () => false, (r) => hinted && r === 0);
    const text = bytes.toString('utf8');
    expect(text.startsWith(hinted ? 'sep=;\r\n项目编号;客户;注册状态;金额;备注;当前阶段;' : '项目编号;客户;注册状态;金额;备注;当前阶段;')).toBe(true);
    expect(text).toContain('G-1;云帆, 互娱;已通过;1,5;"a;b";');
    expect(text).toContain(';"\'+86 备案; 短信";'); // ours: quoted for the semicolon
    expect(text).toContain(";'@提醒, 两条\t制表;"); // a comma needs no quotes here
  });
});

describe('a copy an earlier check wrote (all ten output headers), checked again', () => {
  const file = fixture('checked-before.csv');
  const input = fs.readFileSync(file);
  const doc = readCsvDocument(file);
  const plan = planCsvOutputs(doc);
  const outputs = outputsFor(doc.rows.map((r) => r.map((v, i) => (i >= 2 && i <= 11 ? null : v)))); // the check ignores our columns
  const { bytes, result } = formatCsvCopy(doc, outputs, plan);
  const ours = new Set(Object.values(plan.existing));

  test('rewritten in place: no column added, user fields byte-identical, old outputs replaced', () => {
    expect(plan.basis).toBe('legacy');
    expect(plan.added).toEqual([]);
    expect(result.clashes).toEqual([]);
    expect([...ours].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const { output } = expectUserFieldsKept(input, { unit: 1, bom: 3 }, bytes, { unit: 1, bom: 3 }, ',', (r, f) => r > 0 && ours.has(f), (r) => r === 0);
    expect(output[1].fields).toHaveLength(13);
    expect(output[2].fields).toHaveLength(14); // its extra field kept, nothing appended
    const back = parseCsvDocument(bytes).rows;
    expect(back[0][2]).toBe("'=HYPERLINK(\"http://x\",\"y\")");
    expect(back[0][5]).toBe('2026-11-21');
    expect(back[0][12]).toBe('-5');
    expect(back[1][12]).toBe('@张三 跟进');
  });

  test('a blank row with stale outputs has them cleared', () => {
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[3]).toBe(',,,,,,,,,,,,');
  });
});

describe('the check, end to end on the API the command line uses', () => {
  const checkedAt = Date.UTC(2026, 10, 21, 7, 30);
  const run = async (file: string, out: string) => {
    const doc = readCsvDocument(file);
    const outcome = checkWorkbook({ portfolio: { headers: doc.headers, rows: doc.rows } }, { today: dayFromYmd(2026, 11, 21) });
    const matrix = outcome.results.map((r) => {
      const v = outputValues(r, outcome.language, checkedAt);
      return OUTPUT_KEYS.map((k) => v[k]);
    });
    const plan = planCsvOutputs(doc, outcome.headerMap.language);
    const result = await writeCsvCopy(doc, matrix, plan, out);
    return { doc, plan, result };
  };

  test('a GBK portfolio from Excel: outputs filled, dates as ISO dates, user text identical', async () => {
    const out = path.join(dir, 'portfolio-gbk.checked.csv');
    const src = path.join(__dirname, '..', 'fixtures', 'portfolio-gbk.csv');
    await run(src, out);
    const bytes = fs.readFileSync(out);
    expectUserFieldsKept(fs.readFileSync(src), { unit: 1, bom: 0, text: (b) => new TextDecoder('gb18030').decode(b) }, bytes, { unit: 1, bom: 3, text: (b) => b.toString('utf8') }, ',', () => false);
    const back = readCsvDocument(out);
    const col = (h: string) => back.headers.indexOf(h);
    const g103 = back.rows.find((r) => r[0] === 'G-103')!;
    expect(g103[col('级别')]).toBe('严重');
    expect(g103[col('最近截止')]).toBe('2024-03-31');
    expect(g103[col('检查时间')]).toBe('2026-11-21 15:30');
    expect(back.rows.find((r) => r[0] === 'G-101')![col('提醒')]).toContain('FLOW-SLA');
  });

  test('a user column 级别 with VIP: kept; ours is 级别（Launch Tracker）; checking the copy again changes nothing', async () => {
    const first = path.join(dir, 'vip.checked.csv');
    const again = path.join(dir, 'vip.checked-again.csv');
    const one = await run(fixture('user-fields-crlf-bom.csv'), first);
    expect(one.result.clashes).toEqual([{ key: 'severity', userHeader: '级别', header: '级别（Launch Tracker）' }]);
    const two = await run(first, again);
    expect(two.plan.basis).toBe('legacy');
    expect(two.plan.added).toEqual([]);
    expect(two.plan.existing.severity).toBe(two.doc.headers.indexOf('级别（Launch Tracker）'));
    expect(fs.readFileSync(again).equals(fs.readFileSync(first))).toBe(true);
    const back = readCsvDocument(again);
    expect(back.rows.filter((r) => r[8] === 'VIP')).toHaveLength(2);
    expect(back.rows[1][back.headers.indexOf('级别（Launch Tracker）')]).toMatch(/\S/);
  });
});

describe('writing atomically', () => {
  const doc = readCsvDocument(fixture('semicolon.csv'));
  const plan = planCsvOutputs(doc);

  test('replaces the target only when the whole copy is written', async () => {
    const out = path.join(dir, 'atomic.csv');
    fs.writeFileSync(out, 'old');
    await expect(writeCsvCopy(doc, [hostileOutputs(0)], plan, out)).rejects.toThrow(/1 output rows for 2 data rows/);
    expect(fs.readFileSync(out, 'utf8')).toBe('old');
    await writeCsvCopy(doc, outputsFor(doc.rows), plan, out);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^项目编号;/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a failed rename leaves no temporary file and the target as it was', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'fail-'));
    const target = path.join(sub, 'is-a-folder.csv');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'x');
    await expect(writeCsvCopy(doc, outputsFor(doc.rows), plan, target)).rejects.toThrow();
    expect(fs.readdirSync(sub)).toEqual(['is-a-folder.csv']);
    expect(fs.readdirSync(target)).toEqual(['inside']);
  });
});
