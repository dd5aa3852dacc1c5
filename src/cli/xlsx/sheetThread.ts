/**
 * The read pass of a large worksheet on two cores: a worker thread (sheetWorker.ts) scans the
 * part up to a row boundary past its middle (WORKER_SHARE) while this thread scans the rest;
 * the rows of both parts reach `onRow` as they are read (in any order between the parts), and
 * the two results are joined into what one readSheet would give.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Cell } from '../../workbook/values';
import type { WorkbookPackage } from './package';
import { decodeRows } from './rowBatch';
import { readSheet, RowPositions, SheetReadError, SheetReadOptions, SheetReadResult } from './sheetRead';
import type { SheetWorkerInbox, SheetWorkerInput, SheetWorkerMessage } from './sheetWorker';

/**
 * Parts smaller than this (about 12,000 rows of a new portfolio, 8,500 of a checked copy, whose
 * output cells make each row larger) are read by one thread: below it, starting a worker costs
 * about what it saves (measured on 2 cores: a 12 MB sheet 2.13 → 2.08 s, an 18.6 MB one 2.75 → 2.51 s).
 */
export const SPLIT_PART_BYTES = 16_000_000;

const WORKER = path.join(__dirname, 'sheetWorker.js');

/**
 * From this size (about 2,500 rows of a new portfolio) up to SPLIT_PART_BYTES, a part whose
 * rows the caller works on as they come (the command line evaluates each row) is read whole by
 * the worker: this thread evaluates the rows while the worker scans the next ones, instead of
 * scanning them itself first (10,000 rows: read and check 1,361 -> 1,211 ms, medians of 8 alternating
 * runs; the worker started while the package is opened, prestartSheetWorker). Below it, starting
 * the worker costs about what the overlap saves.
 */
export const WHOLE_PART_BYTES = 2_000_000;

/**
 * How a part is read: by this thread alone ('one'), split between the worker and this thread
 * ('split', a large part), or by the worker alone while this thread works on the rows ('whole',
 * when `busy`). LAUNCH_TRACKER_THREADS=1: always 'one'; =2: 'split' for any part. Always 'one'
 * without the compiled worker (the TypeScript sources the unit tests run have none).
 */
export function readMode(pkg: WorkbookPackage, part: string, busy: boolean): 'one' | 'split' | 'whole' {
  const threads = process.env.LAUNCH_TRACKER_THREADS;
  if (threads === '1' || !fs.existsSync(WORKER)) return 'one';
  const size = pkg.zip.size(part);
  if (threads === '2' || size >= SPLIT_PART_BYTES) return 'split';
  return busy && size >= WHOLE_PART_BYTES ? 'whole' : 'one';
}

/** The largest part a spare worker is made for (its heap limit is made for it). */
const SPARE_PART_MB = SPLIT_PART_BYTES / 1e6;

let spare: Worker | null = null;

/**
 * Files whose portfolio sheet is probably read whole by the worker: WHOLE_PART_BYTES to
 * SPLIT_PART_BYTES of XML, which deflates 6 to 10 times.
 */
const SPARE_FILE_BYTES = { min: 250_000, max: 3_000_000 };

/**
 * Starts a worker before the part it will read is known (while this thread opens the package):
 * its start, about 50 ms, is then not waited for. Only for a file whose sheet is likely to be
 * read whole by the worker (readMode 'whole'); one that is not used is ended by
 * releaseSpareWorker, and never keeps the process alive.
 */
export function prestartSheetWorker(fileBytes: number): void {
  if (fileBytes < SPARE_FILE_BYTES.min || fileBytes > SPARE_FILE_BYTES.max) return;
  if (spare !== null || process.env.LAUNCH_TRACKER_THREADS === '1' || !fs.existsSync(WORKER)) return;
  spare = new Worker(WORKER, { workerData: null, resourceLimits: { maxOldGenerationSizeMb: Math.round(64 + SPARE_PART_MB), maxYoungGenerationSizeMb: 16 } });
  spare.unref();
  // An error before it is used (it could not start) only means it is not used.
  spare.on('error', () => (spare = null));
}

export function releaseSpareWorker(): void {
  void spare?.terminate();
  spare = null;
}

function takeSpare(): Worker | null {
  const w = spare;
  spare = null;
  w?.removeAllListeners('error');
  w?.ref();
  return w;
}

const ROW_TAG = Buffer.from('<row', 'latin1');

/** The first `<row` start tag at or after `from` in `buf` (not `<rowBreaks`), or -1. */
function rowTagAt(buf: Buffer, from: number): number {
  for (let i = buf.indexOf(ROW_TAG, from); i >= 0; i = buf.indexOf(ROW_TAG, i + 1)) {
    const next = buf[i + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) return i;
    if (next === undefined) return -1;
  }
  return -1;
}

type Options = Pick<SheetReadOptions, 'area' | 'positions' | 'unread'> & {
  /**
   * The worker reads the whole part and this thread none of it: it is then free to evaluate
   * the rows as they come (`onRow`), in table order, WHOLE_BATCH rows a message.
   */
  whole?: boolean;
};

/**
 * The worker's share of a split part's bytes: more than half, as this thread also turns every
 * row of both halves into the rules' rows (100,000 rows at one half each: the worker was done
 * 0.9-1.2 s before this thread; at 0.64 within 0.1-0.9 s of it, the read 5.4 -> 4.6 s).
 */
const WORKER_SHARE = 0.62;

/** Rows a message of a part read whole by the worker: few, so that this thread can start on them soon. */
const WHOLE_BATCH = 250;

export async function readSheetInTwoThreads(pkg: WorkbookPackage, part: string, options: Options, onRow: (row: number, values: Cell[]) => void): Promise<SheetReadResult> {
  const input: SheetWorkerInput = {
    area: options.area,
    positions: options.positions,
    unread: options.unread && { fromRow: options.unread.fromRow, columns: [...options.unread.columns] },
    sharedCount: pkg.sharedStrings.length,
    dateStyles: pkg.styles.dateStyles(),
    date1904: pkg.date1904,
    whole: options.whole === true,
    batch: options.whole ? WHOLE_BATCH : undefined,
  };
  // The worker keeps only its half's positions: a small old generation makes it collect its
  // garbage early instead of growing (the process's peak memory is both threads' heaps).
  const partMB = pkg.zip.size(part) / 1e6;
  const ready = partMB <= SPARE_PART_MB ? takeSpare() : null;
  const worker = ready ?? new Worker(WORKER, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: Math.round(64 + partMB), maxYoungGenerationSizeMb: 16 } });
  if (ready) worker.postMessage({ kind: 'start', input } satisfies SheetWorkerInbox);
  const head = workerResult(worker, options.area.right - options.area.left + 1, pkg.sharedStrings, onRow);
  // A worker that fails while this thread reads is reported by `await head` below, not as an
  // unhandled rejection (a stack trace) meanwhile.
  head.catch(() => undefined);
  // The bytes are handed over (transferred), not copied once more.
  const send = (m: SheetWorkerInbox) => worker.postMessage(m, m.kind === 'bytes' ? [m.bytes.buffer as ArrayBuffer] : []);
  const middle = options.whole ? Infinity : Math.floor(pkg.zip.size(part) * WORKER_SHARE);
  const source = (await pkg.zip.stream(part))[Symbol.asyncIterator]() as AsyncIterator<Buffer>;

  // The bytes up to the first row boundary after the middle go to the worker.
  let offset = 0;
  let carry: Buffer | null = null;
  let split = -1;
  let rest: Buffer | null = null;
  try {
    for (let next = await source.next(); !next.done; next = await source.next()) {
      const chunk: Buffer = carry ? Buffer.concat([carry, next.value]) : next.value;
      const base = offset - (carry?.length ?? 0);
      carry = null;
      const at = base + chunk.length > middle ? rowTagAt(chunk, Math.max(0, middle - base)) : -1;
      if (at >= 0) {
        split = base + at;
        if (at > 0) send({ kind: 'bytes', bytes: new Uint8Array(chunk.subarray(0, at)) });
        rest = chunk.subarray(at);
        offset += next.value.length;
        break;
      }
      // Keep the last bytes back: "<row" may straddle two chunks.
      const keep = Math.min(4, chunk.length);
      send({ kind: 'bytes', bytes: new Uint8Array(chunk.subarray(0, chunk.length - keep)) });
      carry = Buffer.from(chunk.subarray(chunk.length - keep));
      offset += next.value.length;
    }
    if (carry) send({ kind: 'bytes', bytes: new Uint8Array(carry) });
  } finally {
    send({ kind: 'end' });
  }
  if (split < 0) return head;

  async function* remainder(): AsyncGenerator<Buffer> {
    yield rest!;
    for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
  }
  const tail = await readSheet(remainder(), {
    sharedStrings: pkg.sharedStrings,
    styles: pkg.styles,
    date1904: pkg.date1904,
    texts: pkg.texts,
    area: options.area,
    positions: options.positions,
    unread: options.unread,
    startInSheetData: split,
    onRow,
  });
  return join(await head, tail);
}

function workerResult(worker: Worker, width: number, sharedStrings: readonly string[], onRow: (row: number, values: Cell[]) => void): Promise<SheetReadResult> {
  return new Promise<SheetReadResult>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(new SheetReadError(message));
    };
    worker.on('message', (m: SheetWorkerMessage) => {
      if (m.kind === 'rows') {
        try {
          decodeRows(m.batch, width, sharedStrings, onRow);
        } catch (e) {
          fail((e as Error).message);
        }
      } else if (m.kind === 'done') {
        settled = true;
        const positions = m.result.positions ? Object.assign(Object.create(RowPositions.prototype) as RowPositions, m.result.positions) : null;
        resolve({ ...m.result, positions, rows: new Map() });
        void worker.terminate();
      } else {
        fail(m.message);
      }
    });
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => {
      if (!settled) fail(`the sheet reader stopped (exit code ${code})`);
    });
  });
}

/** One result from the halves: the layout before the rows from the head, after them from the tail. */
function join(head: SheetReadResult, tail: SheetReadResult): SheetReadResult {
  const layout = {
    ...head.layout,
    autoFilter: tail.layout.autoFilter,
    mergedRanges: [...head.layout.mergedRanges, ...tail.layout.mergedRanges],
  };
  const positions = head.positions;
  if (positions && tail.positions) positions.append(tail.positions);
  return {
    rows: new Map(),
    lastRow: Math.max(head.lastRow, tail.lastRow),
    formulasWithoutValue: head.formulasWithoutValue + tail.formulasWithoutValue,
    layout,
    positions,
    occupied: [...head.occupied, ...tail.occupied],
    threads: 2,
  };
}
