/**
 * Writes examples/portfolio.xlsx from src/examples/portfolio.ts.
 * Run with `npm run build:example` after changing the example rows.
 */
import * as path from 'node:path';
import { writeNewWorkbook } from '../cli/xlsx/newWorkbook';
import { EXAMPLE_AS_OF, EXAMPLE_HOLIDAYS, EXAMPLE_MATERIALS, EXAMPLE_NOTE_HEADER, EXAMPLE_ROWS, EXAMPLE_SETTINGS, exampleTable } from './portfolio';

async function build(): Promise<void> {
  const out = path.join(__dirname, '..', '..', 'examples', 'portfolio.xlsx');
  const table = exampleTable();
  await writeNewWorkbook(
    out,
    'zh-CN',
    {
      portfolio: table.rows,
      userColumns: [EXAMPLE_NOTE_HEADER],
      settings: EXAMPLE_SETTINGS,
      holidays: EXAMPLE_HOLIDAYS,
      materials: EXAMPLE_MATERIALS,
    },
    // A fixed creation time: rebuilding the example changes its bytes only when its content changes.
    { created: new Date(`${EXAMPLE_AS_OF}T00:00:00Z`) },
  );
  process.stdout.write(`wrote ${out} (${EXAMPLE_ROWS.length} rows)\n`);
}

build().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
