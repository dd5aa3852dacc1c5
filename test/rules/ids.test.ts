/** The rule IDs of the code are those of rules.md, and every one has a message in both languages. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../src/rules/types';
import { catalogFor } from '../../src/rules/i18n';

const SPEC = path.join(__dirname, '..', '..', '..', 'shared', 'spec', 'rules.md');

test('every rule ID has a Chinese and an English message', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    expect(Object.keys(catalogFor(lang).finding).sort()).toEqual([...RULE_IDS].sort());
  }
});

// The spec lives beside the repository in the development workspace, not in a clone.
(fs.existsSync(SPEC) ? test : test.skip)('RULE_IDS are exactly the bold rule IDs of rules.md (ETA is a term, not a rule)', () => {
  const spec = fs.readFileSync(SPEC, 'utf8');
  const ids = new Set([...spec.matchAll(/\*\*([A-Z]+(?:-[A-Z0-9]+)+)\*\*/g)].map((m) => m[1]));
  ids.delete('ETA');
  expect([...RULE_IDS].sort()).toEqual([...ids].sort());
});
