/**
 * What the browser tests share: Debian's Chromium through playwright-core, the production build
 * served from dist/ (server.ts), a page per test that fails on any page or console error and never
 * reaches past 127.0.0.1, screenshots into test-artifacts/, and readers for the preview grid.
 * Chromium sees only the fonts a fresh Debian machine gets (FONTS), whatever else is installed.
 *
 * `npm run test:browser` builds dist/ and installs Chromium and those fonts (scripts/ensure-chromium.sh) first.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../src/bench/paneCheck';
import { requireBuild, serveDist, type StaticServer } from './server';
export { requireBuild };

// Debian's Chromium and its flags, shared with the benchmark's pane figures.
export { CHROMIUM, CHROMIUM_ARGS };
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/browser');

/**
 * Production builds load office.js from Microsoft's CDN (webpack.config.js). The tests block it like
 * every request past 127.0.0.1, so the page falls back to its local copy (boot.js): that one request,
 * and the console's "Failed to load resource" for it, are expected and kept apart from `blocked` and
 * `errors` (in `officeJsCdn`).
 */
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The example workbook's Settings fix "today" (asOf). */
export const EXAMPLE_TODAY = '2026-11-21';

/**
 * The fonts the pane is tested with: what a fresh Debian machine has once scripts/ensure-chromium.sh
 * ran — DejaVu (fonts-dejavu-core, which fontconfig itself pulls in) for Latin text, Noto CJK
 * (fonts-noto-cjk) for Chinese. Neither Segoe UI nor Microsoft YaHei, which Fluent asks for first,
 * is there, so English renders in DejaVu Sans, wider than Segoe UI: a layout that fits with these
 * fits anywhere. Chromium is shown these files and no other (fontsConfig), so the tests measure
 * the same widths on every machine, whatever else it has installed (LibreOffice's fonts, Liberation…).
 */
export const FONTS = {
  latin: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf'].map(
    (file) => `/usr/share/fonts/truetype/dejavu/${file}`,
  ),
  cjk: ['NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc'].map((file) => `/usr/share/fonts/opentype/noto/${file}`),
};

/**
 * A fontconfig file for Chromium (FONTCONFIG_FILE): the system's configuration (directories,
 * aliases such as sans-serif → DejaVu Sans and zh → Noto Sans CJK SC), with every font file
 * rejected but FONTS (and Noto's serif CJK, which fonts-noto-cjk also installs).
 */
export function fontsConfig(): string {
  const missing = [...FONTS.latin, ...FONTS.cjk].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`fonts missing: ${missing.join(', ')}: run \`sh scripts/ensure-chromium.sh\` (npm run test:browser does)`);
  }
  // fontconfig filters the directories it walks with the same globs: accept the ones leading to the files.
  const directories = new Set<string>();
  for (const file of [...FONTS.latin, ...FONTS.cjk]) {
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) directories.add(dir);
  }
  const accept = [...directories, ...FONTS.latin, '/usr/share/fonts/opentype/noto/Noto*CJK*']
    .map((glob) => `      <glob>${glob}</glob>`)
    .join('\n');
  const file = path.join(tmpdir(), 'launch-tracker-fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="no">/etc/fonts/fonts.conf</include>
  <selectfont>
    <acceptfont>
${accept}
    </acceptfont>
    <rejectfont><glob>*</glob></rejectfont>
  </selectfont>
</fontconfig>
`,
  );
  return file;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`sh scripts/ensure-chromium.sh\` (npm run test:browser does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, FONTCONFIG_FILE: fontsConfig() },
  });
}

/** The fonts Chromium used for the text inside an element, most glyphs first (DevTools' "Rendered Fonts"). */
export async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const glyphs = new Map<string, number>();
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const font of fonts) glyphs.set(font.familyName, (glyphs.get(font.familyName) ?? 0) + font.glyphCount);
    }
    return [...glyphs].sort((a, b) => b[1] - a[1]).map(([family]) => family);
  } finally {
    await cdp.detach();
  }
}

export interface Pane {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions, console errors and failed local requests: every test expects none. */
  errors: string[];
  /** Requests that tried to leave 127.0.0.1 (aborted), but office.js from the CDN. */
  blocked: string[];
  /** Requests for office.js from Microsoft's CDN (aborted: the page then loads its local copy). */
  officeJsCdn: string[];
  close(): Promise<void>;
}

export interface PaneOptions {
  viewport?: { width: number; height: number };
  /** Playwright's userAgent option (e.g. Internet Explorer 11's). */
  userAgent?: string;
  /** Wait for preview mode (the commands and the example workbook); default true. */
  waitForPreview?: boolean;
}

/** A fresh browser context (so a fresh in-memory workbook) on taskpane.html, ready to click. */
export async function openPane(
  browser: Browser,
  baseUrl: string,
  viewportOrOptions: { width: number; height: number } | PaneOptions = {},
  path = 'taskpane.html',
): Promise<Pane> {
  const options: PaneOptions = 'width' in viewportOrOptions ? { viewport: viewportOrOptions as { width: number; height: number } } : viewportOrOptions;
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  // A user in China: the pane's "written at" time then reads like the sheet's 检查时间 (China time).
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  context.setDefaultTimeout(10_000);
  const errors: string[] = [];
  const blocked: string[] = [];
  const officeJsCdn: string[] = [];
  const local = new URL(baseUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${local}/`)) return route.continue();
    (url === OFFICE_JS_CDN ? officeJsCdn : blocked).push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.location().url === OFFICE_JS_CDN && /Failed to load resource/.test(message.text())) return; // the blocked CDN request
    errors.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    if (request.url().startsWith(`${local}/`)) errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(`${baseUrl}${path}`);
  if (options.waitForPreview !== false) {
    // Preview mode is ready when the commands and the example workbook show.
    await page.getByTestId('check-portfolio').waitFor();
    await page.getByTestId('preview-grid').waitFor();
  }
  return { context, page, errors, blocked, officeJsCdn, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Retries an assertion until it passes or the time is up (the pane updates asynchronously). */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent()) ?? '';
}

/**
 * The preview grid's active sheet as a user sees it: the sheet name and its rows by worksheet row
 * (cell texts by column). The grid renders only the rows and columns in view (virtualized), so
 * this scrolls it across the whole sheet, a screen at a time, reading what each screen shows,
 * and scrolls it back to where it was. A sheet of a few thousand rows takes a while: read a far
 * row with gridRow() instead.
 */
export async function sheet(page: Page): Promise<{ name: string; rows: Map<number, string[]> }> {
  const { name, rows } = await page.evaluate(async () => {
    // The next frame drawn, or a second gone without one: a renderer that draws nothing is not waited for forever.
    const frame = () => new Promise((resolve) => (requestAnimationFrame(() => setTimeout(resolve, 0)), setTimeout(resolve, 1000)));
    const table = document.querySelector<HTMLTableElement>('[data-testid="preview-grid"] table[data-sheet]');
    const scroller = document.querySelector<HTMLElement>('[data-testid="preview-scroller"]');
    const out = new Map<number, string[]>();
    if (!table || !scroller) return { name: table?.dataset.sheet ?? '', rows: [] as [number, string[]][] };
    const columns = Number(table.getAttribute('aria-colcount')) - 1;
    const read = () => {
      for (const td of table.querySelectorAll<HTMLElement>('td[aria-colindex]')) {
        const row = Number(td.closest('tr')!.dataset.row);
        const line = out.get(row) ?? new Array<string>(columns).fill('');
        line[Number(td.getAttribute('aria-colindex')) - 2] = td.textContent ?? '';
        out.set(row, line);
      }
    };
    const head = table.querySelector('thead')!.getBoundingClientRect().height;
    const rowHeader = table.querySelector('tbody th, thead th')!.getBoundingClientRect().width;
    const [top, left] = [scroller.scrollTop, scroller.scrollLeft];
    // A screen at a time, less what stays pinned; never less than a quarter screen (a layout
    // caught mid-render, its header as tall as the view, stepped 1 px at a time for minutes).
    const step = (client: number, pinned: number) => Math.max(client - pinned, client / 4, 20);
    const deadline = Date.now() + 30_000;
    for (let y = 0; ; y += step(scroller.clientHeight, head)) {
      for (let x = 0; ; x += step(scroller.clientWidth, rowHeader)) {
        if (Date.now() > deadline) {
          throw new Error(`sheet(): the grid was not read in 30 s (at ${x},${y} of ${scroller.scrollWidth}x${scroller.scrollHeight}, view ${scroller.clientWidth}x${scroller.clientHeight}, header ${head}, row header ${rowHeader})`);
        }
        scroller.scrollTo({ top: y, left: x });
        await frame();
        await frame();
        read();
        if (x + scroller.clientWidth >= scroller.scrollWidth) break;
      }
      if (y + scroller.clientHeight >= scroller.scrollHeight) break;
    }
    scroller.scrollTo({ top, left });
    await frame();
    return { name: table.dataset.sheet ?? '', rows: [...out] };
  });
  return { name, rows: new Map(rows) };
}

/** One row of the grid as rendered now (it must be in view or pinned): its cell texts by column, or null. */
export async function gridRow(page: Page, row: number): Promise<string[] | null> {
  return page.evaluate((row) => {
    const tr = document.querySelector<HTMLElement>(`[data-testid="preview-grid"] tr[data-row="${row}"]`);
    if (!tr) return null;
    const line: string[] = [];
    for (const td of tr.querySelectorAll<HTMLElement>('td[aria-colindex]')) line[Number(td.getAttribute('aria-colindex')) - 2] = td.textContent ?? '';
    return line;
  }, row);
}

/** Reads the Portfolio sheet of the grid by header: cell(row, '下一步'). */
export async function portfolio(page: Page) {
  const { name, rows } = await sheet(page);
  const headers = rows.get(0) ?? [];
  const column = (header: string) => {
    const c = headers.indexOf(header);
    if (c < 0) throw new Error(`no column ${header} in sheet ${name}: ${headers.join(', ')}`);
    return c;
  };
  return {
    name,
    headers,
    rows,
    column,
    /** Worksheet rows 1… (the data rows). */
    dataRows: [...rows.keys()].filter((r) => r > 0),
    cell: (row: number, header: string) => rows.get(row)?.[column(header)] ?? '',
  };
}

/** The sheet tabs above the grid, in order. */
export async function sheetTabs(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="preview-sheet-"]').evaluateAll((tabs) => tabs.map((t) => (t as HTMLElement).dataset.testid!.replace('preview-sheet-', '')));
}

/**
 * Scrolls the grid (not the page) until a cell is rendered and in the middle of the view, as a user
 * scrolls to it: down to its row (every row has the same height), then across the columns.
 */
export async function revealCell(page: Page, row: number, column: number): Promise<void> {
  const found = await page.evaluate(
    async ({ row, column }) => {
      // As in sheet(): the next frame, or a second.
      const frame = () => new Promise((resolve) => (requestAnimationFrame(() => setTimeout(resolve, 0)), setTimeout(resolve, 1000)));
      const scroller = document.querySelector<HTMLElement>('[data-testid="preview-scroller"]')!;
      const find = () => document.querySelector<HTMLElement>(`[data-testid="preview-cell-${row}-${column}"]`);
      const frozen = scroller.querySelectorAll('thead tr[data-row]').length;
      const height = scroller.querySelector('tr[data-row]')!.getBoundingClientRect().height;
      scroller.scrollTo({ top: Math.max(0, (row - frozen) * height - scroller.clientHeight / 2) });
      await frame();
      for (let x = 0; !find() && x < scroller.scrollWidth; x += Math.max(scroller.clientWidth / 2, 20)) {
        scroller.scrollTo({ left: x });
        await frame();
      }
      find()?.scrollIntoView({ block: 'center', inline: 'center' });
      window.scrollTo(0, 0);
      await frame();
      return find() !== null;
    },
    { row, column },
  );
  if (!found) throw new Error(`no cell ${row}-${column} in the grid`);
}

/** Types into a grid cell as a user would: scroll to it, double-click, type, Enter. */
export async function editCell(page: Page, row: number, column: number, value: string): Promise<void> {
  await revealCell(page, row, column);
  await page.getByTestId(`preview-cell-${row}-${column}`).dblclick();
  const editor = page.getByTestId('preview-cell-editor');
  await editor.fill(value);
  await editor.press('Enter');
  await editor.waitFor({ state: 'detached' });
}

export const SEVERITY_ORDER = ['critical', 'error', 'warning', 'info', 'ok'] as const;
export const COUNT_IDS = [...SEVERITY_ORDER, 'overdue', 'due7'] as const;

export async function counts(page: Page): Promise<Record<(typeof COUNT_IDS)[number], number>> {
  const out = {} as Record<(typeof COUNT_IDS)[number], number>;
  for (const id of COUNT_IDS) out[id] = Number(await text(page, `count-${id}`));
  return out;
}

/** One file's browser tests: the production build served and Chromium launched once, and the pane of the running test. */
export interface BrowserSuite {
  readonly browser: Browser;
  /** The served build's address, ending in "/". */
  readonly url: string;
  /** The pane the running test opened: closed (and checked, when the suite is strict) after it. */
  pane: Pane | null;
}

/**
 * The hooks every browser test file shares. After all its tests, every file the pages asked for
 * must have been in the build (no 404s). `strict`: after each test, the pane had no page or console
 * error, and nothing tried to leave 127.0.0.1 but office.js's own telemetry iframe (outside Office,
 * after ~3 s); the pane itself never does.
 */
export function browserSuite(options: { strict: boolean }): BrowserSuite {
  let server: StaticServer | null = null;
  let browser: Browser | null = null;
  const suite = {
    get browser(): Browser {
      return browser!;
    },
    get url(): string {
      return server!.url;
    },
    pane: null as Pane | null,
  };
  beforeAll(async () => {
    requireBuild();
    server = await serveDist();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(server?.missing ?? []).toEqual([]);
  });
  afterEach(async () => {
    const opened = suite.pane;
    suite.pane = null;
    if (!opened) return;
    await opened.close();
    if (!options.strict) return;
    expect(opened.errors).toEqual([]);
    expect(opened.blocked.filter((url) => !/telemetry/i.test(url))).toEqual([]);
  });
  return suite;
}
