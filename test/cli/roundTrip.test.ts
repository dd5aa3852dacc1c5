/**
 * A checked copy saved again by another tool (a colleague opens it in LibreOffice and saves it as
 * .xlsx), then checked again: the product finds its own columns (LibreOffice 7.4 keeps the
 * ownership record's custom XML part) and updates them in place; the user's own 级别 stays the
 * user's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTable } from '../../src/cli/xlsx/index';
import { run } from '../helpers/cli';
import { convertWithLibreOffice, zipParts } from '../helpers/thirdParty';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'xlsx', 'openpyxl-user-output-headers.xlsx');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-roundtrip-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('checked, saved by LibreOffice, checked again: the same columns, updated in place, the user’s 级别 kept', async () => {
  const first = path.join(dir, 'first.xlsx');
  expect((await run('check', FIXTURE, '--out', first, '--as-of', '2026-11-21')).code).toBe(0);
  const saved = path.join(dir, 'lo');
  await convertWithLibreOffice(first, 'xlsx', saved, { timeoutMs: 120_000 });
  const resaved = path.join(saved, 'first.xlsx');
  const parts = await zipParts(resaved);
  expect([...parts.keys()].some((n) => n.startsWith('customXml/item'))).toBe(true);

  const again = path.join(dir, 'again.xlsx');
  const r = await run('check', resaved, '--out', again, '--as-of', '2026-11-22');
  expect(r.code).toBe(0);
  expect(r.err).not.toContain('你自己的列');
  const before = (await readTable(first, ['Portfolio'], true))!;
  const after = (await readTable(again, ['Portfolio'], true))!;
  expect(after.headers).toEqual(before.headers);
  expect(after.headers).toContain('级别（Launch Tracker）');
  const user = before.headers.indexOf('级别');
  expect(user).toBeGreaterThanOrEqual(0);
  expect(after.rows.map((row) => row[user])).toEqual(before.rows.map((row) => row[user]));
  const checkedAt = after.headers.indexOf('检查时间');
  expect(after.rows.some((row) => row[checkedAt] instanceof Date)).toBe(true);
}, 180_000);
