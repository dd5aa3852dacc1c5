/**
 * Rows read by the worker thread (sheetWorker.ts), as they cross to the main thread: typed
 * arrays handed over (transferred) instead of arrays of values copied by the structured clone,
 * and a shared string as its index into the table the main thread holds — the worker has no
 * copy of the table, and no copy of its strings comes back. The main thread makes each row's
 * values as readSheet would have given them (decodeRows).
 */
import type { Cell } from '../../workbook/values';

/** What a cell is, one byte each. */
const Tag = {
  Blank: 0,
  Number: 1,
  /** A shared string: its index in `nums`. */
  Shared: 2,
  /** Another text: its index in `texts`. */
  Text: 3,
  /** A date: its time (ms since 1970) in `nums`. */
  Date: 4,
  True: 5,
  False: 6,
} as const;

export interface RowBatch {
  rows: Int32Array;
  /** `width` cells a row. */
  tags: Uint8Array;
  nums: Float64Array;
  texts: string[];
}

/** Gathers rows of `width` cells into a batch. */
export class RowBatchWriter {
  private rows: number[] = [];
  private tags: Uint8Array;
  private nums: Float64Array;
  private texts: string[] = [];

  constructor(
    private readonly width: number,
    private readonly capacity: number,
  ) {
    this.tags = new Uint8Array(width * capacity);
    this.nums = new Float64Array(width * capacity);
  }

  get size(): number {
    return this.rows.length;
  }

  /** `shared`: 1 where the value is a shared string's index (readSheet's onRow). */
  add(row: number, values: readonly Cell[], shared: Uint8Array | null): void {
    const base = this.rows.length * this.width;
    this.rows.push(row);
    const { tags, nums } = this;
    for (let k = 0; k < this.width; k++) {
      const v = values[k];
      const at = base + k;
      if (v === null || v === undefined) tags[at] = Tag.Blank;
      else if (typeof v === 'number') {
        tags[at] = shared !== null && shared[k] === 1 ? Tag.Shared : Tag.Number;
        nums[at] = v;
      } else if (typeof v === 'string') {
        tags[at] = Tag.Text;
        nums[at] = this.texts.length;
        this.texts.push(v);
      } else if (typeof v === 'boolean') tags[at] = v ? Tag.True : Tag.False;
      else {
        tags[at] = Tag.Date;
        nums[at] = v.getTime();
      }
    }
  }

  /** The batch so far (its arrays to be transferred), and a new one begun. */
  take(): RowBatch {
    const n = this.rows.length * this.width;
    const batch: RowBatch = { rows: Int32Array.from(this.rows), tags: this.tags.slice(0, n), nums: this.nums.slice(0, n), texts: this.texts };
    this.rows = [];
    this.texts = [];
    return batch;
  }
}

/** The buffers of a batch, to transfer. */
export function batchBuffers(batch: RowBatch): ArrayBuffer[] {
  return [batch.rows.buffer, batch.tags.buffer, batch.nums.buffer] as ArrayBuffer[];
}

/** Each row of a batch as readSheet gives it, its shared strings looked up in `sharedStrings`. */
export function decodeRows(batch: RowBatch, width: number, sharedStrings: readonly string[], onRow: (row: number, values: Cell[]) => void): void {
  const { rows, tags, nums, texts } = batch;
  for (let r = 0; r < rows.length; r++) {
    const values = new Array<Cell>(width).fill(null);
    const base = r * width;
    for (let k = 0; k < width; k++) {
      const at = base + k;
      switch (tags[at]) {
        case Tag.Blank:
          break;
        case Tag.Number:
          values[k] = nums[at];
          break;
        case Tag.Shared:
          values[k] = sharedStrings[nums[at]];
          break;
        case Tag.Text:
          values[k] = texts[nums[at]];
          break;
        case Tag.Date:
          values[k] = new Date(nums[at]);
          break;
        case Tag.True:
          values[k] = true;
          break;
        case Tag.False:
          values[k] = false;
          break;
      }
    }
    onRow(rows[r], values);
  }
}
