/**
 * One benchmark measurement in its own process (so peak memory is this size's own):
 * generate N rows, read them as table cells, evaluate them; print JSON timings.
 */
import { dayFromYmd } from '../rules/dates';
import { evaluatePortfolio } from '../rules/evaluate';
import { Calendar } from '../rules/calendar';
import { preparePortfolio } from '../workbook/check';
import { generateSample } from '../workbook/sample';

const rows = Number(process.argv[2]);
const asOf = dayFromYmd(2026, 11, 21);
const table = generateSample({ rows, seed: 42, asOf, dates: 'serial' });
const calendar = Calendar.create();
// Warm-up on a small slice, as a long-running task pane or CLI would be after its first rows.
evaluatePortfolio(preparePortfolio({ headers: table.headers, rows: table.rows.slice(0, 2000) }, false).rows, { today: asOf, calendar });
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const prepared = preparePortfolio(table, false);
const t1 = performance.now();
const results = evaluatePortfolio(prepared.rows, { today: asOf, calendar });
const t2 = performance.now();
const heapAfter = process.memoryUsage().heapUsed;
process.stdout.write(
  JSON.stringify({
    rows,
    readMs: t1 - t0,
    evalMs: t2 - t1,
    results: results.length,
    heapMB: (heapAfter - heapBefore) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
