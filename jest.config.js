/**
 * Jest: TypeScript through @swc/jest (fast, no type check; `npm run typecheck` does that).
 * The unit tests: everything under test/ except the browser and manifest tests, which need a
 * production build and Chromium (jest.browser.config.js, `npm run test:browser`).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/', '<rootDir>/test/manifest/', '<rootDir>/test/build/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', transform: { react: { runtime: 'automatic' } } } }] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testTimeout: 60000,
};
