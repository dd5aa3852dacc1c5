/**
 * A check in slices (LivePortfolio.check, src/workbook/slices.ts): the same results as the check
 * in one go, with the event loop run between slices and the progress moving to 1.
 */
import { dayFromYmd } from '../../src/rules/dates';
import { checkWorkbook } from '../../src/workbook/check';
import { LivePortfolio } from '../../src/workbook/live';
import { generateSample } from '../../src/workbook/sample';
import { Slices } from '../../src/workbook/slices';

const TODAY = dayFromYmd(2026, 11, 21);

test('300 rows checked one row per slice: every result as checkWorkbook gives it, other tasks ran between, progress rising to 1', async () => {
  const sample = generateSample({ rows: 300, seed: 7, asOf: TODAY, dates: 'serial' });
  const tables = () => ({ portfolio: { headers: [...sample.headers], rows: sample.rows.map((r) => [...r]) } });
  let yields = 0;
  let otherTasks = 0;
  const timer = setInterval(() => otherTasks++, 0);
  const oneRowAtATime = new Slices(0, () => 0, async () => {
    yields++;
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  const fractions: number[] = [];
  try {
    const live = await LivePortfolio.check(tables(), { today: TODAY }, oneRowAtATime, (f) => fractions.push(f));
    expect(live.outcome().results).toEqual(checkWorkbook(tables(), { today: TODAY }).results);
  } finally {
    clearInterval(timer);
  }
  expect(yields).toBeGreaterThanOrEqual(300);
  expect(otherTasks).toBeGreaterThan(0);
  expect(fractions.length).toBeGreaterThan(100);
  expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
  expect(fractions[fractions.length - 1]).toBe(1);
});

test('a slice yields only once it has run its time', async () => {
  let now = 0;
  let yields = 0;
  const slices = new Slices(30, () => now, async () => void yields++);
  now = 29;
  expect(slices.due()).toBe(false);
  now = 30;
  expect(slices.due()).toBe(true);
  await slices.next();
  expect([yields, slices.due()]).toEqual([1, false]);
});
