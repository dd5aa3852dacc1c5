/**
 * Benchmark of the LAUNCH.* custom functions (issue #4): 10,000 =LAUNCH.NEXTSTEP formulas against a
 * 10,000-row portfolio, called as Excel calls them (functions.ts, streaming invocations, a faked
 * CustomFunctions runtime) on the shared runtime over the in-memory Excel fake. Printed, not
 * asserted. Target: under 200 ms in total for the 10,000 calls after the one workbook read.
 *
 *   cold   10,000 formulas entered before the portfolio is in memory: they wait for one read,
 *          then are answered together (the time after the read is what the target is about)
 *   warm   10,000 more formulas once it is in memory: each answered at once, from memory
 *   edit   one row edited with the 20,000 formulas subscribed: re-read of that row, re-check,
 *          and the formulas recomputed and re-emitted
 *
 * functionsSection() (for src/bench/index.ts) runs each measurement in its own process, as the
 * other sections do: `node dist/bench/functions.js run [rows] [formulas]` prints one run as JSON.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fakeExcel } from '../excel/fake/api';
import { generatedWorkbook } from '../excel/fake/example';
import { Runtime, setSharedRuntime } from '../excel/runtime';
import { PortfolioStore } from '../excel/store';
import { fakeInvocation, FakeInvocation, installFakeCustomFunctions } from '../functions/fake';
import { nextStep } from '../functions/functions';
import { engineFor } from '../functions/launch';
import { dayFromYmd } from '../rules/dates';
import { generateSample } from '../workbook/sample';
import { sheetNames } from '../workbook/template';

const AS_OF = dayFromYmd(2026, 11, 21);
/** 2026-11-21 10:00 in China. */
const NOW = Date.UTC(2026, 10, 21, 2, 0);

export interface FunctionsFigures {
  rows: number;
  formulas: number;
  /** Workbook reads (store.reads) after the cold calls, the syncs of that read, and all Excel round trips (the read + registering the tables' change handlers). */
  reads: number;
  readSyncs: number;
  syncs: number;
  /**
   * Cold: issuing the calls but the first (they only subscribe and wait), the one read + check
   * (started by the first call), answering them all once it is done.
   */
  issueMs: number;
  readMs: number;
  answerMs: number;
  /** Warm: 10,000 more calls answered from memory. */
  warmMs: number;
  /** One edited row: total from the change event to every formula updated, and what it recomputed. */
  editMs: number;
  editRows: number;
  editComputed: number;
  editEmitted: number;
  readsAfterEdit: number;
  heapMB: number;
}

/** A full collection between phases when node runs with --expose-gc (the bench does). */
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function until(done: () => boolean): Promise<void> {
  while (!done()) await tick();
}

/** One measured run on a fresh workbook and runtime. */
export async function measureFunctions(rows = 10_000, formulas = 10_000): Promise<FunctionsFigures> {
  const restore = installFakeCustomFunctions();
  const sample = generateSample({ rows, seed: 42, asOf: AS_OF, dates: 'serial' });
  const model = generatedWorkbook(sample.headers as string[], sample.rows);
  const excel = fakeExcel(model);
  const runtime = { excel, language: 'zh-CN' } as Runtime;
  runtime.store = new PortfolioStore(excel, { defaultLanguage: () => runtime.language, debounceMs: 0, now: () => NOW });
  setSharedRuntime(runtime);
  const store = runtime.store;
  const ids = sample.rows.map((r) => String(r[0]));
  const call = (i: number): FakeInvocation<string> => {
    const invocation = fakeInvocation<string>();
    nextStep(ids[i % ids.length], invocation);
    return invocation;
  };
  try {
    // Subscribed before the functions: notified first, when the read and check are done.
    let loadedAt = 0;
    const off = store.subscribe(() => (loadedAt = performance.now()));

    // Garbage from building the 10,000-row workbook is not the functions' cost.
    gc();
    // The first formula starts the read; in the fake, the read's synchronous part runs inside it.
    const s0 = performance.now();
    const cold = [call(0)];
    const t0 = performance.now();
    for (let i = 1; i < formulas; i++) cold.push(call(i));
    const t1 = performance.now();
    await until(() => cold[cold.length - 1].results.length > 0 && cold.every((c) => c.results.length > 0));
    const t2 = performance.now();
    off();
    const reads = store.reads;
    const readSyncs = store.lastReadStats?.syncs ?? 0;
    await until(() => store.watching);
    const syncs = model.syncs.length;

    gc();
    const w0 = performance.now();
    const warm = Array.from({ length: formulas }, (_, i) => call(i));
    const w1 = performance.now();
    if (!warm.every((c) => typeof c.value === 'string')) throw new Error('a warm call was not answered at once');

    // One edit: a status typed into row 10 (worksheet row 11, the table starts at A1).
    const engine = engineFor(runtime);
    const before = { computed: engine.stats.computed, emitted: engine.stats.emitted, reads: store.reads };
    const status = store.portfolio!.headers.indexOf('注册状态');
    const updated = new Promise<number>((resolve) => {
      const stop = store.subscribe((update) => {
        stop();
        resolve(update.rows === 'all' ? rows : update.rows.length);
      });
    });
    const e0 = performance.now();
    model.userEdit(model.sheet(sheetNames('zh-CN').portfolio)!, 11, status, '驳回');
    const editRows = await updated;
    const e1 = performance.now();

    return {
      rows,
      formulas,
      reads,
      readSyncs,
      syncs,
      issueMs: t1 - t0,
      readMs: t0 - s0 + (loadedAt - t1),
      answerMs: t2 - loadedAt,
      warmMs: w1 - w0,
      editMs: e1 - e0,
      editRows,
      editComputed: engine.stats.computed - before.computed,
      editEmitted: engine.stats.emitted - before.emitted,
      readsAfterEdit: store.reads - before.reads,
      heapMB: process.memoryUsage().heapUsed / 1e6,
    };
  } finally {
    store.dispose();
    setSharedRuntime(null);
    restore();
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The benchmark section for src/bench/index.ts: median of `repeats` runs (own process each) by time after the read. */
export function functionsSection(repeats = 3): FunctionsFigures {
  const runs: FunctionsFigures[] = [];
  for (let i = 0; i < repeats; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, 'functions.js'), 'run'], { encoding: 'utf8' });
    runs.push(JSON.parse(out));
  }
  runs.sort((a, b) => a.issueMs + a.answerMs - (b.issueMs + b.answerMs));
  const f = runs[Math.floor(runs.length / 2)];
  const afterRead = f.issueMs + f.answerMs;
  console.log(`\nCustom functions: ${fmt(f.formulas)} × =LAUNCH.NEXTSTEP on a ${fmt(f.rows)}-row portfolio, faked CustomFunctions + Excel (median of ${repeats})`);
  console.log(
    `workbook reads: ${f.reads} (${f.readSyncs} sync) for all ${fmt(f.formulas)} formulas; ` +
      `Excel round trips in all: ${f.syncs} (the read, and registering the tables' change handlers)`,
  );
  console.log(`cold: calls ${fmt(f.issueMs, 1)} ms + answering after the read ${fmt(f.answerMs, 1)} ms = ${fmt(afterRead, 1)} ms (target < 200 ms), ${fmt((afterRead / f.formulas) * 1000, 2)} µs per call; the one read + check ${fmt(f.readMs)} ms`);
  console.log(`warm: ${fmt(f.formulas)} more calls answered from memory in ${fmt(f.warmMs, 1)} ms, ${fmt((f.warmMs / f.formulas) * 1000, 2)} µs per call`);
  console.log(
    `edit: one row edited with ${fmt(f.formulas * 2)} formulas subscribed: ${fmt(f.editMs, 1)} ms to every cell updated; ` +
      `${f.editRows} row(s) re-checked, ${f.editComputed} formula(s) recomputed, ${f.editEmitted} re-emitted, ${f.readsAfterEdit} read`,
  );
  console.log(`heap after: ${fmt(f.heapMB)} MB`);
  return f;
}

if (require.main === module && process.argv[2] === 'run') {
  const [rows, formulas] = [Number(process.argv[3] ?? 10_000), Number(process.argv[4] ?? 10_000)];
  measureFunctions(rows, formulas).then(
    (figures) => process.stdout.write(JSON.stringify(figures)),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
