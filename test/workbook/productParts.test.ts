/** Which tables and sheets are the product's own, and so never a portfolio (both surfaces ask). */
import { HISTORY_HEADERS, STATE_MAGIC } from '../../src/workbook/history';
import { isProductSheet, isProductTable } from '../../src/workbook/productParts';

test('the History table by its name in any case, or by its header under another name; a user table is not', () => {
  expect(isProductTable('history', ['日期', '备注'])).toBe(true);
  expect(isProductTable('Log', [...HISTORY_HEADERS.en, 'Note'])).toBe(true);
  expect(isProductTable('Log', HISTORY_HEADERS['zh-CN'])).toBe(true);
  expect(isProductTable('Apps', ['项目编号', '客户', '名称'])).toBe(false);
  // Not the whole header in order: the user's.
  expect(isProductTable('Log', ['时间', '项目编号', '变更项'])).toBe(false);
});

test('a sheet by its A1: the state magic or the summary title (either language); a user sheet called 汇总 is not', () => {
  expect(isProductSheet(STATE_MAGIC)).toBe(true);
  expect(isProductSheet('Launch Tracker 检查汇总')).toBe(true);
  expect(isProductSheet(' Launch Tracker summary ')).toBe(true);
  expect(isProductSheet('汇总')).toBe(false);
  expect(isProductSheet('项目编号')).toBe(false);
  expect(isProductSheet(null)).toBe(false);
});
