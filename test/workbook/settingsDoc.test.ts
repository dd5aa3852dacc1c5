import * as fs from 'node:fs';
import * as path from 'node:path';
import { settingsMarkdown } from '../../src/workbook/settingsDoc';
import { SETTING_KEYS } from '../../src/rules/settings';

test('docs/settings.md is up to date with the code (run npm run docs)', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'settings.md'), 'utf8');
  expect(doc).toBe(settingsMarkdown());
  for (const key of SETTING_KEYS) expect(doc).toContain(`\`${key}\``);
});
