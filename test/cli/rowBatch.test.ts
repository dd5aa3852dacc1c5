/** Rows crossing from the reading thread: what the main thread makes of a batch is what readSheet gave. */
import { batchBuffers, decodeRows, RowBatchWriter } from '../../src/cli/xlsx/rowBatch';
import type { Cell } from '../../src/workbook/values';

test('every kind of value comes back as it was read, shared strings looked up by index', () => {
  const shared = ['项目编号', 'G-1', '已上线'];
  const when = new Date(Date.UTC(2026, 10, 21, 18, 30));
  const read: { row: number; values: Cell[]; mask: number[] }[] = [
    { row: 2, values: [1, 'inline 文本', 46347.5, true, false, null, when, 2], mask: [1, 0, 0, 0, 0, 0, 0, 1] },
    { row: 5, values: [0, null, -0.25, null, null, '#N/A', null, 7], mask: [1, 0, 0, 0, 0, 0, 0, 0] },
  ];
  const writer = new RowBatchWriter(8, 4);
  for (const r of read) writer.add(r.row, r.values, Uint8Array.from(r.mask));
  const batch = writer.take();
  expect(writer.size).toBe(0);
  expect(batchBuffers(batch)).toHaveLength(3);
  // As the main thread receives it: a structured clone with the buffers transferred.
  const received = structuredClone(batch, { transfer: batchBuffers(batch) });
  const rows: [number, Cell[]][] = [];
  decodeRows(received, 8, shared, (row, values) => rows.push([row, values]));
  expect(rows).toEqual([
    [2, ['G-1', 'inline 文本', 46347.5, true, false, null, when, '已上线']],
    [5, ['项目编号', null, -0.25, null, null, '#N/A', null, 7]],
  ]);
  // A number the mask does not mark is a number, not a shared string's index.
  expect(rows[1][1][7]).toBe(7);
});
