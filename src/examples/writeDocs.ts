/** `npm run docs`: regenerate docs/settings.md from the code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { settingsMarkdown } from '../workbook/settingsDoc';

const out = path.join(__dirname, '..', '..', 'docs', 'settings.md');
fs.writeFileSync(out, settingsMarkdown());
process.stdout.write(`wrote ${out}\n`);
