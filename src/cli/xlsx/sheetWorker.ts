/**
 * A worksheet's read pass in a worker thread (sheetThread.ts): of a large sheet its first part
 * (the main thread sends the part's bytes up to a row boundary past the middle and reads the rest
 * itself, so the two halves are scanned at once on two cores); of a mid-sized one all of it,
 * while the main thread evaluates the rows already read. Rows go back in batches as they are
 * read, then the positions the copy needs. A worker started ahead of its part (a spare) is
 * given its input in a first message instead of workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { batchBuffers, RowBatch, RowBatchWriter } from './rowBatch';
import { readSheet, SheetReadResult } from './sheetRead';

export interface SheetWorkerInput {
  /** The shared strings' count: the worker gives a shared string's index (rowBatch.ts). */
  sharedCount: number;
  dateStyles: boolean[];
  date1904: boolean;
  area: { top: number; bottom: number; left: number; right: number };
  positions?: number[];
  unread?: { fromRow: number; columns: number[] };
  /** The whole part is sent, not its first half. */
  whole: boolean;
  /** Rows a message (default BATCH). */
  batch?: number;
}

/** Main → worker: (to a spare) the input, then the part's bytes, then the end. */
export type SheetWorkerInbox = { kind: 'start'; input: SheetWorkerInput } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'end' };

export type SheetWorkerMessage =
  | { kind: 'rows'; batch: RowBatch }
  | { kind: 'done'; result: Omit<SheetReadResult, 'rows'> }
  | { kind: 'error'; message: string };

const BATCH = 2000;
const FIRST_BATCH = 32;

/** What the main thread sends, kept until read: the bytes as a stream, and (to a spare) its input. */
const queue: SheetWorkerInbox[] = [];
let wake: (() => void) | null = null;
function listen(): void {
  parentPort!.on('message', (m: SheetWorkerInbox) => {
    if (m.kind === 'start') {
      run(m.input).catch(fail);
      return;
    }
    queue.push(m);
    wake?.();
  });
}

async function* inbox(): AsyncGenerator<Buffer> {
  for (;;) {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    const m = queue.shift()!;
    if (m.kind === 'end') return;
    if (m.kind === 'bytes') yield Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
  }
}

function fail(e: Error): void {
  parentPort!.postMessage({ kind: 'error', message: e.message } satisfies SheetWorkerMessage);
}

async function run(input: SheetWorkerInput): Promise<void> {
  const dates = input.dateStyles;
  const batchRows = input.batch ?? BATCH;
  const out = new RowBatchWriter(input.area.right - input.area.left + 1, batchRows);
  // The first batch is small: the main thread, waiting, starts on the rows sooner.
  let limit = Math.min(FIRST_BATCH, batchRows);
  const flush = () => {
    if (out.size === 0) return;
    limit = batchRows;
    const batch = out.take();
    parentPort!.postMessage({ kind: 'rows', batch } satisfies SheetWorkerMessage, batchBuffers(batch));
  };
  const result = await readSheet(inbox(), {
    sharedStrings: { count: input.sharedCount },
    styles: { isDate: (s) => dates[s] ?? false },
    date1904: input.date1904,
    area: input.area,
    positions: input.positions,
    unread: input.unread,
    partial: !input.whole,
    onRow: (r, v, shared) => {
      out.add(r, v, shared);
      if (out.size >= limit) flush();
    },
  });
  flush();
  const { rows: _none, ...rest } = result;
  const p = rest.positions;
  // The positions' arrays are handed over too (100,000 rows: 22 MB not copied).
  const buffers = p ? [p.rowNumbers, p.rowStart, p.rowOpenEnd, p.cellStart, p.cellEnd, p.insertAt, p.style, p.flags].map((a) => a.buffer as ArrayBuffer) : [];
  parentPort!.postMessage({ kind: 'done', result: rest } satisfies SheetWorkerMessage, buffers);
}

if (parentPort) {
  listen();
  if (workerData !== null) run(workerData as SheetWorkerInput).catch(fail);
}
