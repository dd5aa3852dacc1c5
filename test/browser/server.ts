/**
 * The browser tests' static server over dist/ (src/bench/staticServer.ts, shared with the
 * benchmark), and the check that dist/ holds a production build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveDist as serve, type StaticServer } from '../../src/bench/staticServer';

export { contentType, type StaticServer } from '../../src/bench/staticServer';

export const DIST = path.resolve(__dirname, '../../dist');

/** dist/ must hold a production build: `npm run test:browser` makes one before running these tests. */
export function requireBuild(files: string[] = ['taskpane.html', 'taskpane.js', 'functions.json', 'manifest.xml']): void {
  const missing = files.filter((f) => !existsSync(path.join(DIST, f)));
  if (missing.length > 0) {
    throw new Error(`dist/ has no production build (missing ${missing.join(', ')}): run \`npm run test:browser\`, which builds first`);
  }
}

export function serveDist(root: string = DIST): Promise<StaticServer> {
  return serve(root);
}
