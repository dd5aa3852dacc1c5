/** The preview grid's geometry: column widths from text, what stays rendered, when a row is in view. */
import {
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
  ROW_HEIGHT,
  columnWidth,
  rowHeaderWidth,
  rowInView,
  sampleRowCount,
  textWidth,
  withPinned,
} from '../../src/taskpane/components/previewWindow';

describe('column widths', () => {
  test('a Chinese character counts about twice a Latin one', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('项目编号')).toBe(48);
    expect(textWidth('G-001')).toBe(35);
    expect(textWidth('粤ICP备2023号')).toBe(3 * 12 + 7 * 7);
  });

  test('the widest sampled text sets the width, between the narrowest and the widest column', () => {
    expect(columnWidth(['项目编号', 'G-001', 'G-002'])).toBe(48 + 10);
    expect(columnWidth([])).toBe(MIN_COLUMN_WIDTH);
    expect(columnWidth(['1'])).toBe(MIN_COLUMN_WIDTH);
    expect(columnWidth(['西安天辰远信息技术有限公司的一个很长很长的备注'])).toBe(MAX_COLUMN_WIDTH);
  });

  test('200 rows are sampled, fewer on a very wide sheet, never more than the sheet has', () => {
    expect(sampleRowCount(100_000, 50)).toBe(200);
    expect(sampleRowCount(48, 50)).toBe(48);
    expect(sampleRowCount(100_000, 16_384)).toBe(1);
    expect(sampleRowCount(100_000, 1000)).toBe(20);
  });

  test('the row numbers column fits the last row number', () => {
    expect(rowHeaderWidth(100_001)).toBeGreaterThan(rowHeaderWidth(49));
    expect(rowHeaderWidth(100_001) - rowHeaderWidth(49)).toBe(4 * 7);
  });
});

describe('rendered rows', () => {
  test('the focused and edited rows stay rendered wherever the grid is scrolled, in order, once each', () => {
    expect(withPinned([40, 41, 42], [3, null], 100)).toEqual([3, 40, 41, 42]);
    expect(withPinned([40, 41, 42], [41, 99], 100)).toEqual([40, 41, 42, 99]);
    // A pinned row the sheet no longer has (after a switch of sheet, or rows above the frozen ones) is not rendered.
    expect(withPinned([0, 1], [-1, 100], 100)).toEqual([0, 1]);
  });

  test('a row is in view when it shows whole between the sticky headers and the bottom', () => {
    const head = 2 * ROW_HEIGHT;
    const view = 10 * ROW_HEIGHT;
    expect(rowInView(0, 0, view, head)).toBe(true);
    expect(rowInView(7, 0, view, head)).toBe(true); // rows 0…7 fill the 8 rows under the headers
    expect(rowInView(8, 0, view, head)).toBe(false);
    expect(rowInView(4000, 4000 * ROW_HEIGHT, view, head)).toBe(true);
    expect(rowInView(3999, 4000 * ROW_HEIGHT, view, head)).toBe(false); // scrolled under the headers
    expect(rowInView(4000, 4000 * ROW_HEIGHT + 1, view, head)).toBe(false); // cut at the top
  });
});
