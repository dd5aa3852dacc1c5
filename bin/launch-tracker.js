#!/usr/bin/env node
// The command line, compiled from src/cli by `npm run build:cli` (run by `npm ci` through `prepare`).
'use strict';
const { main } = require('../dist/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`launch-tracker: unexpected error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
