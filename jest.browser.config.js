/**
 * Jest for the tests that need the production build in dist/: the task pane in Debian's Chromium
 * (test/browser, playwright-core), the manifest checked offline (test/manifest), and the built
 * custom functions metadata (test/build).
 * Run them with `npm run test:browser`, which builds dist/ once and installs Chromium when missing
 * (scripts/ensure-chromium.sh) before starting Jest with this file.
 */
const unit = require('./jest.config.js');

module.exports = {
  ...unit,
  roots: ['<rootDir>/test/browser', '<rootDir>/test/manifest', '<rootDir>/test/build'],
  testPathIgnorePatterns: ['/node_modules/'],
  // Page loads, clicks and the pane's debounced re-checks: generous per test, the suite stays under a minute.
  testTimeout: 120000,
};
