import { preparePortfolio } from '../workbook/check';
import { generateSample } from '../workbook/sample';
import { dayFromYmd } from '../rules/dates';
import { evaluatePortfolio, createContext } from '../rules/evaluate';
import { portfolioFindings } from '../rules/portfolio';
const asOf = dayFromYmd(2026, 11, 21);
const t = generateSample({ rows: 100000, seed: 7, asOf, dates: 'serial' });
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  const p = preparePortfolio(t, false);
  const t1 = performance.now();
  const ctx = createContext({ today: asOf });
  portfolioFindings(p.rows, ctx.settings);
  const t2 = performance.now();
  const r = evaluatePortfolio(p.rows, { today: asOf });
  const t3 = performance.now();
  console.log('read', (t1 - t0).toFixed(0), 'cross', (t2 - t1).toFixed(0), 'eval', (t3 - t2).toFixed(0), 'heapMB', (process.memoryUsage().heapUsed / 1e6).toFixed(0), r.length);
}
