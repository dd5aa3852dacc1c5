/** The rule IDs of the code are those of rules.md (messages in both languages: i18n.test.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../src/rules/types';
import { SPEC_RULE_IDS } from './helpers';

const SPEC = path.join(__dirname, '..', '..', '..', 'shared', 'spec', 'rules.md');

// SPEC_RULE_IDS is written out from rules.md by hand, apart from the code: the two must agree.
test('RULE_IDS of the code are the rule IDs of rules.md', () => {
  expect([...RULE_IDS].sort()).toEqual([...SPEC_RULE_IDS].sort());
});

// The spec lives beside the repository in the development workspace, not in a clone.
(fs.existsSync(SPEC) ? test : test.skip)('RULE_IDS are exactly the bold rule IDs of rules.md (ETA is a term, not a rule)', () => {
  const spec = fs.readFileSync(SPEC, 'utf8');
  const ids = new Set([...spec.matchAll(/\*\*([A-Z]+(?:-[A-Z0-9]+)+)\*\*/g)].map((m) => m[1]));
  ids.delete('ETA');
  expect([...RULE_IDS].sort()).toEqual([...ids].sort());
});
