/**
 * The first half of a large worksheet's read pass, in a worker thread (sheetThread.ts): the
 * main thread sends the part's bytes up to a row boundary in the middle and reads the rest
 * itself, so the two halves are scanned at once on two cores. Rows go back in batches as they
 * are read, then the positions the copy needs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Cell } from '../../workbook/values';
import { readSheet, SheetReadResult } from './sheetRead';

export interface SheetWorkerInput {
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  area: { top: number; bottom: number; left: number; right: number };
  positions?: number[];
  unread?: { fromRow: number; columns: number[] };
}

/** Main → worker: the part's bytes, then the end. */
export type SheetWorkerInbox = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'end' };

export type SheetWorkerMessage =
  | { kind: 'rows'; rows: number[]; values: Cell[][] }
  | { kind: 'done'; result: Omit<SheetReadResult, 'rows'> }
  | { kind: 'error'; message: string };

const BATCH = 2000;

/** The bytes the main thread sends, as a stream to read. */
async function* inbox(): AsyncGenerator<Buffer> {
  const queue: SheetWorkerInbox[] = [];
  let wake: (() => void) | null = null;
  parentPort!.on('message', (m: SheetWorkerInbox) => {
    queue.push(m);
    wake?.();
  });
  for (;;) {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    const m = queue.shift()!;
    if (m.kind === 'end') return;
    yield Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
  }
}

async function run(input: SheetWorkerInput): Promise<void> {
  let rows: number[] = [];
  let values: Cell[][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    parentPort!.postMessage({ kind: 'rows', rows, values } satisfies SheetWorkerMessage);
    rows = [];
    values = [];
  };
  const dates = input.dateStyles;
  const result = await readSheet(inbox(), {
    sharedStrings: input.sharedStrings,
    styles: { isDate: (s) => dates[s] ?? false },
    date1904: input.date1904,
    area: input.area,
    positions: input.positions,
    unread: input.unread,
    partial: true,
    onRow: (r, v) => {
      rows.push(r);
      values.push(v);
      if (rows.length >= BATCH) flush();
    },
  });
  flush();
  const { rows: _none, ...rest } = result;
  parentPort!.postMessage({ kind: 'done', result: rest } satisfies SheetWorkerMessage);
}

if (parentPort) {
  run(workerData as SheetWorkerInput).catch((e: Error) => parentPort!.postMessage({ kind: 'error', message: e.message } satisfies SheetWorkerMessage));
}
