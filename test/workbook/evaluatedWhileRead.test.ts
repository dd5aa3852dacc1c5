/**
 * The command line evaluates each row as it is read (PortfolioEvaluation, while a worker thread
 * reads the rest of the sheet), then the rows the rules across rows have a finding for again:
 * the outcome must be checkPrepared's, row for row, whatever order the rows come in.
 */
import { fromIso } from '../../src/rules/dates';
import { PortfolioEvaluation } from '../../src/rules/evaluate';
import { checkEvaluated, checkPrepared, evaluationOptions, PortfolioRows, setUpCheck } from '../../src/workbook/check';
import { generateSample } from '../../src/workbook/sample';

const asOf = fromIso('2026-11-21')!;

/** A sample portfolio without its 名称状态 and 类目状态 columns (those steps are then absent, inferred). */
function sample(rows: number) {
  const table = generateSample({ rows, seed: 11, asOf });
  const drop = new Set(['名称状态', '类目状态'].map((h) => table.headers.indexOf(h)));
  expect(drop.has(-1)).toBe(false);
  const keep = (cells: readonly unknown[]) => cells.filter((_, j) => !drop.has(j));
  return { headers: keep(table.headers) as string[], rows: table.rows.map((r) => keep(r)) as typeof table.rows };
}

test('rows evaluated as they come, in any order, give the results of the check after the read', () => {
  const table = sample(900);
  const setup = setUpCheck({ portfolio: table }, { today: asOf });
  const reader = new PortfolioRows(table.headers, false);
  const evaluation = new PortfolioEvaluation(evaluationOptions(setup));
  // Out of order, as two reading threads hand them over; a blank row keeps its place.
  const order = table.rows.map((_, i) => i).sort((a, b) => ((a * 7919) % 901) - ((b * 7919) % 901));
  for (const i of order) {
    const row = reader.addAt(i, i === 17 ? table.rows[i].map(() => null) : table.rows[i]);
    if (row) evaluation.add(row);
  }
  const prepared = reader.done();
  const expected = checkPrepared(prepared, setup);
  const got = checkEvaluated(prepared, setup, evaluation);

  expect(got.results[17]).toBeNull();
  expect(JSON.stringify(got.results)).toBe(JSON.stringify(expected.results));
  expect(got.problems).toEqual(expected.problems);
  // What makes this a test of the second pass: rows with findings only the rules across rows
  // give, and rows with absent steps.
  const rules = (r: (typeof got.results)[number]) => r?.findings.map((f) => f.rule) ?? [];
  expect(got.results.filter((r) => rules(r).includes('REG-LIMIT-SUBJECT')).length).toBeGreaterThan(0);
  expect(prepared.rows.every((r) => r.absent.size > 0)).toBe(true);
});
