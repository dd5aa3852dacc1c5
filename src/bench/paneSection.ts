/**
 * `npm run bench`'s pane figures: "Check portfolio" in the production build in Chromium
 * (preview mode, 5,000 and 50,000 generated rows), with the long tasks on the main thread
 * (paneCheck.ts). Needs `npm run build` in dist/ and Debian's Chromium; without either the
 * section says why in one line.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, measurePaneCheck, PaneCheckFigures } from './paneCheck';
import { serveDist } from './staticServer';

const DIST = path.join(__dirname, '..');
const SIZES = [5_000, 50_000];

async function measure(baseUrl: string, rows: number): Promise<PaneCheckFigures> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // Nothing past 127.0.0.1: office.js from the CDN is refused and the page loads its local copy (preview mode).
    await context.route('**/*', (route) => (route.request().url().startsWith(baseUrl) ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    await page.goto(`${baseUrl}taskpane.html?rows=${rows}`);
    await page.getByTestId('check-portfolio').waitFor({ timeout: 120_000 });
    await page.getByTestId('preview-grid').waitFor({ timeout: 120_000 });
    return await measurePaneCheck(page);
  } finally {
    await browser.close();
  }
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export async function paneSection(): Promise<void> {
  console.log('\nTask pane in Chromium (production build, preview mode ?rows=N): Check portfolio, long tasks (> 50 ms) on the main thread');
  if (!existsSync(path.join(DIST, 'taskpane.html'))) return console.log('  skipped: dist/taskpane.html missing (run npm run build)');
  if (!existsSync(CHROMIUM)) return console.log(`  skipped: ${CHROMIUM} missing (sh scripts/ensure-chromium.sh installs it)`);
  const server = await serveDist(DIST);
  try {
    const widths = [10, 10, 12, 10, 12, 10, 10, 9];
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(['rows', 'check ms', 'longest ms', 'long tasks', 'in them ms', 'progress', 'list rows', 'heap MB']));
    for (const rows of SIZES) {
      const f = await measure(server.url, rows);
      console.log(line([fmt(f.rows), fmt(f.checkMs), fmt(f.longestTaskMs), String(f.longTasks), fmt(f.longTaskTotalMs), String(f.progress.length), fmt(f.attentionRowsRendered), fmt(f.heapMB, 1)]));
    }
    console.log('(target: no task over 200 ms at 5,000 rows; progress: distinct texts the progress bar showed; list rows: attention rows in the DOM)');
  } finally {
    await server.close();
  }
}
